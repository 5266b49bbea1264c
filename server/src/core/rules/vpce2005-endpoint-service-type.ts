import { compatible } from '../cfn/refs.js';
import { resourcesOfType, type Template } from '../cfn/template.js';
import { branches, type Value } from '../cfn/values.js';
import { pairOf, valueOf, type Node } from '../document/tree.js';
import { forEachScalar } from '../document/walk.js';
import type { Finding } from '../findings.js';
import { factBranches } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE2005',
  severity: 'error',
  title: 'Endpoint type an endpoint service does not take',
  why:
    'An endpoint service (com.amazonaws.vpce.<region>.vpce-svc-…) in front of Network Load Balancers takes Interface endpoints; one in front of Gateway Load Balancers ' +
    'takes GatewayLoadBalancer endpoints. Gateway endpoints exist only for Amazon S3 and DynamoDB, and CloudFormation defaults VpcEndpointType to Gateway, ' +
    'so an endpoint to an endpoint service without a type fails to create.',
  docs: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointServiceConfiguration.html',
  // Terraform: the AWS provider's aws_vpc_endpoint page (website/docs/r/vpc_endpoint.html.markdown): vpc_endpoint_type
  // "Defaults to Gateway", private_dns_enabled "Defaults to false", policy "a JSON formatted string. Defaults to full access".
  // aws_vpc_endpoint_service exports service_type (its example feeds it to vpc_endpoint_type).
  terraform: {
    why:
      'An endpoint service (com.amazonaws.vpce.<region>.vpce-svc-…) in front of Network Load Balancers takes Interface endpoints; one in front of Gateway Load Balancers takes GatewayLoadBalancer endpoints. ' +
      'Gateway endpoints exist only for Amazon S3 and DynamoDB, and the AWS provider defaults vpc_endpoint_type to "Gateway", so an aws_vpc_endpoint to an endpoint service without vpc_endpoint_type fails to create at apply (an aws_vpc_endpoint_service\'s service_type attribute gives the type it takes).',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

// The service names of endpoint services, whoever provides them.
// https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html
const ENDPOINT_SERVICE = /^com\.amazonaws\.vpce\./;

/** The type the endpoint service takes; `defaulted`: VpcEndpointType is not written. */
export type ServiceTypeData = { type: string; defaulted: boolean };

export const endpointServiceType: Rule<ServiceTypeData> = {
  meta,
  check(ctx) {
    const out: Finding<ServiceTypeData>[] = [];
    const model = ctx.network().judged();
    for (const e of ctx.endpoints()) {
      const services = branches(ctx.values.value(e.serviceNode)).filter((b) => isEndpointService(b.value));
      // The type is the model's fact (per branch), as for VPCE2001 and the trace.
      const m = model.endpoints.get(e.resource.id);
      if (!services.length || !e.serviceNode || !m) continue;
      const own = ownService(ctx.template, e.serviceNode);
      for (const t of factBranches(m.type, m.typeDefaulted)) {
        const type = t.value;
        const s = services.find((x) => compatible(t.when, x.when, ctx.template));
        if (!s || (type !== 'Gateway' && (!own || own.takes === type))) continue;
        const note = conditionNote(e.resource, [...t.when, ...s.when]);
        const data = own ? { type: own.takes, defaulted: t.defaulted ?? false } : undefined;
        const typeAt = t.at ?? m.at;
        if (type !== 'Gateway') {
          out.push(finding(meta, e.resource.key, `${e.resource.id}: ${own!.id} fronts ${own!.fronts}, so it takes ${own!.takes} endpoints, not ${type}; set ${ctx.words.set('VpcEndpointType', ctx.words.format === 'terraform' ? `"${own!.takes}"` : own!.takes)}${note}`, { resource: e.resource, span: typeAt, data }));
          break;
        }
        const advice = own ? `${own.id} fronts ${own.fronts}: set VpcEndpointType: ${own.takes}` : 'set VpcEndpointType to Interface (a Network Load Balancer service) or GatewayLoadBalancer (a Gateway Load Balancer service)';
        if (t.defaulted) {
          out.push(finding(meta, e.resource.key, `${e.resource.id}: ${ctx.words.prop('VpcEndpointType')} is not set, so ${ctx.words.format === 'terraform' ? 'the AWS provider' : 'CloudFormation'} creates a Gateway endpoint, but an endpoint service takes Interface or GatewayLoadBalancer endpoints only; ${advice}${note}`, { resource: e.resource, span: m.typeAnchor, data }));
        } else {
          out.push(finding(meta, e.resource.key, `${e.resource.id}: an endpoint service takes Interface or GatewayLoadBalancer endpoints, not Gateway; ${advice}${note}`, { resource: e.resource, span: typeAt, data }));
        }
        break;
      }
    }
    return out;
  },
};

/** `com.amazonaws.vpce.…` by its literal start: the service id itself is often a Ref to the template's service. */
function isEndpointService(value: Value): boolean {
  // A parameter's default may be overridden by another name at deploy time.
  if (value.kind !== 'str' || value.fromParameter) return false;
  const first = value.parts[0];
  return Boolean(first && 'lit' in first && ENDPOINT_SERVICE.test(first.lit));
}

/**
 * The template's own endpoint service the name refers to (`${Service}` in a Sub, or a Ref), when it
 * is exactly one AWS::EC2::VPCEndpointService with one kind of load balancer.
 */
function ownService(template: Template, serviceNode: Node): { id: string; fronts: string; takes: string } | undefined {
  const ids = new Set(resourcesOfType(template, 'AWS::EC2::VPCEndpointService').map((r) => r.id));
  const named = new Set<string>();
  forEachScalar(serviceNode, (s) => {
    const text = typeof s.value === 'string' ? s.value : '';
    if (ids.has(text)) named.add(text);
    for (const m of text.matchAll(/\$\{([^}!.]+)\}/g)) if (ids.has(m[1]!.trim())) named.add(m[1]!.trim());
  });
  if (named.size !== 1) return undefined;
  const id = [...named][0]!;
  const props = template.byId.get(id)?.properties;
  const nlb = Boolean(valueOf(props, 'NetworkLoadBalancerArns'));
  const gwlb = Boolean(valueOf(props, 'GatewayLoadBalancerArns'));
  if (nlb === gwlb) return undefined;
  return gwlb ? { id, fronts: 'Gateway Load Balancers', takes: 'GatewayLoadBalancer' } : { id, fronts: 'Network Load Balancers', takes: 'Interface' };
}
