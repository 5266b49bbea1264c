// One Terraform module text checked as the engine checks it (region eu-west-1), for the unit tests of
// Terraform's semantics: its findings, the trace between two names, a lowered resource's property.

import assert from 'node:assert/strict';
import { analyzeTerraform } from '../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../server/src/core/trace/api.js';
import { plain } from '../../server/src/core/tf/functions.js';
import type { Node } from '../../server/src/core/document/tree.js';

export function checkTf(text: string, extra: { path: string; text: string }[] = []) {
  const r = analyzeTerraform([{ path: 'main.tf', text }, ...extra], { settings: { regions: ['eu-west-1'] } });
  const findings = r.analysis.findings.map((f) => ({ rule: f.ruleId, resource: f.resource, at: r.module.text.slice(f.start, f.end), message: f.message }));
  const trace = (from: string, to: string) => {
    const a = traceNetwork(r.analysis.network()!, from, to);
    assert.ok(a.ok);
    return a.result;
  };
  // A lowered resource's property as plain data (unknowns as their Fn::Unknown maps).
  const prop = (address: string, key: string): unknown => {
    const get = (n: Node | null | undefined, k: string) => (n?.kind === 'map' ? n.pairs.find((p) => p.key.value === k)?.value : undefined);
    return plain(get(get(get(r.module.root, 'Resources'), address), 'Properties') && get(get(get(get(r.module.root, 'Resources'), address), 'Properties'), key));
  };
  return { r, findings, rules: findings.map((f) => f.rule).sort(), trace, prop };
}

/** A VPC, a subnet and an SSM interface endpoint in it whose group is `aws_security_group.ep` (for the test to write). */
export const ENDPOINT_WITH_GROUP = `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
`;
