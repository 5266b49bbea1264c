// The parts of Terraform's JSON output format (https://developer.hashicorp.com/terraform/internals/json-format)
// a real plan or state has beyond the first fixture: deposed objects and deletions in resource_changes,
// `terraform show -json` of a state (values, no plan), data resources, and format versions. Plans are
// built here in the documented shape: no real plan can be made on this machine (no AWS provider).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePlan, mayBePlanJson } from '../../../server/src/core/tf/plan/analysis.js';

const VPC = { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-0a1b2c3d', cidr_block: '10.1.0.0/16', enable_dns_support: true, enable_dns_hostnames: true } };
const SG = {
  address: 'aws_security_group.ep',
  mode: 'managed',
  type: 'aws_security_group',
  name: 'ep',
  values: { id: 'sg-0123456789abcdef0', vpc_id: 'vpc-0a1b2c3d', ingress: [{ cidr_blocks: ['10.1.0.0/16'], from_port: 80, to_port: 80, protocol: 'tcp', ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' }], egress: [] },
};
const SSM = { address: 'aws_vpc_endpoint.ssm', mode: 'managed', type: 'aws_vpc_endpoint', name: 'ssm', values: { vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.ssm', vpc_endpoint_type: 'Interface', private_dns_enabled: true } };
const CONFIG = {
  provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
  root_module: { resources: [{ address: 'aws_vpc_endpoint.ssm', expressions: { vpc_id: { constant_value: 'vpc-0a1b2c3d' }, service_name: {}, vpc_endpoint_type: {}, private_dns_enabled: {}, security_group_ids: { references: ['aws_security_group.new.id', 'aws_security_group.new'] }, subnet_ids: {} } }] },
};

test('a deposed object being deleted does not take the place of the planned one: its groups stay unknown', () => {
  // Replaced with create_before_destroy after an earlier apply failed to delete the old object: Terraform
  // lists the deposed object's deletion after the new object's change, under the same address.
  const changes = [
    { address: 'aws_vpc_endpoint.ssm', mode: 'managed', type: 'aws_vpc_endpoint', name: 'ssm', change: { actions: ['create'], after_unknown: { id: true, subnet_ids: true, security_group_ids: true } } },
    { address: 'aws_vpc_endpoint.ssm', mode: 'managed', type: 'aws_vpc_endpoint', name: 'ssm', deposed: '00000001', change: { actions: ['delete'], after: null, after_unknown: {} } },
  ];
  const text = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [VPC, SG, SSM] } }, resource_changes: changes, configuration: CONFIG });
  const r = analyzePlan(text)!;
  assert.ok('analysis' in r);
  const ep = r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.ssm')!;
  assert.equal(ep.securityGroups.complete, false);
  assert.deepEqual(r.analysis.findings, []);
});

test('a resource being destroyed is not in the planned network; the data resources are not resources', () => {
  const gone = { address: 'aws_vpc_endpoint.old', mode: 'managed', type: 'aws_vpc_endpoint', name: 'old', change: { actions: ['delete'], before: { id: 'vpce-1', vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.ssm', vpc_endpoint_type: 'Interface', security_group_ids: ['sg-0123456789abcdef0'] }, after: null, after_unknown: {} } };
  const data = { address: 'data.aws_vpc.main', mode: 'data', type: 'aws_vpc', name: 'main', values: { id: 'vpc-0a1b2c3d', cidr_block: '10.1.0.0/16' } };
  const text = JSON.stringify({
    format_version: '1.2',
    planned_values: { root_module: { resources: [VPC, SG, data] } },
    prior_state: { format_version: '1.0', values: { root_module: { resources: [VPC, SG, { ...gone, values: gone.change.before }] } } },
    resource_changes: [gone],
  });
  const r = analyzePlan(text)!;
  assert.ok('analysis' in r);
  assert.deepEqual([...r.analysis.network()!.defaults.endpoints.keys()], []);
  assert.deepEqual([...r.lowered.byAddress.keys()], ['aws_vpc.main', 'aws_security_group.ep']);
});

test('terraform show -json of a state: its values are checked, every one known', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObjects', Resource: '*' }] });
  const s3 = { address: 'aws_vpc_endpoint.s3', mode: 'managed', type: 'aws_vpc_endpoint', name: 's3', values: { id: 'vpce-0123', vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', policy, route_table_ids: [], subnet_ids: [], security_group_ids: [] } };
  const state = JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [VPC, s3, { ...SSM, values: { ...SSM.values, id: 'vpce-0456', security_group_ids: ['sg-0123456789abcdef0'], subnet_ids: [] } }, SG] } } });
  assert.ok(mayBePlanJson(state));
  const r = analyzePlan(state)!;
  assert.ok('analysis' in r);
  assert.equal(r.plan.kind, 'state');
  assert.deepEqual(r.analysis.findings.map((f) => [f.ruleId, f.resource]), [['VPCE9005', 'aws_vpc_endpoint.s3'], ['VPCE6003', 'aws_vpc_endpoint.ssm']]);
  // The known VPC id is the planned VPC: the endpoints join it.
  const vpc = r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.ssm')!.vpc;
  assert.equal(vpc.known && vpc.value, 'aws_vpc.main');
  // An empty state (`terraform show -json` before the first apply) has nothing to check.
  assert.equal(mayBePlanJson('{"format_version":"1.0"}'), false);
});

test('format versions: 0.x and 1.x are read; another major version is said, not guessed at', () => {
  const plan = (v: string) => JSON.stringify({ format_version: v, planned_values: { root_module: { resources: [VPC, SG, SSM] } }, configuration: CONFIG });
  for (const v of ['0.1', '0.2', '1.0', '1.2', '1.9']) {
    const r = analyzePlan(plan(v))!;
    assert.ok('analysis' in r, v);
  }
  const r = analyzePlan(plan('2.0'))!;
  assert.ok('unsupported' in r);
  assert.equal(r.unsupported, 'Terraform JSON format_version 2.0: vpce-lens reads versions 0.x and 1.x');
});

test('an update plan: an argument the configuration does not set is the provider\'s, not written (no VPCE9014 on the default policy)', () => {
  // After the first apply, planned values hold what the provider computed: an endpoint without a policy
  // argument has AWS's default full-access policy there. The user wrote none: nothing to say about it.
  const full = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
  const ep = { ...SSM, values: { ...SSM.values, id: 'vpce-1', policy: full, security_group_ids: ['sg-0123456789abcdef0'], subnet_ids: ['subnet-1'] } };
  const sg = { ...SG, values: { ...SG.values, ingress: [{ ...SG.values.ingress[0], from_port: 443, to_port: 443 }] } };
  const config = (policy: boolean) => ({ root_module: { resources: [{ address: 'aws_vpc_endpoint.ssm', expressions: { vpc_id: {}, service_name: {}, vpc_endpoint_type: {}, private_dns_enabled: {}, security_group_ids: {}, subnet_ids: {}, ...(policy ? { policy: {} } : {}) } }] } });
  const plan = (policy: boolean) => JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [VPC, sg, ep] } }, resource_changes: [{ address: 'aws_vpc_endpoint.ssm', change: { actions: ['no-op'], after_unknown: {} } }], configuration: config(policy) });
  const unwritten = analyzePlan(plan(false))!;
  assert.ok('analysis' in unwritten);
  assert.deepEqual(unwritten.analysis.findings.map((f) => f.ruleId), []);
  // Written out (policy = jsonencode({... "*" ...})): the info finding is about what the user wrote.
  const written = analyzePlan(plan(true))!;
  assert.ok('analysis' in written);
  assert.deepEqual(written.analysis.findings.map((f) => f.ruleId), ['VPCE9014']);
});

test('a nested block known only after apply that the configuration section does not show is unknown, not absent', () => {
  // The configuration section leaves out blocks it cannot describe (dynamic blocks, hashicorp/terraform#28346;
  // attributes as blocks such as ingress, #29022): its silence does not say the block is not written.
  const sg = { ...SG, values: { vpc_id: 'vpc-0a1b2c3d' } };
  const text = JSON.stringify({
    format_version: '1.2',
    planned_values: { root_module: { resources: [VPC, sg] } },
    resource_changes: [{ address: 'aws_security_group.ep', change: { actions: ['create'], after_unknown: { id: true, ingress: true, egress: true } } }],
    configuration: { root_module: { resources: [{ address: 'aws_security_group.ep', expressions: { vpc_id: { references: ['aws_vpc.main.id', 'aws_vpc.main'] } } }] } },
  });
  const r = analyzePlan(text)!;
  assert.ok('analysis' in r);
  const group = r.analysis.network()!.defaults.securityGroups.get('aws_security_group.ep')!;
  assert.equal(group.ingress.complete, false);
});

test('a finding on a value the plan marks sensitive is reported without the value (terraform show -json prints it in clear)', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObjects', Resource: 'arn:aws:s3:::secret-bucket-name/*' }] });
  const s3 = (sensitive: boolean) => ({ address: 'aws_vpc_endpoint.s3', mode: 'managed', type: 'aws_vpc_endpoint', name: 's3', values: { id: 'vpce-0123', vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', policy, route_table_ids: [] }, sensitive_values: sensitive ? { policy: true, route_table_ids: [] } : { route_table_ids: [] } });
  const state = (sensitive: boolean) => JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [VPC, s3(sensitive)] } } });
  const open = analyzePlan(state(false))!;
  assert.ok('analysis' in open);
  assert.deepEqual(open.analysis.findings.map((f) => f.ruleId), ['VPCE9005']);
  assert.match(open.analysis.findings[0]!.message, /s3:GetObjects/);
  const hidden = analyzePlan(state(true))!;
  assert.ok('analysis' in hidden);
  const [f] = hidden.analysis.findings;
  assert.equal(f?.ruleId, 'VPCE9005');
  assert.equal(f.message, 'aws_vpc_endpoint.s3: Unknown action in an endpoint policy, in a value the plan marks sensitive (not shown)');
  assert.equal(f.data, undefined);
  // Still where it is, for the one who has the plan.
  assert.equal(state(true).slice(f.start, f.end), 's3:GetObjects');
});

test('the provider\'s region from a root variable (region = var.region) is the value the plan gives it: a service of another region is VPCE3001', () => {
  // Real plans seldom write the region as a constant: the configuration section gives the variable's
  // reference, the plan's `variables` its value.
  const east = { ...SSM, values: { ...SSM.values, service_name: 'com.amazonaws.us-east-1.ssm', subnet_ids: ['subnet-0a1b2c3d4e5f60001'] } };
  const plan = (provider: object, variables: object) => JSON.stringify({ format_version: '1.2', variables, planned_values: { root_module: { resources: [VPC, SG, east] } }, configuration: { provider_config: provider, root_module: CONFIG.root_module } });
  const byVariable = analyzePlan(plan({ aws: { name: 'aws', expressions: { region: { references: ['var.region'] } } } }, { region: { value: 'eu-west-1' } }))!;
  assert.ok('analysis' in byVariable);
  assert.equal(byVariable.plan.providerRegion, 'eu-west-1');
  assert.deepEqual(byVariable.analysis.findings.map((f) => f.ruleId), ['VPCE3001']);
  // A provider configured in a module reads that module's variable of the name, not the root's; a local is not resolved.
  for (const provider of [{ 'module.net:aws': { name: 'aws', expressions: { region: { references: ['var.region'] } } } }, { aws: { name: 'aws', expressions: { region: { references: ['local.region'] } } } }]) {
    const r = analyzePlan(plan(provider, { region: { value: 'eu-west-1' } }))!;
    assert.ok('analysis' in r);
    assert.equal(r.plan.providerRegion, undefined);
    assert.deepEqual(r.analysis.findings.map((f) => f.ruleId), []);
  }
});

test('a state\'s endpoint policy that is AWS\'s default is what the provider read back, not written: no VPCE9003/VPCE9014 for it', () => {
  // A state has no configuration section to say which arguments were written. The provider stores the
  // policy AWS gives an endpoint created without one: on an interface endpoint it has no Version (the EC2
  // CLI reference's create-vpc-endpoint output), on a gateway endpoint Version 2008-10-17.
  const iface = JSON.stringify({ Statement: [{ Action: '*', Effect: 'Allow', Principal: '*', Resource: '*' }] });
  const gateway = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
  const ssm = (policy: string) => ({ ...SSM, values: { ...SSM.values, id: 'vpce-0456', policy, security_group_ids: [], subnet_ids: ['subnet-0a1b2c3d4e5f60001'] } });
  const s3 = (policy: string) => ({ address: 'aws_vpc_endpoint.s3', mode: 'managed', type: 'aws_vpc_endpoint', name: 's3', values: { id: 'vpce-0123', vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', policy, route_table_ids: [], subnet_ids: [], security_group_ids: [] } });
  const state = (a: string, b: string) => JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [VPC, ssm(a), s3(b)] } } });
  const defaults = analyzePlan(state(iface, gateway))!;
  assert.ok('analysis' in defaults);
  assert.deepEqual(defaults.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`), []);
  // A policy of the user's is judged as ever: without a Version, or allowing all in another form.
  const mine = JSON.stringify({ Statement: [{ Action: 'ssm:*', Effect: 'Allow', Principal: '*', Resource: '*' }] });
  const all = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
  const written = analyzePlan(state(mine, all))!;
  assert.ok('analysis' in written);
  assert.deepEqual(written.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`).sort(), ['VPCE9003 aws_vpc_endpoint.ssm', 'VPCE9014 aws_vpc_endpoint.s3']);
});

test('a state\'s service_region that is the endpoint\'s own Region is what AWS reports (provider 6), not written: no VPCE3004 on a gateway endpoint that exists', () => {
  const s3 = (serviceRegion: string) => ({ address: 'aws_vpc_endpoint.s3', mode: 'managed', type: 'aws_vpc_endpoint', name: 's3', values: { arn: 'arn:aws:ec2:eu-west-1:111111111111:vpc-endpoint/vpce-0123', id: 'vpce-0123', region: 'eu-west-1', vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.s3', service_region: serviceRegion, vpc_endpoint_type: 'Gateway', route_table_ids: [], subnet_ids: [], security_group_ids: [] } });
  const state = (serviceRegion: string) => JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [VPC, s3(serviceRegion)] } } });
  const own = analyzePlan(state('eu-west-1'))!;
  assert.ok('analysis' in own);
  assert.deepEqual(own.analysis.findings.map((f) => f.ruleId), []);
  // Another Region is no value AWS reports for an endpoint of its own Region: judged as written.
  const other = analyzePlan(state('us-east-1'))!;
  assert.ok('analysis' in other);
  assert.deepEqual(other.analysis.findings.map((f) => f.ruleId), ['VPCE3004']);
});
