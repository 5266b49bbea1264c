// A CDK token's text (`${Token[AWS.Region.9]}`) reaches a template only when the app changed it before
// synthesis could resolve it (`\`com.amazonaws.${this.region}.SSM\`.toLowerCase()` gives
// `${token[aws.region.9]}`, which CDK no longer knows): CloudFormation gets it as written. Real output
// of aws-cdk-lib 2.276 for that line; the advice is the CDK user's, not "write it with !Sub".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine.js';

const template = (serviceName: string) => JSON.stringify({
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    VpcSsm0F56837D: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: serviceName, VpcId: { Ref: 'Vpc' }, VpcEndpointType: 'Interface' }, Metadata: { 'aws:cdk:path': 'Tok/Vpc/Ssm/Resource' } },
  },
}, null, 1);

test('a CDK token the app changed in a service name: the finding says what happened and what to do', () => {
  const f = analyze(template('com.amazonaws.${token[aws.region.9]}.ssm'), { settings: { regions: ['us-east-1'] } }).findings.filter((x) => x.ruleId === 'VPCE2003');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, 'VpcSsm0F56837D: com.amazonaws.${token[aws.region.9]}.ssm is no service name: ${token[aws.region.9]} is a CDK token whose text the app changed (a string method such as toLowerCase) before synthesis could resolve it, so CloudFormation gets it as written; pass the token unchanged, or build the text with Fn.join or Fn.sub');
  // A pseudo parameter written outside Fn::Sub keeps its advice.
  const sub = analyze(template('com.amazonaws.${AWS::Region}.ssm'), { settings: { regions: ['us-east-1'] } }).findings.filter((x) => x.ruleId === 'VPCE2003');
  assert.match(sub[0]!.message, /is substituted only inside Fn::Sub, so CloudFormation passes it as written; write it with !Sub$/);
});
