// The facts about each AWS::EC2::VPCEndpoint that most rules need, worked out once.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html

import type { MapNode, Node } from '../document/tree.js';
import { valueOf } from '../document/tree.js';
import { parseServiceName, type ServiceName } from '../data/catalogue.js';
import type { Resolver } from './resolve.js';
import type { Resource, Template } from './template.js';
import { branches, literal, parametersOf, withOneUnknownSegment, withPseudos, type Branch, type Value } from './values.js';

export interface EndpointType {
  /** undefined when the type is known only at deploy time. */
  type: string | undefined;
  /** true when `VpcEndpointType` is absent and CloudFormation's default (Gateway) applies. */
  defaulted: boolean;
}

/**
 * The Region a service name names, where only the deployment knows it (`!Sub com.amazonaws.${Region}.sqs`,
 * `"com.amazonaws.${var.aws_region}.sqs"`): what decides it, its identity (two names resting on the same
 * value are in one Region; two different unknowns are not assumed equal) and where it is written.
 */
export interface UnknownRegion {
  why: string;
  decides: string;
  identity: string;
  node: Node | null | undefined;
}

/** A service name as read from an endpoint: the catalogue's reading, and the Region when only the deployment knows it. */
export type EndpointService = ServiceName & { unknownRegion?: UnknownRegion };

export interface Endpoint {
  resource: Resource;
  props: MapNode | undefined;
  types: Branch<EndpointType>[];
  typeNode: Node | undefined;
  serviceNode: Node | undefined;
  /** The service on each branch whose name could be read. */
  services: Branch<EndpointService>[];
  /** Some branch's name could not be read (`!If [C, …sns, !ImportValue x]`): `services` is not the whole story. */
  servicesPartial?: true;
  vpc: Value;
  /**
   * Set when `Properties` is computed (`Fn::If` this resolver does not decide, `Fn::Transform`): every
   * property is then known only at deploy time, never absent (so never CloudFormation's defaults).
   */
  computed?: Value;
}

export function buildEndpoints(template: Template, values: Resolver): Endpoint[] {
  const out: Endpoint[] = [];
  for (const resource of template.resources) {
    if (resource.type !== 'AWS::EC2::VPCEndpoint') continue;
    const { props, computed } = propertiesOf(resource, values);
    if (computed) {
      out.push({ resource, props: undefined, types: [{ value: { type: undefined, defaulted: false }, when: [] }], typeNode: undefined, serviceNode: undefined, services: [], vpc: computed, computed });
      continue;
    }
    const typeNode = valueOf(props, 'VpcEndpointType');
    const types = branches(values.value(typeNode)).map((b): Branch<EndpointType> => {
      if (b.value.kind === 'absent') return { value: { type: 'Gateway', defaulted: true }, when: b.when };
      return { value: { type: literal(b.value), defaulted: false }, when: b.when };
    });
    const serviceNode = valueOf(props, 'ServiceName');
    const services: Branch<EndpointService>[] = [];
    const serviceBranches = branches(values.value(serviceNode));
    for (const b of serviceBranches) {
      // `${AWS::Region}` in plain text (not in a Fn::Sub) is not substituted: EC2 gets it as written.
      const raw = b.value.kind === 'str' ? b.value.parts.find((p): p is { lit: string } => 'lit' in p && /\$\{[^}]+\}/.test(p.lit)) : undefined;
      if (raw && b.value.kind === 'str' && b.value.parts.every((p) => 'lit' in p)) {
        services.push({ value: { pattern: literal(b.value)!, info: undefined, isCustom: false, unsubstituted: true }, when: b.when });
        continue;
      }
      const text = withPseudos(b.value);
      const parsed = text === undefined ? (serviceBranches.length === 1 ? regionOpen(b.value) : undefined) : parseServiceName(text);
      // A name resting on a parameter (its own value, or a part of a Sub, Join or FindInMap) is the deployment's to choose.
      const parameter = parametersOf(b.value)[0]?.parameter;
      if (parsed) services.push({ value: parameter ? { ...parsed, fromParameter: parameter } : parsed, when: b.when });
    }
    out.push({ resource, props, types, typeNode, serviceNode, services, ...(services.length < serviceBranches.length ? { servicesPartial: true as const } : {}), vpc: values.prop(props, 'VpcId') });
  }
  return out;
}

/**
 * A name whose one unknown is its Region (the segment where `${AWS::Region}` goes) is a known service all
 * the same: what depends on the service alone (its endpoint types, policy support, private DNS) is answered,
 * and what depends on the Region stays unknown, named by the value that decides it. Only an AWS service the
 * catalogue knows, with no other Region in the name, is read so; anything else is unknown as before.
 */
export function regionOpen(value: Value): EndpointService | undefined {
  const open = withOneUnknownSegment(value);
  const parsed = open && parseServiceName(open.text);
  if (!open || !parsed?.info || parsed.isCustom || parsed.literalRegion || !parsed.pattern.includes('{region}')) return undefined;
  const { part } = open;
  const param = /^parameter (\S+)/.exec(part.unknown)?.[1];
  const imported = /\bthe imported value (\S+) is known/.exec(part.unknown)?.[1];
  const condition = / depends on condition (\S+)$/.exec(part.unknown)?.[1];
  const decides = part.decides ?? (param ? `parameter ${param}` : imported ? `import ${imported}` : condition ? `condition ${condition}` : undefined);
  if (!decides) return undefined;
  return { ...parsed, unknownRegion: { why: part.unknown, decides, identity: part.identity ?? decides, node: part.node } };
}

/**
 * The endpoint's properties. `Properties: !If [...]` is the chosen branch's map when the resolver's
 * deployment decides the condition; otherwise (and for `Fn::Transform`, whose output only the deploy
 * knows) the properties are `computed`: unknown, not absent — absent would mean CloudFormation's
 * defaults, such as a Gateway endpoint.
 */
function propertiesOf(resource: Resource, values: Resolver): { props: MapNode | undefined; computed?: Value } {
  const props = resource.properties;
  if (!props || !isComputed(props)) return { props };
  const v = values.value(props);
  if (v.kind === 'map' && !isComputed(v.node)) return { props: v.node };
  if (v.kind === 'if' || v.kind === 'unknown') return { props: undefined, computed: v };
  return { props: undefined, computed: { kind: 'unknown', why: `${resource.id}'s Properties are computed by a transform at deploy time`, node: props } };
}

// No property's name starts with `Fn::`: such a key computes the properties (Fn::If, Fn::Transform).
function isComputed(props: MapNode): boolean {
  return props.pairs.some((p) => String(p.key.value).startsWith('Fn::'));
}

/** The endpoint's type when every branch agrees on a known one. */
export function definiteType(e: Endpoint): EndpointType | undefined {
  const first = e.types[0]?.value;
  if (!first?.type) return undefined;
  return e.types.every((b) => b.value.type === first.type) ? first : undefined;
}

