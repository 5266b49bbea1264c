// A Terraform ServiceNetwork or Resource endpoint's Lattice private DNS preference, written since AWS
// provider 6.28.0 as dns_options { private_dns_preference, private_dns_specified_domains } (the
// provider's CHANGELOG: "resource/aws_vpc_endpoint: Add dns_options.private_dns_preference and
// dns_options.private_dns_specified_domains arguments", #45679). They were not read: the trace said the
// endpoint "has private DNS without a PrivateDnsPreference" (in CloudFormation's words) where the
// configuration writes one, and every AWS service name in the VPC was unknown.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const TEXT = (dnsOptions: string) => `
resource "aws_vpc" "v" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "r" { vpc_id = aws_vpc.v.id }
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.r.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.r.id]
}
resource "aws_vpclattice_service_network" "sn" {
  name      = "example"
  auth_type = "NONE"
}
resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.v.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = aws_vpclattice_service_network.sn.arn
  subnet_ids          = [aws_subnet.a.id]
  private_dns_enabled = true
  ${dnsOptions}
}
`;

test('private_dns_preference = "VERIFIED_DOMAINS_ONLY": Lattice answers no AWS service name, so s3 goes through its gateway endpoint', () => {
  const t = checkTf(TEXT('dns_options {\n    private_dns_preference = "VERIFIED_DOMAINS_ONLY"\n  }')).trace('aws_subnet.a', 's3');
  assert.equal(t.verdict, 'private', t.summary);
});

test('SPECIFIED_DOMAINS_ONLY with other domains written: the s3 name is not among them, so it goes through its gateway endpoint', () => {
  const c = checkTf(TEXT('dns_options {\n    private_dns_preference        = "SPECIFIED_DOMAINS_ONLY"\n    private_dns_specified_domains = ["internal.example.com"]\n  }'));
  const t = c.trace('aws_subnet.a', 's3');
  assert.equal(t.verdict, 'private', t.summary);
});

test("no preference written: unknown, naming it in Terraform's words", () => {
  const t = checkTf(TEXT('')).trace('aws_subnet.a', 's3');
  assert.equal(t.verdict, 'unknown', t.summary);
  assert.match(t.summary, /dns_options\.private_dns_preference/);
  assert.doesNotMatch(t.summary, /PrivateDnsPreference/);
});
