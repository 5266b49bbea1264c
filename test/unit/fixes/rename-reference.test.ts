// VPCE0007's fix: a reference to an undeclared name becomes the closest declared one; only the name's
// characters change, in YAML short and long form, JSON, and inside a !Sub string (only the variable).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixesFor } from '../../../server/src/core/fixes/index.js';
import { fixed, lines, onlyFinding } from './helpers.js';

const template = (...resources: string[]) =>
  lines('Parameters:', '  VpcId:', '    Type: AWS::EC2::VPC::Id', 'Resources:', '  Table:', '    Type: AWS::EC2::RouteTable', '    Properties:', '      VpcId: !Ref VpcId   # the VPC', ...resources);

test('VPCE0007: !Ref, Ref and !GetAtt to a misspelt name change to the declared one, nothing else', () => {
  for (const [wrong, right] of [
    ['      Tags: [{Key: t, Value: !Ref Tabl}]', '      Tags: [{Key: t, Value: !Ref Table}]'],
    ["      Tags: [{Key: t, Value: {Ref: 'Tabl'}}]", "      Tags: [{Key: t, Value: {Ref: 'Table'}}]"],
    ['      Tags: [{Key: t, Value: !GetAtt Tabl.RouteTableId}]', '      Tags: [{Key: t, Value: !GetAtt Table.RouteTableId}]'],
    ['      Tags: [{Key: t, Value: {"Fn::GetAtt": [Tabl, RouteTableId]}}]', '      Tags: [{Key: t, Value: {"Fn::GetAtt": [Table, RouteTableId]}}]'],
  ] as const) {
    const before = template('  Other:', '    Type: AWS::EC2::RouteTable', '    Properties:', '      VpcId: !Ref VpcId', wrong);
    const { text, fix } = fixed(before, 'VPCE0007');
    assert.equal(fix.title, 'Change to Table');
    assert.equal(fix.isPreferred, false);
    assert.equal(text, before.replace(wrong, right));
  }
});

test('VPCE0007: inside a !Sub string only the variable changes; $-literals and other variables stay', () => {
  const before = template('  Other:', '    Type: AWS::EC2::RouteTable', '    Properties:', '      VpcId: !Ref VpcId', "      Tags: [{Key: t, Value: !Sub '${!Tabl} ${Table} ${Tabl.RouteTableId} ${AWS::Region}'}]");
  assert.equal(fixed(before, 'VPCE0007').text, before.replace('${Tabl.', '${Table.'));
  const pseudo = template('  Other:', '    Type: AWS::EC2::RouteTable', '    Properties:', '      VpcId: !Ref VpcId', '      Tags: [{Key: t, Value: !Sub "com.amazonaws.${AWS::Regoin}.s3"}]');
  assert.equal(fixed(pseudo, 'VPCE0007').text, pseudo.replace('AWS::Regoin', 'AWS::Region'));
});

test('VPCE0007: JSON long form', () => {
  const json = (name: string) => `{"Parameters": {"VpcId": {"Type": "AWS::EC2::VPC::Id"}}, "Resources": {"Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "${name}"}}}}}\n`;
  assert.equal(fixed(json('VpcID'), 'VPCE0007').text, json('VpcId'));
  const sub = (name: string) => `{"Parameters": {"VpcId": {"Type": "AWS::EC2::VPC::Id"}}, "Resources": {"Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "VpcId"}, "Tags": [{"Key": "t", "Value": {"Fn::Sub": ["\\"\${X}\\" \${${name}}", {"X": "y"}]}}]}}}}\n`;
  assert.equal(fixed(sub('VpcID'), 'VPCE0007').text, sub('VpcId'));
});

test('VPCE0007: no close name, no fix; a name made by a loop is reported without an edit', () => {
  const far = template('  Other:', '    Type: AWS::EC2::RouteTable', '    Properties:', '      VpcId: !Ref SomethingElseEntirely');
  assert.deepEqual(fixesFor(far, onlyFinding(far, 'VPCE0007')), []);
  const loop = lines(
    'Transform: AWS::LanguageExtensions',
    'Resources:',
    '  Fn::ForEach::Tables:',
    '    - Name',
    '    - [A, B]',
    '    - Table${Name}:',
    '        Type: AWS::EC2::RouteTable',
    '        Properties:',
    '          VpcId: !Ref Vpc',
    "          Tags: [{Key: t, Value: !Sub '${Name}-${Vpcc}'}]",
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties: {CidrBlock: 10.0.0.0/16}',
  );
  // Both tables' Sub say ${Vpcc}: one finding at the loop body, naming Vpc, with no edit there.
  const f = onlyFinding(loop, 'VPCE0007');
  assert.match(f.message, /^\$\{Vpcc\} in Fn::Sub: .*closest declared name is Vpc$/);
  assert.deepEqual(fixesFor(loop, f), []);
});
