// Which JSON files get endpoint-policy findings. Every example is written after the AWS
// documentation's own example of its kind (IAM, S3, KMS, SQS, SNS, Organizations and PrivateLink
// guides); only endpoint policies, by name or by their content, are judged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';
import { parseText } from '../../../server/src/core/document/parse.js';
import { policyKind } from '../../../server/src/core/policy/policy-kind.js';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const NOT_ENDPOINT_POLICIES: Record<string, string> = {
  'Lambda execution role trust policy': doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
  'cross-account role trust policy with an external id': doc({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'Unique-ID-1234' } },
  }),
  'GitHub OIDC trust policy': doc({
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
  }),
  'S3 bucket policy that allows access only through one endpoint': doc({
    Sid: 'Access-to-specific-VPCE-only',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::awsexamplebucket1', 'arn:aws:s3:::awsexamplebucket1/*'],
    Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  }),
  'S3 bucket policy for load balancer access logs': doc({
    Effect: 'Allow',
    Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::amzn-s3-demo-logging-bucket/AWSLogs/111122223333/*',
  }),
  'S3 bucket policy granting read to everyone': doc({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::amzn-s3-demo-website-bucket/*' }),
  'KMS default key policy': JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
  }),
  'KMS key policy for use through EBS by everyone in the account': doc({
    Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
    Resource: '*',
    Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } },
  }),
  'SQS queue policy letting an SNS topic send': doc({
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: 'arn:aws:sqs:us-east-2:123456789012:MyQueue',
    Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-2:123456789012:MyTopic' } },
  }),
  'SNS default topic policy': JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: 'arn:aws:sns:us-east-2:123456789012:MyTopic',
        Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } },
      },
    ],
  }),
  'SCP that denies leaving the organization': doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
  'permissions boundary': doc(
    { Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*'], Resource: '*' },
    { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
  ),
};

for (const [name, text] of Object.entries(NOT_ENDPOINT_POLICIES)) {
  test(`${name}: not an endpoint policy, no finding`, () => {
    assert.notEqual(policyKind(parseText(text, { json: true }).root).kind, 'endpoint');
    assert.deepEqual(lintDocument(text, { fileName: 'policies/policy.json' }), { kind: 'none', findings: [] });
  });
}

test('the kind says which signal told', () => {
  const kind = (name: string) => policyKind(parseText(NOT_ENDPOINT_POLICIES[name]!, { json: true }).root);
  assert.deepEqual(kind('Lambda execution role trust policy'), { kind: 'other', why: 'it lets a service, federated or account principal assume a role (a role trust policy)' });
  assert.deepEqual(kind('S3 bucket policy that allows access only through one endpoint'), { kind: 'other', why: "its condition on aws:sourcevpce belongs to a resource's own policy" });
  assert.deepEqual(kind('S3 bucket policy granting read to everyone'), { kind: 'undecided' });
});

test('the trust policy and the bucket policy of the issue are left alone (they were VPCE9002 and "Endpoint policy" before)', () => {
  for (const name of ['Lambda execution role trust policy', 'S3 bucket policy that allows access only through one endpoint']) {
    assert.equal(lintDocument(NOT_ENDPOINT_POLICIES[name]!, { fileName: 'trust.json' }).kind, 'none', name);
  }
});

const ENDPOINT_POLICIES: Record<string, string> = {
  'the default endpoint policy': doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
  'an endpoint policy that keeps requests inside the organization': doc({
    Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'sqs:*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
  }),
  'an ECR endpoint policy with a resource perimeter': doc({
    Effect: 'Allow',
    Principal: '*',
    Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken'],
    Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/*',
    Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } },
  }),
};

for (const [name, text] of Object.entries(ENDPOINT_POLICIES)) {
  test(`${name}: recognised by content`, () => {
    assert.equal(policyKind(parseText(text, { json: true }).root).kind, 'endpoint');
    assert.equal(lintDocument(text, { fileName: 'policy.json' }).kind, 'policy');
  });
}

test('the name or the configured globs decide first, whatever the content', () => {
  // An S3 endpoint policy that allows one bucket reads like a bucket policy: only its name tells.
  const oneBucket = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' });
  assert.equal(lintDocument(oneBucket, { fileName: 'policy.json' }).kind, 'none');
  assert.equal(lintDocument(oneBucket, { fileName: 'network/s3-endpoint-policy.json' }).kind, 'policy');
  assert.equal(lintDocument(oneBucket, { fileName: 'network/vpce_policy.json' }).kind, 'policy');
  assert.equal(lintDocument(oneBucket, { fileName: 'policy.json', policyFile: true }).kind, 'policy');
  // Named an endpoint policy, a trust policy is judged as one: the author said so.
  const trust = NOT_ENDPOINT_POLICIES['Lambda execution role trust policy']!;
  assert.ok(lintDocument(trust, { fileName: 'lambda_endpoint_policy.json' }).findings.some((f) => f.ruleId === 'VPCE9002'));
});
