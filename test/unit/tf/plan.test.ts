// Terraform plan JSON (test/fixtures/tf-plan: hand-written in the documented format, see its README):
// modules walked, values resolved, after_unknown kept unknown, references joined up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePlan as analyzeAny, mayBePlanJson, type PlanAnalysis } from '../../../server/src/core/tf/plan/analysis.js';
import { isPlanJson, moduleCallNames, readPlan } from '../../../server/src/core/tf/plan/read.js';
import { parseText } from '../../../server/src/core/document/parse.js';

/** A plan's analysis (not an unsupported format's answer). */
const analyzePlan = (text: string) => analyzeAny(text) as PlanAnalysis | undefined;

const FIXTURE = readFileSync(join(__dirname, '..', '..', 'fixtures', 'tf-plan', 'plan.json'), 'utf8');

test('a plan is told from a state, a template and other JSON', () => {
  assert.ok(mayBePlanJson(FIXTURE));
  assert.ok(isPlanJson(parseText(FIXTURE, { json: true }).root));
  const state = JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [] } } });
  // `terraform show -json` of a state is read too (test/unit/tf/plan-format.test.ts).
  assert.equal(mayBePlanJson(state), true);
  assert.equal(isPlanJson(parseText(state, { json: true }).root), true);
  assert.equal(mayBePlanJson(JSON.stringify({ format_version: '1.0', values: [] })), false);
  assert.equal(analyzePlan('{"AWSTemplateFormatVersion": "2010-09-09", "planned_values": 1}'), undefined);
  assert.equal(analyzePlan('{"format_version": "1.2", "planned_values": [1]}'), undefined);
});

test('planned values of the root and child modules, each instance by its address', () => {
  const plan = readPlan(parseText(FIXTURE, { json: true }).root as never);
  assert.deepEqual(
    plan.resources.map((r) => [r.address, r.module]),
    [
      ['aws_vpc.main', ''],
      ['aws_subnet.private[0]', ''],
      ['aws_subnet.private[1]', ''],
      ['aws_route_table.private', ''],
      ['aws_security_group.endpoints', ''],
      ['aws_vpc_endpoint.s3', ''],
      ['module.endpoints.aws_vpc_endpoint.this["ssm"]', 'module.endpoints'],
      ['module.endpoints.aws_vpc_endpoint.this["ssmmessages"]', 'module.endpoints'],
    ],
  );
  assert.equal(plan.providerRegion, 'eu-west-1');
  assert.equal(plan.configuration.calls.get('endpoints')?.source, './modules/endpoints');
  assert.deepEqual(moduleCallNames('module.a["x.y"].module.b[0]'), ['a', 'b']);
});

test('the fixture: findings on resolved values, named by address; unknowns keep rules silent', () => {
  const r = analyzePlan(FIXTURE)!;
  assert.deepEqual(
    r.analysis.findings.map((f) => [f.ruleId, f.resource, FIXTURE.slice(f.start, f.end)]),
    [
      ['VPCE9005', 'aws_vpc_endpoint.s3', 's3:GetObjects'],
      ['VPCE3001', 'module.endpoints.aws_vpc_endpoint.this["ssm"]', 'us-east-1'],
      ['VPCE3001', 'module.endpoints.aws_vpc_endpoint.this["ssmmessages"]', 'us-east-1'],
    ],
  );
  const net = r.analysis.network()!.defaults;
  // vpc_id = aws_vpc.main.id (references ["aws_vpc.main.id", "aws_vpc.main"]): the planned VPC.
  assert.deepEqual(net.endpoints.get('aws_vpc_endpoint.s3')!.vpc, { known: true, value: 'aws_vpc.main', at: net.endpoints.get('aws_vpc_endpoint.s3')!.vpc.at });
  // vpc_id = var.vpc_id in the module: known only after apply, and said so.
  // vpc_id = var.vpc_id in the module: known only after apply, one (unknown) VPC for both instances, named by
  // what decides it; the security groups likewise unknown, so VPCE6003 says nothing.
  const ssm = net.endpoints.get('module.endpoints.aws_vpc_endpoint.this["ssm"]')!;
  const messages = net.endpoints.get('module.endpoints.aws_vpc_endpoint.this["ssmmessages"]')!;
  assert.deepEqual([ssm.vpc.known && ssm.vpc.value, messages.vpc.known && messages.vpc.value], ['module.endpoints.var.vpc_id', 'module.endpoints.var.vpc_id']);
  assert.equal(ssm.securityGroups.complete, false);
  assert.match(ssm.securityGroups.why ?? '', /this\["ssm"\]\.security_group_ids is known only after apply/);
  // The Gateway endpoint's subnet_ids are unknown in the plan but not in the configuration: not written.
  assert.equal(r.analysis.findings.some((f) => f.ruleId === 'VPCE2002'), false);
});

/** A plan whose VPC and security group exist (known ids) and whose endpoint is new. */
function updatePlan(ingressPort: number, groupIds: unknown): string {
  const vpc = { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-0a1b2c3d', cidr_block: '10.1.0.0/16', enable_dns_support: true, enable_dns_hostnames: true } };
  const sg = {
    address: 'aws_security_group.ep',
    mode: 'managed',
    type: 'aws_security_group',
    name: 'ep',
    values: { id: 'sg-0123456789abcdef0', vpc_id: 'vpc-0a1b2c3d', ingress: [{ cidr_blocks: ['10.1.0.0/16'], from_port: ingressPort, to_port: ingressPort, protocol: 'tcp', ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' }], egress: [] },
  };
  const ep = { address: 'aws_vpc_endpoint.ssm', mode: 'managed', type: 'aws_vpc_endpoint', name: 'ssm', values: { vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.ssm', vpc_endpoint_type: 'Interface', private_dns_enabled: true, ...(Array.isArray(groupIds) ? { security_group_ids: groupIds } : {}) } };
  const unknown = { id: true, subnet_ids: true, ...(Array.isArray(groupIds) ? {} : { security_group_ids: true }) };
  return JSON.stringify({
    format_version: '1.2',
    planned_values: { root_module: { resources: [vpc, sg, ep] } },
    resource_changes: [{ address: 'aws_vpc_endpoint.ssm', change: { actions: ['create'], after_unknown: unknown } }],
    configuration: {
      provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: { resources: [{ address: 'aws_vpc_endpoint.ssm', expressions: { vpc_id: { constant_value: 'vpc-0a1b2c3d' }, service_name: {}, vpc_endpoint_type: {}, private_dns_enabled: {}, security_group_ids: {}, subnet_ids: {} } }] },
    },
  });
}

test('known ids of existing resources join the model: a group without 443 is found, an unknown group is not judged', () => {
  const bad = analyzePlan(updatePlan(80, ['sg-0123456789abcdef0']))!;
  assert.deepEqual(bad.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.ssm')!.vpc.known, true);
  assert.deepEqual(bad.analysis.findings.map((f) => [f.ruleId, f.resource]), [['VPCE6003', 'aws_vpc_endpoint.ssm']]);
  assert.deepEqual(analyzePlan(updatePlan(443, ['sg-0123456789abcdef0']))!.analysis.findings, []);
  // security_group_ids known only after apply (and written in the configuration): unknown, never absent.
  const unknown = analyzePlan(updatePlan(80, undefined))!;
  assert.deepEqual(unknown.analysis.findings, []);
  assert.equal(unknown.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.ssm')!.securityGroups.complete, false);
});
