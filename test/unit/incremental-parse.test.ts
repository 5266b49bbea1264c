// Parsing a version from the last version's tree (core/incremental/reparse.ts) gives the very tree a
// parse from scratch gives: over every fixture, example and corpus template and the benchmark's large
// generated one, seeded random edits (fast-check, fixed seed) at random places — half inside resources,
// where the re-parse of one resource applies, half anywhere — each version parsed through the document's
// cache and compared with a parse of the same text with an empty cache. The test also checks that the
// one-resource re-parse was taken, so it cannot pass by always parsing the whole text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { newParseCache, parseWithCache } from '../../server/src/core/document/segmented.js';
import { parseText } from '../../server/src/core/document/parse.js';
import { reparseEdit, reparseStats } from '../../server/src/core/incremental/reparse.js';
import { asMap, valueOf } from '../../server/src/core/document/tree.js';
// @ts-expect-error a plain ES module without types
import { generateTemplate } from '../../scripts/bench/gen-template.mjs';

const ROOT = join(__dirname, '..', '..');
const SEED = 20261202;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ya?ml|template)$/i.test(e.name) ? [join(dir, e.name)] : []));
}

const SOURCES = [...files(join(ROOT, 'test/fixtures')), ...files(join(ROOT, 'examples')), ...files(join(ROOT, '..', 'shared', 'corpus'))]
  .sort()
  .map((p) => readFileSync(p, 'utf8'))
  .filter((t) => t.length < 60_000 && !/^\s*[{[]/.test(t));
SOURCES.push(generateTemplate(400) as string);

/** Where resources' bodies are in `text` (after each key), when it parses. */
function bodies(text: string): { start: number; end: number }[] {
  const resources = asMap(valueOf(asMap(parseText(text).root), 'Resources'));
  return (resources?.pairs ?? []).flatMap((p) => (p.value ? [{ start: p.key.end, end: p.value.end }] : []));
}

const ALPHABET = ['a', 'Z', '0', '.', '/', ' ', ':', '-', '"', "'", '\n', '\n  ', '\n    ', '  ', '#', '!', '{', '}', '[', ']', ',', '|', '&a', '*a', '---', '\t', '!Ref Vpc', '\n      Description: x', '\n  Extra:\n    Type: AWS::SNS::Topic'];

test('seeded random edits: each version parsed from the last one is the tree parsed from scratch', () => {
  const before = reparseStats.reparsed;
  let versions = 0;
  const edit = fc.record({ inside: fc.boolean(), pos: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.constantFrom(...ALPHABET), repeat: fc.integer({ min: 1, max: 4 }) });
  fc.assert(
    fc.property(fc.nat({ max: SOURCES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 10 }), (i, edits) => {
      let text = SOURCES[i]!;
      const cache = newParseCache();
      parseWithCache(text, cache);
      for (const [n, e] of edits.entries()) {
        const ranges = e.inside ? bodies(text) : [];
        const r = ranges.length ? ranges[e.pos % ranges.length]! : { start: 0, end: text.length };
        let at = r.start + (e.pos % Math.max(1, r.end - r.start));
        // Typing: the same insertion `repeat` times in a row, each its own version.
        for (let k = 0; k < e.repeat; k++) {
          text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + (k === 0 ? e.del : 0)));
          at += e.ins.length;
          versions++;
          assert.deepEqual(parseWithCache(text, cache), parseWithCache(text, newParseCache()), `edit ${n + 1}.${k + 1} of ${JSON.stringify(edits)} in source ${i}`);
        }
      }
    }),
    { seed: SEED, numRuns: 100 },
  );
  const reparsed = reparseStats.reparsed - before;
  assert.ok(reparsed > 50 && reparsed > versions / 20, `only ${reparsed} of ${versions} versions were parsed from the last one`);
});

test('edits the one-resource re-parse must decline: in a key, in the last resource, outside Resources, across two resources', () => {
  const text = generateTemplate(6) as string;
  const last = parseText(text);
  const ids = asMap(valueOf(asMap(last.root), 'Resources'))!.pairs.map((p) => p.key);
  const [first, second] = [ids[0]!, ids[1]!];
  const lastKey = ids[ids.length - 1]!;
  const cases: [string, string][] = [
    ['in a key', text.slice(0, first.end - 1) + 'x' + text.slice(first.end - 1)],
    ['right after a key', text.slice(0, first.end) + 'x' + text.slice(first.end)],
    ['in the last resource', text.slice(0, lastKey.end + 8) + 'x' + text.slice(lastKey.end + 8)],
    ['before Resources', 'Description: x\n' + text],
    ['across two resources', text.slice(0, first.end + 5) + text.slice(second.start + 2)],
    ['a new resource at the end of one', text.slice(0, second.start - 2) + '  Added:\n    Type: AWS::SNS::Topic\n' + text.slice(second.start - 2)],
  ];
  for (const [label, changed] of cases) {
    assert.equal(reparseEdit(text, last, changed), undefined, label);
    // And the cache's parse of it is still the parse from scratch.
    const cache = newParseCache();
    parseWithCache(text, cache);
    assert.deepEqual(parseWithCache(changed, cache), parseWithCache(changed, newParseCache()), label);
  }
  // Inside a resource's body: re-parsed from the last tree, whose earlier resources it shares.
  const inside = text.slice(0, second.end + 10) + 'x' + text.slice(second.end + 10);
  const reparsed = reparseEdit(text, last, inside);
  assert.ok(reparsed);
  assert.deepEqual(reparsed, parseText(inside));
  const resources = (t: typeof last) => asMap(valueOf(asMap(t.root), 'Resources'))!.pairs;
  assert.equal(resources(reparsed)[0], resources(last)[0]);
});
