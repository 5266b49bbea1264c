// The Regions the user names decide the pseudo parameters that are facts of a Region: one Region is the
// stack's AWS::Region, so a condition comparing it is no choice of the deployment's; a Region's partition is
// AWS::Partition, so `Fn::FindInMap [Prefixes, !Ref AWS::Partition, Name]` (AWS's EKS private-VPC templates
// build every endpoint's service name so) reads that partition's entry. Met on a public copy of the EKS
// fully-private VPC template: with --region us-west-1 every trace was unknown ("picks its entry by
// AWS::Partition") and the third subnet "exists only when condition Has3Azs is true, which the deployment
// does not decide", though Has3Azs compares AWS::Region with us-west-1.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const text = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  WestOne: !Equals [!Ref AWS::Region, us-west-1]
Mappings:
  Prefixes:
    aws: {Name: com.amazonaws}
    aws-cn: {Name: cn.com.amazonaws}
Resources:
  Net:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.8.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Left:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Net, CidrBlock: 10.8.1.0/24}
  Right:
    Type: AWS::EC2::Subnet
    Condition: WestOne
    Properties: {VpcId: !Ref Net, CidrBlock: 10.8.2.0/24}
  Https:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: https in
      VpcId: !Ref Net
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.8.0.0/16}]
  Sts:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Net
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      ServiceName: !Join [".", [!FindInMap [Prefixes, !Ref AWS::Partition, Name], !Ref AWS::Region, sts]]
      SubnetIds: [!Ref Left]
      SecurityGroupIds: [!Ref Https]
`;

const run = (regions: string[], from: string) => trace(analyze(text, { fileName: 't.yaml', settings: { regions } }).network()!, from, parseTarget('sts')!);

test('a named Region picks its partition\'s entry of a mapping keyed by AWS::Partition', () => {
  const r = run(['us-west-1'], 'Left');
  assert.equal(r.verdict, 'private', r.summary);
  const china = run(['cn-north-1'], 'Left');
  assert.equal(china.verdict, 'private', china.summary);
});

test('Regions of two partitions whose entries differ in text but name one service', () => {
  const r = run(['us-east-1', 'cn-north-1'], 'Left');
  assert.notEqual(r.verdict, 'blocked', r.summary);
});

test('no Region named: the partition stays the deployment\'s, named', () => {
  const r = run([], 'Left');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /AWS::Partition/);
});

test('a partition the mapping has no entry for fails the deploy there, said so', () => {
  const r = run(['us-gov-west-1'], 'Left');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /finds nothing in us-gov-west-1 \(partition aws-us-gov\)/);
});

test('one named Region decides a condition on AWS::Region', () => {
  const west = run(['us-west-1'], 'Right');
  assert.equal(west.verdict, 'private', west.summary);
  assert.doesNotMatch(west.summary, /does not decide/);
  const east = analyze(text, { fileName: 't.yaml', settings: { regions: ['us-east-1'] } }).network()!.defaults;
  assert.equal(east.subnets.has('Right'), false, 'Right does not exist in us-east-1');
});
