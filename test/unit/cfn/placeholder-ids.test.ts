// A placeholder id (vpc-xxxxxxxx) as a parameter's default is not a VPC: the resolver reads it as
// unknown, naming the placeholder, so the model keeps the parameter's identity and never the text.
// Written in a property, it is VPCE1004's warning (fixtures in test/fixtures/rules/VPCE1004).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine.js';
import { isResourceId, placeholderKind } from '../../../server/src/core/cfn/resource-ids.js';

const template = (vpcDefault: string, subnets: string) =>
  [
    'Parameters:',
    `  VpcId: {Type: AWS::EC2::VPC::Id, Default: ${vpcDefault}}`,
    `  Subnets: {Type: List<AWS::EC2::Subnet::Id>, Default: '${subnets}'}`,
    'Resources:',
    '  E:',
    '    Type: AWS::EC2::VPCEndpoint',
    "    Properties: {VpcId: !Ref VpcId, VpcEndpointType: Interface, ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm', SubnetIds: !Ref Subnets}",
  ].join('\n') + '\n';

test('ids: prefix and 8 or 17 hexadecimal digits; placeholders by kind, or by their look', () => {
  assert.ok(isResourceId('vpc', 'vpc-0a1b2c3d'));
  assert.ok(isResourceId('subnet', 'subnet-0123456789abcdef0'));
  for (const bad of ['vpc-xxxxxxxx', 'vpc-0a1b2c3', 'vpc-0123456789abcdef', 'subnet-0a1b2c3d', 'CHANGEME']) assert.ok(!isResourceId('vpc', bad), bad);
  assert.equal(placeholderKind('sg-CHANGEME'), 'sg');
  assert.equal(placeholderKind('subnet-12345'), 'subnet');
  assert.equal(placeholderKind('sg-web'), undefined, 'a name, not a placeholder id');
  assert.equal(placeholderKind('sg-0123abcd'), undefined);
  assert.equal(placeholderKind('web', 'sg'), 'sg', 'where an id is due, any non-id is a placeholder');
});

test('a placeholder default is no resource id: the model names the parameter and says why', () => {
  const a = analyze(template('vpc-xxxxxxxx', 'subnet-aaaa,subnet-0a1b2c3d'), {});
  const e = a.network()!.judged().endpoints.get('E')!;
  assert.deepEqual(e.vpc.known && e.vpc.value, 'parameter VpcId');
  assert.ok(e.vpc.known && !e.vpc.fromDefault, 'not "with the default vpc-xxxxxxxx"');
  assert.equal(e.subnets.complete, false);
  assert.match(e.subnets.why ?? '', /parameter Subnets rests on its default subnet-aaaa, a placeholder, not a subnet id/);
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE1004'), [], 'a default is the deployment\'s to replace');
  // A real default is a real id, "with the default".
  const real = analyze(template('vpc-0a1b2c3d', 'subnet-0a1b2c3d,subnet-0a1b2c3e'), {}).network()!.judged().endpoints.get('E')!;
  assert.deepEqual(real.vpc.known && [real.vpc.value, real.vpc.fromDefault], ['vpc-0a1b2c3d', { parameter: 'VpcId', value: 'vpc-0a1b2c3d' }]);
  assert.deepEqual(real.subnets.items.map((i) => i.id), ['subnet-0a1b2c3d', 'subnet-0a1b2c3e']);
});
