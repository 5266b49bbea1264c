// A custom resource's value (`!Ref Lookup`, `!GetAtt Lookup.VpcId`) is whatever its function returns at
// deploy time: not the custom resource itself, and possibly the id of an element the template creates.
// Found by the unknown-value mutation harness (test/property/unknown-mutations.test.ts): an endpoint whose
// VpcId came from a custom resource was read as being in a VPC named after the custom resource, so the
// trace from its own subnet said "blocked: no route" where the endpoint serves that subnet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const template = (vpcId: string) => `Resources:
  Lookup:
    Type: Custom::VpcLookup
    Properties: {ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:lookup}
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]
  SsmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: ${vpcId}
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Sg]
`;

for (const vpcId of ['!GetAtt Lookup.VpcId', '!Ref Lookup']) {
  test(`an endpoint's VpcId from a custom resource (${vpcId}) is unknown, not a VPC named after it: its subnets tell its VPC`, () => {
    const a = analyze(template(vpcId), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } });
    const e = a.network()!.defaults.endpoints.get('SsmEndpoint')!;
    assert.notEqual(e.vpc.known && e.vpc.value, 'Lookup');
    const r = trace(a.network()!, 'Subnet', parseTarget('ssm')!);
    assert.equal(r.verdict, 'private', r.summary);
  });
}

test('a security group from a custom resource is an unknown member of the list, never the custom resource', () => {
  const a = analyze(template('!Ref Vpc').replace('SecurityGroupIds: [!Ref Sg]', 'SecurityGroupIds: [!GetAtt Lookup.GroupId]'), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } });
  const e = a.network()!.defaults.endpoints.get('SsmEndpoint')!;
  assert.deepEqual(e.securityGroups.items.map((i) => i.id), []);
  assert.equal(e.securityGroups.complete, false);
  assert.match(e.securityGroups.decides ?? '', /Lookup/);
});
