// A tab or a line break typed inside a JSON template's string. Strict JSON forbids them, but
// CloudFormation deploys such templates: AWS's own serverless-image-handler template shipped with line
// breaks inside its strings and deployed, while stricter JSON readers (Terraform's) refused it
// (awslabs/serverless-image-handler#134, hashicorp/terraform#22212), and cfn-lint reads the text as YAML,
// where a double-quoted string may hold both. So they are no syntax error in a template: the string
// reads as YAML reads it (a line break folds to a space, a tab stays), and everything else stays
// strict. IAM reads a policy strictly, so in an endpoint policy file it stays an error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { toPlain } from '../../../server/src/core/document/tree.js';
import { lintDocument } from '../../../server/src/core/engine.js';

const template = (value: string) =>
  `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Bucket": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": { "BucketName": "${value}", "Tags": [{ "Key": "k", "Value": "v" }] }\n    }\n  }\n}\n`;

/** Only the one problem CloudFormation accepts: recovered, at the first such character. */
const accepted = (text: string) => parseText(text, { json: true }).problems.map((p) => [p.recovered, p.cloudFormationAccepts, text.slice(p.start, p.end)]);

const props = (text: string) => JSON.parse(JSON.stringify(toPlain(parseText(text, { json: true }).root))).Resources.Bucket.Properties;

test('a tab inside a JSON string is no syntax error, and is kept', () => {
  const text = template('a\tb');
  assert.deepEqual(accepted(text), [[true, true, '\t']]);
  assert.equal(props(text).BucketName, 'a\tb');
  assert.deepEqual(props(text).Tags, [{ Key: 'k', Value: 'v' }]);
});

test('a line break inside a JSON string is no syntax error; it folds as YAML folds it', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = template(`first line${eol}      second \\u0041${eol}${eol}third`);
    assert.deepEqual(accepted(text), [[true, true, eol[0]]], JSON.stringify(eol));
    assert.equal(props(text).BucketName, 'first line second A\nthird');
  }
});

test('the string keeps its place: ranges of what follows are exact', () => {
  const text = template('x\ny');
  const tree = parseText(text, { json: true }).root as any;
  const bucket = tree.pairs.find((p: any) => p.key.value === 'Resources').value.pairs[0];
  const name = bucket.value.pairs.find((p: any) => p.key.value === 'Properties').value.pairs[0];
  assert.equal(text.slice(name.value.start, name.value.end), '"x\ny"');
  const tags = bucket.value.pairs.find((p: any) => p.key.value === 'Properties').value.pairs[1];
  assert.equal(text.slice(tags.key.start, tags.key.end), '"Tags"');
});

test('a whole template with such strings gets no VPCE0001', () => {
  const { findings } = lintDocument(template('a\n\tb'), { fileName: 't.json' });
  assert.deepEqual(findings.filter((f) => f.ruleId === 'VPCE0001'), []);
});

test('in an endpoint policy file, IAM\'s strict JSON, it is still an error', () => {
  const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Sid": "a\tb"}]}\n';
  const { kind, findings } = lintDocument(policy, { fileName: 'vpce-endpoint-policy.json' });
  assert.equal(kind, 'policy');
  assert.ok(findings.some((f) => f.ruleId === 'VPCE0001' && /Control characters/.test(f.message)), JSON.stringify(findings));
});

test('other control characters, an unterminated string and other JSON mistakes are still reported', () => {
  for (const bad of ['a\u0007b', 'a\u0000b']) {
    const problems = parseText(template(bad), { json: true }).problems;
    assert.equal(problems.length, 1, JSON.stringify(bad));
    assert.match(problems[0]!.message, /Control characters/);
  }
  const unterminated = '{\n  "Resources": {\n    "B": { "Type": "AWS::S3::Bucket\n    }\n  }\n}\n';
  assert.ok(parseText(unterminated, { json: true }).problems.some((p) => p.code === 'syntax' && !p.recovered));
  const unquoted = template('a\nb').replace('"k"', 'k');
  assert.ok(parseText(unquoted, { json: true }).problems.some((p) => p.code === 'syntax'));
});
