// Terraform has no Fn::GetAtt: the lowered template's reads of a resource's attributes are the adapter's
// own (`aws_vpc_endpoint.s3.prefix_list_id` becomes `Fn::GetAtt [.., PrefixListId]`, which is no
// CloudFormation attribute of AWS::EC2::VPCEndpoint), so VPCE0008 must say nothing about them.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { toPlain } from '../../../server/src/core/document/tree.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';

before(() => ensureTerraformParser());

const TEXT = `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
  }
}
`;

test('an attribute reference in Terraform is not judged as Fn::GetAtt', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: TEXT }], { settings: { regions: ['eu-west-1'] } });
  assert.match(JSON.stringify(toPlain(r.module.root)), /"Fn::GetAtt":\["aws_vpc_endpoint\.s3","PrefixListId"\]/);
  assert.deepEqual(r.analysis.findings.filter((f) => f.ruleId === 'VPCE0008').map((f) => f.message), []);
});
