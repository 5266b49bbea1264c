// A plan that holds only part of its configuration: `errored: true` (Terraform 1.5+ saves what it planned
// before a planning error, hashicorp/terraform#32395, and says so in the JSON, #33368) or `complete: false`
// (1.8+: a plan made with -target or with deferred changes; plans/plan.go's Plan.Complete). The resources
// it leaves out are no fact: the rule resource that admits HTTPS to the endpoint's group was never planned.
// Only the rules whose findings rest on the resource they name speak. Plans built in the documented shape
// (https://developer.hashicorp.com/terraform/internals/json-format): no AWS provider on this machine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePlan } from '../../../server/src/core/tf/plan/analysis.js';

const VPC = { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-0a1b2c3d', cidr_block: '10.1.0.0/16', enable_dns_support: true, enable_dns_hostnames: true } };
// The group is written with no inline rules: its HTTPS ingress is an aws_vpc_security_group_ingress_rule of its own.
const SG = { address: 'aws_security_group.ep', mode: 'managed', type: 'aws_security_group', name: 'ep', values: { id: 'sg-0123456789abcdef0', vpc_id: 'vpc-0a1b2c3d', ingress: [], egress: [] } };
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ssm:GetParameters', Resource: '*' }, { Effect: 'Allow', Principal: '*', Action: 'ssm:GetParameterz', Resource: '*' }] });
const SSM = {
  address: 'aws_vpc_endpoint.ssm',
  mode: 'managed',
  type: 'aws_vpc_endpoint',
  name: 'ssm',
  values: { vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.ssm', vpc_endpoint_type: 'Interface', private_dns_enabled: true, security_group_ids: ['sg-0123456789abcdef0'], subnet_ids: [], policy: POLICY },
};
const RULE = { address: 'aws_vpc_security_group_ingress_rule.https', mode: 'managed', type: 'aws_vpc_security_group_ingress_rule', name: 'https', values: { security_group_id: 'sg-0123456789abcdef0', cidr_ipv4: '10.1.0.0/16', ip_protocol: 'tcp', from_port: 443, to_port: 443 } };
const CONFIG = {
  provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
  root_module: {
    resources: [
      { address: 'aws_vpc.main', expressions: { cidr_block: {}, enable_dns_support: {}, enable_dns_hostnames: {} } },
      { address: 'aws_security_group.ep', expressions: { vpc_id: {} } },
      { address: 'aws_vpc_endpoint.ssm', expressions: { vpc_id: {}, service_name: {}, vpc_endpoint_type: {}, private_dns_enabled: {}, security_group_ids: {}, subnet_ids: {}, policy: {} } },
      { address: 'aws_vpc_security_group_ingress_rule.https', expressions: { security_group_id: {}, cidr_ipv4: {}, ip_protocol: {}, from_port: {}, to_port: {} } },
    ],
  },
};

/** The plan of CONFIG with `resources` planned, and the flags Terraform writes beside them. */
function plan(resources: object[], flags: Record<string, boolean>): string {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: { resources } }, configuration: CONFIG, ...flags });
}

const ids = (text: string) => {
  const r = analyzePlan(text)!;
  assert.ok('analysis' in r);
  return r.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`);
};

test('a whole plan without the HTTPS rule: VPCE6003 is true, and the policy typo is found', () => {
  assert.deepEqual(ids(plan([VPC, SG, SSM], { applyable: true, complete: true, errored: false })).sort(), ['VPCE6003 aws_vpc_endpoint.ssm', 'VPCE9005 aws_vpc_endpoint.ssm']);
  // With the rule planned, the group admits HTTPS from the VPC.
  assert.deepEqual(ids(plan([VPC, SG, SSM, RULE], { complete: true, errored: false })), ['VPCE9005 aws_vpc_endpoint.ssm']);
});

test('an errored plan: the rule Terraform did not get to plan is not taken as missing (no VPCE6003); the endpoint\'s own checks stay', () => {
  const r = analyzePlan(plan([VPC, SG, SSM], { applyable: false, complete: false, errored: true }))!;
  assert.ok('analysis' in r);
  assert.match(r.plan.partial ?? '', /errored/);
  assert.deepEqual(r.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`), ['VPCE9005 aws_vpc_endpoint.ssm']);
});

test('an incomplete plan (-target or deferred changes) is judged the same way', () => {
  const r = analyzePlan(plan([VPC, SG, SSM], { applyable: true, complete: false, errored: false }))!;
  assert.ok('analysis' in r);
  assert.match(r.plan.partial ?? '', /incomplete/);
  assert.deepEqual(r.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`), ['VPCE9005 aws_vpc_endpoint.ssm']);
  // Before Terraform 1.8 neither flag is written: the plan is taken as whole.
  assert.equal((analyzePlan(plan([VPC, SG, SSM], {})) as { plan: { partial?: string } }).plan.partial, undefined);
});

test('the CLI says why only each resource\'s own checks are made', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-partial-'));
  try {
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([VPC, SG, SSM], { applyable: false, complete: false, errored: true }));
    const r = spawnSync(process.execPath, ['bin/vpce-lens.js', 'check', '--format', 'json', file], { encoding: 'utf8' });
    assert.match(r.stderr, /warning: .*plan\.json: the plan errored \(errored: true\).*; only each resource's own checks are made/);
    const findings = (JSON.parse(r.stdout) as { results: { findings: { ruleId: string }[] }[] }).results[0]!.findings.map((f) => f.ruleId);
    assert.deepEqual(findings, ['VPCE9005']);
    assert.equal(r.status, 0, r.stdout); // the typo is a warning here
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in a partial plan an endpoint\'s subnets may come from an association not planned: no "does nothing" (VPCE2002) for it', () => {
  // No subnet_ids argument: the subnets are aws_vpc_endpoint_subnet_association resources, which Terraform
  // had not planned (or, in a whole plan, which the configuration does not have).
  const { subnet_ids: _s, policy: _p, ...values } = SSM.values;
  const bare = { ...SSM, values };
  const config = { ...CONFIG, root_module: { resources: CONFIG.root_module.resources.map((r) => (r.address === SSM.address ? { address: r.address, expressions: { vpc_id: {}, service_name: {}, vpc_endpoint_type: {}, private_dns_enabled: {}, security_group_ids: {} } } : r)) } };
  const findings = (flags: Record<string, boolean>) => ids(JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [VPC, SG, bare, RULE] } }, configuration: config, ...flags }));
  assert.deepEqual(findings({ complete: true, errored: false }), ['VPCE2002 aws_vpc_endpoint.ssm']);
  assert.deepEqual(findings({ complete: false, errored: true }), []);
  assert.deepEqual(findings({ complete: false, errored: false }), []);
});
