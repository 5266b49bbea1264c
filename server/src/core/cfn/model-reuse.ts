// Each resource's part of the network model kept from the last version, so that a keystroke in one
// resource's network value rebuilds only that resource's part (and the parts that read it), not the
// model of the whole template. The model itself (its maps, the routes of a table, an association's
// subnet) is put together anew from the parts on every version: that is cheap; reading a resource's
// values (resolution, facts, messages) is what costs.
//
// Offsets: a kept part holds absolute offsets, as every fact does (`fact.at`). It is moved to the new
// text in place: each span object it holds (listed once, when the part is made) gets the offsets of the
// new text, by the edits between the two (an offset after an edit shifts by its length); a part wholly
// before the edits is not touched, one wholly after them shifts by their sum. Chosen over the
// alternatives because every rule, the trace, the map and the editor's views read `fact.at` directly:
// offsets relative to each resource, or a shift map applied at each read, would have each of them learn
// to map (and one that forgot would point at the wrong place); moved copies of the parts ate half the
// gain (the model build 30% of a lint at network values with copies, 18% in place, 42% before: half
// the parts lie after a typical edit, each copied whole). In
// place means the last version's model takes the new offsets too: a model built with a lint memo is
// that version's until the memo's next version is analysed (the lint worker drops an analysis before it
// makes the next one's). A part with an offset inside an edit (its place in the new text is not
// certain) is made again.
//
// Which parts are made again (`dirtyParts`): the edited resources', those of every resource whose text
// names one of them, transitively (a GetAtt of an echoed property reads the named resource's value,
// which may itself read another's), and where a part gathers other resources (a security group its
// standalone rules, a network ACL its entries, a VPC its extra blocks, a subnet its IPv6 block, an
// instance its Elastic IP), the gathering parts its text names when one of those is made again (every
// part of that kind when it names none, or is itself edited: which one gathers it may have changed).

import { resourceAt, type Edit } from '../incremental/lint.js';
import type { Template } from './template.js';
import type { Span } from '../model/types.js';

/** The parts of one model (keyed by resource id and what the part is) and the text they were made in. */
export type ModelParts = ReadonlyMap<string, KeptPart>;

/** What a build of the model may take from the last one. */
export interface PartsReuse {
  /** The last build's parts, in the offsets of the text it was made from. */
  parts: ModelParts;
  /** The edits from that text to this one, in order. */
  edits: readonly Edit[];
  /** Resources whose parts are made again. */
  dirty: ReadonlySet<string>;
}

/** How many parts a build took from the last one, and how many it made (the tests read it). */
export const partStats = { reused: 0, made: 0 };

/** A resource type whose parts gather the resources of another (the gathering type's parts are all made again). */
const GATHERED_BY: Record<string, string[]> = {
  'AWS::EC2::SecurityGroupIngress': ['AWS::EC2::SecurityGroup'],
  'AWS::EC2::SecurityGroupEgress': ['AWS::EC2::SecurityGroup'],
  'AWS::EC2::NetworkAclEntry': ['AWS::EC2::NetworkAcl'],
  'AWS::EC2::VPCCidrBlock': ['AWS::EC2::VPC'],
  'AWS::EC2::SubnetCidrBlock': ['AWS::EC2::Subnet'],
  'AWS::EC2::EIP': ['AWS::EC2::Instance'],
  'AWS::EC2::EIPAssociation': ['AWS::EC2::Instance'],
};

/**
 * The resources whose parts are made again after an edit of `seeds`: the seeds, every resource whose
 * text names one of them (or holds an escape, which could spell a name), transitively, and the
 * gathering kinds of those.
 */
export function dirtyParts(template: Template, seeds: Iterable<string>): Set<string> {
  const { text, resources } = template;
  const dirty = new Set<string>();
  const queue = [...seeds];
  const from = resources[0]?.key.start ?? 0;
  const escaped = new Set<string>();
  for (let at = text.indexOf('\\', from); at >= 0; at = text.indexOf('\\', at + 1)) {
    const k = resourceAt(resources, at);
    if (k >= 0) escaped.add(resources[k]!.id);
  }
  while (queue.length) {
    const id = queue.pop()!;
    if (dirty.has(id)) continue;
    dirty.add(id);
    if (dirty.size === 1) queue.push(...escaped);
    for (let at = text.indexOf(id, from); at >= 0; at = text.indexOf(id, at + id.length)) {
      const k = resourceAt(resources, at);
      if (k >= 0 && !dirty.has(resources[k]!.id)) queue.push(resources[k]!.id);
    }
  }
  const seeded = new Set(seeds);
  for (const id of [...dirty]) {
    const r = template.byId.get(id);
    for (const type of GATHERED_BY[r?.type ?? ''] ?? []) {
      const gatherers = template.byType.get(type) ?? [];
      // A resource not edited names the ones that gather it as before (GroupId: !Ref Sg); one that
      // names none (a group outside the template) may change what every one of them says.
      const body = r && !seeded.has(id) ? text.slice(r.key.start, r.node.end) : undefined;
      const named = body === undefined ? [] : gatherers.filter((g) => body.includes(g.id));
      for (const g of named.length ? named : gatherers) dirty.add(g.id);
    }
  }
  return dirty;
}

/** A part as kept: its value, its spans (each span object once) and the least and greatest offset they hold (lo > hi: none). */
export interface KeptPart {
  value: unknown;
  spans: Span[];
  lo: number;
  hi: number;
}

/** A part just made, with its spans. */
export function keptPart(value: unknown): KeptPart {
  const spans = new Set<Span>();
  collect(value, spans);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of spans) {
    lo = Math.min(lo, s.start);
    hi = Math.max(hi, s.end);
  }
  return { value, spans: [...spans], lo, hi };
}

/**
 * A kept part moved to the new text, in place: the same objects, their offsets after the edits
 * shifted. False (and nothing moved) when some offset lies inside an edit.
 */
export function movePart(kept: KeptPart, edits: readonly Edit[]): boolean {
  if (kept.lo > kept.hi) return true;
  let { lo, hi } = kept;
  let delta = 0;
  for (const e of edits) {
    if (hi < e.start) continue;
    if (lo <= e.oldEnd) return moveEach(kept, edits);
    lo += e.delta;
    hi += e.delta;
    delta += e.delta;
  }
  if (delta === 0) return true;
  for (const s of kept.spans) {
    s.start += delta;
    s.end += delta;
  }
  kept.lo = lo;
  kept.hi = hi;
  return true;
}

// Spans on both sides of an edit, or in it: offset by offset, all worked out before any is moved.
function moveEach(kept: KeptPart, edits: readonly Edit[]): boolean {
  const moved: number[] = [];
  for (const s of kept.spans) {
    const start = moveOffset(s.start, edits);
    const end = moveOffset(s.end, edits);
    if (start === undefined || end === undefined) return false;
    moved.push(start, end);
  }
  kept.lo = Infinity;
  kept.hi = -Infinity;
  kept.spans.forEach((s, i) => {
    s.start = moved[2 * i]!;
    s.end = moved[2 * i + 1]!;
    kept.lo = Math.min(kept.lo, s.start);
    kept.hi = Math.max(kept.hi, s.end);
  });
  return true;
}

function moveOffset(o: number, edits: readonly Edit[]): number | undefined {
  for (const e of edits) {
    if (o < e.start) continue;
    if (o > e.oldEnd) o += e.delta;
    else return undefined;
  }
  return o;
}

function collect(v: unknown, out: Set<Span>): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) collect(x, out);
    return;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') out.add(o as unknown as Span);
  for (const k of Object.keys(o)) if (typeof o[k] === 'object') collect(o[k], out);
}
