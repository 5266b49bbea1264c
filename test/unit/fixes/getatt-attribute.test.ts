// VPCE0008's fix: an attribute the type does not return becomes the closest one it does, when one is
// clearly closest; only the attribute's characters change (short form, long form, JSON, inside a !Sub).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixesFor } from '../../../server/src/core/fixes/index.js';
import { fixed, lines, onlyFinding } from './helpers.js';

const template = (output: string) =>
  lines(
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16   # the VPC',
    '  Endpoint:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3',
    '      RouteTableIds: []',
    'Outputs:',
    '  Out:',
    `    Value: ${output}`,
  );

test('VPCE0008: the attribute changes to the closest one the type returns, nothing else', () => {
  for (const [wrong, right] of [
    ['!Join [",", !GetAtt Endpoint.NetworkInterfaceId]', '!Join [",", !GetAtt Endpoint.NetworkInterfaceIds]'],
    ['!Join [",", {"Fn::GetAtt": [Endpoint, NetworkInterfaceId]}]', '!Join [",", {"Fn::GetAtt": [Endpoint, NetworkInterfaceIds]}]'],
    ["!Join [',', !GetAtt [Endpoint, 'NetworkInterfaceId']]", "!Join [',', !GetAtt [Endpoint, 'NetworkInterfaceIds']]"],
    ["!Sub '${Vpc.CidrBlok} ${!Vpc.CidrBlok} ${Vpc.CidrBlockAssociations}'", "!Sub '${Vpc.CidrBlock} ${!Vpc.CidrBlok} ${Vpc.CidrBlockAssociations}'"],
  ] as const) {
    const before = template(wrong);
    const { text, fix } = fixed(before, 'VPCE0008');
    assert.match(fix.title, /^Change to (NetworkInterfaceIds|CidrBlock)$/);
    assert.equal(fix.isPreferred, false);
    assert.equal(text, before.replace(wrong, right));
  }
});

test('VPCE0008: JSON long form', () => {
  const json = (attr: string) => `{"Resources": {"Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": "vpc-0123456789abcdef0"}}}, "Outputs": {"T": {"Value": {"Fn::GetAtt": ["Table", "${attr}"]}}}}\n`;
  assert.equal(fixed(json('RouteTableID'), 'VPCE0008').text, json('RouteTableId'));
  // The string form, `"Fn::GetAtt": "Table.RouteTableID"`: only the attribute's characters.
  const dotted = (attr: string) => json(attr).replace('["Table", "' + attr + '"]', '"Table.' + attr + '"');
  assert.notEqual(dotted('X'), json('X'));
  assert.equal(fixed(dotted('RouteTableID'), 'VPCE0008').text, dotted('RouteTableId'));
});

test('VPCE0008: no fix where no attribute is clearly closest', () => {
  const text = template('!Select [0, !GetAtt Endpoint.DnsEntry]');
  const finding = onlyFinding(text, 'VPCE0008');
  assert.equal(finding.data, undefined);
  assert.deepEqual(fixesFor(text, finding), []);
});
