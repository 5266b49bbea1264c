// A trace made unknown by one value names that value (the property and what decides it), never "not
// defined" or "has no port range" for a value that is there but known only at deploy time. Found by the
// unknown-value mutation harness (test/property/unknown-mutations.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const fixture = (p: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', p), 'utf8');

/** The text with the value after `key:` in `resource`'s block replaced. */
function replaceIn(text: string, resource: string, key: string, by: string): string {
  const at = new RegExp(`\\n\\s+${resource}:`).exec(text)!.index;
  const m = new RegExp(`(${key}: )(!?[^,}\\n]+)`).exec(text.slice(at))!;
  const start = at + m.index + m[1]!.length;
  return text.slice(0, start) + by + text.slice(start + m[2]!.length);
}

function run(text: string, from: string, to: string) {
  const r = trace(analyze(text, { fileName: 't.yaml' }).network()!, from, parseTarget(to)!);
  return { r, all: [r.summary, ...r.hops.map((h) => h.reason)].join('\n') };
}

test("the NAT subnet's route table from an import: unknown, naming the association's RouteTableId and the import", () => {
  const text = replaceIn(fixture('trace/classic.yaml'), 'PublicAssoc', 'RouteTableId', '!ImportValue shared-public-rt');
  const { r, all } = run(text, 'PrivateSubnetA', 'internet');
  assert.equal(r.verdict, 'unknown');
  assert.match(all, /PublicAssoc's RouteTableId is known only at deploy time/);
  assert.match(r.summary, /decided by import shared-public-rt/);
  assert.doesNotMatch(all, /not defined in this template/);
});

test("an endpoint group's rule with a port from a parameter: unknown, naming the rule's port and the parameter", () => {
  const text = replaceIn(fixture('rules/VPCE6003/bad-outside-cidr.json'), '"EndpointHttpsIngress"', '"FromPort"', '{"Ref": "HttpsPort"}').replace('"Resources"', '"Parameters": {"HttpsPort": {"Type": "Number"}},\n  "Resources"');
  const { r, all } = run(text, 'AppSubnetA', 'kms');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /EndpointHttpsIngress's FromPort is known only at deploy time: parameter HttpsPort has no default/);
});

test("an inline rule's range from an import: the rule and the import named", () => {
  const text = replaceIn(fixture('trace/classic.yaml'), 'EndpointSg', 'CidrIp', '!ImportValue vpc-range');
  const { all } = run(text, 'PrivateSubnetA', 'ssm');
  assert.match(all, /the address range of EndpointSg's SecurityGroupIngress rule is known only at deploy time: the imported value vpc-range/);
});

test("a network ACL entry's port bound from an import: unknown, naming it, not 'has no port range'", () => {
  // The entry admits the return traffic's addresses (0.0.0.0/0), so its port range decides it: the port's bound is what is not known.
  const text = replaceIn(replaceIn(fixture('trace/classic.yaml'), 'StrictIn', 'CidrBlock', '0.0.0.0/0'), 'StrictIn', 'From', '!ImportValue low-port');
  const { r, all } = run(text, 'StrictSubnet', 's3');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /StrictIn's PortRange\.From is known only at deploy time: the imported value low-port/);
  assert.doesNotMatch(all, /has no port range/);
});

test("a standalone rule whose GroupId comes from an import may be the endpoint group's: unknown, naming its GroupId and the import", () => {
  const text = fixture('rules/VPCE6003/bad-outside-cidr.json').replace('"GroupId": { "Ref": "EndpointSecurityGroup" }', '"GroupId": {"Fn::ImportValue": "shared-endpoint-sg"}');
  assert.match(text, /shared-endpoint-sg/);
  const { r, all } = run(text, 'AppSubnetA', 'kms');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /EndpointHttpsIngress's GroupId is known only at deploy time: the imported value shared-endpoint-sg/);
});

// Found by the harness on real templates (test/property/unknown-mutations-real.test.ts).
test("a subnet carved with !Cidr from a VPC block that is a parameter: the group's partial range is unknown, naming what decides the subnet's addresses", () => {
  const text = replaceIn(fixture('real-cfn5/cidr-subnets.yaml'), 'Vpc', 'CidrBlock', '!Ref VpcBlock').replace('Resources:', 'Parameters:\n  VpcBlock:\n    Type: String\nResources:');
  const { r, all } = run(text, 'SubnetA', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /covers only part of SubnetA \(SubnetA's CidrBlock is known only at deploy time: .*parameter VpcBlock/);
});

test("a subnet's MapPublicIpOnLaunch from an import: the internet gateway's answer names it", () => {
  const text = replaceIn(fixture('trace/classic.yaml'), 'PublicSubnet', 'MapPublicIpOnLaunch', '!ImportValue public-ips');
  const { r, all } = run(text, 'PublicSubnet', 'internet');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /if the source has a public IP address: .*public-ips/);
});

test("a private hosted zone's alias to an endpoint whose ServiceName is a parameter: unknown, naming the endpoint's ServiceName and the parameter", () => {
  const text = fixture('real-cfn4/shared-services-endpoint.yaml').replace('ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm', 'ServiceName: !Ref SsmService').replace('Resources:', 'Parameters:\n  SsmService:\n    Type: String\nResources:');
  const { r, all } = run(text, 'HubSubnet', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /record SsmRecord .*SsmEndpoint.*SsmEndpoint's ServiceName is known only at deploy time: parameter SsmService/);
});

test("an endpoint subnet's CidrBlock from a custom resource: a network ACL rule covering part of the return traffic names the endpoint subnet's range", () => {
  const text = fixture('real-cfn6/nacl-egress-omitted.yaml').replace('EndpointSubnet:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24 }', 'EndpointSubnet:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: !GetAtt Carve.Block }\n  Carve:\n    Type: Custom::Carve\n    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:carve }');
  const { r, all } = run(text, 'PrivateSubnet', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(all, /rule 100 covers part of this traffic \(EndpointSubnet's CidrBlock is known only at deploy time: .*Carve/);
});
