// Macros (transforms that are not AWS's own) may rewrite resources before CloudFormation reads them:
// missing and unknown properties on those resources are notes naming the macro, not errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';

const template = (transform: string, props: string) => `AWSTemplateFormatVersion: "2010-09-09"
${transform}
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
${props}`;

const PROPS = '      VpcId: vpc-0123456789abcdef0\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n      Expand: [a, b]\n';

test('with a macro among the transforms, an unknown property is info naming the macro', () => {
  const [f] = lintTemplate(template('Transform: [AWS::Serverless-2016-10-31, AddEndpoints]', PROPS)).findings.filter((x) => x.ruleId === 'VPCE1002');
  assert.equal(f!.severity, 'info');
  assert.match(f!.message, /Expand is not a property of AWS::EC2::VPCEndpoint \(the transform AddEndpoints may rewrite Endpoint before CloudFormation reads it\)$/);
});

test("AWS's own transforms are not macros: an unknown property stays an error", () => {
  for (const t of ['Transform: AWS::Serverless-2016-10-31', 'Transform: AWS::LanguageExtensions', '']) {
    const [f] = lintTemplate(template(t, PROPS)).findings.filter((x) => x.ruleId === 'VPCE1002');
    assert.equal(f!.severity, 'error', t);
  }
});

test('a missing required property under a macro is info too', () => {
  const props = '      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n';
  const plain = lintTemplate(template('', props)).findings.filter((x) => x.ruleId === 'VPCE1001');
  assert.equal(plain[0]?.severity, 'error');
  const [f] = lintTemplate(template('Transform: AddVpc', props)).findings.filter((x) => x.ruleId === 'VPCE1001');
  assert.equal(f!.severity, 'info');
  assert.match(f!.message, /AddVpc may rewrite Endpoint/);
});

test('a resource with Fn::Transform inside: the call is no property, and its other findings name the transform', () => {
  const props = PROPS + '      Fn::Transform:\n        Name: AddTags\n';
  const own = lintTemplate(template('', props)).findings.filter((x) => x.ruleId === 'VPCE1002');
  assert.deepEqual(own.map((f) => [f.severity, f.message]), [['info', 'Endpoint: Expand is not a property of AWS::EC2::VPCEndpoint (the transform AddTags may rewrite Endpoint before CloudFormation reads it)']]);
});

test('under a macro a near-miss property keeps its hint but gets no rename fix', () => {
  const props = '      VpcId: vpc-0123456789abcdef0\n      ServiceNames: [s3, dynamodb]\n';
  const [plain] = lintTemplate(template('', props)).findings.filter((x) => x.ruleId === 'VPCE1002');
  assert.equal(plain!.data?.suggestion, 'ServiceName');
  const [f] = lintTemplate(template('Transform: ExpandEndpoints', props)).findings.filter((x) => x.ruleId === 'VPCE1002');
  assert.match(f!.message, /did you mean ServiceName\?/);
  assert.equal(f!.data?.suggestion, undefined);
});
