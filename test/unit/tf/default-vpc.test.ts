// The default VPC and the default parts every VPC has, as Terraform manages them (aws_default_vpc,
// aws_default_subnet, aws_default_route_table, aws_default_security_group, aws_default_network_acl).
// Each test fails without the adapter reading them: the endpoint's VPC was absent, or a default part
// the configuration manages was judged as AWS makes it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const DEFAULT_VPC = (vpcBody = '', more = '') => `
data "aws_region" "current" {}
resource "aws_default_vpc" "default" {${vpcBody}}
resource "aws_default_subnet" "a" {
  availability_zone = "eu-west-1a"
}
resource "aws_default_subnet" "b" {
  availability_zone = "eu-west-1b"
}
resource "aws_security_group" "ep" {
  vpc_id = aws_default_vpc.default.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_default_vpc.default.id
  service_name        = "com.amazonaws.\${data.aws_region.current.region}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_default_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
${more}`;

const OPEN_ACL = (id: string) => `
resource "aws_default_network_acl" "default" {
  default_network_acl_id = ${id}
  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  egress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
`;

test('an endpoint in the default VPC: DNS hostnames are on unless the configuration turns them off', () => {
  // aws_default_vpc's enable_dns_hostnames defaults to true (aws_vpc's to false):
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_vpc
  assert.deepEqual(checkTf(DEFAULT_VPC()).rules, []);
  // Before, the default VPC was not in the model: a private DNS endpoint in it with hostnames off went unseen.
  const off = checkTf(DEFAULT_VPC('\n  enable_dns_hostnames = false\n'));
  assert.deepEqual(off.rules, ['VPCE5001']);
  assert.match(off.findings[0]!.message, /needs enable_dns_hostnames on aws_default_vpc\.default/);
});

test('a default subnet is in the default VPC; its network ACL is the default VPC\'s, unknown unless the configuration manages it', () => {
  // AWS's default network ACL allows everything, but the default VPC's predates the configuration: it is
  // not judged as if it did, only as aws_default_network_acl writes it (Terraform removes every rule
  // when it adopts it, then makes the ones written):
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_network_acl
  // From the other default subnet: the flow leaves one subnet and enters the endpoint's.
  const c = checkTf(DEFAULT_VPC());
  const t = c.trace('aws_default_subnet.b', 'ssm');
  assert.equal(t.verdict, 'unknown');
  assert.match(t.summary + JSON.stringify(t.hops), /default network ACL of aws_default_vpc\.default/);
  const managed = checkTf(DEFAULT_VPC('', OPEN_ACL('aws_default_vpc.default.default_network_acl_id')));
  assert.equal(managed.trace('aws_default_subnet.b', 'ssm').verdict, 'private');
  // No rules written: every rule removed, nothing passes.
  const closed = checkTf(DEFAULT_VPC('', 'resource "aws_default_network_acl" "default" {\n  default_network_acl_id = aws_default_vpc.default.default_network_acl_id\n}\n'));
  assert.equal(closed.trace('aws_default_subnet.b', 'ssm').verdict, 'blocked');
});

test('the default network ACL of a VPC the configuration creates is the one aws_default_network_acl writes', () => {
  // Before, a subnet with no ACL association was judged by AWS's allow-all default ACL even where the
  // configuration's aws_default_network_acl removes every rule: a path called private that is dropped.
  const text = (acl: string) => `
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.v.id # client
  cidr_block        = "10.0.3.0/24"
  availability_zone = "eu-west-1b"
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
${acl}`;
  assert.equal(checkTf(text('')).trace('aws_subnet.b', 'ssm').verdict, 'private');
  const closed = checkTf(text('resource "aws_default_network_acl" "d" {\n  default_network_acl_id = aws_vpc.v.default_network_acl_id\n}\n'));
  const t = closed.trace('aws_subnet.b', 'ssm');
  assert.equal(t.verdict, 'blocked');
  assert.match(JSON.stringify(t.hops), /aws_default_network_acl\.d/);
  assert.equal(checkTf(text(OPEN_ACL('aws_vpc.v.default_network_acl_id'))).trace('aws_subnet.b', 'ssm').verdict, 'private');
  // A subnet the ACL lists is associated with it too.
  const listed = checkTf(text('resource "aws_default_network_acl" "d" {\n  default_network_acl_id = aws_vpc.v.default_network_acl_id\n  subnet_ids = [aws_subnet.a.id]\n}\n'));
  const acl = listed.r.analysis.network()!.judged().subnets.get('aws_subnet.a')!.nacl;
  assert.ok(acl.known && acl.value === 'aws_default_network_acl.d');
  // An ACL whose VPC is not known may be this subnet's VPC's default one: unknown, not allow-all.
  const which = checkTf(text('variable "acl" {}\nresource "aws_default_network_acl" "d" {\n  default_network_acl_id = var.acl\n}\n'));
  assert.equal(which.trace('aws_subnet.b', 'ssm').verdict, 'unknown');
  // So may a subnet whose VPC is not known be in the VPC of a default ACL that removes every rule.
  const subnetVpc = checkTf(text('resource "aws_default_network_acl" "d" {\n  default_network_acl_id = aws_vpc.v.default_network_acl_id\n}\n').replace('vpc_id            = aws_vpc.v.id # client', 'vpc_id            = var.vpc').concat('variable "vpc" {}\n'));
  assert.match(JSON.stringify(subnetVpc.trace('aws_subnet.b', 'ssm').hops), /aws_default_network_acl\.d may manage the default network ACL/);
});

test('the default VPC\'s main route table holds routes the configuration does not show, unless aws_default_route_table manages it', () => {
  // A default subnet uses the main route table, which AWS made with a route to the internet gateway
  // (https://docs.aws.amazon.com/vpc/latest/userguide/default-subnet.html) and which may have changed since.
  const c = checkTf(DEFAULT_VPC('', OPEN_ACL('aws_default_vpc.default.default_network_acl_id')));
  const out = c.trace('aws_default_subnet.a', 'internet');
  assert.equal(out.verdict, 'unknown');
  assert.doesNotMatch(out.summary, /local route only/);
  // aws_default_route_table removes every route when it adopts the table, then makes the ones written:
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_route_table
  const managed = checkTf(DEFAULT_VPC('', `${OPEN_ACL('aws_default_vpc.default.default_network_acl_id')}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_default_vpc.default.default_route_table_id
}
`));
  assert.equal(managed.trace('aws_default_subnet.a', 'internet').verdict, 'blocked');
  // A gateway endpoint added to that table: its route is there; what else is there is still not known.
  const s3 = checkTf(DEFAULT_VPC('', `${OPEN_ACL('aws_default_vpc.default.default_network_acl_id')}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_default_vpc.default.id
  service_name    = "com.amazonaws.\${data.aws_region.current.region}.s3"
  route_table_ids = [aws_default_vpc.default.main_route_table_id]
}
`));
  assert.deepEqual(s3.rules, []);
  assert.match(JSON.stringify(s3.trace('aws_default_subnet.a', 's3').hops), /aws_vpc_endpoint\.s3/);
});

test('aws_default_security_group without vpc_id is the default VPC\'s; with no rules it admits nothing', () => {
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group:
  // Terraform removes every rule of the group when it adopts it, then creates the ones written.
  const text = (rules: string) => DEFAULT_VPC('', `${OPEN_ACL('aws_default_vpc.default.default_network_acl_id')}
resource "aws_default_security_group" "default" {${rules}}
resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_default_vpc.default.id
  service_name        = "com.amazonaws.\${data.aws_region.current.region}.logs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_default_subnet.a.id]
}
`);
  assert.equal(checkTf(text('')).trace('aws_default_subnet.a', 'logs').verdict, 'blocked');
  const open = `
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
`;
  assert.equal(checkTf(text(open)).trace('aws_default_subnet.a', 'logs').verdict, 'private');
});
