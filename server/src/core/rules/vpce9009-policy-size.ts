import { pairOf, type Node } from '../document/tree.js';
import type { PolicyDoc } from '../policy/policy-doc.js';
import type { TextOf } from '../policy/model.js';
import type { Finding } from '../findings.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9009',
  severity: 'error',
  title: 'Endpoint policy larger than 20,480 characters',
  why: 'An endpoint policy cannot exceed 20,480 characters, white space included; a larger one is rejected.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

const LIMIT = 20_480;

// What CloudFormation substitutes is at least this long; anything else computed may be empty.
const PSEUDO_MIN = new Map<string, number>(Object.entries({ 'AWS::Partition': 3, 'AWS::AccountId': 12, 'AWS::Region': 9, 'AWS::URLSuffix': 13 }));

function minLength(templated: string): number {
  return templated.replace(/\$\{([^}!][^}]*)\}/g, (_m, name: string) => 'x'.repeat(PSEUDO_MIN.get(name) ?? 0)).length;
}

/** The fewest characters the deployed policy can have: compact JSON, with computed parts at their shortest. */
function smallestSize(doc: PolicyDoc, read: TextOf): number {
  if (doc.form === 'string') return minLength(doc.text ?? '');
  if (!doc.root) return 0;
  const plain = (node: Node | null): unknown => {
    if (!node) return null;
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') return node.items.map(plain);
    if (node.pairs.length === 1 && String(node.pairs[0]!.key.value).match(/^(Ref|Fn::\w+)$/)) {
      const text = read(node);
      return text === undefined ? '' : 'x'.repeat(minLength(text));
    }
    return Object.fromEntries(node.pairs.map((p) => [String(p.key.value), plain(p.value)]));
  };
  return JSON.stringify(plain(doc.root)).length;
}

export const policySize: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      // A file, or a string with nothing substituted, is sent as written; otherwise count the least it can be.
      const exact = doc.form === 'file' || (doc.form === 'string' && !doc.text?.includes('${'));
      const size = exact ? (doc.size ?? 0) : smallestSize(doc, ctx.textOf);
      if (size <= LIMIT) continue;
      const what = exact ? '' : 'at least ';
      out.push(finding(meta, pairOf(doc.root, 'Statement')?.key ?? doc.anchor, `${policyLabel(doc)} is ${what}${size.toLocaleString('en-US')} characters; endpoint policies are limited to 20,480${policyNote(doc)}`, { resource: doc.resource }));
    }
    return out;
  },
};
