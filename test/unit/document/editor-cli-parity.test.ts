// The CLI and the editor give the same findings for the same text. The CLI parses each file whole
// (lintDocument without a parse cache); the editor keeps a parse cache per document and parses its
// versions piecewise (segmented.ts). Compared on every fixture, example and corpus template, on each of
// them typed as an editor sees it (versions through one cache), and on seeded mutants of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDocument } from '../../../server/src/core/engine.js';
import { newParseCache } from '../../../server/src/core/document/segmented.js';
import { mutate, random } from '../../helpers/yaml-mutations.js';

const ROOT = join(__dirname, '..', '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

const files = [...yamlFiles(join(ROOT, 'test', 'fixtures')), ...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(CORPUS)].sort();
const settings = { regions: ['us-east-1'] };

function render(text: string, cache?: ReturnType<typeof newParseCache>): string[] {
  const r = lintDocument(text, { fileName: 'template.yaml', settings, ...(cache ? { parseCache: cache } : {}) });
  return [r.kind, ...r.findings.map((f) => `${f.start}-${f.end} ${f.ruleId} ${f.severity} ${f.message}`)];
}

test('editor (parse cache) and CLI (whole parse) agree on every fixture, example and corpus template', () => {
  assert.ok(files.length > 100, `only ${files.length} files`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(render(text, newParseCache()), render(text), file);
  }
});

test('editor and CLI agree on seeded mutants, each linted as the next version of one document', () => {
  const rnd = random(1412);
  let differences = 0;
  const shown: string[] = [];
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    const cache = newParseCache();
    render(original, cache);
    let text = original;
    for (let i = 0; i < 5; i++) {
      // Mostly small edits of the last version, now and then back to the original: as a user types.
      text = mutate(rnd() < 0.2 ? original : text, rnd);
      const editor = render(text, cache);
      const cli = render(text);
      try {
        assert.deepEqual(editor, cli);
      } catch {
        differences++;
        if (shown.length < 3) shown.push(`${file} mutant ${i}:\n${JSON.stringify(text.slice(0, 400))}\neditor: ${editor.join('\n  ')}\ncli: ${cli.join('\n  ')}`);
      }
    }
  }
  assert.equal(differences, 0, shown.join('\n\n'));
});
