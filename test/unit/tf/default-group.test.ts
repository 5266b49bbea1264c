// A VPC's default security group is one fact of the model (model/default-group.ts): an instance given no
// group, an instance naming the group and an Interface endpoint given none are all in it, in both formats.
// AWS made it inbound from its members and outbound to all, and anyone may have changed it since, so
// the answer is unknown unless the configuration manages it (aws_default_security_group: exactly the
// rules written; none written removes AWS's) or a rule it adds lets the flow through.
// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html (SecurityGroupIds)
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { traceText } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const fixture = (dir: string, name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', dir, name), 'utf8');
const tf = (...names: string[]) => checkTf(names.map((n) => fixture('tf/workloads', n)).join('\n'));
const cfn = (text: string, from: string) => {
  const a = traceText(text, from, 'ssm');
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
};

test('an instance with no security group and one naming the default group get the same answer, in both formats', () => {
  // Before: no group was no egress check at all (private), the named default group unknown.
  const c = tf('instance-default-group.tf');
  const none = c.trace('aws_instance.no_groups', 'ssm');
  const named = c.trace('aws_instance.default_group', 'ssm');
  assert.equal(none.verdict, 'unknown', none.summary);
  assert.equal(named.verdict, 'unknown', named.summary);
  const egress = (r: typeof none) => r.hops.find((h) => h.kind === 'security group egress');
  assert.equal(egress(none)?.resource, 'aws_vpc.main');
  assert.equal(egress(none)?.reason, egress(named)?.reason);
  assert.match(egress(none)!.reason, /default security group of aws_vpc\.main keeps rules this template does not manage \(by default it allows all outbound traffic/);
  const yaml = fixture('real-cfn6', 'instance-default-group.yaml');
  assert.equal(cfn(yaml, 'NoGroups').verdict, 'unknown');
  assert.equal(cfn(yaml, 'DefaultGroup').verdict, 'unknown');
  assert.equal(egress(cfn(yaml, 'NoGroups'))?.reason, egress(cfn(yaml, 'DefaultGroup'))?.reason);
  // A rule the template adds to the default group lets the flow through, whichever way the instance is in it.
  const added = `${yaml}
  DefaultOut:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt Vpc.DefaultSecurityGroup
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/16
`;
  assert.equal(cfn(added, 'NoGroups').verdict, 'private');
  assert.equal(cfn(added, 'DefaultGroup').verdict, 'private');
});

test('aws_default_security_group decides the default group: no rules blocks, its rules admit', () => {
  const closed = tf('instance-default-group.tf', 'default-group-closed.tf');
  for (const from of ['aws_instance.no_groups', 'aws_instance.default_group']) {
    const r = closed.trace(from, 'ssm');
    assert.equal(r.verdict, 'blocked', `${from}: ${r.summary}`);
    assert.match(r.summary, /no rule of aws_default_security_group\.default allows outbound TCP 443/);
  }
  const open = tf('instance-default-group.tf', 'default-group-open.tf');
  for (const from of ['aws_instance.no_groups', 'aws_instance.default_group']) assert.equal(open.trace(from, 'ssm').verdict, 'private', from);
  // The logs endpoint has no group either: the same default group, which admits its own members.
  const logs = open.trace('aws_instance.no_groups', 'logs');
  assert.equal(logs.verdict, 'private', logs.summary);
  assert.equal(logs.hops.find((h) => h.kind === 'endpoint security group in')?.resource, 'aws_default_security_group.default');
  assert.equal(closed.trace('aws_instance.no_groups', 'logs').verdict, 'blocked');
});

// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#security_groups
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html (SecurityGroups)
test('aws_instance.security_groups (and CloudFormation SecurityGroups) are the instance\'s groups, by id or by name', () => {
  // Before, they were not read: the instance had no group, and no egress check (private).
  const c = tf('instance-security-groups.tf');
  for (const from of ['aws_instance.by_id', 'aws_instance.by_name']) {
    const r = c.trace(from, 'ssm');
    assert.equal(r.verdict, 'blocked', `${from}: ${r.summary}`);
    assert.match(r.summary, /no rule of aws_security_group\.closed allows outbound TCP 443/);
  }
  // With vpc_security_group_ids too: any of the groups admitting the flow lets it out.
  const both = c.trace('aws_instance.both', 'ssm');
  assert.equal(both.verdict, 'private', both.summary);
  assert.match(both.hops.find((h) => h.kind === 'security group egress')!.reason, /aws_security_group\.closed, aws_security_group\.https_out allow outbound TCP 443/);
  const yaml = fixture('real-cfn6', 'instance-security-groups.yaml');
  assert.equal(cfn(yaml, 'ByName').verdict, 'blocked');
  assert.equal(cfn(yaml, 'Both').verdict, 'private');
});

// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html (securityGroups)
test('an ECS service given no security group is in the default group too', () => {
  const ecs = `
resource "aws_ecs_service" "api" {
  name = "api"
  network_configuration {
    subnets = [aws_subnet.app.id]
  }
}`;
  const c = checkTf(`${fixture('tf/workloads', 'instance-default-group.tf')}\n${ecs}`);
  const r = c.trace('aws_ecs_service.api', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(r.hops.find((h) => h.kind === 'security group egress')?.resource, 'aws_vpc.main');
  const closed = checkTf(`${fixture('tf/workloads', 'instance-default-group.tf')}\n${fixture('tf/workloads', 'default-group-closed.tf')}\n${ecs}`);
  assert.equal(closed.trace('aws_ecs_service.api', 'ssm').verdict, 'blocked');
});
