// A plan's planned values lowered by the Terraform adapter's own lowerers (../lower.ts): each resource
// instance's values become the `Fields` a lowerer reads, so plan JSON and .tf files fill the engine's
// inputs the same way. The values are already resolved (modules and for_each expanded); what is left:
//  - a value known only after apply (after_unknown) is an `Fn::Unknown` naming the attribute, never absent;
//  - a top-level argument the configuration does not set at all is the provider's to compute (a Gateway
//    endpoint's `subnet_ids`; after the first apply, the default full-access `policy` AWS reports): not
//    written, as in the .tf file, known or not. Not so for nested blocks: the configuration section leaves
//    out dynamic blocks and attributes written as blocks (hashicorp/terraform#28346, #29022), so a block
//    known only after apply that it does not show stays unknown (a group's `ingress`, a table's `route`);
//    except an id the configuration sets from exactly one resource (`vpc_id = aws_vpc.main.id`, references
//    `["aws_vpc.main.id", "aws_vpc.main"]`) of one instance, which is a reference to it;
//  - a known id (`vpc-0abc…`, a resource that exists) that is the `id` of a planned resource is a
//    reference to that resource, so existing and new resources join up in the network model.
// The lowerers read expressions; a planned value is handed to them as a traversal the plan's own
// declarations answer (`resourceRef`) with the value's located node, so nothing is evaluated twice.

import type { MapNode, Node } from '../../document/tree.js';
import { asMap, asSeq } from '../../document/tree.js';
import type { Expr, Located } from '../hcl-ast.js';
import type { ModuleDecls } from '../module.js';
import type { Scope } from '../eval.js';
import type { Fields } from '../lower-resources.js';
import { ref } from '../lower-resources.js';
import { LOWERERS, OPAQUE_MODULE, applyMerges, rootOf, type Emit, type Merge } from '../lower.js';
import type { Lowered } from '../lower-resources.js';
import { map, pair, seq, unknownNode } from '../nodes.js';
import { configAddress, configOf, type Plan, type PlanResource } from './read.js';

// The traversal root the plan's declarations answer with a planned value: not a name Terraform allows.
const PLANNED = '(planned)';

export interface LoweredPlan {
  root: MapNode;
  /** Each lowered resource's address → its Terraform type. */
  tfTypes: Map<string, string>;
  /** The plan's resources by address. */
  byAddress: Map<string, PlanResource>;
}

export function lowerPlan(text: string, plan: Plan): LoweredPlan {
  const values: Node[] = [];
  const decls = planDecls(text, values);
  const scope: Scope = { decls };
  const idOwners = knownIds(plan.resources);
  const instancesOf = countInstances(plan.resources);
  const lowered: Lowered[] = [];
  const merges: Parameters<Merge>[] = [];
  const merge: Merge = (...m) => merges.push(m);
  const byAddress = new Map<string, PlanResource>();
  for (const r of plan.resources) {
    byAddress.set(r.address, r);
    const lowerer = LOWERERS[r.type];
    if (!lowerer || !r.values) continue;
    const header: Located = r.addressNode ?? r.node;
    const emit: Emit = (l) => lowered.push({ ...l, at: l.at === r.values ? header : l.at, tfType: r.type });
    const planned = (node: Node): Expr => {
      values.push(node);
      return { k: 'traversal', root: PLANNED, steps: [{ attr: String(values.length - 1), start: node.start, end: node.end }], start: node.start, end: node.end };
    };
    const config = configOf(plan, r.module)?.module.resources.get(configAddress(r));
    const context: Context = { resource: r, planned, idOwners, instancesOf, expressions: config?.expressions ?? {}, configured: config !== undefined };
    lowerer({ ...valueFields(r.values, r.unknown, context, ''), at: r.values, typeAt: header }, r.address, scope, emit, merge);
  }
  applyMerges(lowered, merges.map(([endpoint, key, item, at]) => ({ endpoint, key, item, at })));
  if (plan.partial) lowered.push(leftOut(lowered));
  return { root: rootOf(lowered, decls, []), tfTypes: new Map(lowered.map((l) => [l.address, l.tfType])), byAddress };
}

/**
 * What an errored or incomplete plan leaves out (`Plan.partial`), as a module whose resources are not read:
 * it may associate subnets, route tables or groups with any endpoint, and add routes or endpoints to any
 * VPC or route table (cfn/network.ts handedOn), so an endpoint without subnets is not said to do nothing.
 */
function leftOut(lowered: readonly Lowered[]): Lowered {
  const nowhere = { start: 0, end: 0 };
  const handed = lowered.filter((l) => ['AWS::EC2::VPCEndpoint', 'AWS::EC2::VPC', 'AWS::EC2::RouteTable'].includes(l.type));
  return { address: '(resources the plan leaves out)', type: OPAQUE_MODULE, at: nowhere, typeAt: nowhere, props: [pair('Parameters', nowhere, map(handed.map((l) => pair(l.address, nowhere, ref(l.address, nowhere))), nowhere))], tfType: 'module' };
}

interface Context {
  resource: PlanResource;
  planned: (node: Node) => Expr;
  idOwners: Map<string, string>;
  instancesOf: Map<string, number>;
  expressions: Record<string, unknown>;
  /** Whether the plan's configuration section has the resource (so `expressions` lists every argument set). */
  configured: boolean;
}

/** A top-level argument the configuration does not set: computed by the provider, not written by the user. */
function unwritten(c: Context, path: string, name: string, value: Node | undefined): boolean {
  if (path !== '') return false;
  if (c.configured) return !Object.prototype.hasOwnProperty.call(c.expressions, name);
  // Without the configuration (a state), what the provider reads back from an endpoint created without it is
  // not the user's to judge (a plan's configuration says so): AWS's default policy; the service Region AWS
  // reports (AWS provider 6), when it is the endpoint's own Region (an endpoint that exists was not refused).
  if (c.resource.type !== 'aws_vpc_endpoint' || value?.kind !== 'scalar' || typeof value.value !== 'string') return false;
  if (name === 'policy') return isAwsDefaultPolicy(value.value);
  return name === 'service_region' && value.value === ownRegion(c.resource);
}

/** The Region a resource of a state is in: its `region` (AWS provider 6), else its ARN's. */
function ownRegion(r: PlanResource): string | undefined {
  const read = (name: string) => {
    const v = r.values?.pairs.find((p) => p.key.value === name)?.value;
    return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
  };
  return read('region') || /^arn:[^:]+:[^:]+:([a-z0-9-]+):/.exec(read('arn') ?? '')?.[1];
}

/**
 * The policy AWS gives an endpoint created without one: one statement allowing every principal every action
 * on every resource, `Version: 2008-10-17` (gateway endpoints) or no Version at all (interface endpoints, as
 * the EC2 CLI reference's create-vpc-endpoint output shows it).
 * https://docs.aws.amazon.com/cli/latest/reference/ec2/create-vpc-endpoint.html
 */
function isAwsDefaultPolicy(text: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const { Version, Statement, ...rest } = doc as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || (Version !== undefined && Version !== '2008-10-17') || !Array.isArray(Statement) || Statement.length !== 1) return false;
  const st = Statement[0] as Record<string, unknown> | null;
  return !!st && typeof st === 'object' && Object.keys(st).length === 4 && st.Effect === 'Allow' && st.Principal === '*' && st.Action === '*' && st.Resource === '*';
}

/** The Fields of an object of planned values (the resource's, or a nested block's), with its after_unknown. */
function valueFields(values: MapNode, unknown: unknown, c: Context, path: string): Fields {
  return {
    at: values,
    typeAt: values,
    get(name) {
      const p = values.pairs.find((x) => x.key.value === name);
      const u = member(unknown, name);
      if (unwritten(c, path, name, p?.value ?? undefined)) return undefined;
      if (u === true) return { value: c.planned(afterApply(c, path + name, p?.key ?? values, path === '')), nameAt: p?.key ?? values };
      if (!p || !p.value || (p.value.kind === 'scalar' && p.value.value === null)) return undefined;
      return { value: c.planned(known(p.value, u, c, path + name)), nameAt: p.key };
    },
    nested(name) {
      const u = member(unknown, name);
      const notKnown = { why: `${c.resource.address}.${path}${name} is known only after apply`, decides: `${c.resource.address}.${path}${name}`, at: values };
      if (u === true) return notKnown;
      const p = values.pairs.find((x) => x.key.value === name);
      const items = asSeq(p?.value)?.items ?? [];
      const out: Fields[] = [];
      for (const [i, item] of items.entries()) {
        const m = asMap(item);
        const ui = Array.isArray(u) ? u[i] : undefined;
        if (!m || ui === true) return notKnown;
        out.push(valueFields(m, ui, c, `${path}${name}[${i}].`));
      }
      return out;
    },
  };
}

/** A known planned value, its unknown parts made unknown and known ids of planned resources made references. */
function known(node: Node, unknown: unknown, c: Context, path: string): Node {
  if (node.kind === 'scalar') {
    const owner = typeof node.value === 'string' ? c.idOwners.get(node.value) : undefined;
    return owner ? ref(owner, node) : node;
  }
  if (node.kind === 'seq') {
    const items = node.items.map((item, i) => {
      const u = Array.isArray(unknown) ? unknown[i] : undefined;
      return u === true ? afterApply(c, `${path}[${i}]`, item, false) : known(item, u, c, `${path}[${i}]`);
    });
    // after_unknown lists an element of a list that planned_values leaves out (unknown ones are omitted).
    const extra = Array.isArray(unknown) ? unknown.length - node.items.length : 0;
    for (let i = 0; i < extra; i++) items.push(afterApply(c, `${path}[${node.items.length + i}]`, node, false));
    return seq(items, node);
  }
  return map(
    node.pairs.map((p) => {
      const u = member(unknown, String(p.key.value));
      return pair(String(p.key.value), p.key, u === true ? afterApply(c, `${path}.${p.key.value}`, p.key, false) : p.value ? known(p.value, u, c, `${path}.${p.key.value}`) : p.value!);
    }),
    node,
  );
}

/** A value known only after apply: a reference when the configuration makes it one resource's id, else unknown. */
function afterApply(c: Context, path: string, at: Located, topLevel: boolean): Node {
  if (topLevel && path.endsWith('_id')) {
    const refs = (c.expressions[path] as { references?: unknown } | undefined)?.references;
    const target = Array.isArray(refs) && refs.length === 2 && typeof refs[1] === 'string' && refs[0] === `${refs[1]}.id` ? refs[1] : undefined;
    if (target && /^aws_[a-z0-9_]+\.[A-Za-z0-9_-]+$/.test(target) && LOWERERS[target.split('.')[0]!]) {
      const address = c.resource.module ? `${c.resource.module}.${target}` : target;
      if (c.instancesOf.get(address) === 1 && c.idOwners.has(`(address) ${address}`)) return ref(address, at);
    }
  }
  const why = `${c.resource.address}.${path} is known only after apply`;
  // Decided by the same references, the value is the same: every instance of `vpc_id = var.vpc_id` in
  // one module instance is in one (unknown) VPC. Not when it depends on the instance (each., count.).
  const refs = topLevel ? (c.expressions[path] as { references?: unknown } | undefined)?.references : undefined;
  if (Array.isArray(refs) && refs.length && refs.every((x) => typeof x === 'string' && !/^(each|count|self)\./.test(x))) {
    return unknownNode(why, `${c.resource.module ? `${c.resource.module}.` : ''}${refs[0] as string}`, at);
  }
  return unknownNode(why, `${c.resource.address}.${path}`, at);
}

function member(unknown: unknown, name: string): unknown {
  return unknown && typeof unknown === 'object' && !Array.isArray(unknown) ? (unknown as Record<string, unknown>)[name] : undefined;
}

/** Known ids → the address of the planned resource whose `id` they are; and each address, as `(address) <address>`. */
function knownIds(resources: readonly PlanResource[]): Map<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  for (const r of resources) {
    out.set(`(address) ${r.address}`, r.address);
    if (!LOWERERS[r.type]) continue;
    const id = r.values?.pairs.find((p) => p.key.value === 'id')?.value;
    if (id?.kind !== 'scalar' || typeof id.value !== 'string' || id.value === '') continue;
    if (out.has(id.value)) twice.add(id.value);
    out.set(id.value, r.address);
  }
  for (const id of twice) out.delete(id);
  return out;
}

/** How many instances each resource (its address without the instance key) has in the plan. */
function countInstances(resources: readonly PlanResource[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    const base = r.address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '');
    out.set(base, (out.get(base) ?? 0) + 1);
  }
  return out;
}

/** The declarations expressions of a plan see: only planned values (every other name is unknown). */
function planDecls(text: string, values: Node[]): ModuleDecls {
  const nowhere = { start: 0, end: 0 };
  const decls: ModuleDecls = {
    text,
    files: [{ path: '', start: 0, end: text.length }],
    prefix: '',
    resources: new Map(),
    data: new Map(),
    modules: new Map(),
    locals: new Map(),
    problems: [],
    outputs: new Map(),
    evaluating: new Set(),
    variable: () => undefined,
    local: () => unknownNode('a plan has no locals', 'local', nowhere),
    instances: () => ({ kind: 'single' }),
    resourceRef: (root, name, _steps, at) => (root === PLANNED ? values[Number(name)] : undefined) ?? unknownNode(`${root}.${name} is not in the plan`, `${root}.${name}`, at),
    moduleOutput: () => undefined,
  };
  return decls;
}
