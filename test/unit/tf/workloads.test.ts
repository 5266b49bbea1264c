// Terraform workloads read as their CloudFormation twins (test/fixtures/real-cfn6): the same arguments
// lowered into the same CloudFormation-shaped input, so the network model gives the same verdicts.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { traceText } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const fixture = (dir: string, name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', dir, name), 'utf8');
const tf = (name: string) => checkTf(fixture('tf/workloads', name));
function cfn(name: string, from: string, to: string) {
  const a = traceText(fixture('real-cfn6', name), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

// vpc_config.ipv6_allowed_for_dual_stack is CloudFormation's Ipv6AllowedForDualStack (default false):
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#vpc_config
// https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html
test('a Terraform Lambda function without ipv6_allowed_for_dual_stack goes over IPv4 only, as in CloudFormation', () => {
  const c = tf('lambda-dual-stack.tf');
  const plain = c.trace('aws_lambda_function.plain', 'internet');
  const twin = cfn('lambda-dual-stack.yaml', 'PlainFunction', 'internet');
  assert.equal(plain.verdict, 'blocked', plain.summary);
  assert.equal(plain.verdict, twin.verdict);
  assert.equal(plain.summary, 'no route from aws_subnet.dual to the internet');
  assert.match(plain.hops[0]!.reason, /sends no IPv6 traffic \(its Ipv6AllowedForDualStack is not true\), so it goes over IPv4 only$/);
  // Set true: both ways, as the SAM function of the twin.
  const dual = c.trace('aws_lambda_function.dual', 'internet');
  const samTwin = cfn('lambda-dual-stack.yaml', 'SamFunction', 'internet');
  assert.equal(dual.verdict, 'unknown', dual.summary);
  assert.equal(dual.verdict, samTwin.verdict);
  assert.match(dual.summary, /^the way depends on the client's address family: over IPv6 .*egress-only internet gateway/);
  // A variable without a default: unknown, not the default.
  const later = c.trace('aws_lambda_function.decided_later', 'internet');
  assert.equal(later.verdict, 'unknown', later.summary);
  assert.doesNotMatch(later.hops[0]!.reason, /sends no IPv6 traffic/);
});
