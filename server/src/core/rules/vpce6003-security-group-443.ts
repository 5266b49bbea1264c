import { parseServiceName, servicePorts, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { admitsAny, familyOf, type Admission } from '../model/admission.js';
import { endpointIpTypes } from '../model/endpoint-family.js';
import { defaultsWhen, type Network } from '../model/network.js';
import type { Endpoint, Fact, NetworkModel, Span, Vpc } from '../model/types.js';
import type { Resource } from '../cfn/template.js';
import type { Ipv4Range } from '../util/cidr.js';
import { conditionNote, conditionsNote } from './conditions.js';
import { perBranch } from '../model/list-branches.js';
import { finding, type Rule } from './types.js';
import { withDefaultsNote } from '../model/defaults-note.js';

const meta = {
  id: 'VPCE6003',
  severity: 'warning',
  title: 'Endpoint security groups admit no HTTPS from the VPC',
  why:
    'Clients reach an interface endpoint for an AWS service over HTTPS (TCP 443). If none of the endpoint\'s security groups admits TCP 443 from the VPC, ' +
    'every call through the endpoint times out. A few services are served on other ports, and are judged on those: the Amazon SES SMTP interface (25, 465, 587, 2465, 2587), Amazon Keyspaces (9142 for CQL, 443 for its API), the AWS IoT Core data plane (MQTT 8883 or 443, HTTPS 8443 or 443) and an Aurora DSQL cluster\'s connection endpoint (5432). ' +
    'Where a condition chooses the groups or their rules (Fn::If, a rule resource with a Condition), the deployment with the parameters\' defaults is judged, and the finding names the conditions it holds under; where the defaults\' groups admit the clients, the groups an Fn::If chooses on another branch are judged with the rules every deployment gives them.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws',
  // Terraform: security_group_ids: "If no security groups are specified, the VPC's default security group is associated" (aws_vpc_endpoint);
  // "When creating a new Security Group inside a VPC, Terraform will remove this default rule" (aws_security_group, NOTE on Egress rules).
  terraform: {
    why:
      'Clients reach an interface endpoint for an AWS service over HTTPS (TCP 443). ' +
      'If none of the endpoint\'s security_group_ids (with none, AWS associates the VPC\'s default security group) admits TCP 443 from the VPC, by an ingress block, an aws_vpc_security_group_ingress_rule or an aws_security_group_rule, every call through the endpoint times out. ' +
      'A few services are served on other ports, and are judged on those: the Amazon SES SMTP interface (25, 465, 587, 2465, 2587), Amazon Keyspaces (9142 for CQL, 443 for its API), the AWS IoT Core data plane (MQTT 8883 or 443, HTTPS 8443 or 443) and an Aurora DSQL cluster\'s connection endpoint (5432). ' +
      'The clients\' own groups need egress too, which this rule does not judge: an aws_security_group without egress blocks allows no egress, as Terraform removes AWS\'s default allow-all rule.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group',
  },
} as const;

/** The endpoint's groups; where to add the inbound rule (null: none, the group's rules are resources of their own) and from what range. */
export type AdmitHttpsData = { securityGroups: string[]; vpcCidr: string | null; admitHttpsIn: string | null; vpc: string | null; ports?: number[] };

export const securityGroup443: Rule<AdmitHttpsData> = {
  meta,
  check(ctx) {
    const out: Finding<AdmitHttpsData>[] = [];
    // The model is built only for templates that have an interface endpoint.
    if (!ctx.endpoints().some((e) => e.types.some((t) => t.value.type === 'Interface'))) return out;
    const net = ctx.network();
    const model = net.judged();
    for (const e of model.endpoints.values()) {
      const resource = ctx.template.byId.get(e.id)!;
      const blocked = judge(model, e);
      if (blocked) {
        out.push(report(resource, blocked, []));
        continue;
      }
      // Under Fn::If (the groups, their rules, the endpoint's type) the deployments differ and no verdict holds in
      // all of them: the deployment with the parameters' defaults is judged, as the trace's first answer is, and
      // the finding names the conditions that tell it from the deployments where the groups admit the clients.
      const inDefaults = ctx.template.conditions.size ? defaultsVerdict(net, e.id) : undefined;
      if (inDefaults) {
        out.push(report(resource, inDefaults.blocked, inDefaults.when.filter((c) => c.replace(/^!/, '') !== resource.condition)));
        continue;
      }
      // A condition the defaults do not take may choose groups that admit nothing (Fn::If around the list): each
      // branch of the groups is judged with the rules every deployment has, and the finding names its conditions.
      if (!e.securityGroups.branches) continue;
      const judged = perBranch(e.securityGroups, (groups) => {
        const b = judge(model, { ...e, securityGroups: groups });
        return b ? [b] : [];
      }, (b) => `${b.valueAt.start}:${b.valueAt.end}|${b.ids.join(',')}`);
      for (const { value, when } of judged) out.push(report(resource, value, [], when));
    }
    return out;
  },
};

/** What an endpoint's groups block: every address of the VPC, on each of the service's ports. */
interface Blocked {
  model: NetworkModel;
  e: Endpoint;
  service: string;
  ids: string[];
  ports: readonly number[];
  https: boolean;
  verdict: Admission;
  range: Fact<Ipv4Range> | undefined;
  vpc: Vpc | undefined;
  valueAt: Span;
  /** The first group's inbound rules are resources of their own in some other deployment (one under a Condition). */
  standaloneElsewhere?: boolean;
}

// Admission is the model's answer (model/admission.ts), the same the trace gives for a client in the
// VPC: the rule speaks only when no address of the VPC is admitted, so every trace from it is blocked.
function judge(model: NetworkModel, e: Endpoint): Blocked | undefined {
  // An endpoint of the wrong type has no groups to judge; one whose service name is in another region
  // (VPCE3001) keeps its groups when the name is fixed, so what they admit is still worth saying.
  if (!e.type.known || e.type.value !== 'Interface' || (e.broken && e.brokenBy === 'type')) return undefined;
  // Only AWS services speak HTTPS for sure; a provider's service may listen on any port.
  if (!e.service.known || !parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) return undefined;
  // A service served on other ports (SES's SMTP interface, Keyspaces' CQL) is judged on those: any one admitted is a way in.
  const ports = servicePorts(e.service.value);
  const https = ports.length === 1 && ports[0] === 443;
  const groups = e.securityGroups;
  if (!groups.valueAt || !groups.complete || groups.items.length === 0) return undefined;
  if (groups.items.some((i) => !model.securityGroups.has(i.id))) return undefined;
  const vpc = e.vpc.known ? model.vpcs.get(e.vpc.value) : undefined;
  const range = vpc?.cidr.known && !vpc.moreCidrs ? vpc.cidr : undefined;
  const ids = groups.items.map((i) => i.id);
  const within = vpc?.cidrIdentity && !vpc.moreCidrs ? [vpc.cidrIdentity] : undefined;
  // An IP address type not known: the groups admit nothing whichever type the subnets let it have.
  const verdicts = endpointIpTypes(model, e).map((type) => admitsAny(model, ids, 'ingress', { range: range?.known ? range.value : undefined, cover: 'some', family: familyOf(type), label: 'the VPC', ...(within ? { within } : {}) }, ports));
  const verdict = verdicts[0];
  if (!verdict || verdicts.some((v) => v.decision !== 'block')) return undefined;
  return { model, e, service: e.service.value, ids, ports, https, verdict, range, vpc, valueAt: groups.valueAt };
}

/**
 * The defaults' verdict where it blocks and some other deployment's does not: with the fewest conditions that
 * tell the two apart (`!Name` for false), as the defaults decide them. Other deployments are looked at only then.
 */
function defaultsVerdict(net: Network, id: string): { blocked: Blocked; when: string[] } | undefined {
  const e = net.defaults.endpoints.get(id);
  const blocked = e && judge(net.defaults, e);
  if (!blocked) return undefined;
  const present = net.deployments().filter((d) => d.model.endpoints.has(id));
  const when = defaultsWhen(present, (d) => (judge(d.model, d.model.endpoints.get(id)!) ? 'blocked' : 'not blocked'));
  if (!when) return undefined;
  const standaloneElsewhere = present.some((d) => d.model.securityGroups.get(blocked.ids[0]!)?.ingress.standalone);
  return { blocked: { ...blocked, standaloneElsewhere }, when };
}

function report(resource: Resource, b: Blocked, when: string[], alternatives?: string[][]): Finding<AdmitHttpsData> {
  const { model, e, service, ids, ports, https, verdict, range, vpc } = b;
  // The fix adds an inline rule to the first group. Where that group's rules are resources of their
  // own it would mix the two styles in one group; the author adds a resource like the others there.
  const first = model.securityGroups.get(ids[0]!)!;
  const admitHttpsIn = first.ingress.standalone || b.standaloneElsewhere ? null : first.id;
  const vpcId = vpc && model.vpcs.has(vpc.id) ? vpc.id : null;
  const defaults = [...(range?.known && range.fromDefault && verdict.usedRange ? [range.fromDefault] : []), ...verdict.defaults];
  const basis = withDefaultsNote(defaults);
  const what = https ? 'TCP 443' : `TCP on any of ${shortName(service)}'s ports (${ports.join(', ')})`;
  const v6 = verdict.ipv6Only ? `; its ${https ? 'TCP 443 rules' : 'rules for those ports'} admit IPv6 only, and the endpoint serves IPv4` : '';
  return finding(meta, resource.key, `${e.id}: no security group of the endpoint (${ids.join(', ')}) admits ${what} from the VPC${v6}; clients' calls through it time out${basis}${alternatives ? conditionsNote(resource, alternatives) : conditionNote(resource, when)}`, {
    resource,
    span: b.valueAt,
    related: ids.map((id) => ({ ...model.securityGroups.get(id)!.at, message: `${id} has no inbound rule for ${what} from the VPC` })),
    // The quick fix writes an HTTPS rule: none for a service served on other ports (the author picks the port).
    data: https ? { securityGroups: ids, vpcCidr: (range?.known ? vpc!.cidrText : undefined) ?? null, admitHttpsIn, vpc: vpcId } : { securityGroups: ids, vpcCidr: null, admitHttpsIn: null, vpc: null, ports: [...ports] },
  });
}
