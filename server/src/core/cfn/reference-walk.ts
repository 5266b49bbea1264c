// Where a template names something CloudFormation resolves: `Ref`, `Fn::GetAtt`, `Fn::Sub` variables,
// conditions and DependsOn, in the sections CloudFormation resolves them (resources' Properties,
// UpdatePolicy and CreationPolicy, Conditions, Outputs). One walk for every rule that judges such a
// name (VPCE0007: is it declared; VPCE0008: does the resource have the attribute).
// Metadata is the author's (and cfn-init's); what CloudFormation resolves there is not ours to judge.

import { asMap, asSeq, scalarString, valueOf, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import { expandPairs, FOR_EACH, type ExpansionScope } from './language-extensions.js';
import type { Resource, Template } from './template.js';

export type ReferenceKind = 'ref' | 'getatt' | 'sub' | 'condition' | 'depends';

export interface ReferenceVisitor {
  /** A name written as a scalar (or not): `Ref`'s, `Fn::GetAtt`'s first item or `X.Attr`, a condition, a DependsOn entry. */
  name(node: Node | null | undefined, kind: ReferenceKind, inConditions: boolean): void;
  /** An `Fn::GetAtt`'s argument as written (`X.Attr` or `[X, Attr]`). */
  getAtt?(arg: Node | null): void;
  /** An `Fn::Sub`'s body and its variable map. */
  sub(body: Node | null | undefined, bound: MapNode | undefined): void;
}

/**
 * Visits every reference of the template. `loops`: the template's AWS::LanguageExtensions scope, when it
 * has the transform: outputs made by an `Fn::ForEach` loop are visited unrolled.
 */
export function walkReferences(template: Template, visitor: ReferenceVisitor, loops?: ExpansionScope): void {
  const walker = new Walker(visitor);
  for (const r of template.resources) {
    const condition = valueOf(r.node, 'Condition');
    if (condition) visitor.name(condition, 'condition', false);
    const depends = valueOf(r.node, 'DependsOn');
    for (const d of asSeq(depends)?.items ?? (depends ? [depends] : [])) visitor.name(d, 'depends', false);
    for (const key of ['Properties', 'UpdatePolicy', 'CreationPolicy']) walker.walk(valueOf(r.node, key), false);
  }
  for (const node of template.conditions.values()) walker.walk(node, true);
  const outputs = asMap(valueOf(template.root, 'Outputs'))?.pairs ?? [];
  for (const pair of loops ? expandPairs(outputs, loops) : outputs) {
    // A loop left as written makes outputs only the deploy knows; its body names its own identifier.
    if (String(pair.key.value).startsWith(FOR_EACH)) continue;
    const output = asMap(pair.value);
    const condition = valueOf(output, 'Condition');
    if (condition) visitor.name(condition, 'condition', false);
    walker.walk(valueOf(output, 'Value'), false);
    walker.walk(valueOf(output, 'Export'), false);
  }
}

/**
 * Visits the references one resource's creation waits for: its DependsOn and its Properties. `branches:
 * false` leaves Fn::If's branches unvisited, for a question only an unconditional reference answers
 * (VPCE0009: which resources must be created before which).
 */
export function walkResourceReferences(resource: Resource, visitor: ReferenceVisitor, branches = true): void {
  const depends = valueOf(resource.node, 'DependsOn');
  for (const d of asSeq(depends)?.items ?? (depends ? [depends] : [])) visitor.name(d, 'depends', false);
  new Walker(visitor, branches).walk(valueOf(resource.node, 'Properties'), false);
}

class Walker {
  constructor(private readonly visitor: ReferenceVisitor, private readonly branches = true) {}

  walk(node: Node | null | undefined, inConditions: boolean): void {
    if (!node || node.kind === 'scalar') return;
    if (node.kind === 'seq') {
      for (const item of node.items) this.walk(item, inConditions);
      return;
    }
    const only = node.pairs.length === 1 ? node.pairs[0]! : undefined;
    const fn = only ? String(only.key.value) : undefined;
    const arg = only?.value ?? null;
    if (fn === 'Ref') return this.visitor.name(arg, 'ref', inConditions);
    if (fn === 'Condition' && inConditions) return this.visitor.name(arg, 'condition', false);
    if (fn === 'Fn::GetAtt') {
      const seq = asSeq(arg);
      this.visitor.name(seq ? seq.items[0] : arg, 'getatt', false);
      this.visitor.getAtt?.(arg);
      if (seq) this.walk(seq.items[1], inConditions);
      return;
    }
    if (fn === 'Fn::If') {
      const [condition, ...rest] = asSeq(arg)?.items ?? [];
      if (condition) this.visitor.name(condition, 'condition', false);
      if (this.branches) for (const r of rest) this.walk(r, inConditions);
      return;
    }
    if (fn === 'Fn::Sub') {
      const seq = asSeq(arg);
      const bound = asMap(seq?.items[1]);
      this.visitor.sub(seq ? seq.items[0] : arg, bound);
      for (const p of bound?.pairs ?? []) this.walk(p.value, inConditions);
      return;
    }
    for (const pair of node.pairs) {
      const key = String(pair.key.value);
      // A transform's input is the macro's to read; a loop left as written names its own identifier.
      if (key === 'Fn::Transform' || key.startsWith(FOR_EACH)) continue;
      this.walk(pair.value, inConditions);
    }
  }
}

/** A `${...}` of a Sub body CloudFormation reads as a reference, and where it sits in the source. */
export interface SubReference {
  /** As CloudFormation reads it: `Name` or `Resource.Attribute`, trimmed. */
  name: string;
  /** The body it is in. */
  node: ScalarNode;
  /** Where `name` starts in the source, when the source holds the body's variables as the value does. */
  start(): number | undefined;
}

// A `${...}` CloudFormation reads as a reference; anything else (shell syntax such as `${A:-b}`) we leave.
const NAME = /^[A-Za-z0-9_:.]+$/;
const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * The references of an `Fn::Sub` body: not `${!Literal}`, not a name the variable map binds. Most bodies
 * are read on every keystroke and name only declared things: nothing is sliced or matched in the source
 * until a reference's position is asked for.
 */
export function subReferences(text: string, body: Node | null | undefined, bound: MapNode | undefined): SubReference[] {
  const value = scalarString(body);
  if (!body || body.kind !== 'scalar' || value === undefined || !value.includes('${')) return [];
  const inValue = [...value.matchAll(VARIABLE)].map((m) => m[1]!);
  let raw: RegExpMatchArray[] | undefined;
  let exact = false;
  const at = (i: number, inner: string, trimmed: string) => {
    if (!raw) {
      raw = [...text.slice(body.start, body.end).matchAll(VARIABLE)];
      exact = raw.length === inValue.length && raw.every((m, j) => m[1] === inValue[j]);
    }
    return exact ? body.start + raw[i]!.index! + 2 + inner.indexOf(trimmed) : undefined;
  };
  const out: SubReference[] = [];
  inValue.forEach((inner, i) => {
    if (inner.startsWith('!')) return;
    const trimmed = inner.trim();
    if (!NAME.test(trimmed) || valueOf(bound, trimmed)) return;
    out.push({ name: trimmed, node: body, start: () => at(i, inner, trimmed) });
  });
  return out;
}

/** Where a scalar's text starts in the source when the source holds it as written (plain or quoted, no escapes). */
export function verbatimStart(text: string, node: ScalarNode, value: string): number | undefined {
  if (node.style === 'plain' && node.end - node.start === value.length && text.startsWith(value, node.start)) return node.start;
  if ((node.style === 'single' || node.style === 'double') && node.end - node.start - 2 === value.length && text.startsWith(value, node.start + 1)) return node.start + 1;
  return undefined;
}
