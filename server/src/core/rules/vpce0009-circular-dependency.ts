import type { Finding } from '../findings.js';
import { scalarString, type Node } from '../document/tree.js';
import { declaredNames } from '../cfn/names.js';
import { subReferences, walkResourceReferences } from '../cfn/reference-walk.js';
import type { Resource } from '../cfn/template.js';
import { finding, type Rule } from './types.js';

// CloudFormation orders creation by the references between resources (Ref, Fn::GetAtt, Fn::Sub, DependsOn)
// (implicit dependencies: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html)
// and rejects a template whose references form a cycle ("Circular dependency between resources",
// https://aws.amazon.com/blogs/infrastructure-and-automation/handling-circular-dependency-errors-in-aws-cloudformation/):
// two security groups whose inline rules name each other is the usual one, and an endpoint's group is often in it.
// Terraform's lowered templates are not judged (tf/analysis.ts TF_SILENT_RULES).
const meta = {
  id: 'VPCE0009',
  severity: 'error',
  title: 'Circular dependency between resources',
  why:
    'CloudFormation creates a resource only after every resource it references (Ref, Fn::GetAtt, a ${Resource} in Fn::Sub, DependsOn); resources that reference each other, or one that references itself, cannot be ordered and the template is rejected: nothing is deployed. ' +
    'Two security groups whose inline rules name each other are the usual case: move one rule into an AWS::EC2::SecurityGroupIngress or SecurityGroupEgress resource. ' +
    'Only references every deployment makes are followed (not the branches of Fn::If, nor resources under a Condition or made by SAM).',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html',
  noTerraform: 'CloudFormation\'s dependency order; Terraform reports a cycle between its resources itself (terraform validate: Cycle).',
} as const;

interface Edge {
  to: string;
  node: Node;
}

export const circularDependency: Rule = {
  meta,
  check(ctx) {
    // A macro or a deploy-time loop may change what references what.
    if (declaredNames(ctx.template).uncertain) return [];
    const members = new Map(ctx.template.resources.filter(ordered).map((r) => [r.id, r]));
    const edges = new Map<string, Edge[]>();
    for (const r of members.values()) edges.set(r.id, dependencies(ctx.template.text, r, members));
    const out: Finding[] = [];
    for (const cycle of cycles([...members.keys()], edges)) {
      const first = members.get(cycle[0]!.from)!;
      const path = [...cycle.map((c) => c.from), cycle[0]!.from];
      const message =
        cycle.length === 1
          ? `${first.id} references itself, so CloudFormation cannot create it (circular dependency between resources: [${first.id}]); nothing is deployed`
          : `${path.join(' → ')}: each of these resources references the next, so CloudFormation cannot create any of them first (circular dependency between resources: [${[...new Set(cycle.map((c) => c.from))].sort().join(', ')}]); nothing is deployed`;
      out.push(
        finding(meta, cycle[0]!.node, message, {
          resource: first,
          related: cycle.slice(1).map((c) => ({ start: c.node.start, end: c.node.end, message: `${c.from} references ${c.to}` })),
        }),
      );
    }
    return out;
  },
};

// Resources every deployment creates as written: not under a Condition, not SAM's (the transform rewrites
// what they reference), not an Fn::ForEach body (its names are the loop's to make).
function ordered(r: Resource): boolean {
  return !r.condition && !r.type?.startsWith('AWS::Serverless::') && !/[$&]\{/.test(r.id);
}

function dependencies(text: string, r: Resource, members: ReadonlyMap<string, Resource>): Edge[] {
  const out: Edge[] = [];
  const add = (name: string | undefined, node: Node) => {
    if (name && members.has(name) && !out.some((e) => e.to === name)) out.push({ to: name, node });
  };
  walkResourceReferences(
    r,
    {
      name(node, kind) {
        if (!node || kind === 'condition') return;
        const written = scalarString(node);
        add(kind === 'getatt' ? written?.split('.')[0] : written, node);
      },
      sub(body, bound) {
        for (const ref of subReferences(text, body, bound)) add(ref.name.split('.')[0], ref.node);
      },
    },
    false,
  );
  return out;
}

/** One cycle per strongly connected component that has one (Tarjan), each as its edges in order. */
function cycles(ids: string[], edges: ReadonlyMap<string, Edge[]>): { from: string; to: string; node: Node }[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const e of edges.get(v) ?? []) {
      if (!index.has(e.to)) {
        visit(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) low.set(v, Math.min(low.get(v)!, index.get(e.to)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const out: { from: string; to: string; node: Node }[][] = [];
  for (const component of components) {
    const inside = new Set(component);
    const start = [...component].sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
    if (component.length === 1 && !(edges.get(start) ?? []).some((e) => e.to === start)) continue;
    const path = cycleFrom(start, inside, edges);
    if (path) out.push(path);
  }
  return out.sort((a, b) => order.get(a[0]!.from)! - order.get(b[0]!.from)!);
}

// A shortest way back to `start` inside its component (breadth first, edges in template order).
function cycleFrom(start: string, inside: ReadonlySet<string>, edges: ReadonlyMap<string, Edge[]>): { from: string; to: string; node: Node }[] | undefined {
  const came = new Map<string, { from: string; node: Node }>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const e of edges.get(v) ?? []) {
      if (!inside.has(e.to)) continue;
      if (e.to === start) {
        const path = [{ from: v, to: start, node: e.node }];
        for (let at = v; at !== start; ) {
          const step = came.get(at)!;
          path.unshift({ from: step.from, to: at, node: step.node });
          at = step.from;
        }
        return path;
      }
      if (!came.has(e.to)) {
        came.set(e.to, { from: v, node: e.node });
        queue.push(e.to);
      }
    }
  }
  return undefined;
}
