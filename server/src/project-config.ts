// Project configuration, read alike by the CLI and the language server: `.vpce-lens.yaml|yml|json`
// (regions, rule severities, ignores, policy files) and, for regions only, a `.cfnlintrc` beside it —
// users of cfn-lint already say their regions there. The nearest file walking up from the linted file
// wins.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { EngineSettings, SeveritySetting } from './core/settings.js';
import { matchesAny } from './core/util/glob.js';

export const CONFIG_NAMES = ['.vpce-lens.yaml', '.vpce-lens.yml', '.vpce-lens.json'];
const CFNLINT_NAMES = ['.cfnlintrc', '.cfnlintrc.yaml', '.cfnlintrc.yml', '.cfnlintrc.json'];
const LEVELS = new Set(['error', 'warning', 'info', 'off']);
const KNOWN = ['regions', 'rules', 'ignore', 'policyFiles', 'policyServices'];

export class ConfigError extends Error {}

export interface LoadedConfig {
  settings: Partial<EngineSettings>;
  file?: string;
  /** Globs of standalone endpoint-policy files. */
  policyFiles?: string[];
  /** Glob → IAM service prefix of the policy files it matches. */
  policyServices?: Record<string, string>;
}

const cache = new Map<string, LoadedConfig>();

export function configFor(file: string): LoadedConfig {
  const dir = dirname(resolve(file));
  const hit = cache.get(dir);
  if (hit) return hit;
  let loaded: LoadedConfig = { settings: {} };
  const ours = findUp(dir, CONFIG_NAMES);
  if (ours) loaded = { ...readConfig(ours), file: ours };
  if (!loaded.settings.regions?.length) {
    const cfnlint = findUp(dir, CFNLINT_NAMES);
    if (cfnlint) {
      const regions = readCfnLintRegions(cfnlint);
      if (regions.length) loaded = { ...loaded, settings: { ...loaded.settings, regions } };
    }
  }
  cache.set(dir, loaded);
  return loaded;
}

/** The service a standalone policy file is for, by the first of the file's policyServices globs it matches. */
export function policyServiceFor(path: string, config: LoadedConfig | undefined): string | undefined {
  return Object.entries(config?.policyServices ?? {}).find(([glob]) => matchesAny(path, [glob]))?.[1];
}

/** A configuration file changed (the language server watches them): read them all again. */
export function forgetProjectConfigs(): void {
  cache.clear();
}

function findUp(dir: string, names: string[]): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    for (const n of names) if (existsSync(join(d, n))) return join(d, n);
    if (dirname(d) === d) return undefined;
  }
}

export function readConfig(file: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read configuration: ${(err as Error).message.split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) return { settings: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a mapping with regions, rules or ignore`);
  const obj = raw as Record<string, unknown>;
  const out: Partial<EngineSettings> = {};
  if (obj.regions !== undefined) out.regions = stringList(file, 'regions', obj.regions);
  const rules: Record<string, SeveritySetting> = {};
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null) throw new ConfigError(`${file}: rules must map rule ids to error, warning, info or off`);
    for (const [id, level] of Object.entries(obj.rules)) {
      const l = level === false ? 'off' : String(level);
      if (!LEVELS.has(l)) throw new ConfigError(`${file}: rules.${id} must be error, warning, info or off (got ${String(level)})`);
      rules[id] = l as SeveritySetting;
    }
  }
  if (obj.ignore !== undefined) for (const id of stringList(file, 'ignore', obj.ignore)) rules[id] = 'off';
  out.rules = rules;
  const loaded: LoadedConfig = { settings: out };
  if (obj.policyFiles !== undefined) loaded.policyFiles = stringList(file, 'policyFiles', obj.policyFiles);
  if (obj.policyServices !== undefined) {
    const m = obj.policyServices;
    if (typeof m !== 'object' || m === null || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) throw new ConfigError(`${file}: policyServices must map globs to service names (s3, ssm, ...)`);
    loaded.policyServices = m as Record<string, string>;
  }
  for (const key of Object.keys(obj)) if (!KNOWN.includes(key)) throw new ConfigError(`${file}: unknown setting ${key} (expected ${KNOWN.join(', ')})`);
  return loaded;
}

function readCfnLintRegions(file: string): string[] {
  try {
    const raw = parse(readFileSync(file, 'utf8')) as { regions?: unknown } | null;
    const r = raw?.regions;
    return Array.isArray(r) ? r.map(String) : typeof r === 'string' ? [r] : [];
  } catch {
    return []; // cfn-lint's file is cfn-lint's business; a broken one is not ours to report
  }
}

function stringList(file: string, key: string, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new ConfigError(`${file}: ${key} must be a list of strings`);
}
