// Real public Terraform configurations, fourth round (test/fixtures/real-tf4, sources and licences in
// its README): the CLI's every finding on each, and the trace answers that were wrong before this
// round, each reviewed against the AWS and Terraform documentation. A new finding, a lost one or a
// changed answer fails here and must be reviewed (and justified) before the list changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const DIR = join('test', 'fixtures', 'real-tf4');

function cli(args: string[]): string {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Every finding of the folder as `file:line RULE resource`. */
function findings(folder: string): string[] {
  const out = JSON.parse(cli(['check', '--format', 'json', join(DIR, folder)])) as { results: { file: string; findings: { ruleId: string; range: { start: { line: number } }; resource?: string }[] }[] };
  return out.results.flatMap((r) => r.findings.map((f) => `${r.file.slice(DIR.length + folder.length + 2)}:${f.range.start.line + 1} ${f.ruleId} ${f.resource ?? ''}`.trim()));
}

function trace(folder: string, from: string, to: string): { verdict: string; summary: string; hops: { kind: string; decision: string; reason: string }[] } {
  return JSON.parse(cli(['trace', join(DIR, folder), '--from', from, '--to', to, '--format', 'json']));
}

test('aws-samples/aws-network-hub-for-terraform: no finding; the deciding values are named', () => {
  // Eleven VPCE3002 "hard-codes eu-west-2" were false: the endpoints' names are made in local.endpoints
  // from var.aws_region (config.auto.tfvars), the deployment's choice, and read as each.key in the module.
  assert.deepEqual(findings('network-hub'), []);
  // The firewall VPC's internet subnets: the route to var.cidr (from var.env_config[var.environment],
  // no environment given) may cover the destination, so unknown, naming var.environment.
  const inet = trace('network-hub', 'module.network_firewall_vpc.aws_subnet.internet_subnet["eu-west-2a"]', 'internet');
  assert.equal(inet.verdict, 'unknown');
  assert.match(inet.summary, /var\.environment has no default and no value in a \.tfvars file/);
  // The endpoint VPC's default route goes to the transit gateway: beyond the configuration.
  const tgw = trace('network-hub', 'module.vpc_endpoints.aws_subnet.endpoint_subnet["az2a"]', 'internet');
  assert.equal(tgw.verdict, 'unknown');
  assert.match(tgw.summary, /continues beyond this configuration \(transit gateway\)/);
});

test('asksac/SagemakerStudioVpcOnly: only the three full-access policies, no "other VPC" error', () => {
  // Six VPCE6002 errors were false: the endpoints' vpc_id is var.vpc_id, their group's is
  // data.aws_vpc.given.id, a lookup of the same var.vpc_id.
  assert.deepEqual(findings('sagemaker-studio-vpconly'), [
    // Each policy is Allow * on * for * (Principal "*"): the default policy, restricting nothing.
    'vpc_endpoints.tf:34 VPCE9014 aws_vpc_endpoint.vpce_s3_gateway',
    'vpc_endpoints.tf:95 VPCE9014 aws_vpc_endpoint.vpce_sagemaker_api',
    'vpc_endpoints.tf:225 VPCE9014 aws_vpc_endpoint.vpce_codeartifact_repo',
  ]);
});

test('aws-ia/terraform-aws-eks-blueprints fully-private-cluster and privatelink-access: no finding', () => {
  // The vpc-endpoints module call (a merge of a Gateway s3 entry and a for over eleven Interface
  // services) is read entry by entry; its subnets and the module's own security group are outputs of
  // modules not read, so no rule can judge them.
  assert.deepEqual(findings('eks-fully-private'), []);
  // The client endpoint's group is named resource.aws_security_group.client_vpc_endpoint (Terraform's
  // resource. prefix): read, it admits 443 from the client VPC's range (a module output: unknown).
  assert.deepEqual(findings('eks-privatelink-access'), []);
});
