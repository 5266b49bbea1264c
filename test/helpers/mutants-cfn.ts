// One value of a CloudFormation template rewritten in place (the rest of the text untouched), for the
// unknown-value mutation harness: made unknown (a parameter without default, `Fn::ImportValue`, a custom
// resource's attribute), removed (`AWS::NoValue`: the property or list item is not there), changed to
// another value, or put under `Fn::If` on a condition the template cannot decide. Values are written as
// JSON flow text, which YAML reads too.

import { asMap, toPlain, type MapNode, type Node } from '../../server/src/core/document/tree.js';
import type { Point } from './mutation-points.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

const apply = (text: string, edits: Edit[]) => [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

const isFlow = (m: MapNode, text: string) => m.flow || text[m.start] === '{';

/** An entry `name: value` (value as JSON) added to a top-level section, the section made when absent. */
function addEntry(text: string, root: MapNode, section: string, name: string, value: unknown): Edit {
  const sec = asMap(root.pairs.find((p) => p.key.value === section)?.value);
  const json = JSON.stringify(value);
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  if (sec && sec.pairs.length) {
    const first = sec.pairs[0]!.key;
    if (isFlow(sec, text)) return { start: first.start, end: first.start, text: `${JSON.stringify(name)}: ${json}, ` };
    return { start: first.start, end: first.start, text: `${name}: ${json}\n${text.slice(lineStart(first.start), first.start)}` };
  }
  if (sec) throw new Error(`empty ${section}`);
  const first = root.pairs[0]!.key;
  if (isFlow(root, text)) return { start: first.start, end: first.start, text: `${JSON.stringify(section)}: {${JSON.stringify(name)}: ${json}}, ` };
  const indent = text.slice(lineStart(first.start), first.start);
  return { start: first.start, end: first.start, text: `${section}:\n${indent}  ${name}: ${json}\n${indent}` };
}

export type UnknownKind = 'parameter' | 'import' | 'custom';
export const UNKNOWN_KINDS: UnknownKind[] = ['parameter', 'import', 'custom'];

/** The name the unknown value goes by: what the trace's answer should name. */
export const unknownName = (kind: UnknownKind, n: number) => (kind === 'parameter' ? `LensUnknown${n}` : kind === 'import' ? `lens-unknown-${n}` : `LensCustom${n}`);

export function unknownMutant(text: string, root: MapNode, p: Point, kind: UnknownKind, n: number): string {
  const name = unknownName(kind, n);
  const split = (v: unknown) => (p.list ? { 'Fn::Split': [',', v] } : v);
  if (kind === 'parameter') {
    return apply(text, [{ start: p.node.start, end: p.node.end, text: JSON.stringify({ Ref: name }) }, addEntry(text, root, 'Parameters', name, { Type: p.list ? 'CommaDelimitedList' : 'String' })]);
  }
  if (kind === 'import') return apply(text, [{ start: p.node.start, end: p.node.end, text: JSON.stringify(split({ 'Fn::ImportValue': name })) }]);
  const custom = { Type: 'Custom::LensLookup', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:lookup' } };
  return apply(text, [{ start: p.node.start, end: p.node.end, text: JSON.stringify(split({ 'Fn::GetAtt': [name, 'Value'] })) }, addEntry(text, root, 'Resources', name, custom)]);
}

export const removedMutant = (text: string, p: Point) => apply(text, [{ start: p.node.start, end: p.node.end, text: JSON.stringify({ Ref: 'AWS::NoValue' }) }]);

export const changedMutant = (text: string, p: Point, value: unknown) => apply(text, [{ start: p.node.start, end: p.node.end, text: JSON.stringify(value) }]);

/** The value under `Fn::If` on a condition of a parameter without default: the original when true, `other` when false. */
export function ifMutant(text: string, root: MapNode, p: Point, other: unknown, n: number): string {
  const cond = `LensUndecided${n}`;
  const param = `LensChoice${n}`;
  return apply(text, [
    { start: p.node.start, end: p.node.end, text: JSON.stringify({ 'Fn::If': [cond, plainOf(p.node), other] }) },
    addEntry(text, root, 'Parameters', param, { Type: 'String', AllowedValues: ['a', 'b'] }),
    addEntry(text, root, 'Conditions', cond, { 'Fn::Equals': [{ Ref: param }, 'a'] }),
  ]);
}

/** A node as the JSON CloudFormation reads (short tags as their long forms). */
export const plainOf = (n: Node) => toPlain(n);
