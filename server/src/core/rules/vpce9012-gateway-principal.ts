import { asMap, asSeq, type Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { statementsOf, textsOf, type TextOf } from '../policy/model.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9012',
  severity: 'error',
  title: 'Gateway endpoint policy with a principal other than "*"',
  why:
    'Gateway endpoints do not authenticate principals: their policies must say Principal "*" and name principals in an aws:PrincipalArn condition. ' +
    '"AWS": "<account id>" grants the account\'s root user only, not its roles.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#vpc-endpoints-access-gateway',
} as const;

export const gatewayPrincipal: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (doc.endpointType !== 'Gateway') continue;
      for (const st of statementsOf(doc.root)) {
        const value = st.principal?.value;
        if (!value) continue;
        const verdict = principalOf(value, ctx.textOf);
        if (verdict.kind !== 'other') continue;
        if (verdict.accounts) {
          out.push(finding(meta, value, `${policyLabel(doc)}: for a gateway endpoint, "AWS": "${verdict.accounts.join('", "')}" grants only the account's root user; use Principal "*" with an aws:PrincipalAccount or aws:PrincipalArn condition${policyNote(doc, st)}`, { resource: doc.resource, severity: 'warning' }));
        } else {
          out.push(finding(meta, value, `${policyLabel(doc)}: a gateway endpoint policy must use Principal "*"; name principals in an aws:PrincipalArn condition instead${policyNote(doc, st)}`, { resource: doc.resource }));
        }
      }
    }
    return out;
  },
};

type Verdict = { kind: 'star' } | { kind: 'unknown' } | { kind: 'other'; accounts?: string[] };

/**
 * "*" and {"AWS": "*"} (or ["*", ...]) are every principal. A value the template computes (a parameter,
 * a Terraform variable) may be "*": unknown. `Fn::If` is "*" only when both branches are.
 */
function principalOf(node: Node, read: TextOf): Verdict {
  const map = asMap(node);
  const fn = map?.pairs.length === 1 ? String(map.pairs[0]!.key.value) : undefined;
  if (fn === 'Fn::If') {
    const [, a, b] = asSeq(map!.pairs[0]!.value)?.items ?? [];
    return a && b && principalOf(a, read).kind === 'star' && principalOf(b, read).kind === 'star' ? { kind: 'star' } : { kind: 'unknown' };
  }
  if (!map || fn === 'Ref' || fn?.startsWith('Fn::')) {
    const text = read(node);
    return text === '*' ? { kind: 'star' } : mayBeStar(text) ? { kind: 'unknown' } : { kind: 'other' };
  }
  const aws = map.pairs.find((p) => p.key.value === 'AWS')?.value;
  if (!aws || map.pairs.length !== 1) return { kind: 'other' };
  const texts = textsOf(aws, read).map((t) => t.text);
  if (texts.includes('*')) return { kind: 'star' };
  if (texts.some(mayBeStar)) return { kind: 'unknown' };
  const ids = texts.map((s) => /^(\d{12})$|^arn:[\w-]+:iam::(\d{12}):root$/.exec(s ?? '')?.slice(1).find(Boolean));
  return { kind: 'other', accounts: ids.every((x): x is string => Boolean(x)) ? ids : undefined };
}

/** Unknown, or nothing but template variables: it may be "*" once deployed. */
function mayBeStar(text: string | undefined): boolean {
  return text === undefined || text.replace(/\$\{[^}]*\}/g, '') === '';
}
