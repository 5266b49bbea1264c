// A stack may hand another stack its security group's id through Systems Manager instead of an export
// (a common way to decouple stacks: an export cannot change while it is imported): the owner writes the
// id into an `AWS::SSM::Parameter` (`new ssm.StringParameter(this, 'SsmEndpointGroupId', { parameterName,
// stringValue: group.securityGroupId })`), the other stack reads it at deploy time through a template
// parameter of type `AWS::SSM::Parameter::Value<String>` whose default is that name
// (`ssm.StringParameter.valueForStringParameter(this, name)`, logical id `SsmParameterValue<name>C96584B6...Parameter`),
// and adds its rule to the group. The app is test/fixtures/cdk/cross-stack-app's real synth output with
// its export of the SSM endpoint's group rewritten into that form, as CDK writes it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const APP = join(ROOT, 'test', 'fixtures', 'cdk', 'cross-stack-app', 'cdk.out');
const EXPORT = 'NetworkStack:ExportsOutputFnGetAttVpcSsmEndpointSecurityGroup579ACE06GroupId759B2C65';
const NAME = '/network/ssm-endpoint-group-id';
const PARAM = 'SsmParameterValuenetworkssmendpointgroupidC96584B6F00A464EAD1953AFF4B05118Parameter';

type Template = { Resources: Record<string, unknown>; Outputs?: Record<string, unknown>; Parameters?: Record<string, unknown> };

/** The app in a temporary cdk.out with the group's id published in SSM (`publish`), or not published at all. */
function app(publish: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-ssm-group-'));
  const out = join(dir, 'cdk.out');
  cpSync(APP, out, { recursive: true });
  const read = (n: string) => JSON.parse(readFileSync(join(out, n), 'utf8')) as Template;
  const network = read('NetworkStack.template.json');
  delete network.Outputs!['ExportsOutputFnGetAttVpcSsmEndpointSecurityGroup579ACE06GroupId759B2C65'];
  if (publish) {
    network.Resources['SsmEndpointGroupId0C2B5D5A'] = {
      Type: 'AWS::SSM::Parameter',
      Properties: { Type: 'String', Value: { 'Fn::GetAtt': ['VpcSsmEndpointSecurityGroup579ACE06', 'GroupId'] }, Name: NAME },
      Metadata: { 'aws:cdk:path': 'NetworkStack/SsmEndpointGroupId/Resource' },
    };
  }
  writeFileSync(join(out, 'NetworkStack.template.json'), JSON.stringify(network, null, 1));
  const parsed = rewrite(read('WorkloadStack.template.json')) as Template;
  assert.ok(!JSON.stringify(parsed).includes(EXPORT), 'the import was rewritten');
  parsed.Parameters = { [PARAM]: { Type: 'AWS::SSM::Parameter::Value<String>', Default: NAME }, ...parsed.Parameters };
  writeFileSync(join(out, 'WorkloadStack.template.json'), JSON.stringify(parsed, null, 1));
  return dir;
}

/** The value with every `Fn::ImportValue` of the group's export made a `Ref` of the SSM-typed parameter. */
function rewrite(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewrite);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length === 1 && o['Fn::ImportValue'] === EXPORT) return { Ref: PARAM };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, rewrite(x)]));
}

function check(dir: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--region', 'us-east-1', 'cdk.out'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.stderr, '');
  return r.stdout.trimEnd().split('\n').filter((l) => /VPCE6003/.test(l)).map((l) => / VPCE6003 (\S+):/.exec(l)![1]!);
}

test('a rule another stack adds to a group whose id the owner publishes in SSM: no VPCE6003 for it, the true ones stay', () => {
  const dir = app(true);
  try {
    assert.deepEqual(check(dir), ['VpcSecretsEndpointFBE119FA', 'OwnVpcStsEndpointD9487ECD']);
    const trace = spawnSync(process.execPath, [CLI, 'trace', 'cdk.out/NetworkStack.template.json', '--from', 'VpcWorkloadsSubnet1Subnet01FA5A7A', '--to', 'ssm'], { cwd: dir, encoding: 'utf8' });
    assert.match(trace.stdout.split('\n')[0]!, /: UNKNOWN — .*another stack of the app, WorkloadStack\.template\.json, adds them: its SsmEndpointGroupfromWorkloadStackWorkersFA44315544384FFBFC8, through the Systems Manager parameter \/network\/ssm-endpoint-group-id\)$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an SSM parameter no stack of the app publishes names a group of some other app: the endpoint group here admits nothing', () => {
  // In the stack that adds the rule, a group id read at deploy time may be any group's, its own STS
  // endpoint's included: that one is not judged (unknown), as with any value from outside the template.
  const dir = app(false);
  try {
    assert.deepEqual(check(dir), ['VpcSsmEndpointC46DB833', 'VpcSecretsEndpointFBE119FA']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
