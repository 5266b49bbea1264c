// `{quote}`: VPCE0001 on a plain value YAML 1.1 rejects inside { } or [ ] (`::/0`): the value quoted, nothing
// else of the line touched; the fixed template parses and is judged again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixed, findingsOf, lines } from './helpers.js';

test("VPCE0001 on '::/0' inside a flow mapping: quoted in place (preferred), the rest of the line and its comment kept", () => {
  const before = lines(
    'Resources:',
    '  Ipv6Default:',
    '    Type: AWS::EC2::Route',
    '    Properties: { RouteTableId: rtb-0123456789abcdef0, DestinationIpv6CidrBlock: ::/0, EgressOnlyInternetGatewayId: eigw-0123456789abcdef0 }  # IPv6 out',
  );
  const { text, fix } = fixed(before, 'VPCE0001');
  assert.equal(fix.title, "Quote the value: '::/0'");
  assert.equal(fix.isPreferred, true);
  assert.equal(text, before.replace('DestinationIpv6CidrBlock: ::/0,', "DestinationIpv6CidrBlock: '::/0',"));
});

test('in a flow sequence too, and the fixture template is whole again after the fix', () => {
  const before = readFileSync(join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE0001', 'bad-flow-colon.yaml'), 'utf8');
  const { text } = fixed(before, 'VPCE0001');
  assert.deepEqual(findingsOf(text).filter((f) => f.ruleId === 'VPCE0001'), []);
  const list = lines('Resources:', '  Sg:', '    Type: AWS::EC2::SecurityGroup', '    Properties: {GroupDescription: x, Tags: [::1, b]}');
  assert.equal(fixed(list, 'VPCE0001').text, list.replace('[::1, b]', "['::1', b]"));
});
