// VPCE5003 said of an S3 interface endpoint without private DNS "there is no S3 gateway endpoint in this
// VPC" where its VPC was one the configuration does not show (a reference into a sibling file, as in a
// public configuration's use of terraform-aws-modules/vpc-endpoints with vpc_id = aws_vpc.x.id): that VPC
// may have an S3 gateway endpoint, which keeps default-name traffic private (model/dns.ts mayHaveGateway).
// A service without gateway endpoints, and a VPC the configuration declares, keep the finding.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const endpoint = (service: string, vpc: string) => `
resource "aws_subnet" "a" {
  vpc_id     = ${vpc}
  cidr_block = "10.0.1.0/24"
}
resource "aws_vpc_endpoint" "e" {
  vpc_id            = ${vpc}
  service_name      = "com.amazonaws.eu-west-1.${service}"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.a.id]
}
`;
const VPC = 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n';
const privateDnsOff = (text: string) => checkTf(text).findings.filter((f) => f.rule === 'VPCE5003').map((f) => f.message);

test('an S3 interface endpoint in a VPC the configuration does not show gets no claim about its gateway endpoints', () => {
  assert.deepEqual(privateDnsOff(endpoint('s3', 'aws_vpc.elsewhere.id')), []);
});

test('a service without gateway endpoints, or a VPC the configuration declares, keeps the finding', () => {
  assert.equal(privateDnsOff(endpoint('sqs', 'aws_vpc.elsewhere.id')).length, 1);
  const [s3] = privateDnsOff(VPC + endpoint('s3', 'aws_vpc.v.id'));
  assert.match(s3 ?? '', /there is no S3 gateway endpoint in this VPC/);
});
