// A very large template in the editor (issue 14's "done when"): the language server, over a real
// connection, is given a template of N MB (default 20); we time its first diagnostics for that document
// and, meanwhile, completion requests in a small document: from the didOpen until 5 s after the first
// diagnostics, then while the large document is edited (one typed character every 250 ms, 20 times);
// and first, the same requests with no large document open, for the machine's load alone.
// The first request after the didOpen is shown apart: it waits on the wire behind the N MB message,
// which the LSP library reads and parses (JSON) before the server sees anything.
// Run: node --import tsx scripts/bench/large-doc-bench.ts [MB]   Needs dist/server.js (npm run build).

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CompletionItem } from 'vscode-languageserver/node';
import { LspClient, ROOT, fileUri } from '../../test/lsp/client.js';
import { bigTemplate } from '../../test/lsp/big-template.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const TYPING = EXAMPLE.replace('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'ServiceName: ss');

function endOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle) + needle.length;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(latencies: number[]): string {
  const l = [...latencies].sort((a, b) => a - b);
  if (!l.length) return 'no requests';
  const q = (p: number) => l[Math.min(l.length - 1, Math.floor(p * l.length))]!.toFixed(1);
  return `${l.length} requests, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`;
}

async function main(): Promise<void> {
  const mb = Number(process.argv[2] ?? 20);
  const one = bigTemplate(100).length / 100;
  const text = bigTemplate(Math.ceil((mb * 1024 * 1024) / one));
  const client = await LspClient.start({ debounceMs: 0 });
  const load = loadavg()[0]!.toFixed(1);
  let t0 = performance.now();
  try {
    const small = fileUri('bench-small.yaml');
    client.open(small, TYPING);
    await client.waitFor(small, () => true, 30_000);
    const complete = async (into: number[]) => {
      const s = performance.now();
      const items = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri: small }, position: endOf(TYPING, 'ServiceName: ss') });
      into.push(performance.now() - s);
      if (process.env.TRACE_LAT) console.log(`${(s - t0).toFixed(0)} ms: ${(performance.now() - s).toFixed(1)} ms`);
      if (!(Array.isArray(items) ? items : items.items).some((i) => i.label === 'ssm')) throw new Error('completion lost ssm');
    };
    // The same requests with no large document open: what the machine's load alone costs.
    const idle: number[] = [];
    for (let i = 0; i < 30; i++) {
      await complete(idle);
      await sleep(100);
    }
    const big = fileUri('bench-large.yaml');
    t0 = performance.now();
    client.open(big, text);
    let done: { ms: number; count: number; message: string } | undefined;
    void client.waitFor(big, () => true, 600_000).then((p) => (done = { ms: performance.now() - t0, count: p.diagnostics.length, message: String(p.diagnostics[0]?.message ?? '') }));
    const first: number[] = [];
    await complete(first);
    const opening: number[] = [];
    let until = Infinity;
    while (performance.now() < until && performance.now() - t0 < 600_000) {
      if (done && until === Infinity) until = performance.now() + 5000;
      await sleep(100);
      await complete(opening);
    }
    // Typing into the large document: one character at a time, near its start and near its end.
    const editing: number[] = [];
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    let stop = false;
    const typing = (async () => {
      for (let i = 0; i < 20; i++) {
        const line = i % 2 ? 3 : lines - 3;
        if (process.env.TRACE_LAT) console.log(`${(performance.now() - t0).toFixed(0)} ms: change ${i}`);
        client.change(big, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }]);
        await sleep(250);
      }
      stop = true;
    })();
    while (!stop) {
      await complete(editing);
      await sleep(50);
    }
    await typing;
    console.log(`${(text.length / 1024 / 1024).toFixed(1)} MB template, load average ${load} at the start: first diagnostics after ${((done?.ms ?? NaN) / 1000).toFixed(1)} s (${done?.count} diagnostic(s): ${done?.message.slice(0, 160)})`);
    console.log(`completion with no large document open (the machine's load alone): ${summary(idle)}`);
    console.log(`completion in another document: the first request, sent right after the didOpen: ${first[0]!.toFixed(1)} ms`);
    console.log(`  then until 5 s after the diagnostics: ${summary(opening)}`);
    console.log(`  while the large document is edited (20 changes, 250 ms apart): ${summary(editing)}`);
  } finally {
    await client.stop();
  }
}

void main();
