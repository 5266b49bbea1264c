// A registry module's outputs are not read (its code is not here): what rests on one is unknown, and the
// findings and the trace name the value that decides it — cloudposse's `module.this.enabled` (context.tf)
// behind `count = local.enabled ? 1 : 0` — never only the expression that hides it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import type { Node } from '../../../server/src/core/document/tree.js';

before(() => ensureTerraformParser());

// cloudposse's context.tf, as every one of its modules carries it.
const CONTEXT = `module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = var.enabled
  context = var.context
}
variable "context" {
  type    = any
  default = { enabled = true }
}
variable "enabled" {
  type    = bool
  default = null
}
`;

const MAIN = (count: string) => `locals {
  enabled = module.this.enabled
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_instance" "app" {
  subnet_id = aws_subnet.a.id
}
resource "aws_vpc_endpoint" "ssm" {
  count               = ${count}
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
}
`;

function check(count: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text: MAIN(count) }, { path: 'context.tf', text: CONTEXT }], { settings: { regions: ['eu-west-1'] } });
  const t = traceNetwork(r.analysis.network()!, 'aws_instance.app', 'ssm');
  assert.ok(t.ok);
  const get = (n: Node | null | undefined, k: string) => (n?.kind === 'map' ? n.pairs.find((p) => p.key.value === k)?.value : undefined);
  // Every text of the lowered Conditions (each an Fn::Unknown: why, and the deciding value).
  const texts = (n: Node | null | undefined): string[] => (!n ? [] : n.kind === 'scalar' ? [String(n.value)] : n.kind === 'seq' ? n.items.flatMap(texts) : n.pairs.flatMap((p) => [String(p.key.value), ...texts(p.value)]));
  return { findings: r.analysis.findings, trace: t.result, conditions: texts(get(r.module.root, 'Conditions')) };
}

for (const count of ['local.enabled ? 1 : 0', 'module.this.enabled ? 1 : 0']) {
  test(`count = ${count}: the endpoint may not exist; the finding and the trace name module.this.enabled, the condition why the module is not read`, () => {
    const { findings, trace, conditions } = check(count);
    const dns = findings.find((f) => f.ruleId === 'VPCE5001');
    assert.ok(dns, findings.map((f) => f.ruleId).join());
    assert.match(dns.message, /only when aws_vpc_endpoint\.ssm exists, which module\.this\.enabled decides\)$/);
    assert.equal(trace.verdict, 'unknown');
    assert.match(trace.summary, /module\.this\.enabled/);
    // The endpoint exists exactly when the count's test is true (one condition with every value that test chooses),
    // and the test's condition says why it is not known: the module that decides it is not read.
    const test = count.split(' ?')[0]!;
    assert.deepEqual(conditions.slice(conditions.indexOf('aws_vpc_endpoint.ssm exists (module.this.enabled)'), conditions.indexOf('aws_vpc_endpoint.ssm exists (module.this.enabled)') + 3), ['aws_vpc_endpoint.ssm exists (module.this.enabled)', 'Condition', test], conditions.join('\n'));
    assert.ok(
      conditions.some((c) => c.startsWith(`${test} is not known statically: `) && c.endsWith('module.this.enabled is an output of module this (source "cloudposse/label/null"), which is not read; the call passes enabled = var.enabled')),
      conditions.join('\n'),
    );
  });
}
