// Real public templates, third round (2026-12-02): each test carries one fact a published CloudFormation
// template showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn3); the template it
// came from is named beside it. Every test fails on the code before its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../server/src/core/trace/api.js';
import type { TraceResult } from '../../server/src/core/trace/types.js';
import { lintTemplate } from '../../server/src/core/engine.js';
import { networkOf } from '../../server/src/core/trace/api.js';
import { networkMap } from '../../server/src/core/map/map.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn3', name), 'utf8');

function run(text: string, from: string, to: string): TraceResult {
  const answer = traceText(text, from, to);
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

// gford1000-aws/lambda-vpc-privatelink: SubnetIds: !Split [",", !Sub ["${Subnet1},${Subnet2}", {Subnet1: !Ref …}]]
// is the list of the two subnets (Fn::Split, Fn::Sub:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-split.html),
// not subnets "known only at deploy time".
test('a function whose subnets are a !Split of a !Sub of subnet references runs in those subnets', () => {
  const text = fixture('split-of-sub-subnets.yaml');
  for (const [fn, first] of [['MappedFn', 'SubnetA'], ['PlainFn', 'SubnetB']] as const) {
    const r = run(text, fn, 'logs');
    assert.equal(r.verdict, 'private', `${fn}: ${r.summary}`);
    assert.match(r.hops[0]!.reason, new RegExp(`runs in subnet ${first} \\(traced from the first of its 2 subnets\\)`));
  }
});

test('a !Split of a !Sub with other text in a piece stays unknown', () => {
  const text = fixture('split-of-sub-subnets.yaml').replace('!Sub "${SubnetB},${SubnetA}"', '!Sub "${SubnetB},x-${SubnetA}"');
  const r = run(text, 'PlainFn', 'logs');
  assert.equal(r.verdict, 'unknown', r.summary);
});

// aws-samples/sample-OpenClaw-on-AWS-with-Bedrock: com.amazonaws.<region>.bedrock-mantle is a Bedrock endpoint
// service (https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html); VPCE2003 called it
// unknown and suggested bedrock-runtime, a different API.
test('bedrock-mantle is a known endpoint service; a misspelling of it is still reported', () => {
  const findings = lintTemplate(fixture('bedrock-mantle.yaml'), { regions: ['us-east-1'] }).findings.filter((f) => f.ruleId === 'VPCE2003');
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['Typo']);
  assert.match(findings[0]!.message, /did you mean com\.amazonaws\.\$\{AWS::Region\}\.bedrock-mantle\?/);
});

// aws-samples/aws-network-firewall-automation-examples (NfwSlackIntegartion/src/igw-ingress-route.yml): two routes
// to two firewall endpoints, each picked out of a parameter, were drawn into one box labelled "vpc-endpoint".
test('map: routes to targets known only at deploy time get a box each; routes to one written id share its box', () => {
  const answer = networkMap(networkOf(fixture('firewall-endpoint-routes.yaml'))!, {}, 't.yaml');
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  if (!answer.ok) return;
  const { nodes, edges } = answer.picture;
  const target = (route: string) => edges.find((e) => e.kind === 'route' && e.resource === route)!.to;
  assert.notEqual(target('ToFirewallA'), target('ToFirewallB'));
  assert.equal(target('ToApplianceC'), target('ToApplianceD'));
  const box = (route: string) => nodes.find((n) => n.id === target(route))!;
  assert.match(box('ToFirewallA').unknown ?? '', /VpcEndpointId is known only at deploy time: parameter Endpoints has no default/);
  assert.equal(box('ToApplianceC').label, 'vpce-0123456789abcdef0');
  assert.equal(box('ToApplianceC').unknown, undefined);
});

// A cdk synth of a stack with a looked-up VPC (UalCdkCasStack): ServiceName com.amazonaws.us-east-1.ssm in VPC
// vpc-0e25f2478216c2dfa. A VPC is regional, so "use ${AWS::Region} so the template deploys in any region" was
// untrue advice; a VPC id that is only a parameter's default still gets the warning.
test('VPCE3002 is silent for an endpoint in a VPC named by its id, not for one whose VPC is a parameter', () => {
  const findings = lintTemplate(fixture('region-bound-vpc.yaml'), { regions: ['us-east-1'] }).findings.filter((f) => f.ruleId === 'VPCE3002');
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['ByParameter']);
  const mismatch = lintTemplate(fixture('region-bound-vpc.yaml'), { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE3001');
  assert.deepEqual(mismatch.map((f) => f.message.split(':')[0]), ['ById', 'ByParameter']);
});

// awsdocs/aws-panorama-developer-guide vpc-appliance.yml: interface endpoints without private DNS, and a
// private hosted zone per service (s3.<region>.amazonaws.com) whose wildcard record is an alias to the
// endpoint's DNS name. Inside the VPC the zone answers the name (Route 53 private hosted zones:
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html), so
// the path goes through the endpoint: neither "public addresses" nor a zone that answers "unknown".
test('a private hosted zone whose record gives the endpoint\'s DNS name for the service\'s name sends the traffic through that endpoint', () => {
  const template = (recordName: string, alias: string, condition = '') => `
Conditions:
  Maybe: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Group]
  Other:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sts
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Group]
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: !Sub s3.\${AWS::Region}.amazonaws.com
      VPCs: [{ VPCId: !Ref Vpc, VPCRegion: !Ref AWS::Region }]
  Record:
    Type: AWS::Route53::RecordSet
    ${condition}
    Properties:
      HostedZoneId: !Ref Zone
      Name: ${recordName}
      Type: A
      AliasTarget:
        DNSName: !Select [1, !Split [":", !Select [0, !GetAtt ${alias}.DnsEntries]]]
        HostedZoneId: !Select [0, !Split [":", !Select [0, !GetAtt ${alias}.DnsEntries]]]
`;
  const wildcard = template('!Sub "*.s3.${AWS::Region}.amazonaws.com"', 'S3Endpoint');
  const through = run(wildcard, 'Subnet', 's3');
  assert.equal(through.verdict, 'private', through.summary);
  assert.match(through.summary + JSON.stringify(through.hops), /private hosted zone Zone .* answers \*\.s3\.\{region\}\.amazonaws\.com with the DNS name of S3Endpoint \(record Record\)/);
  // VPCE5003 for the sts endpoint (no zone answers its name), none for the s3 one.
  assert.deepEqual(lintTemplate(wildcard, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE5003').map((f) => f.message.split(':')[0]), ['Other']);
  // The host name itself, in a written region: the same answer.
  assert.equal(run(template('s3.eu-west-1.amazonaws.com', 'S3Endpoint'), 'Subnet', 's3').verdict, 'private');
  // A record that names another service's endpoint, or one that exists only under a condition, leaves the answer to the zone: unknown.
  assert.equal(run(template('!Sub "*.s3.${AWS::Region}.amazonaws.com"', 'Other'), 'Subnet', 's3').verdict, 'unknown');
  assert.equal(run(template('!Sub "*.s3.${AWS::Region}.amazonaws.com"', 'S3Endpoint', 'Condition: Maybe'), 'Subnet', 's3').verdict, 'unknown');
});
