// Project configuration, read alike by the CLI and the language server: `.vpce-lens.yaml|yml|json`
// (regions, rule severities, ignores, policy files, the size limit) and, for regions only, a
// `.cfnlintrc` beside it — users of cfn-lint already say their regions there. The nearest file walking
// up from the linted file wins; the walk stops at the root (the editor: the workspace folder; the CLI:
// the repository, the nearest folder with .git), and a configuration file that is a symbolic link out
// of the root is not read: a repository cannot make the tool read files outside itself.

import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { yaml } from './core/document/yaml-lib.js';
import type { EngineSettings, SeveritySetting } from './core/settings.js';
import { compileGlob, GlobError } from './core/util/glob.js';
import { rules as ruleRegistry } from './core/rules/index.js';
import { MAX_CONFIG_SIZE, MB, readInput } from './read-input.js';

export const CONFIG_NAMES = ['.vpce-lens.yaml', '.vpce-lens.yml', '.vpce-lens.json'];
const CFNLINT_NAMES = ['.cfnlintrc', '.cfnlintrc.yaml', '.cfnlintrc.yml', '.cfnlintrc.json'];
const LEVELS = new Set(['error', 'warning', 'info', 'off']);
const KNOWN = ['regions', 'rules', 'ignore', 'policyFiles', 'policyServices', 'maxFileSize'];
const RULE_IDS = new Set(ruleRegistry.map((r) => r.meta.id));

export class ConfigError extends Error {}

export interface LoadedConfig {
  settings: Partial<EngineSettings>;
  file?: string;
  /** Globs of standalone endpoint-policy files. */
  policyFiles?: string[];
  /** Glob → IAM service prefix of the policy files it matches, in the file's order. */
  policyServices?: [string, string][];
  /** Bytes: larger files get a finding instead of a check (the CLI). */
  maxFileSize?: number;
  /** One line each, naming the file and key: entries that were ignored. */
  warnings?: string[];
}

const cache = new Map<string, LoadedConfig>();

/**
 * The configuration for a file. `root`: where the search stops (a workspace folder); by default the
 * repository root, the nearest folder holding .git (without one, the file system's root).
 */
export function configFor(file: string, root?: string): LoadedConfig {
  const dir = dirname(resolve(file));
  const top = root ? resolve(root) : repositoryRoot(dir);
  const cacheKey = `${top}\u0000${dir}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  let loaded: LoadedConfig = { settings: {} };
  const ours = findUp(dir, top, CONFIG_NAMES);
  if (ours) loaded = { ...readConfig(ours), file: ours };
  if (!loaded.settings.regions?.length) {
    const cfnlint = findUp(dir, top, CFNLINT_NAMES);
    if (cfnlint) {
      const regions = readCfnLintRegions(cfnlint);
      if (regions.length) loaded = { ...loaded, settings: { ...loaded.settings, regions } };
    }
  }
  cache.set(cacheKey, loaded);
  return loaded;
}

/** The service a standalone policy file is for, by the first of the file's policyServices globs it matches. */
export function policyServiceFor(path: string, config: LoadedConfig | undefined): string | undefined {
  return config?.policyServices?.find(([glob]) => matchesGlob(path, glob))?.[1];
}

function matchesGlob(path: string, glob: string): boolean {
  return compileGlob(glob)(glob.includes('/') ? path : (path.split('/').pop() ?? path));
}

/** A configuration file changed (the language server watches them): read them all again. */
export function forgetProjectConfigs(): void {
  cache.clear();
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function exists(p: string): boolean {
  try {
    // Most names looked for are not there: no exception (and its stack trace) for each of them.
    return lstatSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function repositoryRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (exists(join(d, '.git'))) return d;
    if (dirname(d) === d) return d; // no repository: up to the file system's root, as cfn-lint looks
  }
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

function findUp(dir: string, root: string, names: string[]): string | undefined {
  if (!inside(dir, root)) return undefined;
  for (let d = dir; ; d = dirname(d)) {
    for (const n of names) {
      const p = join(d, n);
      if (!exists(p)) continue;
      // Where it really is: the file, or a folder on the way to it, may be a link out of the root.
      let target: string;
      try {
        target = realpathSync(p);
      } catch {
        throw new ConfigError(`${p}: symbolic link to nothing`);
      }
      if (!inside(target, realRoot(root))) throw new ConfigError(`${p}: symbolic link to ${target}, outside ${root}; not read`);
      return p;
    }
    if (d === root || dirname(d) === d) return undefined;
  }
}

function readText(file: string): string {
  const read = readInput(file, MAX_CONFIG_SIZE);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'too-large') throw new ConfigError(`${file}: over ${MAX_CONFIG_SIZE / MB} MB, not a configuration file; not read`);
  throw new ConfigError(`${file}: cannot read configuration: ${read.reason}`);
}

/** YAML (or JSON) without the yaml library's multi-line console warnings: its problems become one line each. */
function parseYaml(file: string, text: string): { value: unknown; warnings: string[] } {
  const doc = yaml().parseDocument(text, { logLevel: 'silent', prettyErrors: false, uniqueKeys: false });
  const firstLine = (m: string) => m.split('\n')[0]!.trim();
  if (doc.errors.length) throw new ConfigError(`${file}: cannot read configuration: ${firstLine(doc.errors[0]!.message)}`);
  const warnings = doc.warnings.map((w) => `${file}: ${firstLine(w.message)}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigError(`${file}: cannot read configuration: ${firstLine((err as Error).message)}`);
  }
  return { value, warnings };
}

export function readConfig(file: string): LoadedConfig {
  const { value: raw, warnings } = parseYaml(file, readText(file));
  if (raw === null || raw === undefined) return { settings: {}, warnings };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a mapping with regions, rules or ignore`);
  const obj = raw as Record<string, unknown>;
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);
  const out: Partial<EngineSettings> = {};
  if (own('regions') !== undefined) out.regions = stringList(file, 'regions', own('regions'));
  // No prototype: a rule id is looked up as data, whatever the user wrote.
  const rules: Record<string, SeveritySetting> = Object.create(null);
  const ruleId = (key: string, id: string): string | undefined => {
    const upper = id.toUpperCase();
    if (RULE_IDS.has(upper)) return upper;
    warnings.push(`${file}: ${key}: unknown rule id ${id} (rule ids look like VPCE1002: vpce-lens --rules lists them); ignored`);
    return undefined;
  };
  const rulesValue = own('rules');
  if (rulesValue !== undefined && rulesValue !== null) {
    if (typeof rulesValue !== 'object' || Array.isArray(rulesValue)) throw new ConfigError(`${file}: rules must map rule ids to error, warning, info or off`);
    for (const [key, level] of Object.entries(rulesValue)) {
      const l = level === false ? 'off' : String(level).toLowerCase();
      const id = ruleId(`rules.${key}`, key);
      if (!id) continue;
      if (!LEVELS.has(l)) {
        warnings.push(`${file}: rules.${key}: unknown severity ${String(level)} (error, warning, info or off); ignored`);
        continue;
      }
      rules[id] = l as SeveritySetting;
    }
  }
  if (own('ignore') !== undefined) {
    for (const entry of stringList(file, 'ignore', own('ignore'))) {
      const id = ruleId('ignore', entry);
      if (id) rules[id] = 'off';
    }
  }
  out.rules = rules;
  const loaded: LoadedConfig = { settings: out, warnings };
  if (own('policyFiles') !== undefined) loaded.policyFiles = stringList(file, 'policyFiles', own('policyFiles')).map((g) => checkedGlob(file, 'policyFiles', g));
  const services = own('policyServices');
  if (services !== undefined) {
    if (typeof services !== 'object' || services === null || Array.isArray(services) || Object.values(services).some((v) => typeof v !== 'string')) {
      throw new ConfigError(`${file}: policyServices must map globs to service names (s3, ssm, ...)`);
    }
    loaded.policyServices = Object.entries(services as Record<string, string>).map(([glob, service]) => [checkedGlob(file, 'policyServices', glob), service]);
  }
  const size = own('maxFileSize');
  if (size !== undefined) {
    if (typeof size !== 'number' || !(size > 0)) throw new ConfigError(`${file}: maxFileSize must be a size in MB, such as 20`);
    loaded.maxFileSize = Math.floor(size * MB);
  }
  for (const key of Object.keys(obj)) if (!KNOWN.includes(key)) throw new ConfigError(`${file}: unknown setting ${key} (expected ${KNOWN.join(', ')})`);
  return loaded;
}

function checkedGlob(file: string, key: string, glob: string): string {
  try {
    compileGlob(glob);
  } catch (e) {
    if (e instanceof GlobError) throw new ConfigError(`${file}: ${key}: ${e.message}`);
    throw e;
  }
  return glob;
}

function readCfnLintRegions(file: string): string[] {
  const text = readText(file); // unreadable (a FIFO, /dev/zero, too large) is ours to report
  try {
    const raw = yaml().parseDocument(text, { logLevel: 'silent' }).toJS({ maxAliasCount: 100 }) as { regions?: unknown } | null;
    const r = raw && typeof raw === 'object' && Object.prototype.hasOwnProperty.call(raw, 'regions') ? raw.regions : undefined;
    return Array.isArray(r) ? r.map(String) : typeof r === 'string' ? [r] : [];
  } catch {
    return []; // what cfn-lint's file says is cfn-lint's business; a broken one is not ours to report
  }
}

function stringList(file: string, key: string, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new ConfigError(`${file}: ${key} must be a list of strings`);
}
