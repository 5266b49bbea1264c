// IPv6 admission across Terraform local module calls (test/fixtures/tf/module-ipv6): a VPC's IPv6 block,
// known only after apply, is one value on both sides of a call. A group admitting it through a module's
// output or variable admits the VPC's subnets over IPv6; each instance of a module has its own block; a
// range carved from the block, or another instance's block, is not it (unknown, naming the value). Before,
// a reference inside a module was named as written: module.net's block was not its VPC's (unknown), and
// the root's own aws_vpc.this was taken for the module's (a wrong "private").

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { localModuleFolders } from '../../../server/src/tf-module-files.js';
import { tfFolder } from '../../helpers/tf-folder.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'tf', 'module-ipv6');

before(() => ensureTerraformParser());

function analyse(dir: string) {
  const main = join(dir, 'main.tf');
  return analyzeTerraform([{ path: main, text: readFileSync(main, 'utf8') }], { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, dir)).analysis;
}

function trace(from: string, to: string, dir = DIR): TraceResult {
  const r = traceNetwork(analyse(dir).network()!, from, to);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.result;
}

const sgIn = (r: TraceResult) => r.hops.find((h) => h.kind === 'endpoint security group in')!;

test("a group in a module admitting its own VPC's block (aws_vpc.this.ipv6_cidr_block) admits the VPC's subnets", () => {
  for (const from of ['module.net.aws_subnet.app', 'module.spoke["a"].aws_subnet.app', 'module.spoke["b"].aws_subnet.app']) {
    const r = trace(from, 'sqs');
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(sgIn(r).decision, 'pass');
  }
});

test("the block leaving through an output is the VPC's: the root's group admits the module's subnets", () => {
  const r = trace('module.net.aws_subnet.app', 'sns');
  assert.equal(r.verdict, 'private', r.summary);
  assert.equal(sgIn(r).resource, 'aws_security_group.net_sns');
});

test('an output handed to another module (module.net.vpc_ipv6_cidr_block as var.vpc_ipv6_cidr) is still the block', () => {
  for (const from of ['module.net.aws_subnet.app', 'module.net.aws_subnet.endpoints']) {
    const r = trace(from, 'logs');
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(sgIn(r).resource, 'module.net_logs.aws_security_group.this');
  }
});

test('for_each instances: module.spoke[each.key] hands each endpoint its own VPC block', () => {
  for (const key of ['a', 'b']) {
    const r = trace(`module.spoke["${key}"].aws_subnet.app`, 'logs');
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(sgIn(r).resource, `module.spoke_logs["${key}"].aws_security_group.this`);
  }
});

test("another instance's block is not this VPC's: unknown, naming that instance's block", () => {
  const r = trace('module.spoke["b"].aws_subnet.app', 'sns');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(sgIn(r).decision, 'unknown');
  assert.match(sgIn(r).reason, /module\.spoke\["a"\]\.aws_vpc\.this\.ipv6_cidr_block is known only after apply/);
});

test("a range carved from the block is not the block: the endpoint subnet's /64 holds no other subnet's client", () => {
  const r = trace('module.net.aws_subnet.app', 'sts');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(sgIn(r).decision, 'unknown');
});

test("the root's aws_vpc.this is not module.net's aws_vpc.this: a group admitting the module's block does not admit the root's subnets", () => {
  for (const from of ['aws_subnet.this_app', 'aws_subnet.this_endpoints']) {
    const r = trace(from, 'sqs');
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match(sgIn(r).reason, /module\.net\.aws_vpc\.this\.ipv6_cidr_block is known only after apply/);
  }
});

test('the rules judge the same facts: VPCE6003 only on the IPv4 endpoints whose group admits IPv6 alone', () => {
  const ids = analyse(DIR).findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.resource);
  assert.deepEqual(ids.sort(), ['module.net.aws_vpc_endpoint.ssm', 'module.spoke["a"].aws_vpc_endpoint.ssm', 'module.spoke["b"].aws_vpc_endpoint.ssm']);
});

test('count instances read module.vpc[count.index]: each instance its own block, as the vpc-endpoints module rules do', () => {
  const vpc = readFileSync(join(DIR, 'modules', 'vpc', 'main.tf'), 'utf8');
  const endpoint = readFileSync(join(DIR, 'modules', 'endpoint', 'main.tf'), 'utf8');
  const dir = tfFolder('module-ipv6-count', {
    'main.tf': `module "vpc" {
  source = "./vpc"
  count  = 2
}
module "logs" {
  source        = "./endpoint"
  count         = 2
  service       = "logs"
  vpc_id        = module.vpc[count.index].vpc_id
  subnet_id     = module.vpc[count.index].endpoint_subnet_id
  vpc_ipv6_cidr = module.vpc[count.index].vpc_ipv6_cidr_block
}
module "endpoints" {
  source             = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id             = module.vpc[1].vpc_id
  subnet_ids         = [module.vpc[1].endpoint_subnet_id]
  create_security_group = true
  security_group_rules = {
    https = { ipv6_cidr_blocks = [module.vpc[1].vpc_ipv6_cidr_block] }
  }
  endpoints = {
    sns = { service = "sns", private_dns_enabled = true, ip_address_type = "ipv6", dns_options = { dns_record_ip_type = "ipv6" } }
  }
}
`,
    'vpc/main.tf': vpc,
    'endpoint/main.tf': endpoint,
  });
  for (const i of [0, 1]) {
    const r = trace(`module.vpc[${i}].aws_subnet.app`, 'logs', dir);
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(sgIn(r).resource, `module.logs[${i}].aws_security_group.this`);
  }
  const sns = trace('module.vpc[1].aws_subnet.app', 'sns', dir);
  assert.equal(sns.verdict, 'private', sns.summary);
  assert.equal(sgIn(sns).resource, 'module.endpoints.aws_security_group.this[0]');
});

test("a module not read (a registry source) gives no block: its output stays unknown, named", () => {
  const dir = tfFolder('module-ipv6-registry', {
    'main.tf': `module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
module "net" {
  source = "./net"
}
resource "aws_security_group" "sqs" {
  vpc_id = module.net.vpc_id
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = [module.vpc.vpc_ipv6_cidr_block]
  }
}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = module.net.vpc_id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  ip_address_type     = "ipv6"
  subnet_ids          = [module.net.endpoint_subnet_id]
  security_group_ids  = [aws_security_group.sqs.id]
  dns_options {
    dns_record_ip_type = "ipv6"
  }
}
`,
    'net/main.tf': readFileSync(join(DIR, 'modules', 'vpc', 'main.tf'), 'utf8').replace(/resource "aws_vpc_endpoint" "sqs" \{[\s\S]*?\n\}\n/, ''),
  });
  const r = trace('module.net.aws_subnet.app', 'sqs', dir);
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(sgIn(r).reason, /module\.vpc\.vpc_ipv6_cidr_block is an output of module vpc \(source "terraform-aws-modules\/vpc\/aws"\), which is not read/);
});
