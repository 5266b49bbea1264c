// References to resources, data sources and module calls the module does not declare: Terraform
// rejects them ("Reference to undeclared resource", "... module"), so each is VPCE0005 at the
// reference, with "Change to <closest>" where a declared name is near. A false error is worse than
// none: every name Terraform resolves otherwise (iterators, for symbols, each/count/self/path/
// terraform, provider configurations, moved/import/removed addresses, check blocks' scoped data) and
// every declaration in another file of the module or in .tf.json is no finding.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { hclToJson } from './hcl-to-json.js';

before(() => ensureTerraformParser());

function check(files: Record<string, string>) {
  const r = analyzeTerraform(Object.entries(files).map(([path, text]) => ({ path, text })), { settings: { regions: ['eu-west-1'] } });
  const mine = r.analysis.findings.filter((f) => f.ruleId === 'VPCE0005');
  return { r, mine, refs: mine.map((f) => r.module.text.slice(f.start, f.end)) };
}

const BASE = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
data "aws_region" "current" {}
module "network" { source = "./network" }
`;

test('an undeclared resource, data source or near-miss module call: an error on the reference, naming the closest declared one', () => {
  const { mine, refs } = check({
    'main.tf': BASE + `
resource "aws_route_table" "rt" { vpc_id = aws_vpc.man.id }
resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = aws_subnet.nope.cidr_block
}
output "region" { value = data.aws_region.currnet.name }
output "vpc" { value = module.netwrk.vpc_id }
`,
  });
  assert.deepEqual(refs, ['aws_vpc.man', 'aws_subnet.nope', 'data.aws_region.currnet', 'module.netwrk']);
  assert.deepEqual(mine.map((f) => f.data), [{ name: 'aws_vpc.man', suggestion: 'aws_vpc.main' }, undefined, { name: 'data.aws_region.currnet', suggestion: 'data.aws_region.current' }, { name: 'module.netwrk', suggestion: 'module.network' }]);
  assert.match(mine[0]!.message, /^Reference to undeclared resource: a managed resource "aws_vpc" "man" is not declared in this module, so Terraform rejects the configuration; did you mean aws_vpc\.main\?$/);
  assert.match(mine[3]!.message, /^Reference to undeclared module: no module call named "netwrk"/);
  assert.ok(mine.every((f) => f.severity === 'error'));
});

test('the quick fix changes only the name, keeping the attribute after it; the fixed module has no VPCE0005', () => {
  const text = BASE + 'resource "aws_route_table" "rt" { vpc_id = aws_vpc.man.id }\n';
  const { r, mine } = check({ 'main.tf': text });
  const [fix] = r.analysis.verifiedFixes(mine[0]!);
  assert.ok(fix, 'a verified fix');
  assert.equal(fix.title, 'Change aws_vpc.man to aws_vpc.main');
  assert.deepEqual(fix.edits, [{ start: text.indexOf('aws_vpc.man'), end: text.indexOf('aws_vpc.man') + 'aws_vpc.man'.length, newText: 'aws_vpc.main' }]);
  // Not a "fix all" fix: the author may mean another name, or a declaration still to be written.
  assert.notEqual(fix.isPreferred, true);
});

test('names Terraform resolves otherwise are not references to declarations', () => {
  // Symbols named as the module's resource types (an iterator aws_vpc, a for symbol aws_subnet) are the symbols.
  const { refs } = check({
    'main.tf': BASE + `
locals { rules = [{ port = 443 }] }
resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = local.rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [for s in [aws_subnet.private] : s.cidr_block]
    }
  }
  dynamic "egress" {
    for_each = local.rules
    iterator = aws_vpc
    content {
      from_port = aws_vpc.value.port
      to_port   = [for aws_subnet in local.rules : aws_subnet.port][0]
      protocol  = "tcp"
      dynamic "x" {
        for_each = [1]
        content { y = aws_vpc.key + x.value }
      }
    }
  }
  tags = { Name = "\${path.module}-\${terraform.workspace}-\${each.key}-\${count.index}" }
  provider = aws.west
  lifecycle {
    ignore_changes = [tags.Name, ingress]
  }
  provisioner "local-exec" {
    command = "echo \${self.id}"
  }
}
module "other" {
  source    = "./other"
  providers = { aws = aws.west }
}
moved {
  from = aws_subnet.old
  to   = aws_subnet.private
}
import {
  to = aws_subnet.imported
  id = "subnet-1"
}
removed {
  from = aws_subnet.gone
  lifecycle { destroy = false }
}
check "health" {
  data "aws_region" "scoped" {}
  assert {
    condition     = data.aws_region.scoped.name != ""
    error_message = "x"
  }
}
ephemeral "aws_secretsmanager_secret_version" "s" { secret_id = "x" }
output "e" {
  value     = ephemeral.aws_secretsmanager_secret_version.s.secret_string
  ephemeral = true
}
variable "v" {
  type = object({ name = string })
}
`,
  });
  assert.deepEqual(refs, []);
});

test('declared in another file of the module, in a .tf.json file or an override file: no finding', () => {
  const main = 'resource "aws_subnet" "private" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.0.1.0/24"\n}\n';
  const vpc = 'resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }\nresource "aws_vpc" "other" { cidr_block = "10.1.0.0/16" }\n';
  assert.deepEqual(check({ 'main.tf': main, 'vpc.tf': vpc }).refs, []);
  assert.deepEqual(check({ 'main.tf': main, 'vpc.tf.json': hclToJson(vpc) }).refs, []);
  assert.deepEqual(check({ 'main.tf.json': hclToJson(main), 'vpc.tf': vpc }).refs, []);
  // The reference written in JSON syntax is judged as in native syntax.
  assert.deepEqual(check({ 'main.tf.json': hclToJson(main.replace('aws_vpc.main', 'aws_vpc.man')), 'vpc.tf': vpc }).refs, ['aws_vpc.man']);
  assert.deepEqual(check({ 'main.tf': main + vpc, 'main_override.tf': 'resource "aws_subnet" "private" {\n  vpc_id = aws_vpc.other.id\n}\n' }).refs, []);
});

test('a file seen without the rest of its module: a type or module call it does not declare is not judged', () => {
  // The VPC is in vpc.tf, not seen; the module calls in a file of their own (cloudposse's context.tf).
  const alone = `
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
  tags       = module.this.tags
}
module "label" { source = "./label" }
data "aws_region" "current" {}
output "account" { value = data.aws_caller_identity.current.account_id }
`;
  assert.deepEqual(check({ 'main.tf': alone }).refs, []);
});

// The same configuration checked by `terraform validate` (Terraform 1.11, the built-in provider only,
// so no download): it reports "Reference to undeclared resource" for terraform_data.nope, "Reference to
// undeclared module" for module.nope, "Reference to scoped resource" for the check's data source read
// outside the check, and nothing else — a for symbol named as a resource type, self, each, path,
// terraform, moved and removed are all accepted. VPCE0005 agrees on every reference it judges; it
// leaves module.nope (no declared call near it: a file may be seen without the one that declares it)
// and the scoped read (counted as declared) unjudged rather than risk a false error.
test('terraform validate\'s verdicts on a configuration of the built-in provider', () => {
  const text = `
resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "b" {
  for_each = toset(["p"])
  input    = [for terraform_data in [1] : terraform_data]
  provisioner "local-exec" {
    command = "echo \${self.id} \${each.key} \${path.module} \${terraform.workspace}"
  }
}
moved {
  from = terraform_data.old
  to   = terraform_data.a
}
removed {
  from = terraform_data.gone
  lifecycle {
    destroy = false
  }
}
check "c" {
  data "terraform_remote_state" "s" {
    backend = "local"
    config  = { path = "x" }
  }
  assert {
    condition     = data.terraform_remote_state.s.outputs != null
    error_message = "x"
  }
}
output "o" { value = terraform_data.nope.output }
output "p" { value = module.nope.x }
output "q" { value = data.terraform_remote_state.s.outputs }
`;
  assert.deepEqual(check({ 'main.tf': text }).refs, ['terraform_data.nope']);
});
