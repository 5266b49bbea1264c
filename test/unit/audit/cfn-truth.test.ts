// Truth audit 2026-12-01 (docs/audit.md): CloudFormation templates real users write, each once
// answered falsely or with certainty the template does not have. Every test fails on the code before its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'audit', name), 'utf8');

function run(text: string, from: string, to: string): TraceResult {
  const answer = traceText(text, from, to);
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

const hop = (r: TraceResult, kind: string) => r.hops.find((h) => h.kind === kind);

/** The S3 fixture with its two choices made: a gateway endpoint or not, and what DnsOptions says. */
function s3(gateway: 'yes' | 'no', resolvers: 'OnlyInboundResolver' | 'AllResolvers' | 'NotSpecified' | 'omitted'): string {
  return fixture('s3-interface-private-dns.yaml')
    .replace("!Equals [!Ref WithGateway, 'yes']", `!Equals ['${gateway}', 'yes']`)
    .replace('!Equals [!Ref Resolvers, omitted]', `!Equals [${resolvers}, omitted]`)
    .replace('PrivateDnsOnlyForInboundResolverEndpoint: !Ref Resolvers', `PrivateDnsOnlyForInboundResolverEndpoint: ${resolvers}`);
}

test('DnsOptions PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver is a value CloudFormation takes: in-VPC S3 traffic takes the gateway endpoint', () => {
  const r = run(s3('yes', 'OnlyInboundResolver'), 'SubnetA', 's3');
  assert.equal(r.verdict, 'private', r.summary);
  assert.equal(hop(r, 'route')?.resource, 'S3Gateway', r.summary);
  assert.match(hop(r, 'DNS')!.reason, /inbound resolver/);
});

test('AllResolvers: the S3 interface endpoint answers in-VPC clients too', () => {
  const r = run(s3('no', 'AllResolvers'), 'SubnetA', 's3');
  assert.equal(r.verdict, 'private', r.summary);
  assert.match(hop(r, 'DNS')!.reason, /private DNS of S3Interface resolves the default s3 name/);
});

for (const resolvers of ['omitted', 'NotSpecified'] as const) {
  test(`S3 interface endpoint with private DNS, DnsOptions ${resolvers}, gateway endpoint present: AWS's default is inbound-resolver only, so in-VPC traffic takes the gateway`, () => {
    const r = run(s3('yes', resolvers), 'SubnetA', 's3');
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(hop(r, 'route')?.resource, 'S3Gateway', r.summary);
  });

  test(`S3 interface endpoint with private DNS, DnsOptions ${resolvers}, no gateway endpoint: it does not deploy, so it carries nothing`, () => {
    const r = run(s3('no', resolvers), 'SubnetA', 's3');
    assert.notEqual(r.verdict, 'private', r.summary);
    assert.match(hop(r, 'DNS')!.reason, /needs a gateway endpoint for s3/);
  });
}

test('a nested stack that receives the VPC may create interface endpoints with private DNS in it: ssm is unknown, not blocked, and the stack is named', () => {
  const r = run(fixture('nested-stack-endpoints.yaml'), 'SubnetA', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /nested stack Endpoints/);
  assert.doesNotMatch(r.summary, /Unrelated/);
});

test('a nested stack that receives the route table may add routes to it: the internet is unknown, not blocked', () => {
  const r = run(fixture('nested-stack-endpoints.yaml'), 'SubnetA', 'internet');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /Endpoints/);
});

test('a VPC from a parameter may already hold an ssm endpoint with private DNS: unknown, naming the VPC; S3 through the template\'s gateway endpoint stays private', () => {
  const text = fixture('outside-vpc.yaml');
  const ssm = run(text, 'SubnetA', 'ssm');
  assert.equal(ssm.verdict, 'unknown', ssm.summary);
  assert.match(ssm.summary, /parameter VpcId/);
  assert.equal(run(text, 'SubnetA', 's3').verdict, 'private');
});

test('a subnet without a route table association in a VPC from a parameter uses a main route table the template does not show: unknown, not "local route only"', () => {
  const r = run(fixture('outside-vpc.yaml'), 'SubnetMain', 'internet');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /main route table/);
});

test('a cross-Region endpoint (ServiceRegion us-east-1) answers the default ssm name only where the stack deploys to us-east-1: unknown, naming it, never "private" for certain', () => {
  const r = run(fixture('cross-region-endpoint.yaml'), 'SubnetA', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /cross-Region endpoint for us-east-1/);
});

test('an endpoint security group that admits only members of a group: a subnet\'s trace is unknown and says which rule decides it', () => {
  const text = fixture('cross-region-endpoint.yaml')
    .replace('      ServiceRegion: us-east-1\n', '')
    .replace('{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}', '{IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !GetAtt VPC.DefaultSecurityGroup}');
  const r = run(text, 'SubnetA', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /EpSG2 admits it only from members of the default security group of VPC, and SubnetA's security groups depend on the workload/);
});

test('a public subnet without MapPublicIpOnLaunch: the internet is unknown for the subnet (a workload may have a public IP), naming the subnet default; a Lambda function there is blocked', () => {
  const text = fixture('cross-region-endpoint.yaml').replace('Resources:\n', `Resources:
  IGW:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref IGW}
  Default:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref RT, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref IGW}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.h
      Role: arn:aws:iam::111122223333:role/x
      Code: {ZipFile: 'def h(e, c): pass'}
      VpcConfig: {SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!Ref EpSG2]}
`);
  const subnet = run(text, 'SubnetA', 'internet');
  assert.equal(subnet.verdict, 'unknown', subnet.summary);
  assert.match(subnet.summary, /SubnetA gives none by default/);
  assert.equal(run(text, 'Fn', 'internet').verdict, 'blocked');
});
