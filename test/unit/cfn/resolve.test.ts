import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { asMap, valueOf, type MapNode } from '../../../server/src/core/document/tree.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { Resolver } from '../../../server/src/core/cfn/resolve.js';
import { branches, literal, withPseudos, type Value } from '../../../server/src/core/cfn/values.js';

const HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
  NoDefault: {Type: String}
  Subnets: {Type: CommaDelimitedList, Default: "a,b"}
Mappings:
  M: {prod: {cidr: 10.0.0.0/16}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc: {Type: AWS::EC2::VPC}
`;

function valueOfX(expr: string): Value {
  const text = HEAD + `Outputs:\n  X:\n    Value: ${expr}\n`;
  const parsed = parseText(text);
  assert.deepEqual(parsed.problems, []);
  const template = buildTemplate(text, parsed.root as MapNode);
  const node = valueOf(asMap(valueOf(asMap(valueOf(template.root, 'Outputs')), 'X')), 'Value');
  return new Resolver(template).value(node);
}

test('Ref: parameter defaults, pseudo parameters, resources, unknowns', () => {
  assert.equal(literal(valueOfX('!Ref Env')), 'prod');
  assert.equal(valueOfX('!Ref NoDefault').kind, 'unknown');
  assert.equal(withPseudos(valueOfX('!Ref AWS::Region')), '${AWS::Region}');
  assert.equal(valueOfX('!Ref AWS::AccountId').kind, 'unknown');
  assert.equal(valueOfX('!Ref AWS::NoValue').kind, 'absent');
  assert.deepEqual(valueOfX('!Ref Vpc'), { kind: 'ref', target: 'Vpc', node: valueOfX('!Ref Vpc').node });
  const list = valueOfX('!Ref Subnets');
  assert.equal(list.kind, 'list');
  assert.deepEqual(list.kind === 'list' && list.items.map(literal), ['a', 'b']);
});

test('Fn::Sub keeps pseudo parameters symbolic and substitutes known values', () => {
  assert.equal(withPseudos(valueOfX('!Sub "com.amazonaws.${AWS::Region}.s3"')), 'com.amazonaws.${AWS::Region}.s3');
  assert.equal(literal(valueOfX('!Sub "${Env}-x"')), 'prod-x');
  assert.equal(literal(valueOfX('!Sub ["${A}.${B}", {A: x, B: !Ref Env}]')), 'x.prod');
  assert.equal(literal(valueOfX('!Sub "${!Literal}"')), '${Literal}');
  assert.equal(literal(valueOfX('!Sub "${NoDefault}"')), undefined);
});

test('Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap', () => {
  assert.equal(withPseudos(valueOfX('!Join [".", [com, amazonaws, !Ref "AWS::Region", ssm]]')), 'com.amazonaws.${AWS::Region}.ssm');
  assert.equal(literal(valueOfX('!Select [1, [a, b, c]]')), 'b');
  assert.equal(literal(valueOfX('!Select [1, !Split [",", "x,y"]]')), 'y');
  assert.equal(literal(valueOfX('!FindInMap [M, !Ref Env, cidr]')), '10.0.0.0/16');
  assert.equal(valueOfX('!Join [",", !Split [",", !ImportValue Other]]').kind, 'unknown');
  assert.equal(literal(valueOfX('!Join [",", !Split [",", !ImportValue Other]]')), undefined);
});

test('Fn::If keeps both branches with their conditions', () => {
  const v = valueOfX('!If [IsProd, Interface, !Ref AWS::NoValue]');
  const b = branches(v);
  assert.deepEqual(b.map((x) => [literal(x.value) ?? x.value.kind, x.when]), [['Interface', ['IsProd']], ['absent', ['!IsProd']]]);
});

test('unknowns carry an identity so equal deploy-time values compare equal', () => {
  const a = valueOfX("!Select [0, !GetAZs '']");
  const b = valueOfX("!Select [0, !GetAZs '']");
  const c = valueOfX("!Select [1, !GetAZs '']");
  assert.equal(a.kind, 'unknown');
  assert.ok(a.kind === 'unknown' && b.kind === 'unknown' && c.kind === 'unknown');
  assert.equal(a.identity, b.identity);
  assert.notEqual(a.identity, c.identity);
});

test('Fn::FindInMap by a deploy-time key: unknown, naming the key (the Region, the parameter); one text under every key is known', () => {
  // M holds one top-level key: whatever the Region picks (in a deployment that succeeds) is its entry.
  assert.equal(literal(valueOfX('!FindInMap [M, !Ref AWS::Region, cidr]')), '10.0.0.0/16');
  assert.equal(literal(valueOfX('!FindInMap [M, !Ref NoDefault, cidr]')), '10.0.0.0/16');
  assert.equal(valueOfX('!FindInMap [!Ref NoDefault, prod, cidr]').kind, 'unknown');
});
