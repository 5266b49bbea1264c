import { definiteType } from '../cfn/endpoints.js';
import { refList, refOfType } from '../cfn/refs.js';
import { admitsTcpPort, hasStandaloneRules, ingressRules, type SgRule } from '../cfn/security-groups.js';
import { literal } from '../cfn/values.js';
import { valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule, type RuleContext } from './types.js';

const meta = {
  id: 'VPCE6003',
  severity: 'warning',
  title: 'Endpoint security groups admit no HTTPS from the VPC',
  why:
    'Clients reach an interface endpoint for an AWS service over HTTPS (TCP 443). If none of the endpoint\'s security groups admits TCP 443 from the VPC, ' +
    'every call through the endpoint times out.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws',
} as const;

/** The endpoint's groups; the group to add a TCP 443 rule to (null: none fits) and the VPC (or its CIDR) to admit. */
export type AdmitHttpsData = { securityGroups: string[]; vpcCidr: string | null; admitHttpsIn: string | null; vpc: string | null };

export const securityGroup443: Rule<AdmitHttpsData> = {
  meta,
  check(ctx) {
    const out: Finding<AdmitHttpsData>[] = [];
    for (const e of ctx.endpoints()) {
      if (definiteType(e)?.type !== 'Interface') continue;
      // Only AWS services speak HTTPS for sure; a provider's service may listen on any port.
      if (!e.services.some((s) => s.value.info)) continue;
      const listNode = valueOf(e.props, 'SecurityGroupIds');
      const groups = refList(ctx.template, ctx.values, listNode);
      if (!listNode || !groups.complete || groups.items.length === 0) continue;
      if (groups.items.some((i) => i.resource?.type !== 'AWS::EC2::SecurityGroup')) continue;
      const vpcCidr = vpcRange(ctx, e.vpc);
      // Three-valued: true some rule admits it, false none can, undefined the template cannot tell.
      const verdicts: (boolean | undefined)[] = [];
      for (const item of groups.items) {
        const { rules, complete } = ingressRules(ctx.template, ctx.values, item.resource!);
        if (!complete) verdicts.push(undefined);
        for (const rule of rules) verdicts.push(and3(admitsTcpPort(rule, 443), admitsFromVpc(rule, vpcCidr)));
      }
      const verdict = verdicts.includes(true) ? true : verdicts.includes(undefined) ? undefined : false;
      if (verdict !== false) continue;
      const ids = groups.items.map((i) => i.resource!.id);
      // The fix adds an inline rule to the first group. Where that group's rules are resources of their
      // own it would mix the two styles in one group; the author adds a resource like the others there.
      const first = groups.items[0]!.resource!;
      const vpcId = refOfType(ctx.template, e.vpc, 'AWS::EC2::VPC')?.id;
      const admitHttpsIn = hasStandaloneRules(ctx.template, ctx.values, first, 'ingress') ? null : first.id;
      out.push(
        finding(meta, listNode, `${e.resource.id}: no security group of the endpoint (${ids.join(', ')}) admits TCP 443 from the VPC; clients' calls through it time out${conditionNote(e.resource, [])}`, {
          resource: e.resource,
          related: groups.items.map((i) => related(i.resource!.key, `${i.resource!.id} has no inbound rule for TCP 443 from the VPC`)),
          data: { securityGroups: ids, vpcCidr: (vpcCidr ? cidrText(ctx, e.vpc) : undefined) ?? null, admitHttpsIn, vpc: vpcId ?? null },
        }),
      );
    }
    return out;
  },
};

function vpcRange(ctx: RuleContext, vpcValue: Parameters<typeof refOfType>[1]): Ipv4Range | undefined {
  const text = cidrText(ctx, vpcValue);
  return text ? parseIpv4Cidr(text) : undefined;
}

function cidrText(ctx: RuleContext, vpcValue: Parameters<typeof refOfType>[1]): string | undefined {
  const vpc = refOfType(ctx.template, vpcValue, 'AWS::EC2::VPC');
  if (!vpc) return undefined;
  // A secondary CIDR block widens the VPC; then the primary one alone does not say who is inside.
  if (ctx.template.byType.has('AWS::EC2::VPCCidrBlock')) return undefined;
  return literal(ctx.values.prop(vpc.properties, 'CidrBlock'));
}

function admitsFromVpc(rule: SgRule, vpc: Ipv4Range | undefined): boolean | undefined {
  if (rule.unknown) return undefined;
  if (rule.otherPeer || rule.peerGroup || rule.cidrIpv6) return true;
  if (!rule.cidrIp) return false;
  const range = parseIpv4Cidr(rule.cidrIp);
  if (!range || !vpc) return true;
  return overlaps(range, vpc);
}

function and3(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}
