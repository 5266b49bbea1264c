import { parseServiceName, servicePorts, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { admitsAny, familyOf } from '../model/admission.js';
import { endpointIpTypes } from '../model/endpoint-family.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE6003',
  severity: 'warning',
  title: 'Endpoint security groups admit no HTTPS from the VPC',
  why:
    'Clients reach an interface endpoint for an AWS service over HTTPS (TCP 443). If none of the endpoint\'s security groups admits TCP 443 from the VPC, ' +
    'every call through the endpoint times out. A few services are served on other ports, and are judged on those: the Amazon SES SMTP interface (25, 465, 587, 2465, 2587), Amazon Keyspaces (9142 for CQL, 443 for its API), the AWS IoT Core data plane (MQTT 8883 or 443, HTTPS 8443 or 443) and an Aurora DSQL cluster\'s connection endpoint (5432).',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws',
} as const;

// Admission is the model's answer (model/admission.ts), the same the trace gives for a client in the
// VPC: the rule speaks only when no address of the VPC is admitted, so every trace from it is blocked.
/** The endpoint's groups; where to add the inbound rule (null: none, the group's rules are resources of their own) and from what range. */
export type AdmitHttpsData = { securityGroups: string[]; vpcCidr: string | null; admitHttpsIn: string | null; vpc: string | null; ports?: number[] };

export const securityGroup443: Rule<AdmitHttpsData> = {
  meta,
  check(ctx) {
    const out: Finding<AdmitHttpsData>[] = [];
    // The model is built only for templates that have an interface endpoint.
    if (!ctx.endpoints().some((e) => e.types.some((t) => t.value.type === 'Interface'))) return out;
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      // An endpoint of the wrong type has no groups to judge; one whose service name is in another region
      // (VPCE3001) keeps its groups when the name is fixed, so what they admit is still worth saying.
      if (!e.type.known || e.type.value !== 'Interface' || (e.broken && e.brokenBy === 'type')) continue;
      // Only AWS services speak HTTPS for sure; a provider's service may listen on any port.
      if (!e.service.known || !parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) continue;
      // A service served on other ports (SES's SMTP interface, Keyspaces' CQL) is judged on those: any one admitted is a way in.
      const ports = servicePorts(e.service.value);
      const https = ports.length === 1 && ports[0] === 443;
      const groups = e.securityGroups;
      if (!groups.valueAt || !groups.complete || groups.items.length === 0) continue;
      if (groups.items.some((i) => !model.securityGroups.has(i.id))) continue;
      const vpc = e.vpc.known ? model.vpcs.get(e.vpc.value) : undefined;
      const range = vpc?.cidr.known && !vpc.moreCidrs ? vpc.cidr : undefined;
      const ids = groups.items.map((i) => i.id);
      const within = vpc?.cidrIdentity && !vpc.moreCidrs ? [vpc.cidrIdentity] : undefined;
      // An IP address type not known: the groups admit nothing whichever type the subnets let it have.
      const verdicts = endpointIpTypes(model, e).map((type) => admitsAny(model, ids, 'ingress', { range: range?.known ? range.value : undefined, cover: 'some', family: familyOf(type), label: 'the VPC', ...(within ? { within } : {}) }, ports));
      const verdict = verdicts[0];
      if (!verdict || verdicts.some((v) => v.decision !== 'block')) continue;
      // The fix adds an inline rule to the first group. Where that group's rules are resources of their
      // own it would mix the two styles in one group; the author adds a resource like the others there.
      const first = model.securityGroups.get(ids[0]!)!;
      const admitHttpsIn = first.ingress.standalone ? null : first.id;
      const vpcId = vpc && model.vpcs.has(vpc.id) ? vpc.id : null;
      const resource = ctx.template.byId.get(e.id)!;
      const defaults = [...(range?.known && range.fromDefault && verdict.usedRange ? [range.fromDefault] : []), ...verdict.defaults];
      const basis = defaults.length ? ` (with the default ${[...new Set(defaults.map((d) => `${d.parameter} ${d.value}`))].join(' and ')})` : '';
      const what = https ? 'TCP 443' : `TCP on any of ${shortName(e.service.value)}'s ports (${ports.join(', ')})`;
      const v6 = verdict.ipv6Only ? `; its ${https ? 'TCP 443 rules' : 'rules for those ports'} admit IPv6 only, and the endpoint serves IPv4` : '';
      out.push(
        finding(meta, resource.key, `${e.id}: no security group of the endpoint (${ids.join(', ')}) admits ${what} from the VPC${v6}; clients' calls through it time out${basis}${conditionNote(resource, [])}`, {
          resource,
          span: groups.valueAt,
          related: ids.map((id) => ({ ...model.securityGroups.get(id)!.at, message: `${id} has no inbound rule for ${what} from the VPC` })),
          // The quick fix writes an HTTPS rule: none for a service served on other ports (the author picks the port).
          data: https ? { securityGroups: ids, vpcCidr: (range?.known ? vpc!.cidrText : undefined) ?? null, admitHttpsIn, vpc: vpcId } : { securityGroups: ids, vpcCidr: null, admitHttpsIn: null, vpc: null, ports: [...ports] },
        }),
      );
    }
    return out;
  },
};
