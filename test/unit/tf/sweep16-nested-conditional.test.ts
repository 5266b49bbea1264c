// A conditional in another one's else branch, `a ? b : c ? d : e`, is `a ? b : (c ? d : e)` in HCL: each
// branch is a whole expression (hclsyntax/parser.go parseTernaryConditional). The grammar read it as
// `(a ? b : c) ? d : e`: with `a` true, the test became `b` (unknown when a string, the wrong branch when
// a boolean). Found by the session-16 sweep in a public VPC module whose route tables choose their default
// route with `split("^", each.key)[0] == "public" ? [igw] : split(...)[0] == "privnat" ? [nat] : []`.
// Each expected value is what `terraform console` (1.11) prints for `local.v`.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

function value(v: string): unknown {
  return checkTf(`locals {\n  v = ${v}\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n`).prop('aws_vpc_endpoint.x', 'ServiceName');
}

test('a conditional in an else branch is that branch, as HCL reads it', () => {
  assert.equal(value('true ? "a" : false ? "b" : "c"'), 'a');
  assert.equal(value('true ? true : false ? false : true'), true);
  assert.equal(value('false ? "a" : true ? "b" : "c"'), 'b');
  assert.equal(value('false ? 1 : false ? 2 : true ? 3 : 4'), 3);
  assert.equal(value('1 == 1 ? "x" : 2 == 2 ? "y" : "z"'), 'x');
  assert.equal(value('"${true ? "a" : false ? "b" : "c"}-s"'), 'a-s');
  // A conditional in the then branch, and one written in parentheses as the test, keep their reading.
  assert.equal(value('true ? false ? 1 : 2 : 3'), 2);
  assert.equal(value('(true ? true : false) ? "b" : "c"'), 'b');
});

test('a route chosen by a chain of conditionals is the one the first true test chooses', () => {
  const c = checkTf(`
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "g" {
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "s" {
  vpc_id                  = aws_vpc.v.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
resource "aws_route_table" "rt" {
  for_each = toset(["public"])
  vpc_id   = aws_vpc.v.id
  dynamic "route" {
    for_each = (each.key == "public" ? [aws_internet_gateway.g.id] :
                each.key == "privnat" ? ["unused"] : [])
    content {
      cidr_block = "0.0.0.0/0"
      gateway_id = route.value
    }
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.rt["public"].id
}
`);
  const t = c.trace('aws_subnet.s', 'internet');
  assert.equal(t.verdict, 'public', JSON.stringify(t.hops.map((h) => h.reason)));
});
