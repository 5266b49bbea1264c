// Real public templates, fourth round (2026-12-02): each test carries one fact a published CloudFormation
// template showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn4); the template it
// came from is named beside it. Every test fails on the code before its fix. The findings the round's
// templates raise, each reviewed, are in test/unit/real-cfn4-findings.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceText } from '../../server/src/core/trace/api.js';
import { networkMap } from '../../server/src/core/map/map.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn4', name), 'utf8');

// aws-samples/sagemaker-studio-admin-iac-templates (base-sagemaker-studio-domain-in-vpc.yaml): a trace from
// the template's SageMaker domain answered "StudioDomain is not a resource of this template", a false fact.
test('a trace from a resource the model does not read names its type, not a missing resource', () => {
  const answer = traceText(fixture('sagemaker-domain.yaml'), 'StudioDomain', 'sts');
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  if (!answer.ok) return;
  assert.equal(answer.result.verdict, 'unknown');
  assert.equal(answer.result.summary, 'StudioDomain (AWS::SageMaker::Domain) is not a subnet or a workload whose network configuration the trace reads');
  const missing = traceText(fixture('sagemaker-domain.yaml'), 'Nope', 'sts');
  assert.ok(!missing.ok && /Nope is not a resource of this template/.test(missing.error));
});

// gford1000-aws/lambda_s3_access_using_vpc_endpoint: a function's subnets are a nested stack's output split
// into a list. The trace said "known only at deploy time (decided by LambdaS3Write's subnets)", naming the
// property it reads instead of the value that decides it; a !Select of a list parameter lost the parameter.
test('subnets split or picked out of a value known at deploy time name that value as the one that decides', () => {
  const text = fixture('nested-stack-subnets.yaml');
  const summary = (from: string) => {
    const answer = traceText(text, from, 's3');
    assert.ok(answer.ok, answer.ok ? '' : answer.error);
    return answer.ok ? [answer.result.verdict, answer.result.summary] : [];
  };
  assert.deepEqual(summary('SplitFn'), ['unknown', 'the subnets of SplitFn are known only at deploy time (decided by VPC.Outputs.PrivateSubnets)']);
  assert.deepEqual(summary('SelectFn'), ['unknown', 'the subnets of SelectFn are known only at deploy time (decided by parameter SubnetList)']);
});

// aws/aws-cdk's integ snapshot aws-cdk-ec2-vpc-endpoint.template.json: a trace to com.amazonaws.eu-west-1.s3
// (the CLI's help names com.amazonaws.<region>.sqs as a destination) dropped the region and answered
// "PRIVATE through gateway endpoint MyVpcS3FADC1889", the stack's own region's S3 endpoint: true only where
// the stack deploys to eu-west-1. A gateway endpoint serves its own region's service
// (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html).
test('a destination that names a region is that region\'s service: the VPC\'s region decides, never "private" for certain', () => {
  const text = fixture('cross-region-target.json');
  const answer = traceText(text, 'MyVpcPrivateSubnet1Subnet5057CF7E', 'com.amazonaws.eu-west-1.s3');
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  if (!answer.ok) return;
  const r = answer.result;
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(r.to, 's3 in eu-west-1');
  assert.match(r.summary, /^the VPC's region decides: where it is in eu-west-1, private \(stays on the AWS network through gateway endpoint MyVpcS3FADC1889\)/);
  assert.deepEqual([r.hops[r.decidingHop!]!.kind, r.hops[r.decidingHop!]!.decision], ['region', 'unknown']);
  assert.deepEqual(r.suggestions, []);
  // The stack's own region's S3, by short name or {region}, is traced as before.
  for (const to of ['s3', 'com.amazonaws.{region}.s3']) {
    const own = traceText(text, 'MyVpcPrivateSubnet1Subnet5057CF7E', to);
    assert.ok(own.ok && own.result.verdict === 'private' && own.result.to === 's3', to);
  }
});

// aws/aws-cdk's integ snapshot RegionalNatGatewayEgressStack.template.json: a regional NAT gateway
// (AvailabilityMode regional) is in no subnet; the route table AWS makes for it sends 0.0.0.0/0 to the VPC's
// internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html). Every trace
// through it was "unknown: the route table of its subnet is not defined in this template".
test('a regional NAT gateway leaves through the VPC\'s internet gateway; without one in the template, unknown', () => {
  const text = fixture('regional-nat-gateway.json');
  const through = traceText(text, 'ManualModeProbe20297005', 'internet');
  assert.ok(through.ok, through.ok ? '' : through.error);
  if (!through.ok) return;
  assert.equal(through.result.verdict, 'public', through.result.summary);
  assert.match(through.result.summary, /through regional NAT gateway ManualModeVpcRegionalNatGateway9B258FF3 and internet gateway ManualModeVpcIGWE835A8AC/);
  const none = traceText(text, 'NoIgwSubnet', 'internet');
  assert.ok(none.ok && none.result.verdict === 'unknown', none.ok ? none.result.summary : none.error);
  assert.match(none.ok ? none.result.summary : '', /NoIgwNat leaves through the VPC's internet gateway, which this template does not show/);
  // The map puts it in its VPC, with no "subnet known at deploy time".
  const map = networkMap(networkOf(text)!, {}, 't.json');
  assert.ok(map.ok);
  if (!map.ok) return;
  const nat = map.picture.nodes.find((n) => n.id === 'ManualModeVpcRegionalNatGateway9B258FF3')!;
  assert.equal(nat.detail, 'regional NAT gateway');
  assert.equal(nat.unknown, undefined);
});

// Centralised endpoints (a shared-services VPC, a private hosted zone associated with the spokes): the trace
// said "the endpoint's addresses are in the VPC: the local route carries the traffic" for a spoke whose VPC
// does not hold the endpoint, and answered PRIVATE. The spoke reaches it only by its route to the endpoint's
// addresses (a transit gateway here, whose route tables and the way back the trace does not follow).
test('an endpoint in another VPC, named by a private hosted zone: the route to its addresses decides, never the local route', () => {
  const text = fixture('shared-services-endpoint.yaml');
  const run = (from: string) => {
    const a = traceText(text, from, 'ssm');
    assert.ok(a.ok, a.ok ? '' : a.error);
    return a.ok ? a.result : undefined;
  };
  const spoke = run('SpokeSubnet')!;
  assert.equal(spoke.verdict, 'unknown', spoke.summary);
  assert.equal(spoke.summary, 'SsmEndpoint is in VPC HubVpc, not in SpokeSubnet\'s VPC: the path continues beyond this template (transit gateway)');
  assert.ok(!spoke.hops.some((h) => /local route/.test(h.reason)));
  const lone = run('LoneSubnet')!;
  assert.equal(lone.verdict, 'blocked', lone.summary);
  assert.match(lone.summary, /^SsmEndpoint is in VPC HubVpc, not in LoneSubnet's VPC: no route from LoneSubnet to 10\.0\.1\.0\/24/);
  // In the hub itself the endpoint is local.
  assert.equal(run('HubSubnet')!.verdict, 'private');
});

test('an endpoint and a source in VPCs named by two parameters may be one VPC: unknown, not a route to another VPC', () => {
  const text = `
Parameters:
  EndpointVpc: {Type: 'AWS::EC2::VPC::Id'}
  SourceVpc: {Type: 'AWS::EC2::VPC::Id'}
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref SourceVpc, CidrBlock: 10.1.1.0/24}
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref SourceVpc}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Rt}
  EpSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref EndpointVpc, CidrBlock: 10.0.1.0/24}
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: !Ref EndpointVpc, ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.ssm', VpcEndpointType: Interface, SubnetIds: [!Ref EpSubnet], SecurityGroupIds: [sg-0123456789abcdef0]}
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: !Sub 'ssm.\${AWS::Region}.amazonaws.com', VPCs: [{VPCId: !Ref SourceVpc, VPCRegion: !Ref AWS::Region}]}
  Record:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: !Sub 'ssm.\${AWS::Region}.amazonaws.com'
      Type: A
      AliasTarget: {DNSName: !Select [1, !Split [':', !Select [0, !GetAtt Ep.DnsEntries]]], HostedZoneId: !Select [0, !Split [':', !Select [0, !GetAtt Ep.DnsEntries]]]}
`;
  const a = traceText(text, 'Subnet', 'ssm');
  assert.ok(a.ok, a.ok ? '' : a.error);
  if (!a.ok) return;
  assert.equal(a.result.verdict, 'unknown', a.result.summary);
  // The zone answers in SourceVpc only while that VPC's DNS attributes are on, and they are outside the
  // template: that decides first (model/dns.ts, zone-vpc-dns-unknown.test.ts), naming the parameter.
  assert.match(a.result.summary, /DNS attributes of VPC parameter SourceVpc are known only at deploy time/);
  assert.doesNotMatch([a.result.summary, ...a.result.hops.map((h) => h.reason)].join('\n'), /another VPC/);
});
