// aws_vpc_endpoint_security_group_association on an endpoint created with no security_group_ids: AWS put
// the endpoint in its VPC's default group (CreateVpcEndpoint), and the association adds a group beside it
// unless `replace_default_association = true` replaces that default association. The association was read
// as the endpoint's only group, so a default group admitting HTTPS was ignored (BLOCKED, wrongly).
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_security_group_association
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html (SecurityGroupId)

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const config = (replace: string, defaultGroup: string, endpointGroups = '') => `
resource "aws_vpc" "main" {
  cidr_block           = "10.2.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.2.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_security_group" "closed" {
  vpc_id = aws_vpc.main.id
}
${defaultGroup}
resource "aws_vpc_endpoint" "ec2" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ec2"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  ${endpointGroups}
}
resource "aws_vpc_endpoint_security_group_association" "closed" {
  vpc_endpoint_id = aws_vpc_endpoint.ec2.id
  security_group_id = aws_security_group.closed.id
  ${replace}
}
resource "aws_instance" "app" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.a.id
}
variable "replace" {
  type = bool
}
`;

// The VPC's default group, managed: outbound to all, HTTPS in from the VPC.
const MANAGED_DEFAULT = `
resource "aws_default_security_group" "d" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.2.0.0/16"]
  }
}
`;

test('an association beside the default group keeps it: its HTTPS rule admits the client', () => {
  for (const replace of ['', 'replace_default_association = false']) {
    const c = checkTf(config(replace, MANAGED_DEFAULT));
    const r = c.trace('aws_instance.app', 'ec2');
    assert.equal(r.verdict, 'private', `${replace || 'not written'}: ${r.summary}`);
    // VPCE6003 said no group of the endpoint admitted HTTPS from the VPC, naming only the associated one.
    assert.ok(!c.rules.includes('VPCE6003'), c.rules.join(', '));
  }
});

test('replace_default_association = true leaves only the associated group', () => {
  const r = checkTf(config('replace_default_association = true', MANAGED_DEFAULT)).trace('aws_instance.app', 'ec2');
  assert.equal(r.verdict, 'blocked', r.summary);
});

test('replace_default_association not known, or the default group not managed: unknown, never blocked', () => {
  const unknownReplace = checkTf(config('replace_default_association = var.replace', MANAGED_DEFAULT)).trace('aws_instance.app', 'ec2');
  assert.equal(unknownReplace.verdict, 'unknown', unknownReplace.summary);
  assert.match(unknownReplace.summary, /var\.replace/);
  const unmanaged = checkTf(config('', '')).trace('aws_instance.app', 'ec2');
  assert.equal(unmanaged.verdict, 'unknown', unmanaged.summary);
});

test('an endpoint written with groups has no default group to keep', () => {
  const r = checkTf(config('', MANAGED_DEFAULT, 'security_group_ids = [aws_security_group.closed.id]')).trace('aws_instance.app', 'ec2');
  assert.equal(r.verdict, 'blocked', r.summary);
});
