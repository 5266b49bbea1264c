// One fuzz worker (scripts/fuzz.mjs forks it): for each mutant id it is sent, it builds the mutant,
// writes it to a file, runs the CLI's main() on it exactly as `vpce-lens check --format json` does,
// and checks the answer; then the editor's path (lintDocument with a parse cache primed with the
// previous version), quick fixes and the trace. Every so often the real CLI is run as a process too.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../server/src/cli.js';
import { checkEditorEqualsCli, checkFixes, checkTrace, makeMutant, mutate, random, type Mutant } from '../test/helpers/fuzz-checks.js';
import type { Finding } from '../server/src/core/findings.js';
import { LineIndex } from '../server/src/core/document/line-index.js';

interface Init {
  sources: string[];
  seed: number;
  dir: string;
  root: string;
  processEvery: number;
}

interface Task {
  id: number;
}

let init: Init;
let texts: { name: string; text: string }[] = [];

process.on('message', (m: { init?: Init; task?: Task }) => {
  if (m.init) {
    init = m.init;
    texts = init.sources.map((p) => ({ name: p, text: readFileSync(p, 'utf8') }));
    mkdirSync(init.dir, { recursive: true });
    process.send!({ ready: true });
    return;
  }
  if (m.task) process.send!(runOne(m.task.id));
});

/** The mutant of a given id: the same (seed, id) always gives the same text. */
function mutantFor(id: number): Mutant & { file: string } {
  const rnd = random((init.seed * 1_000_003 + id) >>> 0);
  const src = texts[Math.floor(rnd() * texts.length)]!;
  const base = src.name.split('/').pop()!;
  const m = makeMutant(base, src.text, rnd, mutate, 8);
  return { ...m, file: join(init.dir, base) };
}

function runOne(id: number) {
  const started = performance.now();
  const m = mutantFor(id);
  const problems: string[] = [];
  writeFileSync(m.file, m.text);
  let out = '';
  let err = '';
  let code: number | undefined;
  try {
    code = main(['check', '--format', 'json', m.file], (s) => (out += s), (s) => (err += s));
  } catch (e) {
    problems.push(`crash: main threw ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ')}`);
  }
  if (code !== undefined && ![0, 1, 2].includes(code)) problems.push(`exit code ${code}`);
  if (/\n\s+at |internal error/i.test(err)) problems.push(`stack trace on stderr: ${err.slice(0, 300)}`);
  let cliFindings: Finding[] = [];
  if (code !== undefined && code !== 2) {
    try {
      const doc = JSON.parse(out) as { results: { findings: { ruleId: string; severity: Finding['severity']; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[] };
      const lines = new LineIndex(m.text);
      // Lines as LineIndex counts them (and LSP): ended by \n, \r\n or a lone \r.
      const textLines = m.text.split(/\r\n|\r|\n/);
      for (const f of doc.results[0]?.findings ?? []) {
        for (const p of [f.range.start, f.range.end]) {
          if (p.line < 0 || p.line >= Math.max(textLines.length, 1) || p.character < 0 || p.character > (textLines[p.line]?.length ?? 0)) problems.push(`range outside the file: ${f.ruleId} ${p.line}:${p.character}`);
        }
        if (f.ruleId === 'VPCE0000') problems.push(`internal error: ${f.message}`);
        cliFindings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, start: lines.offsetAt(f.range.start), end: lines.offsetAt(f.range.end) });
      }
    } catch (e) {
      problems.push(`output is not valid JSON: ${(e as Error).message}`);
      cliFindings = [];
    }
    problems.push(...checkEditorEqualsCli(m, cliFindings));
    problems.push(...checkFixes(m, cliFindings, 5));
    if (id % 5 === 0) problems.push(...checkTrace(m, 20));
  }
  if (init.processEvery > 0 && id % init.processEvery === 0) problems.push(...asProcess(m.file, code, out));
  return { id, name: m.name, problems, ms: performance.now() - started, rss: process.memoryUsage().rss };
}

/** The real command, as CI runs it: the same exit code and output as main() gave, no stack trace. */
function asProcess(file: string, code: number | undefined, out: string): string[] {
  const r = spawnSync(process.execPath, [join(init.root, 'bin', 'vpce-lens.js'), 'check', '--format', 'json', file], { encoding: 'utf8', timeout: 10_000 });
  const problems: string[] = [];
  if (r.signal) problems.push(`the CLI process did not finish in 10 s (${r.signal})`);
  if (r.status !== code) problems.push(`the CLI process exited ${r.status}, main() returned ${code}`);
  if (/\n\s+at /.test(r.stderr)) problems.push(`the CLI process printed a stack trace: ${r.stderr.slice(0, 300)}`);
  if (code !== 2 && r.stdout !== out) problems.push('the CLI process printed other JSON than main()');
  return problems;
}
