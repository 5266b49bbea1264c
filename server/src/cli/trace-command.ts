// `vpce-lens trace <template> --from <LogicalId> --to <service|internet|CIDR> [--action A] [--format text|json]`
// and `--matrix`: the path-trace face of the engine.

import type { OutsideRules } from '../core/cdk/outside-rules.js';
import type { PassedParameters } from '../core/cfn/template.js';
import { LineIndex } from '../core/document/line-index.js';
import { templateNetwork, traceMatrix, traceNetwork } from '../core/trace/api.js';
import type { TraceResult } from '../core/trace/types.js';
import { traceView } from '../core/trace/view.js';
import type { Network } from '../core/model/network.js';
import { networkOrSay } from './template-network.js';

export interface TraceArgs {
  file: string;
  text: string;
  from?: string;
  to?: string;
  action?: string;
  matrix: boolean;
  format: 'text' | 'json';
  /** The regions the stack deploys to (--region, the project configuration, a CDK stack's environment): they reach the model, and the JSON says them. */
  regions?: readonly string[];
  /** Security groups the CDK app's other stacks add rules to (the settings' outsideRules). */
  outsideRules?: OutsideRules;
  /** Parameters a CDK nested stack's parent sets (the settings' passedParameters). */
  passedParameters?: PassedParameters;
  /** A network another adapter built (a Terraform module), and where its offsets lie (file, line). */
  network?: Network;
  locate?: (offset: number) => { file: string; line: number; character: number };
  /** The JSON names the file of each hop not in `file` (a CDK stack's nested templates). */
  hopFiles?: boolean;
}

export function runTrace(args: TraceArgs, out: (s: string) => void, err: (s: string) => void): number {
  const index = new LineIndex(args.text);
  const lines = args.locate ? { positionAt: (o: number) => { const p = args.locate!(o); return { line: p.line, character: p.character }; } } : index;
  const fileAt = (o: number) => args.locate?.(o).file ?? args.file;
  if (args.matrix) {
    const net = args.network ?? networkOrSay(templateNetwork(args.text, args.regions, args.outsideRules, args.passedParameters), args.file, index, err);
    if (!net) return 2;
    const m = traceMatrix(net, { action: args.action });
    if (args.format === 'json') out(JSON.stringify({ sources: m.sources, targets: m.targets, verdicts: m.cells.map((row) => row.map((c) => c.verdict)), conditional: m.cells.map((row) => row.map((c) => c.conditional)), ...(m.bounded ? { bounded: m.bounded } : {}), ...regionsJson(args.regions) }, null, 2) + '\n');
    else {
      // A cell marked * has another verdict under other parameters; "(absent)" sources do not exist with the defaults.
      const label = (s: (typeof m.sources)[number]) => (s.absentByDefault ? `${s.id} (absent)` : s.id);
      const width = Math.max(6, ...m.sources.map((s) => label(s).length));
      const cols = m.targets.map((t) => Math.max(t.length, 8));
      const row = (head: string, cells: string[]) => `${head.padEnd(width)}  ${cells.map((c, j) => c.padEnd(cols[j]!)).join('  ')}`.trimEnd();
      const lines = [row('', m.targets), ...m.sources.map((s, i) => row(label(s), m.cells[i]!.map((c) => `${c.verdict}${c.conditional ? '*' : ''}`)))];
      // A header alone reads as a broken answer: say why there are no rows.
      if (!m.sources.length) lines.push(`no rows: ${net.words?.here ?? 'this template'} has no subnet and no workload with a network configuration to trace from (subnets it is only given, as parameters or variables, are not traced: their route tables are not here)`);
      if (m.cells.some((r) => r.some((c) => c.conditional))) lines.push('* the verdict with the parameters\' defaults; other parameter values change it (trace the cell for each branch)');
      if (m.sources.some((s) => s.absentByDefault)) lines.push('(absent): the source does not exist with the parameters\' defaults');
      if (m.bounded) lines.push(`only ${m.bounded.explored} of ${m.bounded.total} parameter combinations were looked at`);
      const loops = net.defaults.deployTimeLoops;
      if (loops?.length) lines.push(`not traced: the resources of ${loops.join(', ')}, made at deploy time from a list the template does not know`);
      out(lines.join('\n') + '\n');
    }
    return 0;
  }
  if (!args.from || !args.to) return err('vpce-lens: trace needs --from <LogicalId> and --to <service|internet|CIDR> (or --matrix)\n'), 2;
  const net = args.network ?? networkOrSay(templateNetwork(args.text, args.regions, args.outsideRules, args.passedParameters), args.file, index, err);
  if (!net) return 2;
  const answer = traceNetwork(net, args.from, args.to, { action: args.action });
  if (!answer.ok) return err(`vpce-lens: ${args.file}: ${answer.error}\n`), 2;
  const r = answer.result;
  if (args.format === 'json') {
    const view = traceView(r, (o) => lines.positionAt(o));
    if (args.hopFiles) view.hops = view.hops.map((h, i) => (fileAt(r.hops[i]!.start) === args.file ? h : { ...h, file: fileAt(r.hops[i]!.start) }));
    out(JSON.stringify({ ...view, ...regionsJson(args.regions) }, null, 2) + '\n');
  }
  else out(toText(r, lines, fileAt));
  return 0;
}

/** The regions the answer was made for, when any were said (none: a hard-coded region is not judged). */
function regionsJson(regions: readonly string[] = []): { regions?: readonly string[] } {
  return regions.length ? { regions } : {};
}

const MARK: Record<string, string> = { pass: '✓', block: '✗', unknown: '?', note: 'i' };

function toText(r: TraceResult, lines: Pick<LineIndex, 'positionAt'>, fileAt: (offset: number) => string): string {
  const out = [`${r.from} → ${r.to}: ${r.verdict.toUpperCase()} — ${r.summary}`];
  r.hops.forEach((h, i) => {
    const p = lines.positionAt(h.start);
    // The deciding hop is marked as the panel marks it ("decides").
    out.push(`  ${MARK[h.decision]} ${h.kind.padEnd(34)} ${h.resource}  ${h.reason}${i === r.decidingHop ? '  ← decides' : ''}  (${fileAt(h.start)}:${p.line + 1}:${p.character + 1})`);
  });
  for (const s of r.suggestions) out.push(`  suggestion: ${s.message}`);
  if (r.branches) {
    out.push('  depends on conditions:');
    for (const b of r.branches) out.push(`    ${Object.entries(b.when).map(([c, v]) => `${c}=${v}`).join(', ') || '(defaults)'}: ${b.verdict.toUpperCase()} — ${b.summary}`);
  }
  if (r.branchesBounded) out.push(`  only ${r.branchesBounded.explored} of ${r.branchesBounded.total} parameter combinations were looked at`);
  return out.join('\n') + '\n';
}
