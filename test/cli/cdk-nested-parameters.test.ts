// A nested stack's parameters are its parent's to set: the nested template is judged with the values
// the parent passes, not with its defaults. Real `cdk synth` output (test/fixtures/cdk/README.md,
// nested-parameters-app): the parent sets ClientCidr to the VPC's range (text: certain), OpsCidr to a
// parameter of its own (known only at deploy time), and leaves AdminCidr at its default.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nestedParameters } from '../../server/src/core/cdk/nested-parameters.js';
import { readAssemblyTemplates } from '../../server/src/core/cdk/assembly-templates.js';
import { analyze } from '../../server/src/core/engine.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const APP = join(ROOT, 'test', 'fixtures', 'cdk', 'nested-parameters-app');
const NESTED = 'PlatformStackEndpoints53B3736A.nested.template.json';
const PARENT = 'PlatformStack.template.json';

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const read = (name: string) => readFileSync(join(APP, 'cdk.out', name), 'utf8');

test('check: only the endpoint whose parameter keeps its default is judged; the one the parent sets right is not', () => {
  const r = run(['check', 'cdk.out'], APP);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.out);
  assert.match(lines[0]!, new RegExp(`^cdk\\.out/${NESTED.replace(/\./g, '\\.')}:\\d+:\\d+: warning VPCE6003 VpcSecrets6D69DA67: .*\\(with the default AdminCidr 172\\.16\\.0\\.0/12\\) \\(construct PlatformStack/Endpoints/Vpc/Secrets/Resource, defined at .*bin/app\\.js:21:11\\)$`));
});

test('trace: the value the parent passes decides; one it computes is unknown, naming the parameter', () => {
  const trace = (to: string) => run(['trace', `cdk.out/${NESTED}`, '--from', 'VpcWorkloadsSubnet1Subnet01FA5A7A', '--to', to], APP).out.split('\n')[0]!;
  assert.match(trace('ssm'), /: PRIVATE — /);
  assert.match(trace('logs'), /: UNKNOWN — .*parameter OpsCidr is set by the parent stack PlatformStack\.template\.json \(EndpointsNestedStackEndpointsNestedStackResourceEB780E7F\) to a value known only at deploy time\)$/);
  assert.match(trace('secretsmanager'), /: BLOCKED — /);
});

test('nestedParameters: what the parent sets, by the aws:asset:path of its stack resource', () => {
  const passed = nestedParameters(readAssemblyTemplates(new Map([[PARENT, read(PARENT)], [NESTED, read(NESTED)]])));
  assert.deepEqual([...passed.keys()], [NESTED]);
  const p = passed.get(NESTED)!;
  assert.deepEqual(p.ClientCidr, { value: '10.40.0.0/16' });
  assert.ok('unknown' in p.OpsCidr! && p.OpsCidr.unknown.startsWith('parameter OpsCidr is set by the parent stack'));
  assert.equal(p.AdminCidr, undefined);
  // The parent missing (or unreadable): every parameter with a default may be set by it.
  const alone = nestedParameters(readAssemblyTemplates(new Map([[PARENT, undefined], [NESTED, read(NESTED)]]))).get(NESTED)!;
  assert.deepEqual(Object.keys(alone).sort(), ['AdminCidr', 'ClientCidr', 'OpsCidr']);
  const judged = analyze(read(NESTED), { settings: { passedParameters: alone } });
  assert.deepEqual(judged.findings.filter((f) => f.ruleId === 'VPCE6003'), []);
  // Without the assembly (the template as any template): judged on its defaults.
  const plain = analyze(read(NESTED), {});
  assert.deepEqual(plain.findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.resource), ['VpcSsm0F56837D', 'VpcSecrets6D69DA67', 'VpcLogsE1759C4E']);
});
