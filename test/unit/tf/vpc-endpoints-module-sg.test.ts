// terraform-aws-modules/vpc's vpc-endpoints module's own security group (create_security_group,
// security_group_rules): one group in the call's vpc_id, added to every Interface endpoint's groups,
// whose rules default to ingress TCP 443. Read at the module's versions that take these arguments
// (a call that passes them to a version without them is refused by Terraform): the 5.x main.tf
// (try()/lookup() defaults) and 6.x (typed optional() defaults) make the same group.
// https://github.com/terraform-aws-modules/terraform-aws-vpc/blob/master/modules/vpc-endpoints/main.tf

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const CALL = (sg: string, more = '') => `
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 5.0"
  vpc_id  = aws_vpc.v.id
${sg}
  endpoints = {
    ssm = {
      service             = "ssm"
      private_dns_enabled = true
      subnet_ids          = [aws_subnet.a.id]
    }
  }
}
${more}`;

const RULES = (rule: string) => `
  create_security_group = true
  security_group_rules = {
    ingress_https = {
${rule}
    }
  }
`;

test('the module\'s own group admits what its rules say, TCP 443 ingress by default', () => {
  // Before, the group was "not read": every trace through such an endpoint was unknown.
  const open = checkTf(CALL(RULES('      cidr_blocks = [aws_vpc.v.cidr_block]')));
  assert.deepEqual(open.rules, []);
  assert.equal(open.trace('aws_subnet.a', 'ssm').verdict, 'private');
  // A rule for another range: nothing admits the subnet.
  const other = checkTf(CALL(RULES('      cidr_blocks = ["192.168.0.0/16"]')));
  const t = other.trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'blocked');
  assert.match(JSON.stringify(t.hops), /module\.endpoints\.aws_security_group\.this\[0\]/);
  // Another port: the default 443 is the rule's only when it writes none.
  assert.equal(checkTf(CALL(RULES('      cidr_blocks = ["10.0.0.0/16"]\n      from_port = 80\n      to_port = 80'))).trace('aws_subnet.a', 'ssm').verdict, 'blocked');
  // An egress rule is not an ingress one.
  assert.equal(checkTf(CALL(RULES('      cidr_blocks = ["10.0.0.0/16"]\n      type = "egress"'))).trace('aws_subnet.a', 'ssm').verdict, 'blocked');
  // A list of rules (the module's `any`-typed variable before 6.x iterates it as the map).
  assert.equal(checkTf(CALL('  create_security_group = true\n  security_group_rules = [{ cidr_blocks = ["10.0.0.0/16"] }]\n')).trace('aws_subnet.a', 'ssm').verdict, 'private');
  // No rules: the group admits nothing.
  assert.equal(checkTf(CALL('  create_security_group = true\n')).trace('aws_subnet.a', 'ssm').verdict, 'blocked');
});

test('the module\'s group is added to the call\'s and the entry\'s groups; unknown where create_security_group is', () => {
  const withShared = checkTf(CALL(`${RULES('      cidr_blocks = ["192.168.0.0/16"]')}  security_group_ids = [aws_security_group.ep.id]
`, `
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
`));
  // Either group admitting the subnet lets it in.
  assert.equal(withShared.trace('aws_subnet.a', 'ssm').verdict, 'private');
  const unknown = checkTf(CALL('  create_security_group = var.sg\n', 'variable "sg" {}\n'));
  const t = unknown.trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t.hops), /create_security_group/);
});
