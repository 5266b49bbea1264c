// The endpoint subnet's network ACL judges a client whose address range is not known too: an ACL that
// drops inbound HTTPS from everyone drops it from that client, and one that admits only some ranges
// leaves the answer unknown. Before, the hop was skipped and the path was called private.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const TEXT = (acl: string) => `
variable "client_cidr" {}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "client" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = var.client_cidr
  availability_zone = "eu-west-1a"
}
resource "aws_subnet" "ep" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_network_acl" "ep" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.ep.id]
${acl}}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.ep.id]
  security_group_ids  = [aws_security_group.ep.id]
}
`;

const RULE = (dir: string, cidr: string) => `  ${dir} {
    protocol   = "-1"
    rule_no    = 100
    action     = "allow"
    cidr_block = "${cidr}"
    from_port  = 0
    to_port    = 0
  }
`;

test('an endpoint subnet ACL with no rules drops a client whose range is not known', () => {
  const t = checkTf(TEXT('')).trace('aws_subnet.client', 'ssm');
  assert.equal(t.verdict, 'blocked');
  assert.match(t.summary, /network ACL of endpoint subnet aws_subnet\.ep drops inbound HTTPS/);
});

test('an endpoint subnet ACL that admits some ranges leaves a client of unknown range unknown; one that admits all passes it', () => {
  assert.equal(checkTf(TEXT(RULE('ingress', '10.0.0.0/16') + RULE('egress', '10.0.0.0/16'))).trace('aws_subnet.client', 'ssm').verdict, 'unknown');
  assert.equal(checkTf(TEXT(RULE('ingress', '0.0.0.0/0') + RULE('egress', '0.0.0.0/0'))).trace('aws_subnet.client', 'ssm').verdict, 'private');
});

test('a client in the endpoint\'s only subnet meets no network ACL on the way to it', () => {
  // "We evaluate the network ACL rules when traffic enters and leaves the subnet, not as it is routed
  // within a subnet": https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html
  const text = TEXT('').replace('cidr_block        = var.client_cidr', 'cidr_block        = "10.0.1.0/24"');
  const t = checkTf(text).trace('aws_subnet.ep', 'ssm');
  assert.equal(t.verdict, 'private');
  assert.match(JSON.stringify(t.hops), /not as it is routed within/);
  // From another subnet the ACL with no rules drops it, on the way out of the client's subnet if not in.
  assert.equal(checkTf(text).trace('aws_subnet.client', 'ssm').verdict, 'blocked');
});
