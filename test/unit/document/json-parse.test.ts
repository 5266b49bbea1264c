// JSON through jsonc-parser: exact ranges, strict JSON as CloudFormation and IAM read it, one problem
// per syntax mistake, and after a recoverable one (trailing comma, comment, missing comma) the rest of
// the document is still checked, templates and endpoint-policy files alike.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../../server/src/core/document/parse.js';
import { toPlain, type Node } from '../../../server/src/core/document/tree.js';
import { lintDocument } from '../../../server/src/core/engine.js';

const ROOT = join(__dirname, '..', '..', '..');

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(p);
    return e.name.endsWith('.json') ? [p] : [];
  });
}

function checkRanges(text: string, node: Node | null): void {
  if (!node) return;
  if (node.kind === 'scalar') {
    const src = text.slice(node.start, node.end);
    assert.deepEqual(JSON.parse(src), node.value, `${src} at ${node.start}`);
  } else if (node.kind === 'seq') {
    assert.equal(text[node.start], '[');
    assert.equal(text[node.end - 1], ']');
    node.items.forEach((i) => checkRanges(text, i));
  } else {
    assert.equal(text[node.start], '{');
    assert.equal(text[node.end - 1], '}');
    for (const p of node.pairs) {
      assert.equal(JSON.parse(text.slice(p.key.start, p.key.end)), p.key.value);
      checkRanges(text, p.value);
    }
  }
}

test('every valid JSON file we have: the values JSON.parse reads, every node at its exact range', () => {
  const files = [...jsonFiles(join(ROOT, 'test', 'fixtures')), ...jsonFiles(join(ROOT, 'examples')), ...jsonFiles(join(ROOT, '..', 'shared', 'corpus'))];
  let checked = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let expected: unknown;
    try {
      // toPlain's mappings have no prototype (keys are data): so do the expected ones.
      expected = JSON.parse(text, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.assign(Object.create(null), v) : v));
    } catch {
      continue;
    }
    const parsed = parseText(text, { json: true });
    assert.deepEqual(parsed.problems.filter((p) => p.code !== 'duplicate-key'), [], file);
    assert.deepEqual(toPlain(parsed.root), expected, file);
    checkRanges(text, parsed.root);
    checked++;
  }
  assert.ok(checked >= 30, `only ${checked} JSON files`);
});

function problems(text: string) {
  return parseText(text, { json: true }).problems.map((p) => `${p.start}-${p.end} ${p.recovered ? 'recovered ' : ''}${p.message}`);
}

test('what JSON does not allow is reported once, where it is', () => {
  assert.deepEqual(problems('{"a": 1,}'), ['7-8 recovered Trailing comma: JSON allows none before }']);
  assert.deepEqual(problems('[1, 2, ]'), ['5-6 recovered Trailing comma: JSON allows none before ]']);
  assert.deepEqual(problems('{"a": 1, // note\n"b": 2}'), ['9-16 recovered Comments are not allowed in JSON; CloudFormation and IAM reject them']);
  assert.deepEqual(problems('{"a": 1 "b": 2}'), ["8-9 recovered Expected ',' or '}'"]);
  assert.deepEqual(problems("{'a': 1}"), ['1-4 JSON strings take double quotes']);
  assert.deepEqual(problems('{"a": NaN}'), ['6-9 Unexpected character in JSON']);
  assert.deepEqual(problems('{"a": "x\u0007y"}'), ['6-11 Control characters must be escaped in a JSON string']);
  // A tab or line break inside a string is what CloudFormation deploys (json-raw-controls.test.ts).
  assert.deepEqual(problems('{"a": "x\ty"}'), ['8-9 recovered Control characters must be escaped in a JSON string']);
  assert.deepEqual(problems('{"a": 1} x'), ['9-10 Unexpected character in JSON']);
  assert.deepEqual(problems('{"a": 1, "a": 2}'), ['9-12 Duplicate key "a": it is already set in this mapping, and only one of the two values can take effect']);
  // After an error the parser only guesses: nothing more is reported, however broken the rest.
  assert.equal(problems('{"a": tru, "b": [1 2,, }').length, 1);
});

test('a byte order mark is the encoding, not text', () => {
  assert.deepEqual(parseText('\ufeff{"a": [1]}', { json: true }).problems, []);
});

test('absurd JSON nesting ends with a problem, not a crash', () => {
  const parsed = parseText('{"a": ' + '['.repeat(20000) + ']'.repeat(20000) + '}', { json: true });
  assert.ok(parsed.problems.some((p) => p.code === 'too-large'));
});

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:PutObject",],
      "Resource": "arn:aws:s3:::my-bucket/*"
    }
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObjekt",
      "Resource": "*"
    },
  ]
}
`;

test('an endpoint policy file with recoverable JSON errors: one finding per error, and the policy is still checked', () => {
  const { kind, findings } = lintDocument(POLICY, { fileName: 's3_endpoint_policy.json' });
  assert.equal(kind, 'policy');
  const syntax = findings.filter((f) => f.ruleId === 'VPCE0001');
  assert.deepEqual(syntax.map((f) => POLICY.slice(f.start, f.end)), [',', '{', ',']);
  // The misspelt action in the second statement is found although the file does not parse strictly.
  assert.ok(findings.some((f) => f.ruleId !== 'VPCE0001' && POLICY.slice(f.start, f.end).includes('s3:GetObjekt')), findings.map((f) => `${f.ruleId} ${f.message}`).join('\n'));
});

test('an unrecoverable JSON error still silences the policy rules: the rest would be a guess', () => {
  const text = POLICY.replace('"Effect": "Allow",\n      "Principal": "*",\n      "Action": "s3:GetObjekt"', '"Effect": Allow,\n      "Principal": "*",\n      "Action": "s3:GetObjekt"');
  const { findings } = lintDocument(text, { fileName: 's3_endpoint_policy.json' });
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => f.ruleId.startsWith('VPCE0')), findings.map((f) => f.ruleId).join(' '));
});

test('a JSON template with a trailing comma: CloudFormation reads it (json-trailing-comma-template.test.ts), so no VPCE0001, and the endpoints are checked', () => {
  const text = `{
  "Resources": {
    "Endpoint": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Properties": {
        "VpcId": "vpc-0123456789abcdef0",
        "ServiceName": "com.amazonaws.us-east-1.sqs",
        "VpcEndpointType": "interface",
        "SubnetIds": ["subnet-0123456789abcdef0"],
      }
    }
  }
}`;
  const rules = lintDocument(text, { fileName: 'template.json' }).findings.map((f) => f.ruleId);
  assert.ok(!rules.includes('VPCE0001'), rules.join(' '));
  assert.ok(rules.includes('VPCE1003'), rules.join(' '));
});
