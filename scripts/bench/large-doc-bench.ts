// A very large template in the editor (issue 14's "done when"): the language server, over a real
// connection, is given a template of N MB (default 20); we time its first diagnostics for that document
// and, meanwhile, completion requests in a small document. Run: node --import tsx scripts/bench/large-doc-bench.ts [MB]
// Needs dist/server.js (npm run build).

import { readFileSync } from 'node:fs';
import type { CompletionItem } from 'vscode-languageserver/node';
import { LspClient, ROOT, fileUri } from '../../test/lsp/client.js';
import { bigTemplate } from '../../test/lsp/big-template.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const TYPING = EXAMPLE.replace('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'ServiceName: ss');

function endOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle) + needle.length;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

async function main(): Promise<void> {
  const mb = Number(process.argv[2] ?? 20);
  const one = bigTemplate(100).length / 100;
  const text = bigTemplate(Math.ceil((mb * 1024 * 1024) / one));
  const client = await LspClient.start({ debounceMs: 0 });
  try {
    const small = fileUri('bench-small.yaml');
    client.open(small, TYPING);
    await client.waitFor(small, () => true, 30_000);
    const big = fileUri('bench-large.yaml');
    const t0 = performance.now();
    client.open(big, text);
    let done: { ms: number; count: number; message: string } | undefined;
    void client.waitFor(big, () => true, 600_000).then((p) => (done = { ms: performance.now() - t0, count: p.diagnostics.length, message: String(p.diagnostics[0]?.message ?? '') }));
    const latencies: number[] = [];
    while (!done && performance.now() - t0 < 600_000) {
      const s = performance.now();
      const items = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri: small }, position: endOf(TYPING, 'ServiceName: ss') });
      latencies.push(performance.now() - s);
      if (process.env.TRACE_LAT) console.log(`${(s - t0).toFixed(0)} ms: ${(performance.now() - s).toFixed(1)} ms`);
      if (!(Array.isArray(items) ? items : items.items).some((i) => i.label === 'ssm')) throw new Error('completion lost ssm');
      await new Promise((r) => setTimeout(r, 100));
    }
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
    console.log(`${(text.length / 1024 / 1024).toFixed(1)} MB template: first diagnostics after ${((done?.ms ?? NaN) / 1000).toFixed(1)} s (${done?.count} diagnostic(s): ${done?.message.slice(0, 140)})`);
    console.log(`completion in another document meanwhile: ${latencies.length} requests, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  } finally {
    await client.stop();
  }
}

void main();
