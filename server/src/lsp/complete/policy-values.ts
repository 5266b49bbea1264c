// Completion inside an endpoint policy: `Version`, `Effect`, the actions of the endpoint's service with
// their descriptions, condition operators, and the condition keys that fit the operator — the global
// keys endpoint policies are written with (aws:SourceVpce, aws:PrincipalOrgID ...) and the service's own.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html

import { CompletionItemKind } from 'vscode-languageserver/node';
import { iam, type ConditionKey } from '../../core/policy/iam.js';
import { fits, operatorNames, parseOperator } from '../../core/policy/operators.js';
import { packedDescriptions } from './action-descriptions.js';
import { codeSpan, escapeMarkdown } from '../../core/util/markdown.js';
import type { Draft, Style } from './endpoint-values.js';
import type { Slot } from './position.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
const VERSIONS: [string, string][] = [
  ['2012-10-17', 'The current policy language version: policy variables work'],
  ['2008-10-17', 'The earlier version: policy variables such as ${aws:username} are plain text'],
];

// The global keys that endpoint policies are mostly written with, offered before the others.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
const FIRST_KEYS = ['aws:SourceVpce', 'aws:SourceVpc', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths', 'aws:ResourceAccount', 'aws:PrincipalArn', 'aws:SecureTransport'];

const ACCESS: Record<string, string> = { R: 'Read', W: 'Write', L: 'List', T: 'Tagging', P: 'Permissions management' };

/** The drafts for a slot in a policy (path from the policy's root). `prefix`: the endpoint's IAM service prefix. */
export function policyDrafts(path: string[], slot: Slot, prefix: string | undefined, style: Style, keysBelow: string[] = []): Draft[] {
  const p = path.filter((k) => k !== '[]');
  const inStatement = p[0] === 'Statement';
  if (slot.at === 'value' && p.length === 1 && p[0] === 'Version') return VERSIONS.map(([v, d]) => ({ label: v, value: scalar(v, style), detail: d, kind: CompletionItemKind.EnumMember }));
  if (!inStatement) return [];
  const [, key, op] = p;
  if (slot.at === 'value' && p.length === 2 && key === 'Effect') return ['Allow', 'Deny'].map((v) => ({ label: v, value: scalar(v, style), kind: CompletionItemKind.EnumMember }));
  if (slot.at === 'value' && p.length === 2 && (key === 'Action' || key === 'NotAction')) return actionDrafts(slot.typed, prefix, style);
  if (slot.at === 'key' && p.length === 2 && key === 'Condition') return operatorDrafts(style, keysBelow);
  if (slot.at === 'key' && p.length === 3 && key === 'Condition' && op) return keyDrafts(op, prefix, style);
  return [];
}

function scalar(v: string, style: Style): string {
  if (style.json) return JSON.stringify(v);
  // A plain YAML scalar may not start with `*` (an alias) or look like a date to a YAML 1.1 reader.
  return /^[*&!%@`'"]/.test(v) || /^\d{4}-\d\d-\d\d$/.test(v) ? `'${v}'` : v;
}

// The last service's descriptions: resolve asks for one item at a time, mostly of the same service.
let lastDescribed: { prefix: string; map: Map<string, { level: string; text: string }> } | undefined;

/** A service's actions with their access level and description, from the generated table. */
function described(prefix: string): Map<string, { level: string; text: string }> {
  if (lastDescribed?.prefix === prefix) return lastDescribed.map;
  const packed = packedDescriptions(prefix);
  const out = new Map<string, { level: string; text: string }>();
  for (const line of packed ? packed.split('\n') : []) {
    const [name = '', level = '', d = ''] = line.split('\t');
    out.set(name, { level: ACCESS[level] ?? '', text: d.startsWith('+') ? `Grants permission to ${d.slice(1)}` : d });
  }
  lastDescribed = { prefix, map: out };
  return out;
}

function actionDrafts(typed: string, policyPrefix: string | undefined, style: Style): Draft[] {
  const bare = typed.replace(/^["']/, '');
  const colon = bare.indexOf(':');
  const prefix = colon > 0 ? bare.slice(0, colon).toLowerCase() : policyPrefix;
  if (!prefix || !iam().hasService(prefix)) return [];
  const drafts: Draft[] = [{ label: `${prefix}:*`, value: scalar(`${prefix}:*`, style), kind: CompletionItemKind.Value, detail: `Every ${prefix} action` }];
  for (const name of iam().actionsOf(prefix)) {
    const label = `${prefix}:${name}`;
    drafts.push({ label, value: scalar(label, style), kind: CompletionItemKind.Function, data: { action: label } });
  }
  return drafts;
}

/** completionItem/resolve of an action: its access level and description. */
export function describeAction(action: string): { detail: string; documentation: string } | undefined {
  const colon = action.indexOf(':');
  const d = colon > 0 ? described(action.slice(0, colon).toLowerCase()).get(action.slice(colon + 1)) : undefined;
  if (!d) return undefined;
  const detail = `${d.level ? `${d.level} · ` : ''}${d.text}`;
  return { detail, documentation: `${codeSpan(action)}${d.level ? ` — ${d.level}` : ''}\n\n${escapeMarkdown(d.text)}` };
}

/**
 * The operators; when the operator's block already names keys (`keysBelow`), only those that fit every
 * key's type, and the ForAnyValue:/ForAllValues: forms only when every key is multivalued (then first).
 */
function operatorDrafts(style: Style, keysBelow: string[]): Draft[] {
  const keys = keysBelow.map((k) => iam().conditionKey(k)).filter((k): k is ConditionKey => k !== undefined);
  const multi = keys.length > 0 && keys.every((k) => k.type.startsWith('ArrayOf'));
  const fitting = (name: string) => keys.every((k) => fits(parseOperator(name)!, k.type, k.key));
  const forKeys = keys.length ? ` · fits ${keys.map((k) => `${k.key} (${k.type})`).join(', ')}` : '';
  const drafts: Draft[] = [];
  const bases = operatorNames();
  const add = (name: string, detail: string) => {
    if (fitting(name)) drafts.push({ label: name, value: keyText(name, style), kind: CompletionItemKind.Operator, detail: detail + forKeys, opens: true });
  };
  const sets = () => {
    for (const set of ['ForAnyValue', 'ForAllValues']) for (const b of bases) if (b !== 'Null') add(`${set}:${b}`, `multivalued keys (${set === 'ForAnyValue' ? 'any' : 'every'} value of the request's set)`);
  };
  if (multi) sets();
  for (const b of bases) add(b, typesText(b));
  for (const b of bases) if (b !== 'Null') add(`${b}IfExists`, `${typesText(b)}; true when the key is absent`);
  if (!keys.length) sets();
  return drafts;
}

/** What an operator compares, for its hover. */
export function operatorText(op: string): string {
  const o = parseOperator(op)!;
  const set = o.set ? `${o.set === 'ForAnyValue' ? 'any' : 'every'} value of a multivalued key; ` : '';
  const absent = o.ifExists ? '; true when the key is absent' : '';
  return `${set}${typesText(op)}${absent}`;
}

function typesText(op: string): string {
  const o = parseOperator(op)!;
  const types = (['String', 'ARN', 'Numeric', 'Date', 'Bool', 'IPAddress'] as const).filter((t) => fits(o, t));
  return o.family === 'Null' ? 'any key: is it absent (true) or present (false)?' : o.family === 'Binary' ? 'base-64 binary values' : `keys of type ${types.join(', ')}`;
}

function keyText(key: string, style: Style): string {
  return style.json ? JSON.stringify(key) : key;
}

function keyDrafts(opName: string, prefix: string | undefined, style: Style): Draft[] {
  const op = parseOperator(opName);
  const keys: ConditionKey[] = [...iam().conditionKeysOf('aws'), ...(prefix && prefix !== 'aws' ? iam().conditionKeysOf(prefix) : [])];
  const rank = (k: ConditionKey) => {
    const first = FIRST_KEYS.indexOf(k.key);
    return first >= 0 ? first : k.global ? 200 : 100;
  };
  return keys
    .filter((k) => !op || fits(op, k.type, k.key))
    .filter((k) => !op?.set || k.type.startsWith('ArrayOf'))
    .sort((a, b) => rank(a) - rank(b))
    .map((k) => {
      const multi = k.type.startsWith('ArrayOf');
      const note = multi && op && !op.set ? ' · multivalued: use ForAnyValue: or ForAllValues:' : '';
      return { label: k.key, value: keyText(k.key, style), kind: CompletionItemKind.Field, detail: `${k.type}${k.global ? ' · global key' : ''}${note}` };
    });
}
