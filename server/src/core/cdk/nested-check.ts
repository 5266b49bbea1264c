// The check of a parent stack with the nested stacks it deploys (nested-inline.ts): the rules that read the
// network model judge the one template the trace and map read (nested-network.ts inlinedTemplate), so a
// nested template's endpoint is judged with the VPC, subnets and security groups its parent passes, and the
// parent's with what the nested stacks hand back. Read alone, each template meets those values as unknown
// (the rules stay silent) or as a parameter's default (an answer for a deployment that never happens).
// Each finding is placed in the file and at the offsets of the node it names (a nested template's node in
// that template), with the chain of stack resources that deploys that file. The other rules (the text, the
// schema, a policy, one resource's own properties) judge each file alone, as before.
// Pure: the caller gives the inlined stacks and the settings of the parent.

import { analyzeBuilt } from '../analysis.js';
import { LineIndex } from '../document/line-index.js';
import type { Finding, RelatedLocation } from '../findings.js';
import { rules } from '../rules/index.js';
import type { EngineSettings, SeveritySetting } from '../settings.js';
import { segmentAt, type InlinedStacks } from './nested-inline.js';
import { inlinedTemplate, keepInlinedNetwork } from './nested-network.js';
import type { OutsideRules } from './outside-rules.js';

/**
 * The rules that read the network model (`ctx.network()`, directly or through rules/private-dns.ts and
 * rules/service-region-sites.ts): the ones whose answer a nested stack's parent decides.
 * test/unit/cdk/nested-check.test.ts keeps this list equal to the rules' sources.
 */
export const NETWORK_RULES: ReadonlySet<string> = new Set([
  'VPCE2001', 'VPCE2002', 'VPCE2005',
  'VPCE3001', 'VPCE3004', 'VPCE3005', 'VPCE3006',
  'VPCE4001', 'VPCE4002', 'VPCE4003',
  'VPCE5001', 'VPCE5002', 'VPCE5003', 'VPCE5004', 'VPCE5005',
  'VPCE6001', 'VPCE6002', 'VPCE6003',
  'VPCE7001', 'VPCE7002', 'VPCE7003', 'VPCE7004',
  'VPCE9016',
]);

export interface PlacedFinding {
  /** The file it lies in, as the caller named it to inlineNestedStacks. */
  file: string;
  /** Offsets in that file's text; its resource by that template's own name; a related place in another file carries `file` (path as above). */
  finding: Finding;
  /** The stack resources that deploy that file's template, the parent's first: [] in the parent itself. */
  chain: StackLink[];
}

/** A stack resource (`stack`, its name at `key`, offsets in `parent`'s text) deploying a nested template. */
export type StackLink = InlinedStacks['inlined'][number];

/**
 * The network rules' findings of the inlined stacks, each in its own file. `settings`: the parent's (its
 * regions, the parameters its own parent passes); `outside`: inlinedOutsideRules. Severities are the rules'
 * own: each file's configuration is the caller's to apply.
 */
export function inlinedFindings(stacks: InlinedStacks, settings: Partial<EngineSettings>, outside?: OutsideRules): PlacedFinding[] {
  const off: Record<string, SeveritySetting> = Object.fromEntries(rules.filter((r) => !NETWORK_RULES.has(r.meta.id)).map((r) => [r.meta.id, 'off']));
  const { outsideRules: _own, rules: _levels, ...rest } = settings;
  const template = inlinedTemplate(stacks, settings.regions, settings.passedParameters);
  const analysis = analyzeBuilt(template, { ...rest, rules: off, ...(outside ? { outsideRules: outside } : {}) });
  // The network these rules judged is the one the trace, map and hover of the same stacks read (nested-network.ts).
  const network = analysis.network();
  if (network) keepInlinedNetwork(stacks, settings.regions ?? [], outside, settings.passedParameters, network);

  // Each resource's file and own name (a nested template's names that clash were renamed `<Stack>/<Name>`).
  const top = stacks.segments[0]!.file;
  const owner = new Map<string, { file: string; name: string }>();
  for (const i of stacks.inlined) for (const [name, renamed] of i.names) owner.set(renamed, { file: i.file, name });
  const chains = new Map<string, StackLink[]>([[top, []]]);
  const chainOf = (file: string): StackLink[] => {
    let c = chains.get(file);
    if (!c) {
      const i = stacks.inlined.find((x) => x.file === file);
      chains.set(file, (c = i ? [...chainOf(i.parent), i] : []));
    }
    return c;
  };
  const lines = new Map<string, LineIndex>();
  const positionsIn = (file: string, start: number, end: number) => {
    let index = lines.get(file);
    if (!index) {
      const s = stacks.segments.find((x) => x.file === file)!;
      lines.set(file, (index = new LineIndex(stacks.text.slice(s.start, s.end))));
    }
    return { path: file, start: index.positionAt(start), end: index.positionAt(end) };
  };
  const place = (span: { start: number; end: number }) => {
    const at = segmentAt(stacks, span.start);
    const s = stacks.segments.find((x) => x.file === at.file)!;
    return { file: at.file, start: at.offset, end: Math.min(Math.max(span.end - s.start, at.offset), s.end - s.start) };
  };

  return analysis.findings.map((f) => {
    const at = place(f);
    const related = f.related?.map((r): RelatedLocation => {
      const p = place(r);
      return p.file === at.file ? { ...r, start: p.start, end: p.end } : { ...r, start: p.start, end: p.end, file: positionsIn(p.file, p.start, p.end) };
    });
    // The fix data names the one template's nodes and names: no file's, so left out. The resource is named
    // only in its own file (a finding on the value a parent passes to a nested resource lies in the parent).
    const { data: _data, resource: _resource, ...kept } = f;
    const o = f.resource === undefined ? undefined : (owner.get(f.resource) ?? { file: top, name: f.resource });
    const finding: Finding = { ...kept, start: at.start, end: at.end, ...(o && o.file === at.file ? { resource: o.name } : {}), ...(related ? { related } : {}) };
    return { file: at.file, finding, chain: chainOf(at.file) };
  });
}
