// VPCE6003's fix: one inbound rule, TCP 443 from the VPC's CIDR, in the endpoint's first security
// group; written like the group's other rules (block item, flow item, JSON), or as a new
// SecurityGroupIngress list; none where the group's rules are resources of their own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixesFor } from '../../../server/src/core/fixes/index.js';
import { fixed, onlyFinding } from './helpers.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE6003');
const WRONG_PORT = readFileSync(join(DIR, 'bad-wrong-port.yaml'), 'utf8');
const NO_INGRESS = readFileSync(join(DIR, 'bad-no-ingress.yaml'), 'utf8');
const STANDALONE = readFileSync(join(DIR, 'bad-outside-cidr.json'), 'utf8');

const HTTP_RULE = '        - IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80\n          CidrIp: 10.0.0.0/16\n';

test('VPCE6003 with a block list: a new item under the last, like it', () => {
  const before = WRONG_PORT.replace('          CidrIp: 10.0.0.0/16\n', '          CidrIp: 10.0.0.0/16 # web tier\n');
  const { text, fix } = fixed(before, 'VPCE6003');
  assert.equal(fix.title, "Allow HTTPS (TCP 443) from AppVpc's CIDR in EndpointSecurityGroup");
  assert.equal(fix.isPreferred, false);
  assert.equal(
    text,
    before.replace(
      '          CidrIp: 10.0.0.0/16 # web tier\n',
      '          CidrIp: 10.0.0.0/16 # web tier\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: !GetAtt AppVpc.CidrBlock\n',
    ),
  );
});

test('VPCE6003 with a flow list: a flow item', () => {
  const before = WRONG_PORT.replace(HTTP_RULE, '        [{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/16}]\n');
  const { text } = fixed(before, 'VPCE6003');
  assert.equal(text, before.replace('CidrIp: 10.0.0.0/16}]', 'CidrIp: 10.0.0.0/16}, {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !GetAtt AppVpc.CidrBlock}]'));
});

test('VPCE6003 on a group without inbound rules: a SecurityGroupIngress list after its last property', () => {
  const { text, fix } = fixed(NO_INGRESS, 'VPCE6003');
  assert.equal(fix.title, "Allow HTTPS (TCP 443) from AppVpc's CIDR in EndpointSecurityGroup");
  assert.equal(
    text,
    NO_INGRESS.replace(
      '      GroupDescription: SSM endpoints\n      VpcId: !Ref AppVpc\n',
      '      GroupDescription: SSM endpoints\n      VpcId: !Ref AppVpc\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: !GetAtt AppVpc.CidrBlock\n',
    ),
  );
});

test('VPCE6003 in JSON: a new member before the first, as JSON', () => {
  const before = STANDALONE.replace(/,\n    "EndpointHttpsIngress": \{[\s\S]*?\n    \}(?=,\n    "KmsEndpoint")/, '');
  assert.ok(!before.includes('EndpointHttpsIngress'));
  const { text } = fixed(before, 'VPCE6003');
  assert.equal(
    text,
    before.replace(
      '        "GroupDescription": "HTTPS to interface endpoints",',
      '        "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": {"Fn::GetAtt": ["AppVpc", "CidrBlock"]}}],\n        "GroupDescription": "HTTPS to interface endpoints",',
    ),
  );
  JSON.parse(text);
});

test('VPCE6003: no fix where the group\'s rules are resources of their own', () => {
  assert.deepEqual(fixesFor(STANDALONE, onlyFinding(STANDALONE, 'VPCE6003')), []);
});
