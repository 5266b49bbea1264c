// The in-process half of the benchmark, run by cli-bench.mjs in its own `node --expose-gc` process:
// times lintTemplate against a bare yaml parseDocument on the same text, and prints raw samples as
// JSON on stdout.
//
//   node --expose-gc scripts/bench/inprocess.mjs <engine-bundle.cjs> <cases.json>
//
// cases.json: { regions: string[], cases: [{ name, file, warmup, runs, perRule? }] }. The bundle
// exports lintTemplate (the engine), parseDocument (the yaml package bundled with it, so both sides
// run the very same parser code) and rules (the engine's registry: for the per-rule breakdown, each
// rule's check is wrapped with a timer, after the timed runs so the wrapper never touches them).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [bundlePath, casesPath] = process.argv.slice(2);
if (!bundlePath || !casesPath) {
  process.stderr.write('usage: inprocess.mjs <engine-bundle.cjs> <cases.json>\n');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { lintTemplate, parseDocument, rules, parseText } = require(bundlePath);
const { regions, cases } = JSON.parse(readFileSync(casesPath, 'utf8'));
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

// The options the engine's own parse uses (server/src/core/document/parse.ts), so that the ratio
// is the engine's cost on top of the parse it cannot avoid.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: false };

// No forced GC per sample: a full GC shrinks the heap, and the next sample then pays to grow it back
// (measured: 2-3x slower samples). Garbage collection inside a sample is part of its cost.
function time(fn) {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

const out = { gcExposed: typeof globalThis.gc === 'function', cases: [] };
let cold;
for (const c of cases) {
  gc(); // each template starts from a clean heap
  const text = readFileSync(c.file, 'utf8');
  const lint = () => lintTemplate(text, { regions });
  const parse = () => parseDocument(text, PARSE_OPTIONS);
  if (cold === undefined) cold = { name: c.name, ms: time(lint).ms }; // first call in the process: schemas compile here
  for (let i = 0; i < c.warmup; i++) {
    lint();
    parse();
  }
  const lintMs = [];
  const parseMs = [];
  let findings;
  for (let i = 0; i < c.runs; i++) {
    // Alternate which goes first so neither always inherits the other's heap state.
    const order = i % 2 === 0 ? ['lint', 'parse'] : ['parse', 'lint'];
    for (const which of order) {
      if (which === 'lint') {
        const { ms, result } = time(lint);
        lintMs.push(ms);
        findings = result.findings.length;
      } else parseMs.push(time(parse).ms);
    }
  }
  out.cases.push({ name: c.name, bytes: Buffer.byteLength(text), lintMs, parseMs, findings });
}

// Per-rule breakdown: median over a few lint runs of the time spent in each rule's check. The lazy
// shared work (ctx.endpoints(), ctx.schemaProblems()) is charged to the first rule that asks for it.
const ruleTimes = {};
const parseTextTimes = {};
const originals = rules.map((r) => r.check);
let current;
rules.forEach((rule, i) => {
  rule.check = (ctx) => {
    const t0 = performance.now();
    try {
      return originals[i].call(rule, ctx);
    } finally {
      current[rule.meta.id] = (current[rule.meta.id] ?? 0) + performance.now() - t0;
    }
  };
});
for (const c of cases.filter((c) => c.perRule)) {
  gc();
  const text = readFileSync(c.file, 'utf8');
  const samples = [];
  for (let i = 0; i < c.perRule; i++) {
    current = {};
    const t0 = performance.now();
    lintTemplate(text, { regions });
    samples.push({ total: performance.now() - t0, rules: current });
  }
  ruleTimes[c.name] = samples;
  parseTextTimes[c.name] = samples.map(() => time(() => parseText(text)).ms);
}
rules.forEach((rule, i) => (rule.check = originals[i]));
out.perRule = ruleTimes;
out.parseText = parseTextTimes;
out.cold = cold;
process.stdout.write(JSON.stringify(out));
