// Real public templates, sixth round (2026-12-02): each test carries one fact a published CloudFormation
// template showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn6); the template it
// came from is named beside it. Every test fails on the code before its fix. The findings the round's
// stored templates raise, each reviewed, are in test/unit/real-cfn6-findings.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../server/src/core/trace/api.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn6', name), 'utf8');

function traced(file: string, from: string, to: string) {
  const a = traceText(fixture(file), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

// Published VPC templates write their inbound network ACL entries without `Egress` (a "secure
// architecture" pattern: `PrivateInboundRule` allowing all from the VPC's range, the outbound entry with
// `Egress: true`). CloudFormation's default for Egress is false: an ingress entry
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html).
// We took such an entry as "computed at deploy time", so every path through the ACL was unknown, for a
// reason that was not true.
test('a network ACL entry without Egress is an ingress entry', () => {
  const open = traced('nacl-egress-omitted.yaml', 'PrivateSubnet', 'ssm');
  assert.equal(open.verdict, 'private', open.summary);
  const back = open.hops.find((h) => h.kind === 'network ACL in (return traffic)');
  assert.equal(back?.reason, 'TCP 1024-65535: rule 100 allows it');
  // The strict ACL admits TCP 443 only: the endpoint's answers to the client's ephemeral port are denied.
  const strict = traced('nacl-egress-omitted.yaml', 'StrictSubnet', 'ssm');
  assert.equal(strict.verdict, 'blocked', strict.summary);
  assert.equal(strict.summary, 'the network ACL of subnet StrictSubnet drops the return traffic on ephemeral ports');
  assert.equal(strict.hops.find((h) => h.kind === 'network ACL in (return traffic)')?.reason, 'TCP 1024-65535: no rule allows it, so the final * rule denies it');
  for (const h of [...open.hops, ...strict.hops]) assert.doesNotMatch(h.reason, /computed at deploy time/);
});

// Network ACL entries are evaluated lowest rule number first, and the first that matches decides
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). An entry we cannot read (its range a
// parameter without a default) was dropped, so a later entry that allows the traffic decided it: "private",
// though rule 50 may deny the endpoint's addresses. It now stays in its place and makes the answer unknown,
// naming the value that decides it; an entry whose known parts rule the flow out (rule 40, UDP) does not.
test('a network ACL entry that cannot be read decides in its place: unknown, naming the value', () => {
  const r = traced('nacl-unknown-entry.yaml', 'SubnetA', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  const out = r.hops.find((h) => h.kind === 'network ACL out');
  assert.equal(out?.decision, 'unknown');
  assert.match(out!.reason, /^TCP 443: rule 50 \(DenyBlocked\) may decide it: .*BlockedRange/);
  // The ingress entries are all known: the return traffic is allowed by rule 100.
  assert.equal(r.hops.find((h) => h.kind === 'network ACL in (return traffic)')?.decision, 'pass');
});

// A Lambda function in a dual-stack subnet sends IPv6 traffic only when its VpcConfig sets
// Ipv6AllowedForDualStack, false by default (https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html;
// the pattern of AWS's "Lambda networking over IPv6" post: a dual-stack subnet whose way out is an egress-only
// internet gateway). We traced its flow both ways and answered "unknown: whether the host has IPv6 addresses",
// naming a value that does not decide it: the function goes over IPv4, where this subnet has no way out.
test('a Lambda function without Ipv6AllowedForDualStack goes over IPv4 only', () => {
  const plain = traced('lambda-dual-stack.yaml', 'PlainFunction', 'internet');
  assert.equal(plain.verdict, 'blocked', plain.summary);
  assert.equal(plain.summary, 'no route from DualSubnet to the internet');
  assert.match(plain.hops[0]!.reason, /PlainFunction sends no IPv6 traffic \(its Ipv6AllowedForDualStack is not true\), so it goes over IPv4 only$/);
  assert.equal(traced('lambda-dual-stack.yaml', 'PlainFunction', '::/0').summary, 'function PlainFunction sends no IPv6 traffic (its Ipv6AllowedForDualStack is not true), so it cannot send to ::/0');
  // SAM's Globals set it for every AWS::Serverless::Function: both ways, as for any dual-stack host.
  const sam = traced('lambda-dual-stack.yaml', 'SamFunction', 'internet');
  assert.equal(sam.verdict, 'unknown', sam.summary);
  assert.match(sam.summary, /^the way depends on the client's address family: over IPv6 .*egress-only internet gateway EgressOnly/);
});

// Endpoints without security groups get the VPC's default group, and templates add HTTPS to it with
// `AWS::EC2::SecurityGroupIngress` whose GroupId is `!GetAtt Vpc.DefaultSecurityGroup`
// (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html: "you can add or remove
// inbound and outbound rules"). We read none of those rules: every path through such an endpoint was
// unknown, saying "the template may add rules" of a template that did. Security group rules only allow,
// so a rule the template adds that admits the client decides; the group's own rules (AWS's, which anyone
// may change) leave every other client unknown.
test('a rule the template adds to the default security group admits what it allows', () => {
  for (const to of ['logs', 'ssm']) {
    const app = traced('default-group-rules.yaml', 'AppSubnet', to);
    assert.equal(app.verdict, 'private', app.summary);
    assert.equal(app.hops.find((h) => h.kind === 'endpoint security group in')?.reason, 'the default security group of Vpc allows inbound TCP 443');
    const other = traced('default-group-rules.yaml', 'OtherSubnet', to);
    assert.equal(other.verdict, 'unknown', other.summary);
    assert.match(other.summary, /the rules this template adds to the default security group of Vpc do not admit it from OtherSubnet, and the group's own rules are not the template's \(by default it admits only its own members\)/);
  }
  // Outbound, the default group allows all traffic by default: said so, never "admits only its own members".
  const out = traced('default-group-rules.yaml', 'Instance', 'logs').hops.find((h) => h.kind === 'security group egress')!;
  assert.equal(out.decision, 'unknown');
  assert.match(out.reason, /by default it allows all outbound traffic/);
  assert.doesNotMatch(out.reason, /admits only its own members/);
});

// Network baselines harden a VPC's default network ACL with entries whose NetworkAclId is
// `!GetAtt Vpc.DefaultNetworkAcl`, and some templates associate subnets with it by that name. We took the
// default ACL as allowing everything whatever the template added to it (SubnetB → ssm was "private" though
// rule 50 denies its HTTPS at the endpoint's subnet), and an association by that name as an ACL "not
// defined in this template". The default ACL allows all traffic with rule 100 (101 for IPv6) before its
// final deny (https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html); the template's
// entries sit among those rules by number.
test('entries the template adds to the default network ACL decide by their number', () => {
  const a = traced('default-nacl-entries.yaml', 'SubnetA', 'ssm');
  assert.equal(a.verdict, 'private', a.summary);
  assert.equal(a.hops.find((h) => h.kind === 'endpoint network ACL in')?.reason, 'TCP 443: rule 100 allows it');
  const b = traced('default-nacl-entries.yaml', 'SubnetB', 'ssm');
  assert.equal(b.verdict, 'blocked', b.summary);
  assert.equal(b.summary, 'the network ACL of endpoint subnet EndpointSubnet drops inbound HTTPS');
  assert.equal(b.hops.find((h) => h.kind === 'endpoint network ACL in')?.reason, 'TCP 443: rule 50 denies it');
  // SubnetB's own ACL (the default one, by name) allows its outbound HTTPS: never "not defined in this template".
  assert.equal(b.hops.find((h) => h.kind === 'network ACL out')?.reason, 'TCP 443: rule 100 allows it');
});

// Appliance and bastion templates make an AWS::EC2::NetworkInterface and attach it as the instance's first
// interface (NetworkInterfaces: [{NetworkInterfaceId: !Ref Eni, DeviceIndex: 0}]). We read only an
// interface's own SubnetId, so such an instance was "not a subnet or a workload with a network
// configuration", which it is. It runs in the interface's subnet with its GroupSet; AWS assigns a public
// IPv4 address only to a new interface, so an existing one has one only through an Elastic IP
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-networkinterface.html).
test('an instance attaching a network interface of the template runs in its subnet, with its groups', () => {
  const app = traced('instance-eni.yaml', 'App', 'ssm');
  assert.equal(app.verdict, 'private', app.summary);
  assert.equal(app.hops[0]!.reason, 'instance App runs in subnet AppSubnet');
  assert.equal(app.hops.find((h) => h.kind === 'security group egress')?.reason, 'AppGroup allows outbound TCP 443');
  assert.equal(traced('instance-eni.yaml', 'Bastion', 'internet').verdict, 'public');
  const plain = traced('instance-eni.yaml', 'Plain', 'internet');
  assert.equal(plain.verdict, 'blocked', plain.summary);
  assert.equal(plain.summary, 'Plain has no public IP, so the internet gateway drops its traffic');
});

// Instances launched from a launch template take from it what they leave out: security groups
// (LaunchTemplateData SecurityGroupIds, or its first interface's Groups), subnet and public IP
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-launchtemplatespecification.html).
// We read the instance's own properties only: an instance whose launch template's group allows outbound
// HTTP alone was "private" to ssm (no egress judged), one whose launch template is not the template's too,
// and one whose subnet is the launch template's "not a workload with a network configuration".
test('an instance launched from a launch template takes its groups and subnet from it', () => {
  for (const from of ['App', 'FromInterface']) {
    const r = traced('instance-launch-template.yaml', from, 'ssm');
    assert.equal(r.verdict, 'blocked', r.summary);
    assert.equal(r.summary, 'blocked by the security group egress rules: no rule of WebOnly allows outbound TCP 443 to EndpointGroup');
  }
  const external = traced('instance-launch-template.yaml', 'External', 'ssm');
  assert.equal(external.verdict, 'unknown', external.summary);
  assert.match(external.summary, /External's security groups are known only at deploy time \(decided by External's LaunchTemplate\)/);
});
