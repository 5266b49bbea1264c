// Parse parity with what CloudFormation reads: every template in ../shared/corpus and every fixture
// parses here exactly when PyYAML (YAML 1.1, CloudFormation's short-form tags, as cfn-lint reads
// templates) or, for .json, Python's strict JSON reader parses it; and then both read the same values.
// The reference reader is test/parity/cfn_load.py, run once for all files. Duplicate keys are findings
// of ours, not parse failures (PyYAML keeps the last value, as our tree does).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../server/src/core/document/parse.js';
import { toPlain } from '../../server/src/core/document/tree.js';
import { cfnTagNames } from '../../server/src/core/document/cfn-tags.js';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const READER = join(__dirname, 'cfn_load.py');

function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p, pattern);
    return pattern.test(e.name) ? [p] : [];
  });
}

function pythonMissing(): string | false {
  const r = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  if (r.error) return 'python3 is not installed';
  return r.status === 0 ? false : 'PyYAML is not installed (pip install pyyaml)';
}

interface Reference {
  ok: boolean;
  value?: unknown;
  error?: string;
}

function readAll(files: string[]): Reference[] {
  const r = spawnSync('python3', [READER, ...cfnTagNames()], { input: files.join('\n') + '\n', encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, files.length, 'one answer per file');
  return lines.map((l) => JSON.parse(l) as Reference);
}

/** Our plain value in the reference's terms: NaN and infinities named, as JSON cannot hold them. */
function comparable(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return { $float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
  if (Array.isArray(v)) return v.map(comparable);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
  return v;
}

const skip = pythonMissing();

test('every corpus template and fixture parses here exactly when CloudFormation\'s reader parses it, to the same values', { skip }, () => {
  const files = [
    ...filesUnder(CORPUS, /\.(ya?ml|json|template)$/i),
    ...filesUnder(join(ROOT, 'test', 'fixtures'), /\.(ya?ml|json)$/i),
  ].sort();
  assert.ok(files.length > 100, `only ${files.length} files found`);
  const reference = readAll(files);
  const differences: string[] = [];
  files.forEach((file, i) => {
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    const ref = reference[i]!;
    const parsed = parseText(text, { json: /\.json$/i.test(file) });
    // An alias or merge key is a warning of ours (VPCE0006): PyYAML, like `aws cloudformation package`, expands it.
    const failures = parsed.problems.filter((p) => p.code !== 'duplicate-key' && p.code !== 'alias');
    const name = file.slice(file.lastIndexOf('/') + 1);
    if (ref.ok !== (failures.length === 0)) {
      differences.push(`${name}: reference ${ref.ok ? 'parses' : `rejects (${ref.error})`}, we ${failures.length ? `reject (${failures[0]!.message})` : 'parse'}`);
      return;
    }
    if (!ref.ok) return;
    try {
      assert.deepStrictEqual(comparable(toPlain(parsed.root)), ref.value);
    } catch (e) {
      differences.push(`${name}: values differ\n${(e as Error).message.slice(0, 1500)}`);
    }
  });
  assert.deepEqual(differences, []);
});
