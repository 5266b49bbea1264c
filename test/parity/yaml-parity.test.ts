// Parse parity with what CloudFormation reads: every template in ../shared/corpus and every fixture
// parses here exactly when PyYAML (YAML 1.1, CloudFormation's short-form tags, as cfn-lint reads
// templates) or, for .json, Python's strict JSON reader parses it; and then both read the same values.
// The reference reader is test/parity/cfn_load.py, run once for all files. Duplicate keys are findings
// of ours, not parse failures (PyYAML keeps the last value, as our tree does).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    // What CloudFormation reads all the same in a template (a trailing comma in JSON) is no failure either.
    const failures = parsed.problems.filter((p) => p.code !== 'duplicate-key' && p.code !== 'alias' && !p.cloudFormationAccepts);
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

// Shapes the parse sweep of public templates tried (docs/parse-sweep.md), written
// small: each parses here exactly when the reference reader parses it, to the same values.
const SWEEP_CASES: Record<string, string> = {
  'block-indent-indicator.yaml': 'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        ZipFile: |2-\n\n                  const a = 1;\n                  if (a) {\n                    go();\n                  }\n      Handler: index.handler\n',
  'keep-fold-indicators.yaml': 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      a: |+\n        x\n\n      b: >-\n        folded\n        more\n\n        para\n      c: >2\n          indented\n         less\n      d: |2+\n          x\n\n',
  'crlf-sub-block.yaml': "AWSTemplateFormatVersion: '2010-09-09'\r\nResources:\r\n  B:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      BucketName: !Sub |\r\n        a-${AWS::Region}\r\n        b\r\n",
  'anchor-on-tag.yaml': "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: &n !Sub '${AWS::StackName}-x'\n  C:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: *n\n",
  'tag-then-anchor.yaml': "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub &n '${AWS::StackName}-x'\n  C:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: *n\n",
  'comments-odd-places.yaml': "Resources: # c\n  # c\n  B: # c\n    Type: AWS::S3::Bucket # c\n    Properties:   # c\n#c at col 0\n      BucketName: 'x' #c\n      Tags: [ # c\n        {Key: a, Value: b}, # c\n      ]\n",
  'mixed-forms.yaml': "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Join\n        - ''\n        - - !Ref 'AWS::StackName'\n          - Fn::Select: [0, !Split ['-', !Sub '${AWS::Region}']]\n      Tags:\n        - Key: !Sub\n            - '${A}'\n            - A: !GetAtt [X, Arn]\n          Value: !GetAtt X.Arn\n  X:\n    Type: AWS::SNS::Topic\n",
  'json-raw-tab-newline.json': '{\n  "Resources": {\n    "B": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": { "BucketName": "a\tb", "Description": "first\n      second\n\n      third" }\n    }\n  }\n}\n',
};

test('the parse sweep\'s shapes parse here exactly when CloudFormation\'s reader parses them, to the same values', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-sweep-'));
  try {
    const files = Object.entries(SWEEP_CASES).map(([name, text]) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    });
    const reference = readAll(files);
    files.forEach((file, i) => {
      const ref = reference[i]!;
      assert.ok(ref.ok, `${file}: the reference rejects it (${ref.error})`);
      const parsed = parseText(SWEEP_CASES[file.slice(dir.length + 1)]!, { json: file.endsWith('.json') });
      assert.deepEqual(parsed.problems.filter((p) => p.code !== 'alias' && !p.cloudFormationAccepts), [], file);
      assert.deepStrictEqual(comparable(toPlain(parsed.root)), ref.value, file);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
