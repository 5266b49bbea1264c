// VPCE6003 `{admitHttpsIn, vpc | vpcCidr}`: no security group of an interface endpoint admits HTTPS
// from the VPC. The fix adds one inbound rule, TCP 443 from the VPC's CIDR (`!GetAtt Vpc.CidrBlock`
// when the VPC is in the template, so the rule follows the VPC), to the endpoint's first security
// group: a new item of its SecurityGroupIngress list, written like the list's other items, or the list
// itself when the group has none. Anything else (a list built by Fn::If, no Properties) gets no fix.

import { asSeq, pairOf, type MapNode, type Node, type SeqNode } from '../../document/tree.js';
import { afterLastLine, eol, lineStart, pairEnd } from '../map-edits.js';
import { renderKey, yamlString } from '../render.js';
import { resourceNodes } from '../tree-path.js';
import type { FixFamily, TextEdit } from '../types.js';

const PROPERTY = 'SecurityGroupIngress';

export const admitHttps: FixFamily<{ admitHttpsIn: string | null; vpc: string | null; vpcCidr: string | null; ports?: number[] }> = ({ root, text, json, data }) => {
  // A service served on other ports than HTTPS (VPCE6003's `ports`): an HTTPS rule would not help.
  if (Array.isArray(data.ports)) return [];
  const { admitHttpsIn: group, vpc, vpcCidr } = data;
  if (typeof group !== 'string') return [];
  const cidr = typeof vpc === 'string' ? { vpc } : typeof vpcCidr === 'string' ? { literal: vpcCidr } : undefined;
  const props = resourceNodes(root, group)?.properties;
  if (!cidr || !props) return [];
  const rule = ingressRule(cidr, json);
  const pair = pairOf(props, PROPERTY);
  let edit: TextEdit | undefined;
  if (!pair) edit = addList(text, props, rule, json);
  else {
    const list = asSeq(pair.value);
    edit = list ? appendItem(text, list, rule, json) : undefined;
  }
  const from = 'vpc' in cidr ? `${cidr.vpc}'s CIDR` : cidr.literal;
  return edit ? [{ title: `Allow HTTPS (TCP 443) from ${from} in ${group}`, edits: [edit] }] : [];
};

/** The rule's members, each already written for the document: `[key, value]` pairs of text. */
type Rule = [string, string][];

function ingressRule(cidr: { vpc: string } | { literal: string }, json: boolean): Rule {
  const source = 'vpc' in cidr ? (json ? `{"Fn::GetAtt": [${JSON.stringify(cidr.vpc)}, "CidrBlock"]}` : `!GetAtt ${cidr.vpc}.CidrBlock`) : json ? JSON.stringify(cidr.literal) : yamlString(cidr.literal, true);
  return [
    ['IpProtocol', json ? '"tcp"' : 'tcp'],
    ['FromPort', '443'],
    ['ToPort', '443'],
    ['CidrIp', source],
  ];
}

function inline(rule: Rule, json: boolean): string {
  return `{${rule.map(([k, v]) => `${json ? JSON.stringify(k) : k}: ${v}`).join(', ')}}`;
}

/** Block lines of one list item, the dash at `dash` spaces and the keys `inner` columns after it. */
function blockItem(rule: Rule, dash: number, inner: number, nl: string): string {
  return rule.map(([k, v], i) => `${' '.repeat(i === 0 ? dash : dash + inner)}${i === 0 ? `-${' '.repeat(inner - 1)}` : ''}${k}: ${v}${nl}`).join('');
}

function appendItem(text: string, list: SeqNode, rule: Rule, json: boolean): TextEdit | undefined {
  const last = list.items[list.items.length - 1];
  if (list.flow || json) {
    const close = text.lastIndexOf(']', list.end);
    if (close < list.start) return undefined;
    if (!last) return { start: close, end: close, newText: inline(rule, json) };
    // A list written one item per line gets a new line, at the last item's indentation.
    const multiline = text.slice(list.start, last.start).includes('\n');
    const separator = multiline ? `,${eol(text)}${' '.repeat(last.start - lineStart(text, last.start))}` : ', ';
    return { start: last.end, end: last.end, newText: separator + inline(rule, json) };
  }
  if (!last) return undefined;
  const dashAt = text.lastIndexOf('-', last.start);
  const from = lineStart(text, dashAt);
  if (dashAt < 0 || text.slice(from, dashAt).trim() !== '') return undefined;
  // The keys of a mapping item line up after the dash: as far from it as the last item's are.
  const inner = last.kind === 'map' && !last.flow && !last.shortTag ? Math.max(2, last.start - dashAt) : 2;
  const at = afterLastLine(text, itemEnd(last));
  const nl = eol(text);
  return { start: at, end: at, newText: (at === text.length && !text.endsWith('\n') ? nl : '') + blockItem(rule, dashAt - from, inner, nl) };
}

function itemEnd(node: Node): number {
  if (node.kind === 'map' && !node.flow && !node.shortTag && node.pairs.length) return pairEnd(node.pairs[node.pairs.length - 1]!);
  return node.end;
}

/** SecurityGroupIngress with the one rule, added to Properties where a person would add a member. */
function addList(text: string, props: MapNode, rule: Rule, json: boolean): TextEdit | undefined {
  const first = props.pairs[0];
  if (!first) return undefined;
  const key = json ? JSON.stringify(PROPERTY) : renderKey(PROPERTY, props.flow ? 'flow' : 'block');
  if (json || props.flow) {
    const multiline = text.slice(props.start, first.key.start).includes('\n');
    const separator = multiline ? eol(text) + text.slice(lineStart(text, first.key.start), first.key.start) : ' ';
    return { start: first.key.start, end: first.key.start, newText: `${key}: [${inline(rule, json)}],${separator}` };
  }
  const indent = first.key.start - lineStart(text, first.key.start);
  const at = afterLastLine(text, pairEnd(props.pairs[props.pairs.length - 1]!));
  const nl = eol(text);
  const head = `${' '.repeat(indent)}${key}:${nl}`;
  return { start: at, end: at, newText: (at === text.length && !text.endsWith('\n') ? nl : '') + head + blockItem(rule, indent + 2, 2, nl) };
}
