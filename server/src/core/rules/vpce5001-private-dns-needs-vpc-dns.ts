import type { Finding } from '../findings.js';
import { vpcDns } from '../model/dns.js';
import { conditionNote } from './conditions.js';
import { privateDnsEndpoints } from './private-dns.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE5001',
  severity: 'error',
  title: 'Private DNS needs the VPC\'s DNS support and DNS hostnames',
  why:
    'Private DNS for an interface endpoint works only when the VPC has both enableDnsSupport and enableDnsHostnames on. ' +
    'CloudFormation leaves EnableDnsHostnames off by default, so the endpoint fails to create or clients keep resolving the public name and leave through the NAT gateway.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
} as const;

const NAMES = { support: 'EnableDnsSupport', hostnames: 'EnableDnsHostnames' } as const;

// The VPC's DNS attributes are the model's (model/dns.ts), the same the trace's DNS hop reads.
/** The VPC and the DNS attributes to turn on in it. */
export type VpcDnsData = { vpc: string; attributes: string[] };

export const privateDnsNeedsVpcDns: Rule<VpcDnsData> = {
  meta,
  check(ctx) {
    const out: Finding<VpcDnsData>[] = [];
    const candidates = privateDnsEndpoints(ctx);
    if (candidates.length === 0) return out;
    const model = ctx.network().judged();
    for (const p of candidates) {
      const vpc = p.vpc === undefined ? undefined : model.vpcs.get(p.vpc);
      if (!vpc) continue;
      const dns = vpcDns(vpc);
      if (dns.off.length === 0) continue;
      const off = dns.off.map((a) => ctx.words.prop(NAMES[a]));
      const facts = dns.off.map((a) => (a === 'support' ? vpc.dnsSupport : vpc.dnsHostnames));
      const rel = dns.off.map((a, i) => {
        const at = facts[i]!.at ?? vpc.at;
        const defaulted = at.start === vpc.at.start;
        return { ...at, message: defaulted ? `${vpc.id} does not set ${ctx.words.prop(NAMES[a])} (${ctx.words.defaults} is false)` : `${vpc.id} sets ${ctx.words.prop(NAMES[a])} to false` };
      });
      const defaults = facts.map((f) => (f.known ? f.fromDefault : undefined)).filter((d) => d !== undefined);
      const basis = defaults.length ? ` (with the default ${defaults.map((d) => `${d.parameter} ${d.value}`).join(' and ')})` : '';
      out.push(
        finding(meta, p.resource.key, `${p.resource.id}: private DNS needs ${off.join(' and ')} on ${vpc.id}${basis}${conditionNote(p.resource, p.when)}`, {
          resource: p.resource,
          span: p.at,
          related: rel,
          data: { vpc: vpc.id, attributes: off },
        }),
      );
    }
    return out;
  },
};
