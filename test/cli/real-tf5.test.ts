// Real public Terraform configurations, fifth round (test/fixtures/real-tf5, sources and licences in
// its README): the CLI's every finding on each, each reviewed against the AWS and Terraform
// documentation. A new finding, a lost one or a changed answer fails here and must be reviewed (and
// justified) before the list changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const DIR = join('test', 'fixtures', 'real-tf5');

function cli(args: string[]): string {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Every finding of the folder as `file:line RULE resource`, and the files read. */
function check(folder: string): { files: string[]; findings: string[] } {
  const out = JSON.parse(cli(['check', '--format', 'json', join(DIR, folder)])) as { results: { file: string; findings: { ruleId: string; range: { start: { line: number } }; resource?: string }[] }[] };
  const base = join(DIR, folder);
  const rel = (f: string) => relative(base, f).split(sep).join('/');
  return {
    files: out.results.map((r) => rel(r.file)).sort(),
    findings: out.results.flatMap((r) => r.findings.map((f) => `${rel(r.file)}:${f.range.start.line + 1} ${f.ruleId} ${f.resource ?? ''}`.trim())),
  };
}

test('nanlabs/terraform-aws-starter: the endpoints of a local wrapper around the vpc-endpoints module, no finding', () => {
  // Four VPCE9001 errors ("Unexpected end of JSON") were false: each entry writes policy = null, which
  // the module reads as lookup(each.value, "policy", null): no policy, the default one. The wrapper
  // (modules/vpc-endpoints, a local folder) passes var.endpoints on to the registry module ~> 3.0, so
  // the entries are read through it; the s3 entry's security_group_ids are not passed for a Gateway
  // endpoint (the module's own rule), and every subnet and group is an output of a module not read.
  const c = check('nanlabs-starter/live/core-networking');
  assert.deepEqual(c.findings, []);
  // The wrapper's folder is read with the root (its files are reported with the root's).
  assert.deepEqual(c.files, ['../../modules/vpc-endpoints/main.tf', '../../modules/vpc-endpoints/variables.tf', 'main.tf', 'vpc-endpoints-sg.tf', 'vpc-endpoints.tf']);
  // The map shows the four endpoints the entries make, of the types the module gives them, in the VPC
  // that is module.vpc's output (not read).
  const map = cli(['map', join(DIR, 'nanlabs-starter/live/core-networking'), '--format', 'mermaid']);
  const endpoints = [...map.matchAll(/aws_vpc_endpoint\.this#91;#34;([\w.]+)#34;#93;<br\/>(\w+) endpoint/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(endpoints, ['s3 Gateway', 'ssm Interface', 'ec2messages Interface', 'ssmmessages Interface']);
  assert.match(map, /VPC module\.vpc\.vpc_id<br\/>outside this template/);
  // The whole repository checked at once: the module folder on its own has var.endpoints = {}, so no
  // endpoint there, and nothing else is found.
  assert.deepEqual(check('nanlabs-starter').findings, []);
});

test('aws-samples/hub-and-spoke-with-inspection-vpc-terraform: endpoint and inspection modules checked on their own, no finding', () => {
  // modules/endpoints: groups made for_each over an input with a dynamic ingress, handed to the
  // vpc-endpoints module as [for i in aws_security_group.x : i.id]; every input unknown, nothing to judge.
  assert.deepEqual(check('hub-and-spoke-inspection/modules/endpoints').findings, []);
  // modules/inspection_vpc: routes to the Network Firewall's endpoint (vpc_endpoint_id from the
  // firewall's sync_states, an input) are not the "Gateway or Interface endpoint as a route target"
  // mistake VPCE7004 reports: a firewall endpoint is a Gateway Load Balancer endpoint.
  assert.deepEqual(check('hub-and-spoke-inspection/modules/inspection_vpc').findings, []);
});
