// aws_ec2_managed_prefix_list, read as CloudFormation's AWS::EC2::PrefixList (cfn/prefix-lists.ts): a
// security-group rule naming one admits its entries. Before, the list was not read: every such rule was
// "a prefix list outside this template", so a trace through it was unknown and VPCE6003 silent.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_managed_prefix_list
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_managed_prefix_list_entry

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'tf', 'prefix-lists', 'managed-prefix-list.tf'), 'utf8');

test('a prefix list the configuration makes stands for its entries in security-group rules', () => {
  const c = checkTf(text);
  // The app's egress names the VPC's list (10.0.0.0/16); sts's group admits the same list.
  const sts = c.trace('aws_instance.app', 'sts');
  assert.equal(sts.verdict, 'private', sts.summary);
  // ssm's group admits only the corporate list (192.168.0.0/16): no client in the VPC.
  const ssm = c.trace('aws_instance.app', 'ssm');
  assert.equal(ssm.verdict, 'blocked', ssm.summary);
  assert.equal(ssm.summary, "the endpoint's security groups do not admit HTTPS from aws_instance.app: no rule of aws_security_group.ep allows inbound TCP 443 from aws_instance.app");
  assert.deepEqual(c.findings.filter((f) => f.rule === 'VPCE6003').map((f) => f.message), ["aws_vpc_endpoint.ssm: no security group of the endpoint (aws_security_group.ep) admits TCP 443 from the VPC; clients' calls through it time out"]);
});

test('entries added by aws_ec2_managed_prefix_list_entry leave the list unknown, naming the resource', () => {
  const c = checkTf(`${text}
resource "aws_ec2_managed_prefix_list_entry" "more" {
  for_each       = toset(["10.0.0.0/8"])
  prefix_list_id = aws_ec2_managed_prefix_list.corp.id
  cidr           = each.value
}`);
  const ssm = c.trace('aws_instance.app', 'ssm');
  assert.equal(ssm.verdict, 'unknown', ssm.summary);
  assert.match(ssm.summary, /the entries of prefix list aws_ec2_managed_prefix_list\.corp are not all known: aws_ec2_managed_prefix_list_entry\.more adds entries/);
  assert.deepEqual(c.findings.filter((f) => f.rule === 'VPCE6003'), []);
  // The other list is not named by the entry: still read.
  assert.equal(c.trace('aws_instance.app', 'sts').verdict, 'private');
});
