// Finding the endpoint policies: `PolicyDocument` of each AWS::EC2::VPCEndpoint, written as a mapping,
// as a JSON string (plain, !Sub or !Join), or behind Fn::If; and a standalone policy file.

import { parseText, type SyntaxProblem } from '../document/parse.js';
import { asMap, asSeq, pairOf, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import { definiteType, type Endpoint } from '../cfn/endpoints.js';
import type { Template } from '../cfn/template.js';
import { shortName } from '../data/catalogue.js';
import { valueOffsets } from './string-offsets.js';
import { UNKNOWN_PART } from './model.js';
import { markSubScalars } from './sub-defaults.js';
import { iamPrefixForService } from './service-prefix.js';
import type { PolicyDoc, ServiceHint } from './policy-doc.js';


export function templatePolicies(template: Template, endpoints: Endpoint[]): PolicyDoc[] {
  const out: PolicyDoc[] = [];
  for (const e of endpoints) {
    const pair = pairOf(e.props, 'PolicyDocument');
    if (!pair?.value) continue;
    const service = endpointService(e, template);
    const base = {
      endpoint: e,
      resource: e.resource,
      service,
      endpointType: definiteType(e)?.type,
      region: e.services.length === 1 ? e.services[0]!.value.literalRegion?.region : undefined,
    };
    collect(template.text, pair.value, [], (doc) => out.push({ ...base, ...doc }));
  }
  return out;
}

type Found = Pick<PolicyDoc, 'root' | 'anchor' | 'form' | 'problems' | 'size' | 'text' | 'when' | 'usesPseudoPartition'>;

function collect(text: string, node: Node, when: string[], add: (doc: Found) => void): void {
  const map = asMap(node);
  const fn = map && map.pairs.length === 1 ? String(map.pairs[0]!.key.value) : undefined;
  const arg = fn ? map!.pairs[0]!.value : null;
  if (node.kind === 'scalar') return add(fromString(text, node, [{ node, value: String(node.value ?? '') }], when));
  if (fn === 'Fn::If') {
    const [cond, a, b] = asSeq(arg)?.items ?? [];
    const name = cond?.kind === 'scalar' ? String(cond.value) : '?';
    if (a) collect(text, a, [...when, name], add);
    if (b) collect(text, b, [...when, `!${name}`], add);
    return;
  }
  if (fn === 'Fn::Sub') {
    const body = asSeq(arg)?.items[0] ?? arg;
    if (body?.kind === 'scalar') {
      const doc = fromString(text, node, [{ node: body, value: String(body.value ?? '') }], when);
      // Its ${Name} are the Sub's: its own map's variables, else parameters (sub-defaults.ts).
      markSubScalars(doc.root, asMap(asSeq(arg)?.items[1]));
      add(doc);
    }
    return;
  }
  if (fn === 'Fn::Join') {
    const [delimiter, list] = asSeq(arg)?.items ?? [];
    const items = asSeq(list)?.items;
    if (delimiter?.kind !== 'scalar' || !items) return;
    const pieces: Piece[] = [];
    items.forEach((item, i) => {
      if (i > 0) pieces.push({ node: delimiter, value: String(delimiter.value ?? '') });
      pieces.push(item.kind === 'scalar' ? { node: item, value: String(item.value ?? '') } : { node: item, value: UNKNOWN_PART, opaque: true });
    });
    add(fromString(text, node, pieces, when));
    return;
  }
  if (fn === 'Fn::ToJsonString' && arg) return collect(text, arg, when, add);
  if (fn === 'Ref' && map!.pairs[0]!.value?.kind === 'scalar' && map!.pairs[0]!.value.value === 'AWS::NoValue') return;
  if (map && !fn?.startsWith('Fn::') && fn !== 'Ref') {
    add({ root: map, anchor: node, form: 'object', problems: [], size: undefined, when, usesPseudoPartition: text.slice(node.start, node.end).includes('AWS::Partition') });
  }
  // Any other intrinsic: the policy is computed at deploy time; nothing to check.
}

interface Piece {
  node: Node;
  value: string;
  /** A computed piece: every character of its stand-in maps to the intrinsic's start. */
  opaque?: boolean;
}

/** Parses the JSON text that string pieces make up, and moves every node onto the source characters. */
function fromString(text: string, anchor: Node, pieces: Piece[], when: string[]): Found {
  let json = '';
  const map: number[] = [];
  const ends: number[] = [];
  let contentEnd = anchor.end;
  for (const piece of pieces) {
    const offsets = piece.opaque || piece.node.kind !== 'scalar' ? undefined : valueOffsets(text, piece.node as ScalarNode, piece.value);
    for (let i = 0; i < piece.value.length; i++) {
      map.push(offsets ? offsets.starts[i]! : piece.node.start);
      ends.push(offsets ? offsets.ends[i]! : piece.node.end);
    }
    contentEnd = offsets ? offsets.starts[piece.value.length]! : piece.node.end;
    json += piece.value;
  }
  // The end of the JSON text is the end of the string's content, before its closing quote.
  map.push(contentEnd);
  ends.push(contentEnd);
  const parsed = parseText(json, { json: true });
  // A part computed at deploy time outside a JSON string (`"Statement": [${Stmts}]`) is JSON only once
  // deployed: the text cannot be judged, which is unknown, not invalid.
  if (parsed.problems.length && computedOutsideString(json)) {
    return { root: null, anchor, form: 'string', problems: [], size: json.length, text: json, when, usesPseudoPartition: json.includes('AWS::Partition') };
  }
  const at = (o: number) => map[Math.max(0, Math.min(o, map.length - 1))]!;
  const endAt = (o: number) => ends[Math.max(0, Math.min(o, ends.length - 1))]!;
  const moved = new Set<Node>();
  const move = (n: Node | null) => {
    if (!n || moved.has(n)) return;
    moved.add(n);
    const end = n.end > n.start ? endAt(n.end - 1) : at(n.start);
    n.start = at(n.start);
    n.end = Math.max(end, n.start);
    if (n.kind === 'map') for (const p of n.pairs) (move(p.key), move(p.value));
    if (n.kind === 'seq') for (const i of n.items) move(i);
  };
  move(parsed.root);
  const problems: SyntaxProblem[] = parsed.problems.map((p) => ({ ...p, start: at(p.start), end: Math.max(endAt(Math.max(p.end - 1, p.start)), at(p.start) + 1) }));
  // A string that does not parse is reported as such; its recovered tree is not judged.
  const root = parsed.problems.some((p) => p.severity === 'error' && !p.recovered) ? null : (asMap(parsed.root) ?? null);
  if (!asMap(parsed.root) && parsed.problems.length === 0) problems.push({ code: 'syntax', severity: 'error', start: anchor.start, end: anchor.end, message: 'An endpoint policy must be a JSON object' });
  return { root, anchor, form: 'string', problems, size: json.length, text: json, when, usesPseudoPartition: json.includes('AWS::Partition') };
}

/**
 * The JSON text one string value holds, parsed with each node on the characters that write it (a document
 * Terraform's aws_iam_policy_document merges, tf/policy-merge.ts); `root` is null when it is not a JSON object.
 */
export function jsonInString(text: string, node: ScalarNode): { root: MapNode | null; problems: SyntaxProblem[] } {
  const found = fromString(text, node, [{ node, value: String(node.value ?? '') }], []);
  return { root: found.root, problems: found.problems };
}

/** Whether a `${...}` (not the literal `${!...}` of Fn::Sub) stands outside the JSON text's strings. */
function computedOutsideString(json: string): boolean {
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '$' && json[i + 1] === '{' && json[i + 2] !== '!') return true;
  }
  return false;
}

function endpointService(e: Endpoint, template: Template): ServiceHint {
  const patterns = new Set(e.services.map((s) => s.value.pattern));
  // A service name resting on a parameter (its default) is the deployment's to choose, as VPCE2005 and VPCE3001 take it.
  // So is one whose other branch is known only at deploy time (`!If [C, …sns, !ImportValue x]`): the readable branch is not the service.
  // A parameter that is only the name's Region (`com.amazonaws.${Region}.sqs`, cfn/endpoints.ts) leaves the service known.
  const regionOnly = e.services.length > 0 && e.services.every((s) => s.value.unknownRegion);
  if (patterns.size !== 1 || e.servicesPartial || e.services.some((s) => s.value.fromParameter) || (!regionOnly && namesParameter(template, e.serviceNode))) return { prefix: undefined, how: 'unknown' };
  const prefix = iamPrefixForService(shortName([...patterns][0]!));
  return prefix ? { prefix, how: 'endpoint' } : { prefix: undefined, how: 'unknown' };
}

/** Whether a value refers to a template parameter: `!Ref P`, or `${P}` in a string (a `!Sub` body). */
function namesParameter(template: Template, node: Node | null | undefined, depth = 0): boolean {
  if (!node || depth > 12) return false;
  if (node.kind === 'scalar') {
    const text = typeof node.value === 'string' ? node.value : '';
    for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) if (template.parameters.has(m[1]!.trim())) return true;
    return false;
  }
  if (node.kind === 'seq') return node.items.some((i) => namesParameter(template, i, depth + 1));
  return node.pairs.some((p) => (p.key.value === 'Ref' && p.value?.kind === 'scalar' && template.parameters.has(String(p.value.value))) || namesParameter(template, p.value, depth + 1));
}

/** A standalone policy file: the whole text is the policy. */
export function filePolicy(root: MapNode | null, anchor: Node, problems: SyntaxProblem[], size: number, service: ServiceHint): PolicyDoc {
  return { root, anchor, form: 'file', problems, size, service, when: [], usesPseudoPartition: false };
}
