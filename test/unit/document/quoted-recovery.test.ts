// Multi-line quoted scalars at any continuation indentation read as PyYAML reads them: a seeded
// generator writes quoted scalars with under-indented lines, blank lines, tabs, CRLF and escapes, and
// each must parse here exactly when PyYAML parses it, to the same string, with the rest of the document
// intact and located.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseText } from '../../../server/src/core/document/parse.js';
import { asMap, asScalar, valueOf } from '../../../server/src/core/document/tree.js';
import { random } from '../../helpers/yaml-mutations.js';

const READER = join(__dirname, '..', '..', 'parity', 'cfn_load.py');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const skip = python.error ? 'python3 is not installed' : python.status !== 0 ? 'PyYAML is not installed' : false;

function quoted(rnd: () => number, quote: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const common = ['word', 'x', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '{', '"a": 1,', '#', ': ', '- ', '${AWS::Region}'];
  const own = quote === "'" ? ["''", '\\', '"'] : ['\\"', '\\\\', '\\t', '\\x41', '\\u00e9', '\\\n', "'", '\\ '];
  let body = '';
  for (let n = 1 + Math.floor(rnd() * 8); n > 0; n--) {
    let piece = pick([...common, ...own]);
    // Continuation lines at any indentation, the key's own and column 0 included.
    if (piece.endsWith('\n')) piece += ' '.repeat(pick([0, 0, 1, 2, 4, 6]));
    body += piece;
  }
  return quote + body + quote;
}

test('quoted scalars with under-indented lines: same acceptance and value as PyYAML', { skip }, () => {
  const rnd = random(20261201);
  const dir = mkdtempSync(join(tmpdir(), 'vpce-quoted-'));
  try {
    const texts: string[] = [];
    for (let i = 0; i < 400; i++) texts.push(`Outer:\n  Value: ${quoted(rnd, rnd() < 0.5 ? "'" : '"')}\n  After: end\nLast: 1\n`);
    const files = texts.map((t, i) => {
      const f = join(dir, `${i}.yaml`);
      writeFileSync(f, t);
      return f;
    });
    const r = spawnSync('python3', [READER], { input: files.join('\n') + '\n', encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const refs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; value?: { Outer: { Value: string } } });
    let multiLine = 0;
    texts.forEach((text, i) => {
      const parsed = parseText(text);
      const ok = parsed.problems.length === 0;
      assert.equal(ok, refs[i]!.ok, `${JSON.stringify(text)}: PyYAML ${refs[i]!.ok ? 'parses' : 'rejects'} it, we ${ok ? 'parse' : `reject it (${parsed.problems[0]?.message})`}`);
      if (!ok) return;
      const outer = asMap(valueOf(asMap(parsed.root), 'Outer'));
      const value = asScalar(valueOf(outer, 'Value'))!;
      assert.equal(value.value, refs[i]!.value!.Outer.Value, JSON.stringify(text));
      // Located: the node spans the scalar from quote to quote, and what follows is where it was.
      assert.equal(text[value.start], text[text.indexOf('Value: ') + 7]);
      assert.equal(value.start, text.indexOf('Value: ') + 7);
      assert.equal(value.end, text.indexOf('\n  After:'));
      const after = asScalar(valueOf(outer, 'After'))!;
      assert.equal(text.slice(after.start, after.end), 'end');
      if (/\n/.test(text.slice(value.start, value.end))) multiLine++;
    });
    assert.ok(multiLine > 100, `only ${multiLine} multi-line scalars were read`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a quoted scalar that never closes is reported once, where the library reports it', () => {
  const parsed = parseText("A:\n  B: 'open\nC: 1\n");
  assert.ok(parsed.problems.length >= 1);
  assert.equal(parsed.problems[0]!.code, 'syntax');
});

test('a multi-line quoted key stays an error, as in PyYAML', () => {
  const parsed = parseText("A:\n  'multi\n line': 1\n");
  assert.ok(parsed.problems.some((p) => p.code === 'syntax'));
});
