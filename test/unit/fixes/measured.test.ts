// The cases measured in issue 12, each compared as whole resulting text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAllText, fixesFor, fixSource, verifiedFixes } from '../../../server/src/core/fixes/index.js';
import { applyEdits } from '../../../server/src/core/fixes/index.js';
import { findingsOf, fixed, lines, onlyFinding } from './helpers.js';

const VPC = ['Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}', '  Subnet:', '    Type: AWS::EC2::Subnet', '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}'];
const endpoint = (...props: string[]) => lines(...VPC, '  Ep:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', ...props.map((p) => '      ' + p));

test('VPCE9003: Version is added inside a JSON-string policy, escaping kept', () => {
  const policy = String.raw`"{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}"`;
  const text = endpoint('ServiceName: !Sub com.amazonaws.${AWS::Region}.s3', 'RouteTableIds: []', `PolicyDocument: ${policy}`);
  assert.equal(fixed(text, 'VPCE9003').text, text.replace(String.raw`"{\"Statement\"`, String.raw`"{\"Version\": \"2012-10-17\", \"Statement\"`));
  // A block-scalar policy written one member per line gets a line of its own.
  const block = endpoint('ServiceName: !Sub com.amazonaws.${AWS::Region}.s3', 'RouteTableIds: []', 'PolicyDocument: |', '  {', '    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]', '  }');
  assert.equal(fixed(block, 'VPCE9003').text, block.replace('          "Statement"', '          "Version": "2012-10-17",\n          "Statement"'));
});

test('VPCE2003: cloudwatch offers monitoring and logs, one fix each', () => {
  const text = endpoint('ServiceName: !Sub com.amazonaws.${AWS::Region}.cloudwatch', 'VpcEndpointType: Interface', 'SubnetIds: [!Ref Subnet]');
  const f = onlyFinding(text, 'VPCE2003');
  const fixes = fixesFor(text, f);
  assert.deepEqual(fixes.map((x) => x.title), ['Change to com.amazonaws.${AWS::Region}.monitoring', 'Change to com.amazonaws.${AWS::Region}.logs']);
  assert.equal(applyEdits(text, fixes[1]!.edits), text.replace('.cloudwatch', '.logs'));
});

test('VPCE1003: a single SubnetIds value becomes a list of it', () => {
  const text = endpoint('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'VpcEndpointType: Interface', 'SubnetIds: subnet-0abc');
  assert.equal(fixed(text, 'VPCE1003').text, text.replace('SubnetIds: subnet-0abc', 'SubnetIds: [subnet-0abc]'));
});

test('VPCE9008: an operator of the wrong family becomes the one of the key type, in a JSON string too', () => {
  const policy = `'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceIp": "10.0.0.0/8"}}}]}'`;
  const text = endpoint('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'VpcEndpointType: Interface', 'SubnetIds: [!Ref Subnet]', `PolicyDocument: ${policy}`);
  const out = fixed(text, 'VPCE9008');
  assert.equal(out.fix.title, 'Change StringNotEquals to NotIpAddress');
  assert.equal(out.text, text.replace('"StringNotEquals"', '"NotIpAddress"'));
});

test('VPCE1003 then VPCE4001: "Change to dualstack" says what it leaves, and no message contradicts itself', () => {
  const text = endpoint('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'VpcEndpointType: Interface', 'SubnetIds: [!Ref Subnet]', 'IpAddressType: dual-stack', 'DnsOptions: {DnsRecordIpType: dual-stack}');
  const relint = (t: string) => findingsOf(t);
  const before = relint(text);
  const ip = before.find((f) => f.ruleId === 'VPCE1003' && text.slice(f.start, f.end) === 'dual-stack' && text.lastIndexOf('IpAddressType', f.start) > text.lastIndexOf('\n', f.start))!;
  const [fix] = verifiedFixes(fixSource(text), ip, before, relint);
  // The subnet has no IPv6 range: the fix is offered, not preferred, and its title says what is left.
  assert.equal(fix?.title, 'Change to dualstack, then: subnet Subnet has no IPv6 range (a dualstack endpoint needs both)');
  assert.equal(fix.isPreferred, false);
  const after = relint(applyEdits(text, fix.edits));
  for (const f of after) assert.ok(!/but IpAddressType is dualstack/.test(f.message), f.message);
  // Fix All takes only what leaves nothing new: the DNS record type.
  assert.equal(fixAllText(text, relint).text, text.replace('DnsRecordIpType: dual-stack', 'DnsRecordIpType: dualstack'));
});

test('VPCE8003: two bare account ids are fixed in one Fix All pass, as ${AWS::Partition} ARNs (no VPCE3003)', () => {
  const text = lines(
    'Resources:',
    '  Svc:',
    '    Type: AWS::EC2::VPCEndpointService',
    '    Properties:',
    '      NetworkLoadBalancerArns: [!Sub "arn:${AWS::Partition}:elasticloadbalancing:${AWS::Region}:123456789012:loadbalancer/net/x/1"]',
    '      AcceptanceRequired: true',
    '  Perm:',
    '    Type: AWS::EC2::VPCEndpointServicePermissions',
    '    Properties:',
    '      ServiceId: !Ref Svc',
    '      AllowedPrincipals: ["123456789012", "210987654321"]',
  );
  const out = fixAllText(text, (t) => findingsOf(t));
  assert.equal(out.passes, 1);
  assert.equal(out.text, text.replace('["123456789012", "210987654321"]', '[!Sub "arn:${AWS::Partition}:iam::123456789012:root", !Sub "arn:${AWS::Partition}:iam::210987654321:root"]'));
  assert.deepEqual(findingsOf(out.text).map((f) => f.ruleId), []);
});

test('VPCE5001: a comment saying the attribute is not set is kept as what was, beside the attribute', () => {
  const text = lines(
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16',
    '      EnableDnsSupport: true',
    "      # EnableDnsHostnames is not set: CloudFormation's default is false",
    '',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
    '      VpcEndpointType: Interface',
    '      PrivateDnsEnabled: true',
    '      SubnetIds: [subnet-1]',
  );
  assert.equal(fixed(text, 'VPCE5001').text, text.replace("      # EnableDnsHostnames is not set: CloudFormation's default is false", "      EnableDnsHostnames: true  # was: EnableDnsHostnames is not set: CloudFormation's default is false"));
});
