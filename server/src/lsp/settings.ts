// Settings per document: pulled from the client with `workspace/configuration` (scoped to the
// document, so folder settings apply), cached per document, forgotten when the configuration changes.
// Clients that cannot answer configuration requests send them in initializationOptions.vpceLens and push
// changes with didChangeConfiguration ({settings: {vpceLens: ...}}) instead.

import type { EngineSettings, SeveritySetting } from '../core/settings.js';
import { DEFAULT_POLICY_FILES, type LensSettings } from '../protocol/messages.js';
import { rules as ruleRegistry } from '../core/rules/index.js';
import { isRegionShaped } from '../core/data/regions.js';
import { compileGlob, MAX_GLOB_LENGTH } from '../core/util/glob.js';

export interface DocumentSettings {
  engine: EngineSettings;
  /** Globs of standalone endpoint-policy files, relative to the workspace folder. */
  policyFiles: string[];
  /** Service short names the "Trace to …" lens offers besides s3, dynamodb and the endpoints' services. */
  traceServices: string[];
  /** What was ignored and why, one line each, naming the setting and its key (shown to the user once per change). */
  problems?: string[];
}

/** A service short name as the catalogue writes them (s3, ecr.api, execute-api); at most 20 are kept. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;

const LEVELS = new Set<SeveritySetting>(['error', 'warning', 'info', 'off']);
const RULE_IDS = new Set(ruleRegistry.map((r) => r.meta.id));

/**
 * Whatever the client sent, made into settings the engine can trust. Anything malformed or outside a
 * setting's values (an unknown rule id or severity, a region that is no region code, a glob that
 * cannot be used) is left out and named in `problems`, never silently dropped.
 */
export function normalize(raw: unknown): DocumentSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as LensSettings;
  const problems: string[] = [];
  const strings = (name: string, v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      problems.push(`vpceLens.${name}: expected a list of strings, not ${describe(v)}; ignored`);
      return [];
    }
    const out: string[] = [];
    for (const x of v as unknown[]) {
      if (typeof x !== 'string') problems.push(`vpceLens.${name}: ${describe(x)} is not a string; ignored`);
      else if (x.trim() !== '') out.push(x.trim());
    }
    return out;
  };
  // Only known rule ids become keys here (never `__proto__` or the like).
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules !== undefined && s.rules !== null && (typeof s.rules !== 'object' || Array.isArray(s.rules))) {
    problems.push(`vpceLens.rules: expected rule ids mapped to error, warning, info or off, not ${describe(s.rules)}; ignored`);
  } else if (s.rules) {
    for (const [key, level] of Object.entries(s.rules)) {
      const id = key.toUpperCase();
      const l = typeof level === 'string' ? (level.toLowerCase() as SeveritySetting) : undefined;
      if (!RULE_IDS.has(id)) problems.push(`vpceLens.rules.${oneLine(key)}: unknown rule id (rule ids look like VPCE1002: docs/rules.md or vpce-lens --rules lists them); ignored`);
      else if (!l || !LEVELS.has(l)) problems.push(`vpceLens.rules.${oneLine(key)}: unknown severity ${describe(level)} (error, warning, info or off); ignored`);
      else rules[id] = l;
    }
  }
  const regions = strings('regions', s.regions).filter((r) => {
    if (isRegionShaped(r)) return true;
    problems.push(`vpceLens.regions: ${describe(r)} is not a region code such as eu-west-1; ignored`);
    return false;
  });
  // Not a list: the default globs stay (as when the setting is absent); an empty list turns policy files off.
  const policyFiles = !Array.isArray(s.policyFiles) ? (strings('policyFiles', s.policyFiles), DEFAULT_POLICY_FILES) : strings('policyFiles', s.policyFiles).filter((g) => {
    if (g.length > MAX_GLOB_LENGTH) {
      problems.push(`vpceLens.policyFiles: a glob of ${g.length} characters is longer than the ${MAX_GLOB_LENGTH} allowed; ignored`);
      return false;
    }
    try {
      compileGlob(g);
      return true;
    } catch (err) {
      problems.push(`vpceLens.policyFiles: ${describe(g)}: ${err instanceof Error ? err.message : String(err)}; ignored`);
      return false;
    }
  });
  const traceServices = [...new Set(strings('traceServices', s.traceServices).map((x) => x.toLowerCase()).filter((x) => {
    if (SERVICE_NAME.test(x)) return true;
    problems.push(`vpceLens.traceServices: ${describe(x)} is not a service short name such as s3 or ecr.api; ignored`);
    return false;
  }))].slice(0, 20);
  return { engine: { regions, rules }, policyFiles, traceServices, ...(problems.length ? { problems } : {}) };
}

/** A value as a message shows it: on one line, and short. */
function describe(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
  return oneLine(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  /** Settings pushed by didChangeConfiguration, for clients without `workspace/configuration`. */
  private pushed: DocumentSettings = normalize(undefined);

  /**
   * The settings the client sent with `initialize` for every document (one workspace folder or none):
   * a document's first lint uses them at once instead of waiting for `workspace/configuration` (a round
   * trip through an extension host that is busy starting up); the pull still runs and, when it answers
   * otherwise, the document is linted again with its answer. Dropped at the first configuration change.
   */
  private seed: DocumentSettings | undefined;
  /** Problems already told since the last change of the configuration (each is told once per change). */
  private readonly told = new Set<string>();
  private shownThisChange = false;

  constructor(
    /** Asks the client; undefined when it cannot be asked. */
    private readonly pull: ((uri: string) => Promise<unknown>) | undefined,
    private readonly log: (message: string) => void,
    /** Settings sent with `initialize` (initializationOptions.vpceLens): in force until the client pushes others. */
    initial?: unknown,
    /** The client says `initial` is what it would answer for every document. */
    initialForEveryDocument = false,
    /** A document's pulled settings turned out other than the seed it was linted with. */
    private readonly corrected: (uri: string) => void = () => undefined,
    /** Told of what a setting's value made us ignore: every line to the log, the first of a change to the user. */
    private readonly warn: { line: (message: string) => void; window: (message: string) => void } = { line: log, window: () => undefined },
  ) {
    if (initial !== undefined) this.pushed = this.checked(normalize(initial));
    if (initial !== undefined && initialForEveryDocument && pull) this.seed = this.pushed;
  }

  private checked(settings: DocumentSettings): DocumentSettings {
    const fresh = (settings.problems ?? []).filter((p) => !this.told.has(p));
    for (const p of fresh) {
      this.told.add(p);
      this.warn.line(p);
    }
    if (fresh.length && !this.shownThisChange) {
      this.shownThisChange = true;
      this.warn.window(fresh.length === 1 ? fresh[0]! : `${fresh[0]} (and ${fresh.length - 1} more in the output)`);
    }
    return settings;
  }

  get(uri: string): Promise<DocumentSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.cache.get(uri);
    if (!settings && this.seed) {
      const seed = this.seed;
      settings = Promise.resolve(seed);
      this.cache.set(uri, settings);
      void this.pulled(uri).then((real) => {
        if (this.cache.get(uri) !== settings || JSON.stringify(real) === JSON.stringify(seed)) return;
        this.cache.set(uri, Promise.resolve(real));
        this.corrected(uri);
      });
      return settings;
    }
    if (!settings) {
      settings = this.pulled(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  private pulled(uri: string): Promise<DocumentSettings> {
    return this.pull!(uri).then((raw) => this.checked(normalize(raw)), (err: unknown) => {
      this.log(`Could not read settings for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
      this.cache.delete(uri); // ask again next time
      return normalize(undefined);
    });
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The configuration changed: every document asks again; pushed settings replace the old ones. */
  changed(pushedSection: unknown): void {
    this.cache.clear();
    this.seed = undefined;
    this.told.clear();
    this.shownThisChange = false;
    if (pushedSection !== undefined) this.pushed = this.checked(normalize(pushedSection));
  }
}
