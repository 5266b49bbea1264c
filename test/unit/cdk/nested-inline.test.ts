// One template from a parent and the nested stacks it deploys (core/cdk/nested-inline.ts): what the
// parent passes replaces the nested stack's parameters, its outputs replace the parent's
// `Fn::GetAtt [Stack, Outputs.X]`, and names two templates share are told apart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineNestedStacks, inlinedOutsideRules, segmentAt } from '../../../server/src/core/cdk/nested-inline.js';
import { inlinedNetwork } from '../../../server/src/core/cdk/nested-network.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { Resolver } from '../../../server/src/core/cfn/resolve.js';
import { defaultScenario } from '../../../server/src/core/cfn/scenarios.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import { literal } from '../../../server/src/core/cfn/values.js';
import type { OutsideRules } from '../../../server/src/core/cdk/outside-rules.js';

const stack = (params: unknown, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::CloudFormation::Stack',
  Properties: { TemplateURL: 'https://example.com/n.json', ...(params === undefined ? {} : { Parameters: params }) },
  ...extra,
});

const PARENT = {
  Parameters: { Env: { Type: 'String', Default: 'prod' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
    Group: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: { 'Fn::GetAtt': ['Net', 'Outputs.VpcId'] } } },
    Net: stack({ Cidr: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, Subnets: { 'Fn::Join': [',', ['subnet-1', 'subnet-2']] } }),
  },
};
const NESTED = {
  Parameters: { Cidr: { Type: 'String' }, Subnets: { Type: 'CommaDelimitedList' }, Env: { Type: 'String', Default: 'test' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'Cidr' } } },
    Tagged: { Type: 'AWS::EC2::SecurityGroup', Condition: 'IsProd', Properties: { GroupDescription: { 'Fn::Sub': '${Cidr} in ${Vpc} ${Vpc.CidrBlock}' }, VpcId: { Ref: 'Vpc' } }, DependsOn: ['Vpc'] },
    Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.eu-west-1.ssm', VpcId: { 'Fn::GetAtt': 'Vpc.VpcId' }, SubnetIds: { Ref: 'Subnets' } } },
  },
  Outputs: { VpcId: { Value: { Ref: 'Vpc' } } },
};

const texts = (parent: unknown, nested: unknown = NESTED) => new Map<string, string>([['p.json', JSON.stringify(parent, null, 1)], ['n.json', JSON.stringify(nested, null, 1)]]);
const inline = (t: Map<string, string>) => inlineNestedStacks('p.json', (f) => t.get(f), (f) => (f === 'p.json' ? new Map([['Net', 'n.json']]) : undefined));

test('names the parent uses are renamed in the nested template, and every reference follows', () => {
  const t = texts(PARENT);
  const one = inline(t)!;
  assert.deepEqual(one.inlined.map((i) => [i.stack, i.file, Object.fromEntries(i.names)]), [['Net', 'n.json', { Vpc: 'Net/Vpc', Tagged: 'Tagged', Endpoint: 'Endpoint', Env: 'Net/Env' }]]);
  const template = buildTemplate(one.text, one.root);
  assert.deepEqual(template.resources.map((r) => r.id), ['Vpc', 'Group', 'Net/Vpc', 'Tagged', 'Endpoint']);
  assert.deepEqual([...template.conditions.keys()], ['IsProd', 'Net/IsProd']);
  assert.deepEqual([...template.parameters.keys()], ['Env', 'Net/Env']);
  const values = new Resolver(template, defaultScenario(template));
  const prop = (id: string, key: string) => values.prop(template.byId.get(id)!.properties, key);
  // The parent's GetAtt of the output is the nested VPC; the nested VPC's range is the parent's VPC's.
  assert.deepEqual([prop('Group', 'VpcId').kind, (prop('Group', 'VpcId') as { target?: string }).target], ['ref', 'Net/Vpc']);
  assert.equal(literal(prop('Net/Vpc', 'CidrBlock')), '10.1.0.0/16');
  assert.equal(template.byId.get('Tagged')!.condition, 'Net/IsProd');
  const sub = JSON.stringify(valueAt(one.text, template.byId.get('Tagged')!.properties!.pairs[0]!.value));
  assert.match(sub, /\$\{Cidr\} in \$\{Net\/Vpc\} \$\{Net\/Vpc\.CidrBlock\}/);
  // The parameter the parent sets is bound as the Sub's variable, to the parent's value.
  assert.match(sub, /"Cidr":\{"Fn::GetAtt":\["Vpc","CidrBlock"\]\}/);
  // The list parameter takes the parent's comma-separated text.
  const subnets = prop('Endpoint', 'SubnetIds');
  assert.equal(subnets.kind, 'list');
  assert.deepEqual((subnets.kind === 'list' ? subnets.items : []).map((i) => literal(i)), ['subnet-1', 'subnet-2']);
  assert.deepEqual((prop('Endpoint', 'VpcId') as { target?: string }).target, 'Net/Vpc');
  // Each node keeps its own file's offsets.
  const key = template.byId.get('Endpoint')!.key;
  const at = segmentAt(one, key.start);
  assert.equal(at.file, 'n.json');
  assert.equal(t.get('n.json')!.slice(at.offset, at.offset + '"Endpoint"'.length), '"Endpoint"');
  assert.equal(segmentAt(one, template.byId.get('Group')!.key.start).file, 'p.json');
});

function valueAt(text: string, node: unknown): unknown {
  const n = node as { kind: string; value?: unknown; pairs?: { key: { value: unknown }; value: unknown }[]; items?: unknown[] };
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items!.map((i) => valueAt(text, i));
  return Object.fromEntries(n.pairs!.map((p) => [p.key.value, valueAt(text, p.value)]));
}

test('a stack that is not certain to be the nested template is left as written', () => {
  assert.equal(inline(texts({ ...PARENT, Resources: { ...PARENT.Resources, Net: stack({}, { Condition: 'IsProd' }) } })), undefined);
  assert.equal(inline(texts({ ...PARENT, Resources: { ...PARENT.Resources, Net: stack({ 'Fn::If': ['IsProd', {}, {}] }) } })), undefined);
  assert.equal(inline(texts(PARENT, { ...NESTED, Transform: 'AWS::Serverless-2016-10-31' })), undefined);
  assert.equal(inlineNestedStacks('p.json', (f) => (f === 'p.json' ? JSON.stringify(PARENT) : undefined), () => new Map([['Net', 'n.json']])), undefined);
  assert.equal(inline(new Map([['p.json', JSON.stringify(PARENT)], ['n.json', '{ "Resources": ']])), undefined);
  // A nested template that deploys its parent again is read once.
  const loop = inlineNestedStacks('p.json', (f) => texts(PARENT).get(f), () => new Map([['Net', 'n.json'], ['Again', 'p.json']]));
  assert.deepEqual(loop?.inlined.map((i) => i.file), ['n.json']);
  // A parameter set to an output that is made of that parameter (circular: CloudFormation rejects it) ends, unknown.
  const circular = inline(texts(
    { Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::GetAtt': ['Net', 'Outputs.X'] } } }, Net: stack({ P: { 'Fn::GetAtt': ['Net', 'Outputs.X'] } }) } },
    { AWSTemplateFormatVersion: '2010-09-09', Parameters: { P: { Type: 'String' } }, Resources: {}, Outputs: { X: { Value: { 'Fn::Join': ['', [{ Ref: 'P' }, { Ref: 'P' }, { Ref: 'P' }]] } } } },
  ))!;
  const template = buildTemplate(circular.text, circular.root);
  const cidr = new Resolver(template, defaultScenario(template)).prop(template.byId.get('Vpc')!.properties, 'CidrBlock');
  assert.equal(literal(cidr), undefined);
});

test('the trace answers across: a subnet of the parent to an endpoint the nested stack makes in it', () => {
  const parent = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true } },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.2.0.0/24', AvailabilityZone: 'eu-west-1a' } },
      Net: stack({ VpcId: { Ref: 'Vpc' }, SubnetId: { Ref: 'Subnet' }, Range: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }),
    },
  };
  const nested = {
    Parameters: { VpcId: { Type: 'String' }, SubnetId: { Type: 'String' }, Range: { Type: 'String' } },
    Resources: {
      Group: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'ssm', VpcId: { Ref: 'VpcId' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { Ref: 'Range' } }] } },
      Ssm: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.eu-west-1.ssm', VpcEndpointType: 'Interface', PrivateDnsEnabled: true, VpcId: { Ref: 'VpcId' }, SubnetIds: [{ Ref: 'SubnetId' }], SecurityGroupIds: [{ 'Fn::GetAtt': ['Group', 'GroupId'] }] } },
    },
  };
  const one = inline(texts(parent, nested))!;
  const answer = traceNetwork(inlinedNetwork(one), 'Subnet', 'ssm');
  assert.ok(answer.ok);
  assert.equal(answer.result.verdict, 'private', answer.result.summary);
  // Another stack's rule on the nested group stays open; the nested template's own on the parent's is now inside.
  const outside = inlinedOutsideRules('p.json', one, (f): OutsideRules => (f === 'n.json'
    ? { groups: { Group: { ingress: { why: 'o.json adds', decides: "o.json's Rule" } } } }
    : { groups: { Vpc: { egress: { why: 'n.json adds', decides: "n.json's Rule" } } }, foreign: { Rule: "n.json's Group" } }));
  assert.deepEqual(outside, { groups: { Group: { ingress: { why: 'o.json adds', decides: "o.json's Rule" } } } });
});
