import { compatible } from '../cfn/refs.js';
import { satisfiable } from '../cfn/scenarios.js';
import { branches, truthy, type Branch } from '../cfn/values.js';
import { pairOf, valueOf, type Pair } from '../document/tree.js';
import type { Finding, Severity } from '../findings.js';
import type { Endpoint } from '../cfn/endpoints.js';
import type { Resolver } from '../cfn/resolve.js';
import type { Template } from '../cfn/template.js';
import { serviceByPattern } from '../data/catalogue.js';
import { factBranches, type FactBranch } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE2002',
  severity: 'error',
  title: 'Property does not fit the endpoint type',
  why:
    'Gateway endpoints are route-table targets: they take RouteTableIds, never subnets, security groups or private DNS. ' +
    'Interface endpoints are network interfaces in subnets: they take SubnetIds and security groups, never route tables. ' +
    'A Gateway Load Balancer endpoint sits in exactly one subnet and takes no security groups and no policy.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html',
  // Terraform: aws_vpc_endpoint's page: route_table_ids "Applicable for endpoints of type Gateway", subnet_ids for GatewayLoadBalancer
  // and Interface, security_group_ids and private_dns_enabled for Interface; association resources for each list.
  terraform: {
    why:
      'Gateway endpoints are route-table targets: they take route_table_ids (or aws_vpc_endpoint_route_table_association), never subnet_ids, security_group_ids or private_dns_enabled. ' +
      'Interface endpoints are network interfaces in subnets: they take subnet_ids and security_group_ids (or aws_vpc_endpoint_subnet_association and aws_vpc_endpoint_security_group_association), never route_table_ids. ' +
      'A Gateway Load Balancer endpoint sits in exactly one subnet and takes no security groups and no policy.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

interface Expectation {
  forbidden: string[];
  /** A property the type needs; without it the endpoint carries no traffic. */
  needed?: string;
}

const BY_TYPE: Record<string, Expectation> = {
  Gateway: { forbidden: ['SubnetIds', 'SecurityGroupIds', 'PrivateDnsEnabled'], needed: 'RouteTableIds' },
  Interface: { forbidden: ['RouteTableIds'], needed: 'SubnetIds' },
  GatewayLoadBalancer: { forbidden: ['RouteTableIds', 'SecurityGroupIds', 'PolicyDocument', 'PrivateDnsEnabled'], needed: 'SubnetIds' },
};

/** The property to remove (null: one is missing) and the endpoint's type. */
export type PropertiesByTypeData = { remove: string | null; type: string };

export const propertiesByType: Rule<PropertiesByTypeData> = {
  meta,
  check(ctx) {
    const out: Finding<PropertiesByTypeData>[] = [];
    const model = ctx.network().judged();
    for (const e of ctx.endpoints()) {
      // The type is the model's (per branch where a condition decides it): an endpoint whose type the
      // template cannot know — computed Properties, a parameter — is not judged, never taken for a Gateway.
      const m = model.endpoints.get(e.resource.id);
      if (!m) continue;
      const services = factBranches(m.service);
      for (const t of factBranches(m.type, m.typeDefaulted)) {
        const type = t.value;
        const expect = BY_TYPE[type];
        if (!expect) continue;
        // A type the service does not offer is VPCE2001's finding; its properties are then not the problem.
        if (services.some((sv) => serviceByPattern(sv.value) && !serviceByPattern(sv.value)!.types.includes(type as 'Gateway' | 'Interface'))) continue;
        for (const prop of expect.forbidden) {
          const pair = pairOf(e.props, prop);
          if (!pair) continue;
          for (const b of present(ctx.values, pair, t.when, (w) => possible(ctx.template, w, e.resource.condition))) {
            // PrivateDnsEnabled: false on a Gateway endpoint says nothing wrong.
            if (prop === 'PrivateDnsEnabled' && truthy(b.value) !== true) continue;
            const why = t.defaulted ? ` (${ctx.words.prop('VpcEndpointType')} is not set, so it is a Gateway endpoint)` : '';
            out.push(finding(meta, pair.key, `${e.resource.id}: ${article(type)} endpoint takes no ${ctx.words.prop(prop)}${why}${conditionNote(e.resource, b.when)}`, { resource: e.resource, data: { remove: prop, type } }));
          }
        }
        // Handed to a module not read, the endpoint may get its route tables or subnets there.
        if (expect.needed && !model.elsewhere?.has(e.resource.id)) out.push(...missing(e, expect.needed, type, t, ctx.words.prop(expect.needed), ctx.values, ctx.template, ctx.words.format === 'cloudformation'));
        if (type === 'GatewayLoadBalancer') out.push(...subnetCount(ctx.values, e, t.when, ctx.template));
      }
    }
    return out;
  },
};

// An empty list sets nothing (a module's `subnet_ids = var.subnet_ids` with its default []): only a list
// with items, or a value not known, is there.
// A branch no deployment takes (a parameter's AllowedValues rule its condition out) sets nothing either.
function present(values: Resolver, pair: Pair, when: string[], taken: (when: string[]) => boolean): Branch[] {
  return branches(values.value(pair.value), when).filter((b) => b.value.kind !== 'absent' && !(b.value.kind === 'list' && b.value.items.length === 0) && compatible(b.when, when) && taken(b.when));
}

function possible(template: Template, when: string[], condition: string | undefined): boolean {
  return satisfiable(template, [...(condition ? [condition] : []), ...when]);
}

// Written but set to nothing is not set: `RouteTableIds: !Ref AWS::NoValue` removes the property
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html#cfn-pseudo-param-novalue),
// as a branch of `!If [C, [...], !Ref AWS::NoValue]` does where C is false, and an empty list names no route
// table or subnet. A value known only at deploy time may name some: not judged. CloudFormation only: a Terraform
// plan or state writes [] for an argument whose route tables or subnets an association resource sets.
function missing(e: Endpoint, prop: string, type: string, t: FactBranch<string>, word: string, values: Resolver, template: Template, setToNothing: boolean): Finding<PropertiesByTypeData>[] {
  const severity: Severity = 'warning';
  const effect = prop === 'RouteTableIds' ? 'no route table sends traffic to it' : 'it has no network interface to send traffic to';
  const pair = pairOf(e.props, prop);
  if (!pair) return [finding(meta, e.props ? (pairOf(e.resource.node, 'Properties')?.key ?? e.resource.key) : e.resource.key, `${e.resource.id}: ${article(type)} endpoint without ${word} does nothing: ${effect}${conditionNote(e.resource, t.when)}`, { resource: e.resource, severity, data: { remove: null, type } })];
  if (!setToNothing) return [];
  const empty = branches(values.value(pair.value), t.when).filter((b) => (b.value.kind === 'absent' || (b.value.kind === 'list' && b.value.items.length === 0)) && compatible(b.when, t.when) && possible(template, b.when, e.resource.condition));
  return empty.map((b) => finding(meta, pair.value ?? pair.key, `${e.resource.id}: ${article(type)} endpoint whose ${word} ${b.value.kind === 'absent' ? 'is set to no value' : 'is an empty list'} does nothing: ${effect}${conditionNote(e.resource, b.when)}`, { resource: e.resource, severity, data: { remove: null, type } }));
}

function subnetCount(values: Resolver, e: Endpoint, when: string[], template: Template): Finding<PropertiesByTypeData>[] {
  const node = valueOf(e.props, 'SubnetIds');
  if (!node) return [];
  const out: Finding<PropertiesByTypeData>[] = [];
  for (const b of branches(values.value(node), when)) {
    if (b.value.kind !== 'list' || b.value.items.length === 1 || !possible(template, b.when, e.resource.condition)) continue;
    out.push(finding(meta, node, `${e.resource.id}: a GatewayLoadBalancer endpoint takes exactly one subnet, not ${b.value.items.length}${conditionNote(e.resource, b.when)}`, { resource: e.resource }));
  }
  return out;
}

function article(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
