// A resource whose count or for_each is not known statically exists only in some plans: findings on it and
// trace hops through it say which value decides, in words that read ("exists, which var.create decides"),
// never "<address> exists (var.create) is true".

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const TEXT = `
variable "create" {
  type = bool
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  count      = var.create ? 1 : 0
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_vpc_endpoint" "kms" {
  count        = var.create ? 1 : 0
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.kms"
}
`;

test('a finding on a resource with an unknown count names the deciding value', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: TEXT }], { settings: { regions: ['eu-west-1'] } });
  const f = r.analysis.findings.find((x) => x.ruleId === 'VPCE2001');
  assert.ok(f, r.analysis.findings.map((x) => x.message).join('\n'));
  assert.match(f.message, / \(only when aws_vpc_endpoint\.kms exists, which var\.create decides\)$/);
  assert.ok(r.analysis.findings.every((x) => !/exists \(/.test(x.message)), r.analysis.findings.map((x) => x.message).join('\n'));
});

test('a trace from a subnet with an unknown count says the plan decides whether it exists', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: TEXT }], { settings: { regions: ['eu-west-1'] } });
  const answer = traceNetwork(r.analysis.network()!, 'aws_subnet.a', 's3');
  assert.ok(answer.ok);
  assert.equal(answer.result.hops[0]!.reason, 'aws_subnet.a exists only in some plans: var.create decides whether it is created, and it is not known statically');
});
