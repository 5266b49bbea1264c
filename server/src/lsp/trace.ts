// The path trace in the language server: trace requests from the "Trace Path" command and the
// webview, and the "Trace to …" CodeLens above subnets and workloads. All of them read the network
// model of the document version's Analysis (built once, in the lint worker), never the text again.

import type { CodeLens } from 'vscode-languageserver/node';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../core/engine.js';
import { LineIndex, type Position } from '../core/document/line-index.js';
import { treeBrokenBy } from '../core/document/parse.js';
import { traceMatrix } from '../core/trace/api.js';
import { trace } from '../core/trace/trace.js';
import { traceView } from '../core/trace/view.js';
import { likelyTargets, parseTarget, targetName, traceSources, traceTargets } from '../core/trace/targets.js';
import { TRACE_COMMAND, type MatrixCellView, type MatrixResponse, type SuggestionEditParams, type SuggestionEditResult, type TraceCommandArgs, type TraceOptionsResult, type TraceParams, type TraceResponse, type TraceView } from '../protocol/trace.js';
import { applyEdits, rejection, suggestionFix } from '../core/fixes/index.js';
import type { Fix } from '../core/fixes/types.js';
import type { Suggestion } from '../core/trace/types.js';
import type { TraceResult } from '../core/trace/types.js';
import type { Network } from '../core/model/network.js';
import { nestedPlace } from '../cli/nested-place.js';
import { notJudgedWords, type DocumentStacks } from './nested-stacks.js';

/**
 * Why a version has no network to trace or map: the first syntax error and where it is (the tree the
 * parser recovers after it is a guess, not judged), else the text is not a CloudFormation template.
 */
export function noNetwork(a: Analysis): string {
  const broken = treeBrokenBy(a.parsed.problems);
  if (!broken) return 'The file is not a CloudFormation template that parses.';
  const p = new LineIndex(a.text).positionAt(broken.start);
  return `The template does not parse: ${broken.message} (line ${p.line + 1}, column ${p.character + 1}). Fix it to trace or map the network.`;
}

/** `stacks`: the template read across stacks (nested-stacks.ts documentStacks), one network per deployment; none: alone. */
export function traceOptions(a: Analysis, stacks: readonly DocumentStacks[] = []): TraceOptionsResult {
  const nets = stacks.length ? stacks.map((s) => s.across.network) : [a.network()];
  if (!nets[0]) return { error: noNetwork(a) };
  // Several deployments of a nested template: what any of them can trace (named as each parent names them).
  const sources = new Map<string, { id: string; kind: string }>();
  const targets = new Set<string>();
  for (const net of nets as Network[]) {
    for (const s of traceSources(net)) if (!sources.has(s.id)) sources.set(s.id, s);
    for (const t of traceTargets(net)) targets.add(targetName(t));
  }
  return { sources: [...sources.values()], targets: [...targets] };
}

export function traceAnswer(a: Analysis, params: TraceParams, positionAt: (offset: number) => Position, stacks: readonly DocumentStacks[] = []): TraceResponse {
  const net = stacks.length ? stacks[0]!.across.network : a.network();
  if (!net) return { error: noNetwork(a) };
  const target = parseTarget(params.to);
  if (!target) return { error: `Unknown destination ${params.to}: use a service (s3, ssm, ...), "internet" or an IPv4 or IPv6 range.` };
  const across = stacks.length > 0;
  // A nested template several parents deploy: traced as each deployment that has the source.
  const traced = (across ? stacks : [undefined]).flatMap((s) => {
    const n = s ? s.across.network : net;
    if (!n.spanOf(params.from)) return [];
    const result = trace(n, params.from, target, { action: params.action });
    return [{ s, result, view: s ? placedView(s, result, positionAt) : traceView(result, positionAt) }];
  });
  const first = traced[0];
  if (!first) return { error: `${params.from} is no longer in the template.` };
  const { result, view } = first;
  if (first.s?.as) view.summary = deploymentsSummary(first.s.as, traced.map((t) => ({ as: t.s!.as!, verdict: t.view.verdict, summary: t.view.summary })));
  const again = notJudgedWords(stacks);
  if (again) view.summary = `${view.summary} (${again})`;
  if (result.suggestions.length) {
    view.suggestions = result.suggestions.map((s) => {
      // Across nested stacks a suggestion's resources may be another template's: no edit is made from here.
      const fix = across ? undefined : fixOfSuggestion(a, s, params.from);
      const action = fix && `${fix.title}${elsewhere(fix)}`;
      // A resource a module call makes (Terraform): its change is that module's, made where its file is open.
      const noAction = across
        ? `No edit here: this trace reads the nested stacks too; change ${s.resource} in the template that writes it.`
        : !fix && /^module\./.test(s.resource) ? `No edit here: ${s.resource} is made inside a module call; change it where that module writes it.` : undefined;
      return { kind: s.kind, message: s.message, resource: s.resource, ...(action ? { action } : {}), ...(noAction ? { noAction } : {}) };
    });
  }
  return { result: view };
}

/**
 * A trace across stacks as the document's panel shows it: a hop in the document's own template has its range
 * in the document (the open text, whatever its place in the one text), a hop in another template (a nested
 * stack's, or the parent's of an open nested template) is named by its file, line and range there.
 */
function placedView(s: DocumentStacks, result: TraceResult, positionAt: (offset: number) => Position): TraceView {
  const view: TraceView = traceView(result, (o) => positionAt(o - s.base));
  view.hops = view.hops.map((h, i) => {
    const place = nestedPlace(s.across, result.hops[i]!, s.own);
    if (!place) return h;
    const { range: _, ...rest } = h;
    return { ...rest, file: place.file, line: place.range.start.line, fileRange: place.range };
  });
  return view;
}

/**
 * The summary of a nested template's trace as the first deployment that has the source answers it, said to be
 * that one's, the others' verdicts after it when they differ (the diagnostics' "as nested stack X of P").
 */
function deploymentsSummary(first: string, all: readonly { as: string; verdict: string; summary: string }[]): string {
  const [one, ...others] = all;
  const differ = others.filter((o) => o.verdict !== one!.verdict || o.summary !== one!.summary);
  const same = others.filter((o) => !differ.includes(o));
  const also = same.length ? `, ${same.map((o) => o.as).join(', ')}` : '';
  const rest = differ.map((o) => `; as nested stack ${o.as}: ${o.verdict} — ${o.summary}`).join('');
  return `${one!.summary} (as nested stack ${first}${also}${rest})`;
}

/** The edit of one suggestion, offered only when it adds no warning or error (checked by linting the result). */
export function suggestionEdit(a: Analysis, params: SuggestionEditParams, version: number, positionAt: (offset: number) => Position, stacks: readonly DocumentStacks[] = []): SuggestionEditResult {
  // The trace shown read the nested stacks: it offered no edit (traceAnswer), so none is made.
  if (stacks.length) return { error: 'No edit is made from a trace that reads nested stacks; change the template that writes the resource.' };
  const net = a.network();
  const target = parseTarget(params.to);
  if (!net || !target || !net.spanOf(params.from)) return { error: 'The trace no longer applies to this file.' };
  const suggestion = trace(net, params.from, target, { action: params.action }).suggestions[params.index];
  if (!suggestion) return { error: 'That suggestion no longer applies.' };
  const fix = fixOfSuggestion(a, suggestion, params.from);
  if (!fix) return { error: `No edit can be made for: ${suggestion.message}` };
  // A fix with edits in other files (a Terraform module's vpc.tf) is judged by the analysis that made it.
  const why = a.checkFix ? a.checkFix(fix) : rejection(a.findings, a.relint(applyEdits(a.text, fix.edits)), undefined);
  if (why) return { error: `${fix.title} was not applied: ${why}.` };
  const edits = fix.edits.map((e) =>
    e.file ? { range: { start: e.file.start, end: e.file.end }, newText: e.newText, uri: pathToFileURL(e.file.path).href } : { range: { start: positionAt(e.start), end: positionAt(e.end) }, newText: e.newText },
  );
  return { title: `${fix.title}${elsewhere(fix)}`, version, edits };
}

/** " (in vpc.tf)" for a fix with edits in other files of a Terraform module. */
function elsewhere(fix: Fix): string {
  const files = [...new Set(fix.edits.flatMap((e) => (e.file ? [basename(e.file.path)] : [])))];
  return files.length ? ` (in ${files.join(', ')})` : '';
}

// The rules that report an endpoint whose type cannot be created (the model's `broken`).
const TYPE_RULES = new Set(['VPCE2001', 'VPCE2005']);

/**
 * A suggestion as an edit. "Fix the type first" is the type finding's own preferred fix (the whole
 * conversion), so the panel's Apply and the light bulb make the same change; the others are built from
 * the suggestion's data.
 */
export function fixOfSuggestion(a: Analysis, s: Suggestion, from: string): Fix | undefined {
  if (s.kind !== 'set-endpoint-type') return a.suggestionFix ? a.suggestionFix(s, from) : suggestionFix(a.fixSource(), s, from);
  const typeFinding = a.findings.find((f) => f.resource === s.resource && TYPE_RULES.has(f.ruleId));
  if (!typeFinding) return undefined;
  const fixes = a.verifiedFixes(typeFinding);
  return fixes.find((f) => f.isPreferred) ?? fixes[0];
}

export function traceMatrixAnswer(a: Analysis, stacks: readonly DocumentStacks[] = []): MatrixResponse {
  const net = stacks.length ? stacks[0]!.across.network : a.network();
  if (!net) return { error: noNetwork(a) };
  const m = traceMatrix(net);
  const cells = m.cells.map((row) => row.map((c): MatrixCellView => ({
    summary: c.summary,
    ...(c.deciding ? { deciding: { kind: c.deciding.kind, resource: c.deciding.resource, decision: c.deciding.decision, reason: c.deciding.reason } } : {}),
    ...(c.branches ? { branches: c.branches.map((b) => ({ when: b.when, verdict: b.verdict })) } : {}),
  })));
  const conditional = m.cells.map((row) => row.map((c) => c.conditional));
  // A nested template several parents deploy: the first one's matrix; a cell another deployment answers
  // otherwise says so and is marked as depending on more than the template (`*`).
  const [first, ...others] = stacks;
  if (first?.as) {
    const otherMatrices = others.map((s) => ({ as: s.as!, m: traceMatrix(s.across.network) }));
    m.sources.forEach((source, i) => m.targets.forEach((target, j) => {
      const differ = otherMatrices.flatMap(({ as, m: o }) => {
        const c = o.cells[o.sources.findIndex((x) => x.id === source.id)]?.[o.targets.indexOf(target)];
        return c && c.verdict !== m.cells[i]![j]!.verdict ? [`as nested stack ${as}: ${c.verdict}`] : [];
      });
      const cell = cells[i]![j]!;
      cell.summary = `${cell.summary} (as nested stack ${first.as}${differ.length ? `; ${differ.join('; ')}` : ''})`;
      if (differ.length) conditional[i]![j] = true;
    }));
  }
  return { matrix: { sources: m.sources, targets: m.targets, verdicts: m.cells.map((row) => row.map((c) => c.verdict)), conditional, cells } };
}

/** How many service names a lens's title shows before "+N". */
const TITLE_NAMES = 3;

/**
 * One "Trace to s3 · dynamodb · ssm …" lens above each subnet and workload. One, not one per service:
 * a lens per service crowds every subnet and workload line (four or more each), while this one names the
 * likely services and opens a pick of them, each with its verdict, with every other destination below.
 * The likely services: s3, dynamodb, those with an endpoint in the source's VPC, and `traceServices`.
 */
export function traceLenses(a: Analysis, uri: string, positionAt: (offset: number) => Position, traceServices: readonly string[] = [], length = a.text.length, stacks: readonly DocumentStacks[] = []): CodeLens[] {
  // A nested template its parents deploy: its own sources, named and traced as the first deployment reads them.
  const nested = nestedIn(stacks);
  const net = nested ? nested.across.network : a.network();
  if (!net) return [];
  const base = nested?.base ?? 0;
  const lenses: CodeLens[] = [];
  for (const source of traceSources(net)) {
    const span = net.spanOf(source.id)!;
    // A Terraform module's other files follow the document's text, as the other templates do the open nested
    // template's in its parent's stacks: their sources are not lensed here.
    if (span.start < base || span.end - base > length) continue;
    const key = { start: span.start - base, end: span.end - base };
    const targets = likelyTargets(net, source.id, traceServices);
    if (targets.length === 0) continue;
    const shown = targets.slice(0, TITLE_NAMES).join(' · ');
    const more = targets.length > TITLE_NAMES ? ` · +${targets.length - TITLE_NAMES}` : '';
    const args: TraceCommandArgs = { uri, from: source.id, targets };
    lenses.push({ range: { start: positionAt(key.start), end: positionAt(key.end) }, command: { title: `Trace to ${shown}${more}…`, tooltip: `Trace the path from ${source.id} to ${targets.join(', ')} (or another destination)`, command: TRACE_COMMAND, arguments: [args] } });
  }
  return lenses;
}

/** The first deployment of a nested template its parents deploy (its text is not the first of the stacks); none for a parent or a template read alone. */
export function nestedIn(stacks: readonly DocumentStacks[]): DocumentStacks | undefined {
  return stacks[0] && stacks[0].base > 0 ? stacks[0] : undefined;
}
