// A service name built from the very value the provider's `region` reads (`local.region` in both, as
// aws-ia/terraform-aws-eks-blueprints' examples write them) names the Region the endpoint is created in
// wherever that value is changed: VPCE3002 called it hard-coded and advised data.aws_region. A name
// written out, or made of another value that merely holds the same text, is still hard-coded.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const config = (providerRegion: string) => `
provider "aws" {
  region = ${providerRegion}
}
locals {
  region = "eu-west-1"
  other  = "eu-west-1"
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "template" {
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
  service_name      = "com.amazonaws.\${local.region}.sqs"
}
resource "aws_vpc_endpoint" "format" {
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
  service_name      = format("com.amazonaws.%s.sns", local.region)
}
resource "aws_vpc_endpoint" "literal" {
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
  service_name      = "com.amazonaws.eu-west-1.kms"
}
resource "aws_vpc_endpoint" "other" {
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
  service_name      = "com.amazonaws.\${local.other}.ssm"
}
`;

const hardCoded = (providerRegion: string) =>
  checkTf(config(providerRegion)).findings.filter((f) => f.rule === 'VPCE3002').map((f) => f.resource).sort();

test('a name made of the provider\'s own region value is not hard-coded', () => {
  assert.deepEqual(hardCoded('local.region'), ['aws_vpc_endpoint.literal', 'aws_vpc_endpoint.other']);
});

test('with the provider\'s region written out, a name from a local still hard-codes it', () => {
  assert.deepEqual(hardCoded('"eu-west-1"'), ['aws_vpc_endpoint.format', 'aws_vpc_endpoint.literal', 'aws_vpc_endpoint.other', 'aws_vpc_endpoint.template']);
});
