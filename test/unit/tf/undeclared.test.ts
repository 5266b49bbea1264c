// A reference to a variable or local value the module does not declare: Terraform rejects the
// configuration ("Reference to undeclared input variable"), so it is a finding at the reference
// (VPCE0005), and the value stays unknown: no rule judges a service name it cannot know.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

function check(files: Record<string, string>) {
  const r = analyzeTerraform(Object.entries(files).map(([path, text]) => ({ path, text })), { settings: { regions: ['eu-west-1'] } });
  return { r, findings: r.analysis.findings.map((f) => `${f.ruleId} ${r.module.text.slice(f.start, f.end)}`) };
}

const MAIN = `
variable "cidr" { default = "10.0.0.0/16" }
resource "aws_vpc" "main" { cidr_block = var.cidr }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.\${var.region}.s3"
  route_table_ids = [aws_route_table.rt.id]
}
`;

test('var.region undeclared: VPCE0005 on the reference, the Region of the service unknown and named, nothing else judged', () => {
  const { r, findings } = check({ 'main.tf': MAIN });
  assert.deepEqual(findings, ['VPCE0005 var.region']);
  assert.match(r.analysis.findings[0]!.message, /Reference to undeclared input variable: var\.region .*variable "region" \{\}/);
  // The name's one unknown is its Region: the service is S3 in any Region, the Region the undeclared variable's.
  const e = r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!;
  assert.equal(e.service.known && e.service.value, 'com.amazonaws.{region}.s3');
  assert.match(e.nameRegion?.why ?? '', /var\.region is not declared/);
  assert.equal(e.regionDoubt?.decides, 'var.region');
});

test('declared in another file of the module, or given by tfvars only to a declared one: no finding', () => {
  assert.deepEqual(check({ 'main.tf': MAIN, 'variables.tf': 'variable "region" {}\n' }).findings, []);
});

test('a file that declares no variable at all is seen without its variables.tf: no finding, the value unknown', () => {
  const { r, findings } = check({ 'main.tf': MAIN.replace('variable "cidr" { default = "10.0.0.0/16" }', '') });
  assert.deepEqual(findings, []);
  // The Region in the name is unknown, named by the variable (the service is S3 in any Region).
  assert.equal(r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.nameRegion?.decides, 'var.region');
});

test('undeclared local values, in any block, in for expressions and templates; for symbols, moved and import blocks are not references', () => {
  const { findings } = check({
    'main.tf': `
variable "unused" {}
locals { names = ["a"] }
output "x" { value = [for n in local.names : "\${n}-\${local.suffix}"] }
module "m" {
  source = "./m"
  size   = var.size
}
moved {
  from = aws_vpc.old
  to   = aws_vpc.new
}
import {
  to = aws_vpc.new
  id = "vpc-123"
}
resource "aws_vpc" "new" { cidr_block = "10.0.0.0/16" }
`,
  });
  assert.deepEqual(findings.filter((f) => f.startsWith('VPCE0005')), ['VPCE0005 local.suffix', 'VPCE0005 var.size']);
});
