// Fn::Sub with its own variable map reads its variables as a plain `${Name}` is read: a literal is
// known, a parameter's default is the value "with the default", a resource's attribute stays unknown;
// and a text made with a parameter (Sub, Join, FindInMap keyed by it) rests on that parameter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { parseText } from '../../../server/src/core/document/parse.js';
import { asMap } from '../../../server/src/core/document/tree.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { Resolver } from '../../../server/src/core/cfn/resolve.js';
import { fromDefaultOf } from '../../../server/src/core/cfn/facts.js';
import { literal, withPseudos } from '../../../server/src/core/cfn/values.js';

const lint = (text: string, rule: string) => lintTemplate(text, { regions: ['us-east-1'] }).findings.filter((f) => f.ruleId === rule);

const PARAMS = [
  'Parameters:',
  '  Reg: {Type: String, Default: us-west-2}',
  '  Env: {Type: String, Default: dev}',
  'Mappings:',
  '  Services: {dev: {Name: com.amazonaws.us-west-2.s3}, prod: {Name: com.amazonaws.us-east-1.s3}}',
  'Resources:',
  '  Bucket: {Type: AWS::S3::Bucket}',
];

function valueOfProp(extra: string[], prop: string): { v: ReturnType<Resolver['value']>; values: Resolver } {
  const text = [...PARAMS, '  Q:', '    Type: AWS::SQS::Queue', '    Properties:', ...extra.map((l) => '      ' + l)].join('\n') + '\n';
  const template = buildTemplate(text, asMap(parseText(text).root)!);
  const values = new Resolver(template);
  return { v: values.prop(template.byId.get('Q')!.properties, prop), values };
}

test('a Sub variable of its own map is known, defaulted or unknown as a plain ${Name} is', () => {
  const plain = valueOfProp(["A: !Sub 'com.amazonaws.${Reg}.s3'"], 'A');
  const mapped = valueOfProp(["A: !Sub ['com.amazonaws.${R}.s3', {R: !Ref Reg}]"], 'A');
  for (const { v, values } of [plain, mapped]) {
    assert.equal(literal(v), 'com.amazonaws.us-west-2.s3');
    assert.deepEqual(fromDefaultOf(values, v), { parameter: 'Reg', value: 'us-west-2' });
  }
  const lit = valueOfProp(["A: !Sub ['com.amazonaws.${R}.s3', {R: eu-west-1}]"], 'A');
  assert.equal(literal(lit.v), 'com.amazonaws.eu-west-1.s3');
  assert.equal(fromDefaultOf(lit.values, lit.v), undefined);
  const pseudo = valueOfProp(["A: !Sub ['com.amazonaws.${R}.s3', {R: !Ref AWS::Region}]"], 'A');
  assert.equal(withPseudos(pseudo.v), 'com.amazonaws.${AWS::Region}.s3');
  const attr = valueOfProp(["A: !Sub ['arn:aws:s3:::${B}/*', {B: !Ref Bucket}]"], 'A');
  assert.equal(literal(attr.v), undefined);
});

test('Fn::FindInMap keyed by a parameter default, and Fn::Join of one, rest on that default', () => {
  const found = valueOfProp(['A: !FindInMap [Services, !Ref Env, Name]'], 'A');
  assert.equal(literal(found.v), 'com.amazonaws.us-west-2.s3');
  assert.deepEqual(fromDefaultOf(found.values, found.v), { parameter: 'Env', value: 'dev' });
  const joined = valueOfProp(["A: !Join ['', [com.amazonaws., !Ref Reg, .s3]]"], 'A');
  assert.deepEqual(fromDefaultOf(joined.values, joined.v), { parameter: 'Reg', value: 'us-west-2' });
  // A key written out is no parameter's.
  const fixed = valueOfProp(['A: !FindInMap [Services, dev, Name]'], 'A');
  assert.equal(fromDefaultOf(fixed.values, fixed.v), undefined);
});

test('a service name whose region comes from a parameter default is not a hard-coded region; a literal in the Sub map is', () => {
  const endpoint = (name: string) =>
    [...PARAMS, '  E:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: vpc-0123456789abcdef0', '      RouteTableIds: [rtb-0123456789abcdef0]', `      ServiceName: ${name}`].join('\n') + '\n';
  assert.deepEqual(lint(endpoint("!Sub 'com.amazonaws.${Reg}.s3'"), 'VPCE3001'), []);
  assert.deepEqual(lint(endpoint("!Sub ['com.amazonaws.${R}.s3', {R: !Ref Reg}]"), 'VPCE3001'), []);
  assert.deepEqual(lint(endpoint('!FindInMap [Services, !Ref Env, Name]'), 'VPCE3001'), []);
  assert.equal(lint(endpoint("!Sub ['com.amazonaws.${R}.s3', {R: us-west-2}]"), 'VPCE3001').length, 1);
  assert.equal(lint(endpoint('!FindInMap [Services, dev, Name]'), 'VPCE3001').length, 1);
});

test('a policy written as a Sub with a variable map is read through the map, with the default noted', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'audit', 'policy-sub-defaults.yaml'), 'utf8');
  const messages = (t: string) => lint(t, 'VPCE9010').filter((f) => f.resource === 'Ep').map((f) => f.message);
  const bind = (what: string) => text.replace("aws:PrincipalAccount: !Sub '${Acct}'", `aws:PrincipalAccount: !Sub ['\${A}', {A: ${what}}]`);
  assert.deepEqual(messages(bind('!Ref Acct')), ['Ep policy: aws:PrincipalAccount holds a system-generated identifier; endpoint policies allow no wildcard in its value (with the default Acct 12345678901*)']);
  assert.deepEqual(messages(bind("'98765432101*'")), ['Ep policy: aws:PrincipalAccount holds a system-generated identifier; endpoint policies allow no wildcard in its value']);
  assert.deepEqual(messages(bind("'123456789012'")), []);
  assert.deepEqual(messages(bind('!GetAtt Bucket.Arn')), []);
  // The whole policy as one Sub string with a map.
  const whole = [
    'Parameters:',
    "  Acct: {Type: String, Default: '12345678901*'}",
    'Resources:',
    '  Ep2:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-0123456789abcdef0',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3',
    '      RouteTableIds: [rtb-0123456789abcdef1]',
    '      PolicyDocument: !Sub',
    '        - |',
    '          {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:${P}:s3:::b/*",',
    '            "Condition": {"StringEquals": {"aws:PrincipalAccount": "${A}"}}}]}',
    '        - {A: !Ref Acct, P: !Ref AWS::Partition}',
  ].join('\n') + '\n';
  const ep2 = lint(whole, 'VPCE9010').map((f) => f.message);
  assert.deepEqual(ep2, ['Ep2 policy: aws:PrincipalAccount holds a system-generated identifier; endpoint policies allow no wildcard in its value (with the default Acct 12345678901*)']);
});

test('two subnets whose zones a mapping picks by a parameter default: the finding says "with the default"', () => {
  const text = [
    'Parameters:',
    '  Env: {Type: String, Default: dev}',
    'Mappings:',
    '  Zones: {dev: {A: us-east-1a, B: us-east-1a}, prod: {A: us-east-1a, B: us-east-1b}}',
    'Resources:',
    '  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}',
    '  SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: !FindInMap [Zones, !Ref Env, A]}}',
    '  SubnetB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !FindInMap [Zones, !Ref Env, B]}}',
    '  E:',
    '    Type: AWS::EC2::VPCEndpoint',
    "    Properties: {VpcId: !Ref Vpc, VpcEndpointType: Interface, ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm', SubnetIds: [!Ref SubnetA, !Ref SubnetB]}",
  ].join('\n') + '\n';
  assert.deepEqual(lint(text, 'VPCE6001').map((f) => f.message), ['E: subnets SubnetA and SubnetB are both in us-east-1a (with the default Env dev); an interface endpoint takes one subnet per zone']);
});
