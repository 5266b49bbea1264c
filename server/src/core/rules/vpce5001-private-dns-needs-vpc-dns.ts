import type { Finding } from '../findings.js';
import { vpcDns } from '../model/dns.js';
import { defaultsWhen, type Network } from '../model/network.js';
import type { Vpc } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { privateDnsEndpoints } from './private-dns.js';
import { finding, type Rule } from './types.js';
import { withDefaultsNote } from '../model/defaults-note.js';

const meta = {
  id: 'VPCE5001',
  severity: 'error',
  title: 'Private DNS needs the VPC\'s DNS support and DNS hostnames',
  why:
    'Private DNS for an interface endpoint works only when the VPC has both enableDnsSupport and enableDnsHostnames on. ' +
    'CloudFormation leaves EnableDnsHostnames off by default, so the endpoint fails to create or clients keep resolving the public name and leave through the NAT gateway. ' +
    'Where a condition chooses the VPC\'s DNS attributes (Fn::If), the deployment with the parameters\' defaults is judged, as the trace\'s first answer is, and the finding names the conditions it holds under.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
  // Terraform: aws_vpc's page: enable_dns_support "Defaults true", enable_dns_hostnames "Defaults false".
  terraform: {
    why:
      'Private DNS for an interface endpoint works only when the VPC has both DNS support and DNS hostnames on. ' +
      'The AWS provider\'s aws_vpc defaults enable_dns_support to true and enable_dns_hostnames to false, so in an aws_vpc without enable_dns_hostnames = true an aws_vpc_endpoint with private_dns_enabled = true fails to create, or clients keep resolving the public name and leave through the NAT gateway.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc',
  },
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
    const net = ctx.network();
    const model = net.judged();
    for (const p of candidates) {
      const vpc = p.vpc === undefined ? undefined : model.vpcs.get(p.vpc);
      if (!vpc) continue;
      const dns = vpcDns(vpc);
      if (dns.off.length) {
        out.push(report(vpc, dns.off, p, p.when));
        continue;
      }
      // Under Fn::If (EnableDnsHostnames: !If [IsProd, true, false]) no answer holds in every deployment: the
      // deployment with the parameters' defaults is judged, as the trace's first answer is, and the finding
      // names the conditions that tell it from the deployments where the VPC's DNS is on.
      const inDefaults = dns.unknown && ctx.template.conditions.size ? defaultsOff(net, vpc.id, p.endpoint.id) : undefined;
      if (inDefaults) out.push(report(inDefaults.vpc, inDefaults.off, p, [...p.when, ...inDefaults.when.filter((c) => c.replace(/^!/, '') !== p.resource.condition && !p.when.includes(c))]));
    }
    function report(vpc: Vpc, offAttrs: ('support' | 'hostnames')[], p: (typeof candidates)[number], when: string[]): Finding<VpcDnsData> {
      const off = offAttrs.map((a) => ctx.words.prop(NAMES[a]));
      const facts = offAttrs.map((a) => (a === 'support' ? vpc.dnsSupport : vpc.dnsHostnames));
      const rel = offAttrs.map((a, i) => {
        const at = facts[i]!.at ?? vpc.at;
        const defaulted = at.start === vpc.at.start;
        return { ...at, message: defaulted ? `${vpc.id} does not set ${ctx.words.prop(NAMES[a])} (${ctx.words.defaults} is false)` : `${vpc.id} sets ${ctx.words.prop(NAMES[a])} to false` };
      });
      const basis = withDefaultsNote(facts.map((f) => (f.known ? f.fromDefault : undefined)));
      return finding(meta, p.resource.key, `${p.resource.id}: private DNS needs ${off.join(' and ')} on ${vpc.id}${basis}${conditionNote(p.resource, when)}`, {
        resource: p.resource,
        span: p.at,
        related: rel,
        data: { vpc: vpc.id, attributes: off },
      });
    }
    return out;
  },
};

/**
 * The VPC's DNS attributes off in the defaults' deployment where some other deployment has them on: with the
 * fewest conditions that tell the two apart (`!Name` for false), as the defaults decide them.
 */
function defaultsOff(net: Network, vpcId: string, endpointId: string): { vpc: Vpc; off: ('support' | 'hostnames')[]; when: string[] } | undefined {
  const vpc = net.defaults.vpcs.get(vpcId);
  const off = vpc ? vpcDns(vpc).off : [];
  if (!vpc || off.length === 0) return undefined;
  const present = net.deployments().filter((d) => d.model.vpcs.has(vpcId) && d.model.endpoints.has(endpointId));
  const when = defaultsWhen(present, (d) => vpcDns(d.model.vpcs.get(vpcId)!).off.join(',') || 'on');
  return when && { vpc, off, when };
}
