// Settings per document: pulled from the client with `workspace/configuration` (scoped to the
// document, so folder settings apply), cached per document, forgotten when the configuration changes.
// Clients that cannot answer configuration requests send them in initializationOptions.vpceLens and push
// changes with didChangeConfiguration ({settings: {vpceLens: ...}}) instead.

import type { EngineSettings, SeveritySetting } from '../core/settings.js';
import { DEFAULT_POLICY_FILES, type LensSettings } from '../protocol/messages.js';

export interface DocumentSettings {
  engine: EngineSettings;
  /** Globs of standalone endpoint-policy files, relative to the workspace folder. */
  policyFiles: string[];
  /** Service short names the "Trace to …" lens offers besides s3, dynamodb and the endpoints' services. */
  traceServices: string[];
}

/** A service short name as the catalogue writes them (s3, ecr.api, execute-api); at most 20 are kept. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;

const LEVELS = new Set<SeveritySetting>(['error', 'warning', 'info', 'off']);

/** Whatever the client sent, made into settings the engine can trust; anything malformed is ignored. */
export function normalize(raw: unknown): DocumentSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as LensSettings;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : []);
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, level] of Object.entries(s.rules)) {
      const l = typeof level === 'string' ? (level.toLowerCase() as SeveritySetting) : undefined;
      if (l && LEVELS.has(l)) rules[id.toUpperCase()] = l;
    }
  }
  const policyFiles = Array.isArray(s.policyFiles) ? strings(s.policyFiles) : DEFAULT_POLICY_FILES;
  const traceServices = [...new Set(strings(s.traceServices).map((x) => x.toLowerCase()).filter((x) => SERVICE_NAME.test(x)))].slice(0, 20);
  return { engine: { regions: strings(s.regions), rules }, policyFiles, traceServices };
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
  ) {
    if (initial !== undefined) this.pushed = normalize(initial);
    if (initial !== undefined && initialForEveryDocument && pull) this.seed = this.pushed;
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
    return this.pull!(uri).then(normalize, (err: unknown) => {
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
    if (pushedSection !== undefined) this.pushed = normalize(pushedSection);
  }
}
