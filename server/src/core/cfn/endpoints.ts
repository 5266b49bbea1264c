// The facts about each AWS::EC2::VPCEndpoint that most rules need, worked out once.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html

import type { MapNode, Node } from '../document/tree.js';
import { valueOf } from '../document/tree.js';
import { parseServiceName, type ServiceName } from '../data/catalogue.js';
import type { Resolver } from './resolve.js';
import type { Resource, Template } from './template.js';
import { branches, literal, withPseudos, type Branch, type Value } from './values.js';

export interface EndpointType {
  /** undefined when the type is known only at deploy time. */
  type: string | undefined;
  /** true when `VpcEndpointType` is absent and CloudFormation's default (Gateway) applies. */
  defaulted: boolean;
}

export interface Endpoint {
  resource: Resource;
  props: MapNode | undefined;
  types: Branch<EndpointType>[];
  typeNode: Node | undefined;
  serviceNode: Node | undefined;
  /** The service on each branch whose name could be read. */
  services: Branch<ServiceName>[];
  vpc: Value;
}

export function buildEndpoints(template: Template, values: Resolver): Endpoint[] {
  const out: Endpoint[] = [];
  for (const resource of template.resources) {
    if (resource.type !== 'AWS::EC2::VPCEndpoint') continue;
    const props = resource.properties;
    const typeNode = valueOf(props, 'VpcEndpointType');
    const types = branches(values.value(typeNode)).map((b): Branch<EndpointType> => {
      if (b.value.kind === 'absent') return { value: { type: 'Gateway', defaulted: true }, when: b.when };
      return { value: { type: literal(b.value), defaulted: false }, when: b.when };
    });
    const serviceNode = valueOf(props, 'ServiceName');
    const services: Branch<ServiceName>[] = [];
    for (const b of branches(values.value(serviceNode))) {
      const text = withPseudos(b.value);
      const parsed = text === undefined ? undefined : parseServiceName(text);
      if (parsed) services.push({ value: b.value.kind === 'str' && b.value.fromParameter ? { ...parsed, fromParameter: b.value.fromParameter } : parsed, when: b.when });
    }
    out.push({ resource, props, types, typeNode, serviceNode, services, vpc: values.prop(props, 'VpcId') });
  }
  return out;
}

/** The endpoint's type when every branch agrees on a known one. */
export function definiteType(e: Endpoint): EndpointType | undefined {
  const first = e.types[0]?.value;
  if (!first?.type) return undefined;
  return e.types.every((b) => b.value.type === first.type) ? first : undefined;
}

