import { serviceByPattern, shortName } from '../data/catalogue.js';
import { compatible } from '../cfn/refs.js';
import type { Finding } from '../findings.js';
import { factBranches } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { typeProblem } from '../model/endpoint-type.js';
import { finding, type Rule } from './types.js';
import { withDefaultsNote } from '../model/defaults-note.js';

const meta = {
  id: 'VPCE2001',
  severity: 'error',
  title: 'Endpoint type not offered by the service',
  why:
    'Gateway endpoints exist only for Amazon S3 and DynamoDB; every other AWS service is reached through Interface endpoints. ' +
    'CloudFormation defaults VpcEndpointType to Gateway, so an endpoint for SQS or SSM without a type fails to create.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
  // Terraform: the AWS provider's aws_vpc_endpoint page (website/docs/r/vpc_endpoint.html.markdown): vpc_endpoint_type
  // "Defaults to Gateway", private_dns_enabled "Defaults to false", policy "a JSON formatted string. Defaults to full access".
  terraform: {
    why:
      'Gateway endpoints exist only for Amazon S3 and DynamoDB; every other AWS service is reached through Interface endpoints. ' +
      'The AWS provider defaults aws_vpc_endpoint\'s vpc_endpoint_type to "Gateway", so an endpoint for SQS or SSM without vpc_endpoint_type = "Interface" fails to create at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

/** The type to set; `defaulted`: VpcEndpointType is not written (the fix adds it). */
export type EndpointTypeData = { type: string; defaulted: boolean };

// The endpoint's type and service are the network model's facts (per branch where a condition decides
// them), so this rule and the trace judge one type: an endpoint whose type the template cannot know
// (computed properties, a parameter) is not judged.
export const endpointTypeUnsupported: Rule<EndpointTypeData> = {
  meta,
  check(ctx) {
    const out: Finding<EndpointTypeData>[] = [];
    for (const e of ctx.network().judged().endpoints.values()) {
      const resource = ctx.template.byId.get(e.id);
      if (!resource) continue;
      for (const t of factBranches(e.type, e.typeDefaulted)) {
        const type = t.value;
        const at = t.at ?? e.at;
        for (const s of factBranches(e.service)) {
          const info = serviceByPattern(s.value);
          if (!compatible(t.when, s.when)) continue;
          const note = conditionNote(resource, [...t.when, ...s.when]);
          const name = shortName(s.value);
          if (type === 'GatewayLoadBalancer' && info) {
            out.push(finding(meta, resource.key, `${e.id}: a GatewayLoadBalancer endpoint connects to a Gateway Load Balancer endpoint service, not to ${name}; use Interface${note}`, { resource, span: at, data: { type: 'Interface', defaulted: false } }));
            continue;
          }
          // The same predicate the network model uses to mark the endpoint broken (model/endpoint-type.ts).
          if (!info || !typeProblem(type, info, t.defaulted ?? false)) continue;
          const offered = info.types.join(' or ');
          const want = info.types[0];
          if (t.defaulted) {
            out.push(finding(meta, resource.key, `${e.id}: ${ctx.words.prop('VpcEndpointType')} is not set, so ${ctx.words.format === 'terraform' ? 'the AWS provider' : 'CloudFormation'} creates a Gateway endpoint, but ${name} has ${offered} endpoints only; set ${ctx.words.set('VpcEndpointType', ctx.words.format === 'terraform' ? `"${info.types[0]}"` : String(info.types[0]))}${note}`, want ? { resource, span: e.typeAnchor, data: { type: want, defaulted: true } } : { resource, span: e.typeAnchor }));
          } else {
            const basis = withDefaultsNote([e.type.known ? e.type.fromDefault : undefined]);
            out.push(finding(meta, resource.key, `${e.id}: ${name} has no ${type} endpoint, only ${offered}${basis}${note}`, want ? { resource, span: at, data: { type: want, defaulted: false } } : { resource, span: at }));
          }
        }
      }
    }
    return out;
  },
};
