// An endpoint whose policy is set to a value known only at deploy time was traced as having no policy
// ("the default policy allows full access") and called private, even for an action: a policy is there
// and may deny anything. Public configurations write `policy = data.aws_iam_policy_document.x.json`
// where x merges a document not known statically (tf/policy-merge.ts), or `policy = var.policy`; CloudFormation
// `PolicyDocument: !Ref Param` is the same. The trace now answers unknown, naming the deciding value;
// an endpoint without a policy, and one whose policy is written out, keep their answers.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { endpointPolicy } from '../../helpers/tf-endpoint-policy.js';

before(() => ensureTerraformParser());

// The documents and the variable the endpoint's policy reads.
const DOCS = `
data "aws_iam_policy_document" "deny" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.deny.json, var.policy]
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
variable "policy" {
  type = string
}
`;

/** The trace to S3 for `action`, with `policy` (null: none) on the endpoint. */
function traceTf(policy: string | null, action?: string): TraceResult {
  return endpointPolicy(DOCS, [], policy).trace(action);
}

const policyHop = (r: TraceResult) => r.hops.find((h) => h.kind === 'endpoint policy');

test('a policy from a document that merges one not known is unknown, never "no policy", with or without an action', () => {
  for (const action of ['s3:GetObject', undefined]) {
    const r = traceTf('data.aws_iam_policy_document.merged.json', action);
    assert.equal(r.verdict, 'unknown', action);
    const hop = policyHop(r);
    assert.equal(hop?.decision, 'unknown');
    assert.match(hop?.reason ?? '', /data\.aws_iam_policy_document\.merged: it merges source_policy_documents\[1\]/);
    assert.match(hop?.reason ?? '', /decided by var\.policy/);
  }
});

test('a policy from a variable without a value is unknown and names the variable', () => {
  const r = traceTf('var.policy', 's3:GetObject');
  assert.equal(r.verdict, 'unknown');
  assert.match(policyHop(r)?.reason ?? '', /decided by var\.policy/);
});

test('no policy, and a policy written out, keep their answers', () => {
  const none = traceTf(null);
  assert.equal(none.verdict, 'private');
  assert.match(policyHop(none)?.reason ?? '', /no policy: the default policy allows full access/);
  assert.equal(traceTf('data.aws_iam_policy_document.deny.json', 's3:GetObject').verdict, 'blocked');
});

test('CloudFormation: a PolicyDocument from a parameter without default is unknown, named; AWS::NoValue is no policy', () => {
  const template = (policy: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Policy:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Sub:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Sub
      RouteTableId: !Ref Rt
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.s3
      RouteTableIds: [!Ref Rt]
      PolicyDocument: ${policy}
`;
  const a = traceText(template('!Ref Policy'), 'Sub', 's3', { action: 's3:GetObject' });
  assert.ok(a.ok);
  assert.equal(a.result.verdict, 'unknown');
  assert.match(policyHop(a.result)?.reason ?? '', /decided by parameter Policy/);
  const b = traceText(template('!Ref AWS::NoValue'), 'Sub', 's3', { action: 's3:GetObject' });
  assert.ok(b.ok);
  assert.equal(b.result.verdict, 'private');
});
