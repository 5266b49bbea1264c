// Terraform expressions evaluated where the configuration makes the result certain (tf/functions.ts,
// tf/eval.ts): built-in functions, conditionals, operators and `for` expressions. Each case is an
// expression and the value Terraform gives it (`terraform console` agrees on every known one); an
// expression whose value is not certain is unknown, naming what decides it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { lowerTerraform } from '../../../server/src/core/tf/lower.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { toPlain, type MapNode, type Node } from '../../../server/src/core/document/tree.js';

before(() => ensureTerraformParser());

const PRELUDE = `
variable "region" { default = "eu-west-1" }
variable "unset" {}
variable "names" { default = ["a", "b"] }
variable "tags" { default = { env = "prod", team = "net" } }
variable "typed" {
  type    = object({ env = string, owner = optional(string) })
  default = { env = "prod" }
}
data "aws_region" "current" {}
resource "aws_subnet" "c" {
  count      = 1
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "m" {
  for_each   = { a = "10.0.2.0/24", b = "10.0.3.0/24" }
  cidr_block = each.value
}
locals {
  services = { s3 = "Gateway", ssm = "Interface", logs = "Interface" }
  services_list = ["s3", "logs"]
}
`;

/** The lowered value of `expr` (as an endpoint's service_name), as plain data. */
function value(expr: string): unknown {
  const m = lowerTerraform([{ path: 'main.tf', text: `${PRELUDE}\nresource "aws_vpc_endpoint" "x" {\n  service_name = ${expr}\n}\n` }]);
  const resources = (m.root.pairs.find((p) => p.key.value === 'Resources')!.value as MapNode).pairs;
  const props = (resources.find((p) => p.key.value === 'aws_vpc_endpoint.x')!.value as MapNode).pairs.find((p) => p.key.value === 'Properties')!.value as MapNode;
  return JSON.parse(JSON.stringify(toPlain(props.pairs.find((p) => p.key.value === 'ServiceName')!.value as Node)));
}

const REGION = { Ref: 'AWS::Region' };

const KNOWN: [string, unknown][] = [
  ['join(".", ["com.amazonaws", data.aws_region.current.name, "s3"])', { 'Fn::Join': ['.', ['com.amazonaws', REGION, 's3']] }],
  ['join("-", ["a"], ["b", 1, true])', 'a-b-1-true'],
  ['format("com.amazonaws.%s.s3", var.region)', 'com.amazonaws.eu-west-1.s3'],
  ['format("com.amazonaws.%s.%s", data.aws_region.current.name, "s3")', { 'Fn::Join': ['', ['com.amazonaws.', REGION, '.s3']] }],
  ['format("%d%%-%s", 42, "x")', '42%-x'],
  ['lower("COM.AMAZONAWS.EU-WEST-1.S3")', 'com.amazonaws.eu-west-1.s3'],
  ['upper("ab")', 'AB'],
  ['replace("com.amazonaws.REGION.s3", "REGION", var.region)', 'com.amazonaws.eu-west-1.s3'],
  ['replace("com.amazonaws.<REGION>.athena", "<REGION>", data.aws_region.current.name)', { 'Fn::Join': ['', ['com.amazonaws.', REGION, '.athena']] }],
  ['replace("com.amazonaws.s3-global.accesspoint", "<REGION>", data.aws_region.current.name)', 'com.amazonaws.s3-global.accesspoint'],
  ['trimspace("  com.amazonaws.eu-west-1.s3\\n")', 'com.amazonaws.eu-west-1.s3'],
  ['concat(["a"], var.names)', ['a', 'a', 'b']],
  ['merge(var.tags, { env = "dev" })', { env: 'dev', team: 'net' }],
  ['lookup(var.tags, "env", "none")', 'prod'],
  ['lookup(var.tags, "owner", "none")', 'none'],
  // Each instance of the configuration's own resources has its own id.
  ['index(values(aws_subnet.m)[*].id, aws_subnet.m["b"].id)', 1],
  ['index([aws_subnet.c[0].id, aws_subnet.m["a"].id], aws_subnet.m["a"].id)', 1],
  // A type with optional attributes gives the object the key as null when the value does not write it
  // (type-defaults.ts): reading it does not fail, so try() keeps the null.
  ['can(var.typed.owner)', true],
  ['try(var.typed.owner, "x") == null', true],
  ['[for s in aws_subnet.c : lookup(s, "cidr_block", "none")][0]', '10.0.1.0/24'],
  ['element(var.names, 3)', 'b'],
  ['tostring(5)', '5'],
  ['coalesce("", null, "x", "y")', 'x'],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['flatten([["a"], [["b"]], "c"])', ['a', 'b', 'c']],
  ['keys(local.services)', ['logs', 's3', 'ssm']],
  ['values(local.services)', ['Interface', 'Gateway', 'Interface']],
  ['length(var.names)', 2],
  ['length("héllo")', 5],
  ['contains(var.names, "b")', true],
  ['contains(var.names, "c")', false],
  ['tolist(var.names)', ['a', 'b']],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['var.region == "eu-west-1" ? "yes" : "no"', 'yes'],
  ['!(1 < 2) || length(var.names) >= 2 && true', true],
  ['1 == "1"', false],
  ['[for k, v in local.services : k if v == "Interface"]', ['logs', 'ssm']],
  ['{ for k, v in local.services : v => k... }', { Gateway: ['s3'], Interface: ['logs', 'ssm'] }],
  ['{ for s in var.names : upper(s) => "com.amazonaws.${var.region}.${s}" }', { A: 'com.amazonaws.eu-west-1.a', B: 'com.amazonaws.eu-west-1.b' }],
  ['{ (var.region) = 1 }', { 'eu-west-1': 1 }],
  // try/can over a value the configuration writes: a missing key or index fails, the next argument is taken.
  ['try(local.services.rds, local.services["s3"])', 'Gateway'],
  ['try(local.services.ssm, "none")', 'Interface'],
  ['try(["a", "b"][5], "none")', 'none'],
  ['can(local.services.rds)', false],
  ['can(local.services.ssm)', true],
  // The same over a variable's default taken as its value (as its present keys are): with no type, or
  // one without optional attributes, a key it does not write is missing, as in a local.
  ['try(var.tags.owner, "x")', 'x'],
  ['can(var.tags.owner)', false],
  ['try(var.names[5], "none")', 'none'],
  // List and string functions configurations build endpoint and association maps with (functions-lists.ts).
  ['setproduct(["a", "b"], ["x", "y"])', [['a', 'x'], ['a', 'y'], ['b', 'x'], ['b', 'y']]],
  ['setproduct(var.names, [])', []],
  ['{ for p in setproduct(local.services_list, var.names) : "${p[0]}-${p[1]}" => p[0] }', { 'logs-a': 'logs', 'logs-b': 'logs', 's3-a': 's3', 's3-b': 's3' }],
  ['range(3)', [0, 1, 2]],
  ['range(1, 8, 2)', [1, 3, 5, 7]],
  ['range(4, 1)', [4, 3, 2]],
  ['index(var.names, "b")', 1],
  ['slice(["a", "b", "c"], 1, 3)', ['b', 'c']],
  ['[one([])]', [null]],
  ['one(["x"])', 'x'],
  ['reverse(var.names)', ['b', 'a']],
  ['sort(["s3", "logs", "ec2"])', ['ec2', 'logs', 's3']],
  ['trimprefix("com.amazonaws.s3", "com.amazonaws.")', 's3'],
  ['trimsuffix("ecr.dkr", ".dkr")', 'ecr'],
  ['startswith("com.amazonaws.s3", "com.")', true],
  ['endswith("com.amazonaws.s3", "ssm")', false],
];

for (const [expr, want] of KNOWN) {
  test(`${expr} is ${JSON.stringify(want)}`, () => assert.deepEqual(value(expr), want));
}

/** Unknown, with the value that decides it. */
const UNKNOWN: [string, string][] = [
  ['format("com.amazonaws.%s.s3", var.unset)', 'var.unset'],
  ['lower(var.unset)', 'var.unset'],
  ['join(".", ["com.amazonaws", var.unset, "s3"])', 'var.unset'],
  ['var.unset ? "a" : "b"', 'var.unset'],
  ['var.unset == "x"', 'var.unset'],
  ['[for s in var.unset : s]', 'var.unset'],
  ['replace("a.b", "/\\\\./", "-")', 'replace("a.b", "/\\\\./", "-")'],
  ['replace("com.amazonaws.<REGION>.s3", "<REGION>", var.unset)', 'var.unset'],
  ['format("%5s", "a")', 'format("%5s", "a")'],
  ['cidrhost("10.0.0.0/16", 1)', 'cidrhost("10.0.0.0/16", 1)'],
  ['lookup(var.tags, "owner")', 'lookup(var.tags, "owner")'],
  ['lookup(var.unset, "env", null)', 'var.unset'],
  ['lookup(var.tags, var.unset, "none")', 'var.unset'],
  // A resource read whole: its attributes other than those its block writes are known after apply, never the default.
  ['[for s in aws_subnet.c : lookup(s, "ipv6_cidr_block", "none")][0]', 'lookup(s, "ipv6_cidr_block", "none")'],
  ['setproduct(var.unset, ["a"])', 'var.unset'],
  ['range(var.unset)', 'var.unset'],
  ['index(var.names, "z")', 'index(var.names, "z")'],
  ['index(values(aws_subnet.m)[*].id, var.unset)', 'var.unset'],
  ['index(values(aws_subnet.m)[*].id, aws_subnet.c[0].id)', 'index(values(aws_subnet.m)[*].id, aws_subnet.c[0].id)'],
  ['one(var.names)', 'one(var.names)'],
  ['element([], 0)', 'element([], 0)'],
  ['lower(data.aws_region.current.name)', 'lower(data.aws_region.current.name)'],
  ['{ for k, v in local.services : v => k }', '{ for k, v in local.services : v => k }'],
];

for (const [expr, decides] of UNKNOWN) {
  test(`${expr} is unknown, decided by ${decides}`, () => {
    const v = value(expr) as Record<string, [string, string]>;
    assert.ok(v && 'Fn::Unknown' in v, JSON.stringify(v));
    assert.equal(v['Fn::Unknown']![1], decides);
  });
}

test('a service name made by functions is the service it names: the model knows the endpoint is for s3', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: `${PRELUDE}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = join(".", ["com.amazonaws", data.aws_region.current.name, "s3"])
  route_table_ids = [aws_route_table.rt.id]
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = format("com.amazonaws.%s.%s", data.aws_region.current.name, lower("SSM"))
  vpc_endpoint_type = var.region == "eu-west-1" ? "Interface" : "Gateway"
}` }], { settings: { regions: ['eu-west-1'] } });
  const endpoints = r.analysis.network()!.defaults.endpoints;
  const s3 = endpoints.get('aws_vpc_endpoint.s3')!;
  assert.equal(s3.service.known && s3.service.value, 'com.amazonaws.{region}.s3');
  const ssm = endpoints.get('aws_vpc_endpoint.ssm')!;
  assert.deepEqual([ssm.service.known && ssm.service.value, ssm.type.known && ssm.type.value], ['com.amazonaws.{region}.ssm', 'Interface']);
});

test('an unknown inside an instance names the instance once, however deep it is', () => {
  const m = lowerTerraform([{ path: 'main.tf', text: `${PRELUDE}\nresource "aws_vpc_endpoint" "x" {\n  for_each     = { a = 1 }\n  service_name = upper(lower(element(var.unset, each.value)))\n}\n` }]);
  const resources = (m.root.pairs.find((p) => p.key.value === 'Resources')!.value as MapNode).pairs;
  const props = (resources.find((p) => p.key.value === 'aws_vpc_endpoint.x["a"]')!.value as MapNode).pairs.find((p) => p.key.value === 'Properties')!.value as MapNode;
  const plain = JSON.parse(JSON.stringify(toPlain(props.pairs.find((p) => p.key.value === 'ServiceName')!.value as Node))) as { 'Fn::Unknown': [string, string] };
  const decides = plain['Fn::Unknown'][1];
  assert.equal(decides.split('(each.key = "a")').length - 1, 1, decides);
});
