// `vpce-lens trace <template> --from <LogicalId> --to <service|internet|CIDR> [--action A] [--format text|json]`
// and `--matrix`: the path-trace face of the engine.

import { LineIndex } from '../core/document/line-index.js';
import { networkOf, traceMatrix, traceText } from '../core/trace/api.js';
import type { TraceResult } from '../core/trace/types.js';
import { traceView } from '../core/trace/view.js';

export interface TraceArgs {
  file: string;
  text: string;
  from?: string;
  to?: string;
  action?: string;
  matrix: boolean;
  format: 'text' | 'json';
}

export function runTrace(args: TraceArgs, out: (s: string) => void, err: (s: string) => void): number {
  const lines = new LineIndex(args.text);
  if (args.matrix) {
    const net = networkOf(args.text);
    if (!net) return err(`vpce-lens: ${args.file}: not a CloudFormation template\n`), 2;
    const m = traceMatrix(net, { action: args.action });
    if (args.format === 'json') out(JSON.stringify({ sources: m.sources, targets: m.targets, verdicts: m.cells.map((row) => row.map((c) => c.verdict)) }, null, 2) + '\n');
    else {
      const width = Math.max(6, ...m.sources.map((s) => s.id.length));
      const cols = m.targets.map((t) => Math.max(t.length, 7));
      const row = (head: string, cells: string[]) => `${head.padEnd(width)}  ${cells.map((c, j) => c.padEnd(cols[j]!)).join('  ')}`.trimEnd();
      out([row('', m.targets), ...m.sources.map((s, i) => row(s.id, m.cells[i]!.map((c) => c.verdict)))].join('\n') + '\n');
    }
    return 0;
  }
  if (!args.from || !args.to) return err('vpce-lens: trace needs --from <LogicalId> and --to <service|internet|CIDR> (or --matrix)\n'), 2;
  const answer = traceText(args.text, args.from, args.to, { action: args.action });
  if (!answer.ok) return err(`vpce-lens: ${args.file}: ${answer.error}\n`), 2;
  const r = answer.result;
  if (args.format === 'json') out(JSON.stringify(traceView(r, (o) => lines.positionAt(o)), null, 2) + '\n');
  else out(toText(r, lines, args.file));
  return 0;
}

const MARK: Record<string, string> = { pass: '✓', block: '✗', unknown: '?', note: 'i' };

function toText(r: TraceResult, lines: LineIndex, file: string): string {
  const out = [`${r.from} → ${r.to}: ${r.verdict.toUpperCase()} — ${r.summary}`];
  for (const h of r.hops) {
    const p = lines.positionAt(h.start);
    out.push(`  ${MARK[h.decision]} ${h.kind.padEnd(34)} ${h.resource}  ${h.reason}  (${file}:${p.line + 1}:${p.character + 1})`);
  }
  for (const s of r.suggestions) out.push(`  suggestion: ${s.message}`);
  return out.join('\n') + '\n';
}
