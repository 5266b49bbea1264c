// Each instance of a local module makes its own values (test/fixtures/tf/module-instance-identity). A value
// known only at apply that a module builds from its own text (var.cfg.cidr on a variable the caller does not
// know, a try() of it) is one value per instance: a group in one site admitting its own range says nothing of
// another site's subnet. A for expression's element is one value per element. Before, these were named by
// the module's text (var.cfg.cidr, and try()'s operand) or the element's text (o.name), the same in every
// instance or element: another site's subnet was said to be admitted (a wrong "private") and two subnets
// zoned by two unknown variables were said to share a zone (a wrong VPCE6001 error).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { localModuleFolders } from '../../../server/src/tf-module-files.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'tf', 'module-instance-identity');

before(() => ensureTerraformParser());

function analyse() {
  const main = join(DIR, 'main.tf');
  return analyzeTerraform([{ path: main, text: readFileSync(main, 'utf8') }], { settings: { regions: ['eu-west-1'] } }, localModuleFolders(DIR, DIR)).analysis;
}

const SITES: Record<string, string> = { 'module.site_a': 'ssm', 'module.site_b': 'sts', 'module.sites["x"]': 'logs', 'module.sites["y"]': 'kms' };

test("a site's group admits its own subnets (var.cfg.cidr, try(var.cfg.spare_cidr, ...)), and no other site's", () => {
  const network = analyse().network()!;
  for (const [from, own] of Object.entries(SITES)) {
    for (const [to, service] of Object.entries(SITES)) {
      for (const subnet of ['app', 'spare']) {
        const r = traceNetwork(network, `${from}.aws_subnet.${subnet}`, service);
        assert.ok(r.ok, r.ok ? '' : r.error);
        const hop = r.result.hops.find((h) => h.kind === 'endpoint security group in')!;
        assert.equal(hop.resource, `${to}.aws_security_group.endpoint`);
        // Its own site: private. Another's: whether that site's range holds this subnet is not known.
        assert.equal(r.result.verdict, service === own ? 'private' : 'unknown', `${from}.${subnet} → ${service}: ${r.result.summary}`);
        assert.equal(hop.decision, service === own ? 'pass' : 'unknown');
      }
    }
  }
});

test("each instance's range has its own identity, the one its group's rule names", () => {
  const model = analyse().network()!.defaults;
  const ids = Object.keys(SITES).map((site) => model.subnets.get(`${site}.aws_subnet.app`)!.cidrIdentity);
  assert.equal(new Set(ids).size, 4, ids.join(' | '));
  assert.ok(ids.every((id) => id !== 'var.cfg.cidr'));
  // The caller's value names it: site_a's var.cfg is the root's var.site_a.
  assert.equal(model.subnets.get('module.site_a.aws_subnet.app')!.cidrIdentity, 'var.site_a.cidr');
  const spares = Object.keys(SITES).map((site) => model.subnets.get(`${site}.aws_subnet.spare`)!.cidrIdentity);
  assert.equal(new Set(spares).size, 4, spares.join(' | '));
});

test("a for expression's elements are each their own value: two unknown zones are not one zone (no VPCE6001)", () => {
  const a = analyse();
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE6001').map((f) => f.message), []);
  const subnets = a.network()!.defaults.subnets;
  const zone = (id: string) => subnets.get(id)!.zone;
  const one = zone('aws_subnet.one');
  const two = zone('aws_subnet.two');
  assert.ok(one.known && two.known, 'zones named by their identities');
  assert.notEqual(one.known && one.value, two.known && two.value);
});

test("a dynamic block's elements are each their own value: two rules' unknown ranges are two ranges", () => {
  const text = `variable "a" {}
variable "b" {}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_security_group" "g" {
  vpc_id = aws_vpc.v.id
  dynamic "ingress" {
    for_each = [var.a, var.b]
    content {
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = [try(ingress.value.cidr, "10.0.0.0/8")]
    }
  }
}
`;
  const a = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis;
  const peers = a.network()!.defaults.securityGroups.get('aws_security_group.g')!.ingress.rules.map((r) => (r.peer.kind === 'unknown' ? r.peer.identity : r.peer.kind));
  assert.equal(peers.length, 2);
  assert.equal(new Set(peers).size, 2, peers.join(' | '));
});

test('a choice or a sum of unknowns is its own value, not its test or operand: var.f ? var.a : var.b is not var.f ? var.c : var.d', () => {
  const text = `variable "f" {}
variable "a" {}
variable "b" {}
variable "c" {}
variable "d" {}
variable "n" {}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = var.f ? var.a : var.b
}
resource "aws_subnet" "t" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "\${var.n + 1}"
}
resource "aws_security_group" "g" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.f ? var.c : var.d, var.n]
  }
}
`;
  const model = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!.defaults;
  const peers = model.securityGroups.get('aws_security_group.g')!.ingress.rules.map((r) => (r.peer.kind === 'unknown' ? r.peer.identity : r.peer.kind));
  const s = model.subnets.get('aws_subnet.s')!.cidrIdentity;
  const t = model.subnets.get('aws_subnet.t')!.cidrIdentity;
  assert.ok(s && !peers.includes(s), `${s} among ${peers.join(' | ')}`);
  assert.ok(t && !peers.includes(t), `${t} among ${peers.join(' | ')}`);
});
