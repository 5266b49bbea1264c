// A trailing comma in a JSON template. Strict JSON forbids it, but CloudFormation deploys such templates
// (stelligent/cfn_nag#203: "CloudFormation still finds [it] acceptable"; humanmade/cf-to-tf#7: templates
// read back from CloudFormation carry them) and cfn-lint reads the text without complaint. So in a
// template it is no finding; IAM does not forgive it, so in an endpoint policy file, or in a policy
// written as a JSON string inside a template, it stays an error (test/unit/policy/locations.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';

const TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16", } },
    "Endpoint": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Properties": {
        "VpcId": { "Ref": "Vpc" },
        "ServiceName": "com.amazonaws.us-east-1.s3",
        "RouteTableIds": [],
      },
    },
  },
}
`;

test('a JSON template with trailing commas gets no VPCE0001, and is checked as the template it is', () => {
  const { kind, findings } = lintDocument(TEMPLATE, { fileName: 'template.json' });
  assert.equal(kind, 'template');
  assert.deepEqual(findings.filter((f) => f.ruleId === 'VPCE0001'), []);
  const strict = TEMPLATE.replace(/,(\s*[}\]])/g, '$1');
  assert.deepEqual(findings.map((f) => f.ruleId), lintDocument(strict, { fileName: 'template.json' }).findings.map((f) => f.ruleId), 'the same findings as without the commas');
});

test('other JSON mistakes in a template are still reported', () => {
  const comment = TEMPLATE.replace('"Resources": {', '"Resources": { // the stack');
  assert.ok(lintDocument(comment, { fileName: 'template.json' }).findings.some((f) => f.ruleId === 'VPCE0001'));
});

test('a trailing comma in an endpoint policy file is still an error (IAM rejects it)', () => {
  const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},]}\n';
  const { kind, findings } = lintDocument(policy, { fileName: 'vpce-endpoint-policy.json' });
  assert.equal(kind, 'policy');
  assert.ok(findings.some((f) => f.ruleId === 'VPCE0001' && /Trailing comma/.test(f.message)), JSON.stringify(findings));
});
