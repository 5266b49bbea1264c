// Standalone endpoint-policy files: what is recognised, which service they are for, and that the
// IAM index is loaded only when a policy is met.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';
import { iamLoaded } from '../../../server/src/core/policy/iam.js';

const POLICY = (action: string) => `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "${action}", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]
}`;

test('templates without policies never load the IAM index; the first policy does', () => {
  const template = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n';
  assert.equal(lintDocument(template).kind, 'template');
  assert.equal(iamLoaded(), false);
  lintDocument(POLICY('s3:GetObject'), { fileName: 'p.json' });
  assert.equal(iamLoaded(), true);
});

test('a JSON policy with Principal is recognised by content; other JSON is left alone', () => {
  assert.equal(lintDocument(POLICY('s3:GetObject'), { fileName: 'whatever.json' }).kind, 'policy');
  assert.equal(lintDocument('{"name": "x", "version": "1.0.0"}', { fileName: 'package.json' }).kind, 'none');
  assert.equal(lintDocument('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', { fileName: 'identity.json' }).kind, 'none');
  assert.equal(lintDocument('Statement: []', { fileName: 'x.yaml' }).kind, 'none');
});

test('a file matched by the policy glob is a policy even while it is being typed', () => {
  const r = lintDocument('{"Statement": [{"Effect": "Allow", ', { fileName: 's3_endpoint_policy.json', policyFile: true });
  assert.equal(r.kind, 'policy');
  assert.ok(r.findings.some((f) => f.ruleId === 'VPCE0001'));
});

test('the service comes from a setting, else the file name, and messages say which', () => {
  const text = POLICY('dynamodb:GetItem');
  const byName = lintDocument(text, { fileName: 'policies/s3_endpoint_policy.json' }).findings.find((f) => f.ruleId === 'VPCE9006');
  assert.match(byName!.message, /the service named by the file name is s3/);
  const bySetting = lintDocument(text, { fileName: 'p.json', policyService: 'ecr.api' }).findings.find((f) => f.ruleId === 'VPCE9006');
  assert.match(bySetting!.message, /the service set for this file is ecr/);
  // From the actions alone nothing can contradict them.
  assert.equal(lintDocument(text, { fileName: 'p.json' }).findings.find((f) => f.ruleId === 'VPCE9006'), undefined);
});

test('a clean policy file is clean', () => {
  assert.deepEqual(lintDocument(POLICY('s3:GetObject'), { fileName: 's3_endpoint_policy.json' }).findings, []);
});
