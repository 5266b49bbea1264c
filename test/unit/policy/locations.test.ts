// A finding inside a policy lands on the characters the user wrote, whatever form the policy takes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';

const HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Bucket:
    Type: AWS::S3::Bucket
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Rt]
      PolicyDocument: `;

const FORMS: Record<string, string> = {
  'YAML mapping': `
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: [s3:GetObject, s3:GetObjekt]
            Resource: "*"
`,
  'JSON string, single-quoted': `'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "*"}]}'
`,
  'JSON string, double-quoted with escapes': `"{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"s3:GetObjekt\\", \\"Resource\\": \\"*\\"}]}"
`,
  'block scalar': `|
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "*"}]
        }
`,
  '!Sub string': `!Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "arn:\${AWS::Partition}:s3:::x-\${AWS::Region}/*"}]}'
`,
  '!Join pieces': `!Join
        - ""
        - - '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::'
          - !Ref Bucket
          - '/*"}]}'
`,
  '!If branches': `!If
        - IsProd
        - {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObjekt, Resource: "*"}]}
        - !Ref AWS::NoValue
`,
};

for (const [form, policy] of Object.entries(FORMS)) {
  test(`a misspelt action is found at its characters: ${form}`, () => {
    const text = HEAD + policy + (form === '!If branches' ? 'Conditions:\n  IsProd: !Equals [a, a]\n' : '');
    const { kind, findings } = lintDocument(text, { fileName: 't.yaml' });
    assert.equal(kind, 'template');
    const f = findings.filter((x) => x.ruleId === 'VPCE9005');
    assert.equal(f.length, 1, JSON.stringify(findings.map((x) => x.ruleId + ' ' + x.message)));
    const at = text.indexOf('s3:GetObjekt');
    assert.equal(text.slice(f[0]!.start, f[0]!.end), 's3:GetObjekt');
    assert.equal(f[0]!.start, at);
    assert.deepEqual(f[0]!.data, { suggestion: 's3:GetObject' });
    assert.equal(f[0]!.resource, 'S3');
    if (form === '!If branches') assert.match(f[0]!.message, /only when IsProd is true/);
    assert.deepEqual(findings.filter((x) => x.ruleId === 'VPCE0000'), []);
  });
}

test('JSON that YAML forgives is still an error inside a policy string', () => {
  const text = HEAD + `'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},]}'\n`;
  const f = lintDocument(text).findings.filter((x) => x.ruleId === 'VPCE9001');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /Trailing comma/);
  assert.equal(text.slice(f[0]!.start, f[0]!.start + 2), ',]', 'points at the comma');
});
