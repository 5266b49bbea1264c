// Terraform workloads read as their CloudFormation twins (test/fixtures/real-cfn6): the same arguments
// lowered into the same CloudFormation-shaped input, so the network model gives the same verdicts.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { traceText } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const fixture = (dir: string, name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', dir, name), 'utf8');
const tf = (name: string) => checkTf(fixture('tf/workloads', name));
function cfn(name: string, from: string, to: string) {
  const a = traceText(fixture('real-cfn6', name), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

// vpc_config.ipv6_allowed_for_dual_stack is CloudFormation's Ipv6AllowedForDualStack (default false):
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#vpc_config
// https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html
test('a Terraform Lambda function without ipv6_allowed_for_dual_stack goes over IPv4 only, as in CloudFormation', () => {
  const c = tf('lambda-dual-stack.tf');
  const plain = c.trace('aws_lambda_function.plain', 'internet');
  const twin = cfn('lambda-dual-stack.yaml', 'PlainFunction', 'internet');
  assert.equal(plain.verdict, 'blocked', plain.summary);
  assert.equal(plain.verdict, twin.verdict);
  assert.equal(plain.summary, 'no route from aws_subnet.dual to the internet');
  assert.match(plain.hops[0]!.reason, /^function aws_lambda_function.plain runs in subnet aws_subnet.dual; function aws_lambda_function.plain sends no IPv6 traffic \(its ipv6_allowed_for_dual_stack is not true\), so it goes over IPv4 only$/);
  // Set true: both ways, as the SAM function of the twin.
  const dual = c.trace('aws_lambda_function.dual', 'internet');
  const samTwin = cfn('lambda-dual-stack.yaml', 'SamFunction', 'internet');
  assert.equal(dual.verdict, 'unknown', dual.summary);
  assert.equal(dual.verdict, samTwin.verdict);
  assert.match(dual.summary, /^the way depends on the client's address family: over IPv6 .*egress-only internet gateway/);
  // A variable without a default: unknown, not the default.
  const later = c.trace('aws_lambda_function.decided_later', 'internet');
  assert.equal(later.verdict, 'unknown', later.summary);
  assert.doesNotMatch(later.hops[0]!.reason, /sends no IPv6 traffic/);
});

// network_interface { network_interface_id, device_index = 0 } (or primary_network_interface, AWS provider 6)
// attaches an aws_network_interface: the instance runs in its subnet_id with its security_groups, and has a
// public IPv4 address only through an Elastic IP (aws_eip network_interface, aws_eip_association).
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#network-interfaces
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_interface
test('a Terraform instance attaching an aws_network_interface runs in its subnet, with its groups, as in CloudFormation', () => {
  const c = tf('instance-eni.tf');
  const app = c.trace('aws_instance.app', 'ssm');
  assert.equal(app.verdict, 'private', app.summary);
  assert.equal(app.verdict, cfn('instance-eni.yaml', 'App', 'ssm').verdict);
  assert.equal(app.hops[0]!.reason, 'instance aws_instance.app runs in subnet aws_subnet.app');
  assert.equal(app.hops.find((h) => h.kind === 'security group egress')?.reason, 'aws_security_group.app allows outbound TCP 443');
  const bastion = c.trace('aws_instance.bastion', 'internet');
  assert.equal(bastion.verdict, 'public', bastion.summary);
  assert.equal(bastion.verdict, cfn('instance-eni.yaml', 'Bastion', 'internet').verdict);
  assert.equal(c.trace('aws_instance.own_eip', 'internet').verdict, 'public');
  const plain = c.trace('aws_instance.plain', 'internet');
  assert.equal(plain.verdict, 'blocked', plain.summary);
  assert.equal(plain.verdict, cfn('instance-eni.yaml', 'Plain', 'internet').verdict);
  assert.equal(plain.summary, 'aws_instance.plain has no public IP, so the internet gateway drops its traffic');
  // An interface the module does not make: unknown, naming it.
  const given = c.trace('aws_instance.given', 'ssm');
  assert.equal(given.verdict, 'unknown', given.summary);
  assert.match(given.summary, /var\.eni_id/);
});

// launch_template { id | name, version }: what the instance leaves out comes from the template.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#launch-template-specification
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/launch_template
test('a Terraform instance launched from an aws_launch_template takes its groups and subnet from it, as in CloudFormation', () => {
  const c = tf('instance-launch-template.tf');
  for (const [from, twin] of [['aws_instance.app', 'App'], ['aws_instance.from_interface', 'FromInterface']] as const) {
    const r = c.trace(from, 'ssm');
    assert.equal(r.verdict, 'blocked', `${from}: ${r.summary}`);
    assert.equal(r.verdict, cfn('instance-launch-template.yaml', twin, 'ssm').verdict);
    assert.equal(r.summary, 'blocked by the security group egress rules: no rule of aws_security_group.web_only allows outbound TCP 443 to aws_security_group.endpoint');
  }
  const external = c.trace('aws_instance.external', 'ssm');
  assert.equal(external.verdict, 'unknown', external.summary);
  assert.equal(external.verdict, cfn('instance-launch-template.yaml', 'External', 'ssm').verdict);
  assert.match(external.summary, /aws_instance\.external's security groups are known only at deploy time/);
  // $Latest: which version it launched from is not the configuration's to say.
  const latest = c.trace('aws_instance.latest', 'ssm');
  assert.equal(latest.verdict, 'unknown', latest.summary);
  assert.match(latest.summary, /\$Latest/);
  // Its public IP too: unknown, naming the version, not 'a launch template this template does not define'.
  const ip = c.r.analysis.network()!.deployments()[0]!.model.workloads.get('aws_instance.latest')!.publicIp;
  assert.ok(ip !== 'subnet' && !ip.known && ip.decides === 'aws_instance.latest\'s launch_template version "$Latest"', JSON.stringify(ip));
});
