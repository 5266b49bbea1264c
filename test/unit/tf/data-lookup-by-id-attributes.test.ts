// A data source that looks a VPC or subnet up by the id of one the configuration manages is that
// resource: its cidr_block (and a subnet's vpc_id and availability_zone) are the resource's own. The
// real-world shape (epomatti/aws-vpc-endpoints' modules/vpce/*): a module given `vpc_id` reads
// `data "aws_vpc" "selected" { id = var.vpc_id }` for the endpoint group's 443 rule from
// `data.aws_vpc.selected.cidr_block`; the caller passes the VPC it creates. That range was "read at plan
// time", so every path through the endpoint was unknown and VPCE6003 could not judge the group.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/vpc
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/subnet

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const NET = (port: number, lookupId: string) => `
variable "vpc_id" {}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
data "aws_vpc" "selected" {
  id = ${lookupId}
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
}
resource "aws_security_group_rule" "in" {
  type              = "ingress"
  from_port         = ${port}
  to_port           = ${port}
  protocol          = "tcp"
  cidr_blocks       = [data.aws_vpc.selected.cidr_block]
  security_group_id = aws_security_group.ep.id
}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "app" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
`;

test('data "aws_vpc" by a managed VPC\'s id: its cidr_block is that VPC\'s, which the endpoint\'s group admits', () => {
  assert.equal(checkTf(NET(443, 'aws_vpc.main.id')).trace('aws_instance.app', 'sqs').verdict, 'private');
});

test('data "aws_vpc" by an id the configuration does not know, or by another type\'s id: its range stays unknown', () => {
  for (const id of ['var.vpc_id', 'aws_subnet.a.id']) {
    const c = checkTf(NET(443, id));
    const t = c.trace('aws_instance.app', 'sqs');
    assert.equal(t.verdict, 'unknown', id);
    assert.match(t.summary, /data\.aws_vpc\.selected\.cidr_block/, id);
  }
});

test('data "aws_subnet" by a managed subnet\'s id: its vpc_id is that subnet\'s VPC', () => {
  const text = (lookup: string) => `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "other" {
  cidr_block = "10.9.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_subnet" "o" {
  vpc_id            = aws_vpc.other.id
  cidr_block        = "10.9.1.0/24"
  availability_zone = "eu-west-1a"
}
data "aws_subnet" "picked" {
  id = ${lookup}
}
resource "aws_security_group" "ep" {
  vpc_id = data.aws_subnet.picked.vpc_id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [data.aws_subnet.picked.cidr_block]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
`;
  // The group is in the other VPC's subnet's VPC: another VPC than the endpoint's (EC2 refuses it).
  assert.ok(checkTf(text('aws_subnet.o.id')).rules.includes('VPCE6002'));
  assert.ok(!checkTf(text('aws_subnet.a.id')).rules.includes('VPCE6002'));
});
