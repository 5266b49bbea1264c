import { asMap, asScalar, asSeq, type Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { statementsOf } from '../policy/model.js';
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
        const aws = asMap(value)?.pairs.find((p) => p.key.value === 'AWS')?.value;
        // {"AWS": "*"} is the same as "*".
        if (!value || asScalar(value)?.value === '*' || (asScalar(aws)?.value === '*' && asMap(value)!.pairs.length === 1)) continue;
        const accounts = awsAccounts(aws);
        if (accounts && asMap(value)!.pairs.length === 1) {
          out.push(finding(meta, value, `${policyLabel(doc)}: for a gateway endpoint, "AWS": "${accounts.join('", "')}" grants only the account's root user; use Principal "*" with an aws:PrincipalAccount or aws:PrincipalArn condition${policyNote(doc)}`, { resource: doc.resource, severity: 'warning' }));
        } else {
          out.push(finding(meta, value, `${policyLabel(doc)}: a gateway endpoint policy must use Principal "*"; name principals in an aws:PrincipalArn condition instead${policyNote(doc)}`, { resource: doc.resource }));
        }
      }
    }
    return out;
  },
};

/** The account ids when every AWS principal is a bare account id (or its :root ARN). */
function awsAccounts(node: Node | null | undefined): string[] | undefined {
  if (!node) return undefined;
  const items = asSeq(node)?.items ?? [node];
  const ids = items.map((i) => String(asScalar(i)?.value ?? '')).map((s) => /^(\d{12})$|^arn:[\w-]+:iam::(\d{12}):root$/.exec(s)?.slice(1).find(Boolean));
  return ids.every((x): x is string => Boolean(x)) ? ids : undefined;
}
