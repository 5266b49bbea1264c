import { truthy } from '../cfn/values.js';
import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { privateDnsEndpoints } from './private-dns.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE5001',
  severity: 'error',
  title: 'Private DNS needs the VPC\'s DNS support and DNS hostnames',
  why:
    'Private DNS for an interface endpoint works only when the VPC has both enableDnsSupport and enableDnsHostnames on. ' +
    'CloudFormation leaves EnableDnsHostnames off by default, so the endpoint fails to create or clients keep resolving the public name and leave through the NAT gateway.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
} as const;

// CloudFormation's defaults for the two attributes.
const DEFAULTS: Record<string, boolean> = { EnableDnsSupport: true, EnableDnsHostnames: false };

/** The VPC and the DNS attributes to turn on in it. */
export type VpcDnsData = { vpc: string; attributes: string[] };

export const privateDnsNeedsVpcDns: Rule<VpcDnsData> = {
  meta,
  check(ctx) {
    const out: Finding<VpcDnsData>[] = [];
    for (const p of privateDnsEndpoints(ctx)) {
      if (!p.vpc) continue;
      const off: string[] = [];
      const rel = [];
      for (const attr of Object.keys(DEFAULTS)) {
        const pair = pairOf(p.vpc.properties, attr);
        const on = pair ? truthy(ctx.values.value(pair.value)) : DEFAULTS[attr];
        if (on !== false) continue;
        off.push(attr);
        rel.push(related(pair?.value ?? p.vpc.key, pair ? `${p.vpc.id} sets ${attr} to false` : `${p.vpc.id} does not set ${attr} (CloudFormation's default is false)`));
      }
      if (off.length === 0) continue;
      out.push(
        finding(meta, p.node, `${p.endpoint.resource.id}: private DNS needs ${off.join(' and ')} on ${p.vpc.id}${conditionNote(p.endpoint.resource, p.when)}`, {
          resource: p.endpoint.resource,
          related: rel,
          data: { vpc: p.vpc.id, attributes: off },
        }),
      );
    }
    return out;
  },
};
