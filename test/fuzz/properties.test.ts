// Property tests over seeded mutants of the fixtures and examples (fast-check, fixed seed, so a run
// is the same every time and a failure names its case): linting, the editor's cached parse, quick
// fixes and the trace never crash, point outside the text or disagree. `npm run fuzz` runs the same
// checks on many more mutants, corpus included, through the CLI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { checkEditorEqualsCli, checkFixes, checkLint, checkTrace, makeMutant, mutate, random, type Mutant } from '../helpers/fuzz-checks.js';
import { compileGlob } from '../../server/src/core/util/glob.js';
import { decode } from '../../server/src/read-input.js';
import { escapeFileName, escapeLine } from '../../server/src/cli/escape.js';

const ROOT = join(__dirname, '..', '..');
const SEED = 20261201;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ya?ml|json|template)$/i.test(e.name) ? [p] : [];
  });
}

const SOURCES = [...files(join(ROOT, 'test/fixtures')), ...files(join(ROOT, 'examples'))].sort().map((p) => ({ name: relative(ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
const TRACE_SOURCES = SOURCES.filter((s) => s.name.startsWith('test/fixtures/trace/') || s.name.startsWith('examples/'));

const mutantOf = (pool: typeof SOURCES) => fc.tuple(fc.nat({ max: pool.length - 1 }), fc.integer()).map(([i, seed]): Mutant => {
  const src = pool[i]!;
  return makeMutant(src.name, src.text, random(seed), mutate);
});

function holds(pool: typeof SOURCES, runs: number, check: (m: Mutant) => string[]): void {
  fc.assert(
    fc.property(mutantOf(pool), (m) => {
      const problems = check(m);
      assert.deepEqual(problems, [], `${m.name}: ${problems.join('; ')}`);
    }),
    { seed: SEED, numRuns: runs },
  );
}

test('lint: no crash, no internal error, every range inside the text (1,000 mutants)', () => {
  holds(SOURCES, 1000, (m) => checkLint(m).problems);
});

test('the editor (parse cache primed with the previous version) finds what the CLI finds (600 mutants)', () => {
  holds(SOURCES, 600, (m) => checkEditorEqualsCli(m, checkLint(m).findings));
});

test('quick fixes: edits inside the text, never overlapping; the fixed text lints without an internal error (400 mutants)', () => {
  holds(SOURCES, 400, (m) => checkFixes(m, checkLint(m).findings, 8));
});

test('trace: known verdicts and hop ranges inside the text (300 mutants)', () => {
  holds(TRACE_SOURCES, 300, (m) => checkTrace(m, 40));
});

// A glob made of literals, `*`, `**/`, `?` and `/` against the obvious RegExp (safe: short inputs).
const globChar = fc.constantFrom('a', 'b', '.', '/', '*', '?', '**/');
const pathChar = fc.constantFrom('a', 'b', '.', '/', 'A');
function reference(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith('**/', i)) (re += '(?:.*/)?'), (i += 2);
    else if (glob.startsWith('**', i)) (re += '.*'), (i += 1);
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

test('globs: the automaton agrees with a RegExp on `*`, `**/`, `?` and literals (1,000 cases)', () => {
  fc.assert(
    fc.property(fc.array(globChar, { maxLength: 8 }).map((a) => a.join('')), fc.array(pathChar, { maxLength: 10 }).map((a) => a.join('')), (glob, path) => {
      assert.equal(compileGlob(glob)(path), reference(glob).test(path), `${glob} vs ${path}`);
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test('input decoding and output escaping: any bytes decode or are refused in one line; escaped names hold no control character (500 cases)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 30 }), (bytes, name) => {
      const r = decode(Buffer.from(bytes));
      if (r.kind === 'unreadable') assert.ok(!r.reason.includes('\n'));
      const text = name + '\u0000x';
      const le = decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      assert.ok(le.kind === 'text' && le.text === Buffer.from(text, 'utf16le').toString('utf16le'));
      const escaped = escapeFileName(name);
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(escaped + escapeLine(name)));
      assert.ok(!/(^|[^\\]):\d/.test(escaped.replace(/\\\\/g, '')));
    }),
    { seed: SEED, numRuns: 500 },
  );
});
