// A security-group rule whose range is a deploy-time value (a CIDR parameter without a default) that
// is the VPC's own CidrBlock (the same parameter, or !GetAtt Vpc.CidrBlock) admits every address of
// the VPC, whatever the value turns out to be: the trace says so rather than "unknown". Only when the
// VPC has no secondary block (a subnet may sit outside the primary one) and for the very same value.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceText } from '../../../server/src/core/trace/api.js';

function template(rule: string, extra = ''): string {
  return `Parameters:
  VpcCidr: {Type: String}
  SubnetCidr: {Type: String}
  OtherCidr: {Type: String}
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref VpcCidr, EnableDnsSupport: true, EnableDnsHostnames: true}}
  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: !Ref SubnetCidr}}
  Clients: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: c, VpcId: !Ref Vpc}}
  EndpointSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: e
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref Clients}
        - ${rule}
  Ssm:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.ssm", VpcEndpointType: Interface, PrivateDnsEnabled: true, SubnetIds: [!Ref Subnet], SecurityGroupIds: [!Ref EndpointSg]}
${extra}`;
}

function sgHop(text: string) {
  const answer = traceText(text, 'Subnet', 'ssm', {});
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  const hop = answer.result.hops.find((h) => h.kind === 'endpoint security group in');
  assert.ok(hop);
  return { verdict: answer.result.verdict, hop };
}

test('a rule from the VPC CIDR parameter admits a subnet of that VPC', () => {
  const { verdict, hop } = sgHop(template("{IpProtocol: '-1', CidrIp: !Ref VpcCidr}"));
  assert.equal(hop.decision, 'pass', hop.reason);
  assert.equal(verdict, 'private');
});

test('a rule from !GetAtt Vpc.CidrBlock admits a subnet of that VPC', () => {
  const { verdict, hop } = sgHop(template('{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !GetAtt Vpc.CidrBlock}'));
  assert.equal(hop.decision, 'pass', hop.reason);
  assert.equal(verdict, 'private');
});

test('a rule from the subnet CIDR parameter admits that subnet', () => {
  assert.equal(sgHop(template('{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref SubnetCidr}')).hop.decision, 'pass');
});

test('another parameter is not the VPC range: unknown, and the reason names every open rule without "only"', () => {
  const { verdict, hop } = sgHop(template("{IpProtocol: '-1', CidrIp: !Ref OtherCidr}"));
  assert.equal(hop.decision, 'unknown');
  assert.equal(verdict, 'unknown');
  assert.match(hop.reason, /members of security group Clients/);
  assert.match(hop.reason, /the peer of a rule of EndpointSg is not known statically/);
  assert.doesNotMatch(hop.reason, /admits it only/);
});

test('a VPC with a secondary block: the primary range may not hold the subnet, so unknown', () => {
  const extra = '  More: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.0.0/16}}\n';
  assert.equal(sgHop(template("{IpProtocol: '-1', CidrIp: !Ref VpcCidr}", extra)).hop.decision, 'unknown');
});

test('the port still counts: a rule from the VPC range on port 80 only does not admit HTTPS', () => {
  const { hop } = sgHop(template('{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: !Ref VpcCidr}'));
  assert.notEqual(hop.decision, 'pass');
});

test('the default security group of a VPC is called that in the summary, not by the VPC id alone', () => {
  const text = template("{IpProtocol: '-1', CidrIp: !Ref OtherCidr}").replace('SecurityGroupIds: [!Ref EndpointSg]', 'SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]');
  const answer = traceText(text, 'Subnet', 'ssm', {});
  assert.ok(answer.ok);
  assert.equal(answer.result.verdict, 'unknown');
  assert.match(answer.result.summary, /if endpoint security group in \(the default security group of Vpc\) lets it through/);
});
