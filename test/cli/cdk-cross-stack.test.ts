// A CDK app's stacks are one deployment: a rule one stack adds to another stack's security group (the
// group imported by id, `Fn::ImportValue` of the other stack's export) is part of that group. Real
// `cdk synth` output (test/fixtures/cdk/README.md, cross-stack-app): WorkloadStack lets its workers into
// the SSM endpoint's group of NetworkStack; nobody is let into the Secrets Manager endpoint's group, nor
// into the group of the STS endpoint in WorkloadStack's own VPC (the imported group's rule is not its).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/engine.js';
import { outsideGroupRules } from '../../server/src/core/cdk/outside-rules.js';
import { readAssemblyTemplates } from '../../server/src/core/cdk/assembly-templates.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const APP = join(ROOT, 'test', 'fixtures', 'cdk', 'cross-stack-app');

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SSM_GROUP_RULE = "WorkloadStack.template.json's SsmEndpointGroupfromWorkloadStackWorkersFA44315544384FFBFC8";

test('a rule another stack of the app adds to an endpoint group: no VPCE6003 for it, the true ones stay', () => {
  const r = run(['check', '--region', 'us-east-1', 'cdk.out'], APP);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 3, r.out);
  assert.match(lines[0]!, /^cdk\.out\/NetworkStack\.template\.json:\d+:\d+: warning VPCE6003 VpcSecretsEndpointFBE119FA: .*\(construct NetworkStack\/Vpc\/SecretsEndpoint\/Resource, defined at /);
  // The workload's own endpoint: the imported group's rule is NetworkStack's group's, so this one's admit nothing.
  assert.match(lines[1]!, /^cdk\.out\/WorkloadStack\.template\.json:\d+:\d+: warning VPCE6003 OwnVpcStsEndpointD9487ECD: no security group of the endpoint \(OwnVpcStsEndpointSecurityGroupC200D88B\) admits TCP 443 from the VPC; .*\(construct WorkloadStack\/OwnVpc\/StsEndpoint\/Resource, defined at /);
  assert.equal(lines[2], '2 files checked: 0 errors, 2 warnings, 0 info');
  // The template named alone is still judged in its assembly.
  const alone = run(['check', '--region', 'us-east-1', 'cdk.out/NetworkStack.template.json'], APP);
  assert.equal(alone.out.trimEnd().split('\n').length, 2, alone.out);
  // So is the workload's template: judged alone, the imported group's rule might be any of its groups'.
  const work = run(['check', '--region', 'us-east-1', 'cdk.out/WorkloadStack.template.json'], APP);
  assert.match(work.out, /VPCE6003 OwnVpcStsEndpointD9487ECD/);
  // The trace from the VPC to SSM: unknown, the other stack's rule deciding; to Secrets Manager: blocked.
  const trace = (to: string) => run(['trace', 'cdk.out/NetworkStack.template.json', '--from', 'VpcWorkloadsSubnet1Subnet01FA5A7A', '--to', to], APP).out.split('\n')[0]!;
  assert.match(trace('ssm'), /: UNKNOWN — .*some ingress rules of VpcSsmEndpointSecurityGroup579ACE06 are not in this template \(another stack of the app, WorkloadStack\.template\.json, adds them: its SsmEndpointGroupfromWorkloadStackWorkersFA44315544384FFBFC8, through the export NetworkStack:ExportsOutputFnGetAttVpcSsmEndpointSecurityGroup579ACE06GroupId759B2C65\)$/);
  assert.match(trace('secretsmanager'), /: BLOCKED/);
});

test("the trace's answer for the group names the other stack's rule; without the assembly it is the template's alone", () => {
  const read = (name: string) => readFileSync(join(APP, 'cdk.out', name), 'utf8');
  const texts = new Map(['NetworkStack.template.json', 'WorkloadStack.template.json'].map((n) => [n, read(n)]));
  const outside = outsideGroupRules(readAssemblyTemplates(texts));
  assert.deepEqual(Object.keys(outside.get('NetworkStack.template.json')?.groups ?? {}), ['VpcSsmEndpointSecurityGroup579ACE06']);
  assert.deepEqual(outside.get('WorkloadStack.template.json'), { foreign: { SsmEndpointGroupfromWorkloadStackWorkersFA44315544384FFBFC8: 'NetworkStack.template.json\'s VpcSsmEndpointSecurityGroup579ACE06' } });
  const open = outside.get('NetworkStack.template.json')!.groups!['VpcSsmEndpointSecurityGroup579ACE06']!;
  assert.equal(open.egress, undefined);
  assert.equal(open.ingress!.decides, SSM_GROUP_RULE);
  const text = read('NetworkStack.template.json');
  const judged = analyze(text, { settings: { regions: ['us-east-1'], outsideRules: outside.get('NetworkStack.template.json')! } });
  const alone = analyze(text, { settings: { regions: ['us-east-1'] } });
  const ids = (a: typeof judged) => a.findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.resource);
  assert.deepEqual(ids(alone), ['VpcSsmEndpointC46DB833', 'VpcSecretsEndpointFBE119FA']);
  assert.deepEqual(ids(judged), ['VpcSecretsEndpointFBE119FA']);
  const group = judged.network()!.judged().securityGroups.get('VpcSsmEndpointSecurityGroup579ACE06');
  assert.equal(group?.ingress.complete, false);
  assert.match(group!.ingress.open!.why, /another stack of the app, WorkloadStack\.template\.json, adds/);
});

// test/fixtures/cdk/nested-rule-app: a nested stack lets its workers into its parent's SSM endpoint group,
// the group's id a parameter the parent sets (`Fn::GetAtt [Group, GroupId]`).
test("a nested stack's rule on its parent's group: the parent's group is open, naming the rule", () => {
  const app = join(ROOT, 'test', 'fixtures', 'cdk', 'nested-rule-app');
  const r = run(['check', 'cdk.out'], app);
  assert.equal(r.err, '');
  assert.equal(r.out, '2 files checked: 0 errors, 0 warnings, 0 info\n');
  const trace = run(['trace', 'cdk.out/NetworkStack.template.json', '--from', 'VpcWorkloadsSubnet1Subnet01FA5A7A', '--to', 'ssm'], app).out.split('\n')[0]!;
  // The trace reads the nested template with its parent (nested-inline.ts): the rule is in its network, and
  // admits the workers' group only, which a subnet's traffic may or may not come from.
  assert.match(trace, /: UNKNOWN — .*VpcSsmEndpointSecurityGroup579ACE06 admits it only from members of security group Workers96E39E36, and VpcWorkloadsSubnet1Subnet01FA5A7A's security groups depend on the workload$/);
  const read = (name: string) => readFileSync(join(app, 'cdk.out', name), 'utf8');
  const names = ['NetworkStack.template.json', 'NetworkStackWorkers3FD418F0.nested.template.json'];
  const outside = outsideGroupRules(readAssemblyTemplates(new Map(names.map((n) => [n, read(n)]))));
  assert.deepEqual(outside.get(names[1]!), { foreign: { SsmEndpointGroupfromNetworkStackWorkersA05EDC1244374A26881: "NetworkStack.template.json's VpcSsmEndpointSecurityGroup579ACE06" } });
  // The nested template unreadable: the groups the parent gives it are open, naming it.
  const blind = outsideGroupRules(readAssemblyTemplates(new Map([[names[0]!, read(names[0]!)], [names[1]!, undefined]])));
  assert.equal(blind.get(names[0]!)?.groups?.VpcSsmEndpointSecurityGroup579ACE06?.ingress?.decides, names[1]);
});
