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
