import { shortName } from '../data/catalogue.js';
import { compatible } from '../cfn/refs.js';
import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { typeProblem } from '../model/endpoint-type.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE2001',
  severity: 'error',
  title: 'Endpoint type not offered by the service',
  why:
    'Gateway endpoints exist only for Amazon S3 and DynamoDB; every other AWS service is reached through Interface endpoints. ' +
    'CloudFormation defaults VpcEndpointType to Gateway, so an endpoint for SQS or SSM without a type fails to create.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
} as const;

/** The type to set; `defaulted`: VpcEndpointType is not written (the fix adds it). */
export type EndpointTypeData = { type: string; defaulted: boolean };

export const endpointTypeUnsupported: Rule<EndpointTypeData> = {
  meta,
  check(ctx) {
    const out: Finding<EndpointTypeData>[] = [];
    for (const e of ctx.endpoints()) {
      for (const t of e.types) {
        const type = t.value.type;
        if (!type) continue;
        for (const s of e.services) {
          const info = s.value.info;
          if (!compatible(t.when, s.when)) continue;
          const note = conditionNote(e.resource, [...t.when, ...s.when]);
          const name = shortName(s.value.pattern);
          if (type === 'GatewayLoadBalancer' && info) {
            out.push(finding(meta, e.typeNode ?? e.resource.key, `${e.resource.id}: a GatewayLoadBalancer endpoint connects to a Gateway Load Balancer endpoint service, not to ${name}; use Interface${note}`, { resource: e.resource, data: { type: 'Interface', defaulted: false } }));
            continue;
          }
          // The same predicate the network model uses to mark the endpoint broken (model/endpoint-type.ts).
          if (!info || !typeProblem(type, info, t.value.defaulted)) continue;
          const offered = info.types.join(' or ');
          const want = info.types[0];
          if (t.value.defaulted) {
            const node = pairOf(e.props, 'ServiceName')?.key ?? e.resource.key;
            out.push(finding(meta, node, `${e.resource.id}: VpcEndpointType is not set, so CloudFormation creates a Gateway endpoint, but ${name} has ${offered} endpoints only; set VpcEndpointType: ${info.types[0]}${note}`, want ? { resource: e.resource, data: { type: want, defaulted: true } } : { resource: e.resource }));
          } else {
            out.push(finding(meta, e.typeNode ?? e.resource.key, `${e.resource.id}: ${name} has no ${type} endpoint, only ${offered}${note}`, want ? { resource: e.resource, data: { type: want, defaulted: false } } : { resource: e.resource }));
          }
        }
      }
    }
    return out;
  },
};
