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
const { lintTemplate, parseDocument, rules, parseText, cfnTagNames, newSchemaGeneration } = require(bundlePath);
const { regions, cases } = JSON.parse(readFileSync(casesPath, 'utf8'));
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

// The options the engine's own parse uses (mirrors server/src/core/document/parse.ts: keep in step),
// so that the ratio is the engine's cost on top of the parse it cannot avoid. The yaml defaults are
// timed too, for reference: with them every !Ref builds a warning and duplicate keys are checked
// pairwise (quadratic in a map's size).
const CFN_TAGS = cfnTagNames().flatMap((tag) => [
  { tag, resolve: (s) => s },
  { tag, collection: 'seq', resolve: (s) => s },
  { tag, collection: 'map', resolve: (m) => m },
]);
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: false, customTags: CFN_TAGS };

// No forced GC per sample: a full GC shrinks the heap, and the next sample then pays to grow it back
// (measured: 2-3x slower samples). Garbage collection inside a sample is part of its cost.
function time(fn) {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

const out = { gcExposed: typeof globalThis.gc === 'function', cases: [] };
const work = cases.map((c) => {
  const text = readFileSync(c.file, 'utf8');
  return {
    c,
    text,
    lint: () => lintTemplate(text, { regions }),
    parse: () => parseDocument(text, PARSE_OPTIONS),
    parseDefaults: () => parseDocument(text),
    lintMs: [],
    parseMs: [],
    defaultsMs: [],
    findings: undefined,
  };
});
// The first call in the process: schemas compile and the JIT warms here.
out.cold = { name: work[0].c.name, ms: time(work[0].lint).ms };
for (const w of work) {
  for (let i = 0; i < w.c.warmup; i++) {
    w.lint();
    w.parse();
    w.parseDefaults();
  }
}
// Each case's samples are spread evenly over the whole measuring period rather than taken in one
// block, so that a burst of other work on the machine hits all sizes alike instead of skewing one of
// them (which the per-resource ratio would turn into a false nonlinearity). The engine is timed in a
// phase of its own: interleaved with the yaml package's parse, a lint sample would pay for collecting
// that parse's garbage (hundreds of MB at 5,000 resources), which is no cost of the engine's.
const schedule = work.flatMap((w) => Array.from({ length: w.c.runs }, (_, k) => ({ w, k, at: (k + 0.5) / w.c.runs }))).sort((a, b) => a.at - b.at);
gc();
for (const { w } of schedule) {
  // The engine keeps schema results of the last two lints for the language server, which re-lints
  // one document on every keystroke; the CLI meets each file once, so every sample starts without them.
  newSchemaGeneration();
  newSchemaGeneration();
  const { ms, result } = time(w.lint);
  w.lintMs.push(ms);
  w.findings = result.findings.length;
}
gc();
for (const { w, k } of schedule) {
  // Alternate which goes first so neither always inherits the other's heap state.
  const order = k % 2 === 0 ? ['parse', 'defaults'] : ['defaults', 'parse'];
  for (const which of order) {
    if (which === 'parse') w.parseMs.push(time(w.parse).ms);
    else w.defaultsMs.push(time(w.parseDefaults).ms);
  }
}
for (const w of work) {
  out.cases.push({ name: w.c.name, bytes: Buffer.byteLength(w.text), lintMs: w.lintMs, parseMs: w.parseMs, defaultsMs: w.defaultsMs, findings: w.findings });
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
    newSchemaGeneration();
    newSchemaGeneration();
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
process.stdout.write(JSON.stringify(out));
