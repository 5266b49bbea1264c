// data "aws_vpc_endpoint_service" reports the type of the service it finds; a service-type filter's one
// value says which, when that value is a type. kahveh/tf-aws-vpc-endpoints' modules/endpoint filters with
// `values = [try(var.service_type, "Interface")]` and reads the type back with
// `try(data.aws_vpc_endpoint_service.this.service_type, var.service_type)`: with service_type left null
// (its default), the filter's value is null (try() returns the first value that is no error), which names
// no type, and the endpoint's type was read as null, so the AWS provider's default Gateway: VPCE2002
// called the SSM endpoint "a Gateway endpoint without route_table_ids". The found type is the plan's.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/vpc_endpoint_service
// https://developer.hashicorp.com/terraform/language/functions/try

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const MODULE = (typeDefault: string) => `
variable "service_type" {
  type    = string
  default = ${typeDefault}
}
data "aws_vpc_endpoint_service" "this" {
  service = "ssm"
  filter {
    name   = "service-type"
    values = [try(var.service_type, "Interface")]
  }
}
resource "aws_vpc_endpoint" "this" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = data.aws_vpc_endpoint_service.this.service_name
  vpc_endpoint_type = try(data.aws_vpc_endpoint_service.this.service_type, var.service_type)
}
`;

test('a service-type filter whose value is null names no type: the endpoint\'s type stays the plan\'s', () => {
  const c = checkTf(MODULE('null'));
  assert.ok(!c.rules.includes('VPCE2002'), JSON.stringify(c.findings));
  assert.ok(!c.rules.includes('VPCE2001'), JSON.stringify(c.findings));
});

test('a service-type filter with a type: the found service is of that type', () => {
  // Gateway asked for ssm, which has no gateway endpoint: the type the filter names is what is judged.
  assert.ok(checkTf(MODULE('"Gateway"')).rules.includes('VPCE2001'));
});
