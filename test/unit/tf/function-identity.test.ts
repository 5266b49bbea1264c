// A function of a value known only after apply is another value than its argument: the call names it
// (tf/unknown-identity.ts). element(var.azs, 0) and element(var.azs, 1) were both "var.azs", so two subnets
// in different zones were one zone (a wrong VPCE6001 error); the same call written twice is still one value.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { tfFolder } from '../../helpers/tf-folder.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { localModuleFolders } from '../../../server/src/tf-module-files.js';

before(() => ensureTerraformParser());

const ZONES = (a: string, b: string) => `
variable "azs" { type = list(string) }
data "aws_availability_zones" "available" { state = "available" }
data "aws_region" "current" {}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = ${a}
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = ${b}
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.region}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
}
`;

test('element(list, 0) and element(list, 1) of an unknown list are not one zone: no VPCE6001', () => {
  for (const list of ['var.azs', 'data.aws_availability_zones.available.names']) {
    const { rules } = checkTf(ZONES(`element(${list}, 0)`, `element(${list}, 1)`));
    assert.ok(!rules.includes('VPCE6001'), `${list}: ${rules.join(', ')}`);
  }
});

test('the same call written twice is one value: both subnets in one zone (VPCE6001)', () => {
  const { findings } = checkTf(ZONES('element(var.azs, 0)', 'element(var.azs, 0)'));
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE6001').map((f) => f.resource), ['aws_vpc_endpoint.ssm']);
});

test('in a called module a carved range is named with the module instance, and so is the block it records', () => {
  // aws_vpc.this.ipv6_cidr_block reads the same in every instance of the module: named as written, a rule
  // naming it in one instance would hold the subnets of another. Named by the instance's address, each
  // instance's subnet is in its own instance's block only.
  const net = (carve: string) => `resource "aws_vpc" "this" {\n  cidr_block                       = "10.0.0.0/16"\n  assign_generated_ipv6_cidr_block = true\n}\nresource "aws_subnet" "s" {\n  vpc_id          = aws_vpc.this.id\n  cidr_block      = "10.0.1.0/24"\n  ipv6_cidr_block = cidrsubnet(${carve}, 8, 1)\n}\n`;
  const dir = tfFolder('fn-identity', {
    'main.tf': 'module "a" {\n  source = "./net"\n}\nmodule "b" {\n  source = "./net"\n}\nmodule "c" {\n  source = "./tried"\n}\n',
    'net/main.tf': net('aws_vpc.this.ipv6_cidr_block'),
    // try() of the block is not the block: the range is carved from the try() result, that instance's own value.
    'tried/main.tf': net('try(aws_vpc.this.ipv6_cidr_block, "2001:db8::/56")'),
  });
  const main = join(dir, 'main.tf');
  const r = analyzeTerraform([{ path: main, text: readFileSync(main, 'utf8') }], { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, dir));
  const subnets = r.analysis.network()!.defaults.subnets;
  assert.deepEqual(subnets.get('module.a.aws_subnet.s')!.ipv6Identities, ['module.a.cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 1)', 'module.a.aws_vpc.this.ipv6_cidr_block']);
  assert.deepEqual(subnets.get('module.b.aws_subnet.s')!.ipv6Identities, ['module.b.cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 1)', 'module.b.aws_vpc.this.ipv6_cidr_block']);
  assert.deepEqual(subnets.get('module.c.aws_subnet.s')!.ipv6Identities, ['module.c.cidrsubnet(try(aws_vpc.this.ipv6_cidr_block, "2001:db8::/56"), 8, 1)', 'try(aws_vpc.this.ipv6_cidr_block, "2001:db8::/56") (in module.c)']);
  // In the root module the block it is carved from holds it.
  const { r: root } = checkTf(net('aws_vpc.this.ipv6_cidr_block'));
  assert.deepEqual(root.analysis.network()!.defaults.subnets.get('aws_subnet.s')!.ipv6Identities, ['cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 1)', 'aws_vpc.this.ipv6_cidr_block']);
});

test('a conversion keeps its argument: tostring(cidrsubnet(block, 8, 1)) is the carved /64, not the block', () => {
  // Named by what decides it, the /64 was taken for the block: a rule admitting it would admit the whole VPC.
  const { r } = checkTf('resource "aws_vpc" "this" {\n  cidr_block                       = "10.0.0.0/16"\n  assign_generated_ipv6_cidr_block = true\n}\nresource "aws_subnet" "s" {\n  vpc_id          = aws_vpc.this.id\n  cidr_block      = "10.0.1.0/24"\n  ipv6_cidr_block = tostring(cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 1))\n}\n');
  assert.deepEqual(r.analysis.network()!.defaults.subnets.get('aws_subnet.s')!.ipv6Identities, ['cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 1)', 'aws_vpc.this.ipv6_cidr_block']);
});
