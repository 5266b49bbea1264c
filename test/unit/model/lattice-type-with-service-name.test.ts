// A ServiceNetwork or Resource endpoint connects to a VPC Lattice service network (ServiceNetworkArn) or
// resource configuration (ResourceConfigurationArn), never to an AWS service's ServiceName: EC2 refuses
// one written with an AWS service's name. So it is broken (VPCE2001, the model's typeProblem) and gives
// its VPC no Lattice private DNS. Found by the unknown-value harness on real templates
// (test/property/unknown-mutations-real.test.ts): with a logs endpoint's type changed to ServiceNetwork,
// every trace to s3 in its VPC became "unknown: VPC Lattice … may answer the default s3 name".
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html (ServiceNetworkArn,
// ResourceConfigurationArn: for endpoints of type service-network, resource)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const template = (type: string) => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 }
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Subnet, RouteTableId: !Ref Rt }
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Rt]
  LogsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.logs
      VpcEndpointType: ${type}
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
`;

for (const type of ['ServiceNetwork', 'Resource']) {
  test(`a ${type} endpoint written with an AWS service's ServiceName: VPCE2001, broken, and no Lattice DNS in its VPC`, () => {
    const a = analyze(template(type), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } });
    const f = a.findings.find((x) => x.ruleId === 'VPCE2001' && x.resource === 'LogsEndpoint');
    assert.ok(f, `no VPCE2001: ${a.findings.map((x) => x.ruleId).join(', ')}`);
    assert.ok(a.network()!.defaults.endpoints.get('LogsEndpoint')!.broken);
    const r = trace(a.network()!, 'Subnet', parseTarget('s3')!);
    assert.equal(r.verdict, 'private', r.summary);
  });
}

test('an Interface endpoint of the same service is no Lattice endpoint either way (the check above fails for the type only)', () => {
  const a = analyze(template('Interface'), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } });
  assert.ok(!a.findings.some((x) => x.ruleId === 'VPCE2001'));
  assert.equal(trace(a.network()!, 'Subnet', parseTarget('s3')!).verdict, 'private');
});
