// YAML shapes the parse sweep (docs/parse-sweep.md) found refused here while PyYAML and libyaml (the
// readers of cfn-lint and `aws cloudformation package`) read them: each is read as they read it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { toPlain } from '../../../server/src/core/document/tree.js';
import { lintDocument } from '../../../server/src/core/engine.js';
import { newParseCache, parseWithCache } from '../../../server/src/core/document/segmented.js';

const plain = (v: unknown) => JSON.parse(JSON.stringify(toPlain(v as never)));

const LF_TEXT = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${AWS::StackName}-x'\n      Tags:\n        - Key: a\n          Value: |\n            one\n            two\n";

test('lines ended by a lone CR (an old Mac file) are lines, as YAML says: the same tree, same offsets', () => {
  const cr = LF_TEXT.replace(/\n/g, '\r');
  const lf = parseText(LF_TEXT);
  const got = parseText(cr);
  assert.deepEqual(got.problems, []);
  assert.deepEqual(plain(got.root), plain(lf.root));
  assert.deepEqual(got.root, lf.root, 'every node at the same offsets');
  const cache = newParseCache();
  assert.deepEqual(parseWithCache(cr, cache).root, lf.root, 'the editor\'s parse too');
  assert.deepEqual(lintDocument(cr).findings.filter((f) => f.ruleId.startsWith('VPCE000')), []);
});

test('a lone CR mixed with CRLF and LF', () => {
  const mixed = "Resources:\r\n  B:\r    Type: AWS::S3::Bucket\n    Properties:\r      BucketName: x\r\n";
  const got = parseText(mixed);
  assert.deepEqual(got.problems, []);
  assert.deepEqual(plain(got.root), { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'x' } } } });
});

test('an alias as a key reads as the name it stands for, with the alias warning every alias gets', () => {
  const text = "X: &k BucketName\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      *k : my-bucket\n";
  const got = parseText(text);
  assert.deepEqual(got.problems.map((p) => [p.code, p.severity]), [['alias', 'warning']]);
  assert.equal(text.slice(got.problems[0]!.start, got.problems[0]!.end), '*k');
  assert.deepEqual(plain(got.root).Resources.B.Properties, { BucketName: 'my-bucket' });
});

test('an alias key that stands for a collection is still refused', () => {
  const text = "X: &k [a]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      *k : v\n";
  assert.ok(parseText(text).problems.some((p) => p.code === 'syntax'));
});
