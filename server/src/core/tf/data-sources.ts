// The data sources whose values the configuration decides: the region and partition (deploy-time
// pseudo values, kept symbolic as in CloudFormation), an endpoint service named by its short name, an
// IAM policy document built from its blocks, the id of a VPC, subnet, security group, route table or
// prefix list looked up by that id (and, looked up by the id of one the configuration manages, that
// resource's range, zone and VPC), and whose AWS-managed prefix list a lookup by a service's name finds.
// Any other data source is known only at plan time.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/region
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/vpc_endpoint_service
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/prefix_list

import type { Node, Pair } from '../document/tree.js';
import { attr, blocksOf, type Block, type Located } from './hcl-ast.js';
import { lower, steps, textOf, type Scope } from './eval.js';
import type { Step } from './hcl-ast.js';
import { instancesOf } from './module.js';
import { partialMaps } from './functions.js';
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';
import { regionOf } from './providers.js';
import { serviceByPattern } from '../data/catalogue.js';
import { nestedBlocks, type NotKnown } from './dynamic.js';
import { mergedPolicy } from './policy-merge.js';

/** `data.<type>.<name>[key].<attr>...`: the value, with the steps after the attribute applied. */
export function dataSource(type: string, name: string, e: Located & { steps: Step[] }, scope: Scope, depth: number): Node {
  const address = `data.${type}.${name}`;
  const block = scope.decls.data.get(`${type}.${name}`);
  if (!block) return unknownNode(`${address} is not declared in this module`, address, e);
  const text = textOf(scope, e).replace(/\s+/g, ' ');
  // With count or for_each, the instance the index names is read with its own count.index or each.*,
  // as Terraform evaluates it; an instance that may not exist is no value.
  // https://developer.hashicorp.com/terraform/language/meta-arguments/count
  let rest = e.steps.slice(2);
  const instance: Scope = { decls: scope.decls };
  const counted = attr(block.body, 'count') || attr(block.body, 'for_each');
  if (counted) {
    const first = rest[0];
    // The whole data source: the list (count) or map (for_each) of its instances, as for_each and
    // length() read it; nothing of an instance is given here.
    if (!first) {
      const inst = instancesOf(block, address, scope.decls);
      const one = () => {
        const m = map([], e);
        partialMaps.add(m);
        return m;
      };
      if (inst.kind === 'count') return seq(Array.from({ length: inst.n }, one), e);
      if (inst.kind === 'each') return map(inst.keys.map((k) => pair(k, e, one())), e);
    }
    if (!first || !('index' in first)) return unknownNode(`${text}: ${address} has ${attr(block.body, 'count') ? 'count' : 'for_each'}, so a value needs an instance key`, text, e);
    const inst = instancesOf(block, address, scope.decls);
    if (inst.kind === 'unknown') return unknownNode(`${text}: ${inst.why}`, inst.decides, e);
    const k = lower(first.index, scope, depth + 1);
    if (k.kind !== 'scalar' || k.value === null || typeof k.value === 'boolean') return unknownNode(`${text}: the instance key is not known statically`, text, e);
    if (inst.kind === 'count') {
      const i = Number(k.value);
      if (!Number.isInteger(i) || i < 0 || i >= inst.n) return unknownNode(`${text}: ${address} has no instance ${String(k.value)}`, text, e);
      instance.countIndex = i;
    } else if (inst.kind === 'each') {
      const at = inst.keys.indexOf(String(k.value));
      if (at < 0) return unknownNode(`${text}: ${address} has no instance ${JSON.stringify(String(k.value))}`, text, e);
      instance.each = { key: String(k.value), keyAt: first.index, value: inst.values[at]!, keyNode: inst.keyNodes[at] };
    }
    rest = rest.slice(1);
  }
  const s0 = rest[0];
  const step = s0 && 'attr' in s0 ? s0.attr : undefined;
  const own = (key: string) => {
    const a = attr(block.body, key);
    const v = a ? lower(a.value, instance, depth + 1) : undefined;
    // An argument set to null is not set (service_name = lookup(each.value, "service_name", null)).
    return v?.kind === 'scalar' && v.value === null ? undefined : v;
  };
  if (!step) return unknownNode(`${text} is not a value`, text, e);
  return steps(valueOf(type, address, block, step, own, e, scope, instance, depth), rest.slice(1), text, e, scope);
}

function valueOf(type: string, address: string, block: Block, step: string, own: (key: string) => Node | undefined, e: Located, scope: Scope, instance: Scope, depth: number): Node {
  // The region of an aliased provider is its own `region`, when the configuration sets it.
  const aliased = type === 'aws_region' && attr(block.body, 'provider') && !attr(block.body, 'region') && !attr(block.body, 'name') && (step === 'name' || step === 'region' || step === 'id') ? regionOf(block, scope.decls) : undefined;
  if (aliased?.kind === 'scalar' && !attr(block.body, 'count') && !attr(block.body, 'for_each')) return aliased;
  if (attr(block.body, 'provider')) return unknownNode(`${address}.${step} is read at plan time`, `${address}.${step}`, e);
  if (scope.decls.otherProvider && type !== 'aws_iam_policy_document') return unknownNode(`${address}.${step}: ${scope.decls.otherProvider}`, `${address}.${step}`, e);
  switch (type) {
    case 'aws_region':
      if (step === 'name' || step === 'region' || step === 'id') return own('region') ?? own('name') ?? fn('Ref', scalar('AWS::Region', e, 'plain'), e);
      break;
    case 'aws_partition':
      if (step === 'partition' || step === 'id') return fn('Ref', scalar('AWS::Partition', e, 'plain'), e);
      if (step === 'dns_suffix') return fn('Ref', scalar('AWS::URLSuffix', e, 'plain'), e);
      break;
    case 'aws_vpc_endpoint_service':
      if (step === 'service_name') {
        const written = own('service_name');
        if (written) return written;
        // With `service`, the provider looks the name up as com.amazonaws.<region>.<service>; a
        // service-type filter only chooses between its Gateway and Interface forms, of one name.
        const service = own('service');
        const typeFilters = blocksOf(block.body, 'filter').filter((f) => isTypeFilter(f, instance));
        // S3 and DynamoDB offer a Gateway and an Interface service under one name: a lookup that does not
        // choose the type matches both, and the provider fails ("multiple VPC Endpoint Services matched").
        // https://github.com/hashicorp/terraform-provider-aws/issues/17417
        const both = service?.kind === 'scalar' && serviceByPattern(`com.amazonaws.{region}.${String(service.value)}`)?.types.length === 2;
        if (both && !attr(block.body, 'service_type') && !typeFilters.length) {
          return unknownNode(`${address} looks up "${String(service.value)}" without service_type: ${String(service.value)} has both a Gateway and an Interface service, so the lookup matches two and Terraform fails ("multiple VPC Endpoint Services matched")`, `${address}'s service_type`, e);
        }
        if (service && !attr(block.body, 'filter') && blocksOf(block.body, 'filter').every((f) => isTypeFilter(f, instance))) {
          return fn('Fn::Join', seq([scalar('', e), seq([scalar('com.amazonaws.', e), fn('Ref', scalar('AWS::Region', e, 'plain'), e), scalar('.', e), service], e)], e), e);
        }
      }
      // The type asked for: the service_type argument, or the one value of a service-type filter.
      if (step === 'service_type') {
        const written = own('service_type');
        if (written) return written;
        const filters = blocksOf(block.body, 'filter').filter((f) => isTypeFilter(f, instance));
        const values = filters.length === 1 ? attr(filters[0]!.body, 'values') : undefined;
        const v = values && lower(values.value, instance, depth + 1);
        // A null value (try(var.type, "Interface") with the variable null) names no type: the plan's lookup decides.
        const one = v?.kind === 'seq' && v.items.length === 1 ? v.items[0]! : undefined;
        if (one && !(one.kind === 'scalar' && one.value === null)) return one;
      }
      break;
    // A prefix list looked up by id is that list; looked up by name alone, the id is read at plan time, but
    // a service's name (com.amazonaws.<region>.s3) says whose AWS-managed list it is (cfn/prefix-lists.ts).
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/prefix_list
    case 'aws_prefix_list':
      if (step === 'id') {
        const id = own('prefix_list_id');
        if (id) return id;
        const name = own('name');
        if (name && !blocksOf(block.body, 'filter').length) return fn('Fn::ManagedPrefixList', seq([name, scalar(`${address}.id`, e)], e), e);
      }
      break;
    case 'aws_iam_policy_document':
      if (step === 'json' || step === 'minified_json') return policyDocument(block, instance, depth, address);
      break;
    // A lookup by id finds that one resource (or fails the plan): its id is the id asked for, so
    // data.aws_vpc.given.id with id = var.vpc_id is the VPC var.vpc_id names, not another VPC.
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/vpc
    case 'aws_vpc':
    case 'aws_subnet':
    case 'aws_security_group':
      if (step === 'id') {
        const id = own('id');
        if (id) return id;
      }
      // Looked up by the id of one the configuration manages, it is that resource: its range, zone and
      // VPC are the resource's (data.aws_vpc.selected.cidr_block with id = var.vpc_id, the caller's VPC).
      if (MIRRORED[type]?.[step]) {
        const managed = managedOf(own('id'), type);
        if (managed) return fn('Fn::GetAtt', seq([managed, scalar(MIRRORED[type]![step]!, e, 'plain')], e), e);
      }
      break;
    case 'aws_route_table':
      if (step === 'id' || step === 'route_table_id') {
        const id = own('route_table_id');
        if (id) return id;
      }
      break;
  }
  return unknownNode(`${address}.${step} is read at plan time`, `${address}.${step}`, e);
}

// The attributes a lookup by id shares with the resource it finds, as CloudFormation's return values
// mirror them (cfn/resolve.ts MIRRORED_ATTRIBUTES): the primary range, the zone, the VPC.
const MIRRORED: Record<string, Record<string, string>> = {
  aws_vpc: { cidr_block: 'CidrBlock' },
  aws_subnet: { cidr_block: 'CidrBlock', availability_zone: 'AvailabilityZone', vpc_id: 'VpcId' },
  aws_security_group: { vpc_id: 'VpcId' },
};
// The managed types whose id a lookup of each type finds (a default VPC's, subnet's or group's too).
const MANAGED: Record<string, RegExp> = {
  aws_vpc: /(?:^|\.)aws_(?:default_)?vpc\.[\w-]+(?:\[[^\]]*\])?$/,
  aws_subnet: /(?:^|\.)aws_(?:default_)?subnet\.[\w-]+(?:\[[^\]]*\])?$/,
  aws_security_group: /(?:^|\.)aws_(?:default_)?security_group\.[\w-]+(?:\[[^\]]*\])?$/,
};

/** The logical id an id names, when it is a `Ref` to a managed resource of the type a lookup finds. */
function managedOf(id: Node | undefined, type: string): Node | undefined {
  if (id?.kind !== 'map' || id.pairs.length !== 1 || id.pairs[0]!.key.value !== 'Ref') return undefined;
  const target = id.pairs[0]!.value;
  return target?.kind === 'scalar' && typeof target.value === 'string' && MANAGED[type]!.test(target.value) ? target : undefined;
}

// The block's own document, merged with the documents it names (policy-merge.ts).
function policyDocument(block: Block, scope: Scope, depth: number, address: string): Node {
  const body = block.body;
  // Dynamic `statement`, `principals` and `condition` blocks are expanded where their for_each is known (dynamic.ts).
  const inScope = (at: Scope) => (e: Parameters<typeof lower>[0]) => lower(e, at, depth + 1);
  const sub = inScope(scope);
  const pairs: Pair[] = [];
  const version = attr(body, 'version');
  pairs.push(version ? pair('Version', version.nameAt, sub(version.value)) : pair('Version', block.typeAt, scalar('2012-10-17', block.typeAt)));
  const id = attr(body, 'policy_id');
  if (id) pairs.push(pair('Id', id.nameAt, sub(id.value)));
  const statements = nestedBlocks(body, 'statement', scope);
  pairs.push(pair('Statement', block.typeAt, Array.isArray(statements) ? seq(statements.map((n) => statement(n.block, n.scope, inScope)), block) : unknownOf(statements)));
  return mergedPolicy(block, scope, depth, address, map(pairs, block));
}

const STATEMENT_KEYS: [string, string][] = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

type Sub = (e: Parameters<typeof lower>[0]) => Node;

function unknownOf(n: NotKnown): Node {
  return unknownNode(n.why, n.decides, n.at);
}

function statement(s: Block, scope: Scope, inScope: (at: Scope) => Sub): Node {
  const sub = inScope(scope);
  const pairs: Pair[] = [];
  for (const [tf, json] of STATEMENT_KEYS) {
    const a = attr(s.body, tf);
    if (a) pairs.push(pair(json, a.nameAt, sub(a.value)));
    else if (tf === 'effect') pairs.push(pair('Effect', s.typeAt, scalar('Allow', s.typeAt)));
  }
  for (const [tf, json] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const blocks = nestedBlocks(s.body, tf, scope);
    if (!Array.isArray(blocks)) pairs.push(pair(json, blocks.at, unknownOf(blocks)));
    else if (blocks.length) pairs.push(pair(json, blocks[0]!.block.typeAt, principals(blocks.map((b) => ({ block: b.block, sub: inScope(b.scope) })))));
  }
  const expanded = nestedBlocks(s.body, 'condition', scope);
  if (!Array.isArray(expanded)) pairs.push(pair('Condition', expanded.at, unknownOf(expanded)));
  const conditions = Array.isArray(expanded) ? expanded.map((n) => ({ c: n.block, sub: inScope(n.scope) })) : [];
  if (conditions.length) {
    const byTest = new Map<string, Pair[]>();
    const at = conditions[0]!.c;
    const outer: Pair[] = [];
    let opaque: Node | undefined;
    for (const { c, sub } of conditions) {
      const test = attr(c.body, 'test');
      const variable = attr(c.body, 'variable');
      const values = attr(c.body, 'values');
      const t = test && sub(test.value);
      const v = variable && sub(variable.value);
      if (!values) continue;
      // A condition whose operator or key is not known still restricts the statement: the whole Condition is unknown, never dropped.
      if (t?.kind !== 'scalar' || v?.kind !== 'scalar') {
        opaque ??= unknownNode(`a condition's ${t?.kind !== 'scalar' ? 'test' : 'variable'} is not known statically`, textOf({ decls: scope.decls }, t?.kind !== 'scalar' ? (test ?? c) : variable!), c);
        continue;
      }
      let inner = byTest.get(String(t.value));
      if (!inner) {
        byTest.set(String(t.value), (inner = []));
        outer.push({ key: scalar(String(t.value), test!.value, 'double'), value: map(inner, c) });
      }
      inner.push({ key: scalar(String(v.value), variable!.value, 'double'), value: sub(values.value) });
    }
    pairs.push(pair('Condition', at.typeAt, opaque ?? map(outer, at)));
  }
  return map(pairs, s);
}

function principals(blocks: { block: Block; sub: Sub }[]): Node {
  const at = blocks[0]!.block;
  const byType = new Map<string, { key: Located; items: Node[] }>();
  for (const { block: b, sub } of blocks) {
    const type = attr(b.body, 'type');
    const ids = attr(b.body, 'identifiers');
    const t = type && sub(type.value);
    const list = ids && sub(ids.value);
    if (t?.kind !== 'scalar' || !list) return unknownNode('the principals are not evaluated statically', 'principals', b);
    const entry = byType.get(String(t.value)) ?? { key: type!.value, items: [] };
    byType.set(String(t.value), entry);
    if (list.kind === 'seq') entry.items.push(...list.items);
    else entry.items.push(list);
  }
  // type = "*" with identifiers ["*"] is written as "Principal": "*".
  const star = byType.get('*');
  if (star && byType.size === 1 && star.items.length === 1 && star.items[0]!.kind === 'scalar' && star.items[0]!.value === '*') return star.items[0]!;
  return map(
    [...byType].map(([type, v]) => ({ key: scalar(type, v.key, 'double'), value: seq(v.items, at) })),
    at,
  );
}

export { textOf };

/** A `filter { name = "service-type" ... }` block. */
function isTypeFilter(f: Block, scope: Scope): boolean {
  const name = attr(f.body, 'name');
  const v = name && lower(name.value, scope);
  return v?.kind === 'scalar' && v.value === 'service-type';
}
