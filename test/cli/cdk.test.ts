// `vpce-lens check cdk.out`, as a CDK user runs it after `cdk synth`: the cloud assembly's templates are
// checked (nested stacks too; not assets, manifests or metadata), and every finding names its construct
// and the line of the user's code that created it, in text, JSON and SARIF. The fixture is real
// `cdk synth` output (test/fixtures/cdk/README.md); the app is copied where its stack traces say it was
// synthesised, as when CI synthesises and checks in one checkout.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iam } from '../../server/src/core/policy/iam.js';

const IAM_DATE = iam().date;

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'cdk');
const SYNTHESISED_IN = '/home/dev/network-app';

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The app and its cdk.out in a fresh folder, its traces pointing there. */
function appCopy(): string {
  const app = join(mkdtempSync(join(tmpdir(), 'vpce-cdk-')), 'network-app');
  cpSync(join(FIXTURES, 'network-app'), app, { recursive: true });
  for (const name of readdirSync(join(app, 'cdk.out')).filter((n) => n.endsWith('.json'))) {
    const file = join(app, 'cdk.out', name);
    writeFileSync(file, readFileSync(file, 'utf8').split(`${SYNTHESISED_IN}/`).join(`${app}/`));
  }
  return app;
}

// Where each mistake's construct is created in the app's source (1-based line and column, as V8 records).
const SOURCE = {
  s3: { file: 'lib/network-stack.ts', line: 24, column: 25, call: 'addGatewayEndpoint(' },
  ssm: { file: 'lib/network-stack.ts', line: 34, column: 26, call: 'addInterfaceEndpoint(' },
  logs: { file: 'lib/observability-endpoints.ts', line: 15, column: 18, call: 'new ec2.InterfaceVpcEndpoint(' },
};

const TEXT = [
  `cdk.out/NetworkStack.template.json:161:10: error VPCE9005 VpcS3Endpoint4A3DE4B5 policy: s3:PutObjects is not in the IAM reference of ${IAM_DATE}; did you mean s3:PutObject? (construct NetworkStack/Vpc/S3Endpoint/Resource, defined at lib/network-stack.ts:24:25)`,
  `cdk.out/NetworkStack.template.json:236:25: warning VPCE6003 VpcSsmEndpointC46DB833: no security group of the endpoint (VpcSsmEndpointSecurityGroup579ACE06) admits TCP 443 from the VPC; clients' calls through it time out (construct NetworkStack/Vpc/SsmEndpoint/Resource, defined at lib/network-stack.ts:34:26)`,
  `cdk.out/NetworkStackObservability5187F713.nested.template.json:52:10: error VPCE9005 LogsEndpointF332AD3D policy: logs:PutLogEvent is not in the IAM reference of ${IAM_DATE}; did you mean logs:PutLogEvents? (construct NetworkStack/Observability/LogsEndpoint/Resource, defined at lib/observability-endpoints.ts:15:18)`,
  `3 files checked: 2 errors, 1 warning, 0 info`,
];

test('the recorded lines are where the app creates each construct', () => {
  for (const s of Object.values(SOURCE)) {
    const line = readFileSync(join(FIXTURES, 'network-app', s.file), 'utf8').split('\n')[s.line - 1]!;
    assert.ok(line.slice(s.column - 1).startsWith(s.call), `${s.file}:${s.line}:${s.column} is ${line}`);
  }
});

test('text: vpce-lens check cdk.out and vpce-lens check . name the construct and the line that creates it', () => {
  const app = appCopy();
  for (const input of ['cdk.out', '.']) {
    const r = run(['check', '--region', 'eu-west-1', input], app);
    assert.equal(r.err, '', input);
    assert.equal(r.code, 1, input);
    assert.deepEqual(r.out.trimEnd().split('\n'), TEXT, input);
  }
});

test('json: each finding has an origin with the construct path and where it is defined (0-based)', () => {
  const app = appCopy();
  const r = run(['check', '--region', 'eu-west-1', '--format', 'json', 'cdk.out'], app);
  const doc = JSON.parse(r.out) as { results: { file: string; findings: { ruleId: string; resource: string; origin?: unknown }[] }[] };
  assert.deepEqual(doc.results.map((x) => x.file), ['cdk.out/NetworkStack.template.json', 'cdk.out/NetworkStackObservability5187F713.nested.template.json', 'cdk.out/ReportsStack.template.json']);
  const origins = doc.results.flatMap((x) => x.findings.map((f) => [f.resource, f.origin]));
  const at = (s: (typeof SOURCE)['s3']) => ({ file: s.file, position: { line: s.line - 1, character: s.column - 1 } });
  assert.deepEqual(origins, [
    ['VpcS3Endpoint4A3DE4B5', { kind: 'cdk-construct', name: 'NetworkStack/Vpc/S3Endpoint/Resource', definedAt: at(SOURCE.s3) }],
    ['VpcSsmEndpointC46DB833', { kind: 'cdk-construct', name: 'NetworkStack/Vpc/SsmEndpoint/Resource', definedAt: at(SOURCE.ssm) }],
    ['LogsEndpointF332AD3D', { kind: 'cdk-construct', name: 'NetworkStack/Observability/LogsEndpoint/Resource', definedAt: at(SOURCE.logs) }],
  ]);
});

test('sarif: the construct as logical location and property, the defining line as a related location', () => {
  const app = appCopy();
  const r = run(['check', '--region', 'eu-west-1', '--format', 'sarif', 'cdk.out'], app);
  type Loc = { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> }; message?: { text: string } };
  type Result = { ruleId: string; locations: (Loc & { logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] })[]; relatedLocations?: Loc[]; properties?: Record<string, string> };
  const results = (JSON.parse(r.out) as { runs: { results: Result[] }[] }).runs[0]!.results;
  assert.equal(results.length, 3);
  const expected = [
    ['NetworkStack/Vpc/S3Endpoint/Resource', SOURCE.s3, 'cdk.out/NetworkStack.template.json'],
    ['NetworkStack/Vpc/SsmEndpoint/Resource', SOURCE.ssm, 'cdk.out/NetworkStack.template.json'],
    ['NetworkStack/Observability/LogsEndpoint/Resource', SOURCE.logs, 'cdk.out/NetworkStackObservability5187F713.nested.template.json'],
  ] as const;
  results.forEach((res, i) => {
    const [path, source, template] = expected[i]!;
    assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, template);
    assert.deepEqual(res.locations[0]!.logicalLocations, [{ name: 'Resource', fullyQualifiedName: path, kind: 'resource' }]);
    assert.deepEqual(res.properties, { cdkConstructPath: path, cdkDefinedAt: `${source.file}:${source.line}:${source.column}` });
    const defined = res.relatedLocations!.at(-1)!;
    assert.deepEqual(defined.physicalLocation, { artifactLocation: { uri: source.file, uriBaseId: '%SRCROOT%' }, region: { startLine: source.line, startColumn: source.column } });
    assert.equal(defined.message!.text, `construct ${path} is defined here`);
  });
  // The VPCE6003 finding keeps its own related location (the security group) before the construct's.
  assert.equal(results[1]!.relatedLocations!.length, 2);
});

test('only templates are read in a cloud assembly: not asset folders, manifests, metadata or other files', () => {
  const app = appCopy();
  const mistake = readFileSync(join(ROOT, 'examples', 'endpoints-with-mistakes.yaml'), 'utf8');
  const asset = readdirSync(join(app, 'cdk.out')).find((n) => n.startsWith('asset.'))!;
  writeFileSync(join(app, 'cdk.out', asset, 'bundled.template.json'), readFileSync(join(app, 'cdk.out', 'NetworkStack.template.json')));
  writeFileSync(join(app, 'cdk.out', asset, 'template.yaml'), mistake);
  writeFileSync(join(app, 'cdk.out', 'leftover.yaml'), mistake);
  const r = run(['check', '--region', 'eu-west-1', 'cdk.out'], app);
  assert.deepEqual(r.out.trimEnd().split('\n'), TEXT);
});

// Stages (assembly-* folders their manifest names): test/cli/cdk-stages.test.ts.
test('a folder cdk synth -o wrote is walked as an assembly', () => {
  const app = appCopy();
  // `cdk synth -o build/assembly`: found by its manifest and version file, whatever its name.
  cpSync(join(app, 'cdk.out'), join(app, 'build', 'assembly'), { recursive: true });
  const custom = run(['check', '--region', 'eu-west-1', 'build'], app);
  assert.deepEqual(custom.out.trimEnd().split('\n').slice(0, 3), TEXT.slice(0, 3).map((l) => l.replace(/^cdk\.out\//, 'build/assembly/')));
});

test('CDK 2.100 with --debug (trace in manifest.json), checked from elsewhere: the recorded absolute path', () => {
  const r = run(['check', '--region', 'eu-west-1', 'test/fixtures/cdk/network-app-2.100/cdk.out/NetworkStack.template.json']);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0]!, / VPCE9005 VpcS3Endpoint4A3DE4B5 .* \(construct NetworkStack\/Vpc\/S3Endpoint\/Resource, defined at \/home\/dev\/network-app-2\.100\/lib\/network-stack\.ts:24:25\)$/);
  assert.match(lines[1]!, / VPCE6003 VpcSsmEndpointC46DB833: .* \(construct NetworkStack\/Vpc\/SsmEndpoint\/Resource, defined at \/home\/dev\/network-app-2\.100\/lib\/network-stack\.ts:34:26\)$/);
  const sarif = JSON.parse(run(['check', '--region', 'eu-west-1', '--format', 'sarif', 'test/fixtures/cdk/network-app-2.100/cdk.out']).out);
  const related = sarif.runs[0].results.map((x: { relatedLocations: { physicalLocation: { artifactLocation: unknown } }[] }) => x.relatedLocations.at(-1)!.physicalLocation.artifactLocation);
  assert.deepEqual(related[0], { uri: 'file:///home/dev/network-app-2.100/lib/network-stack.ts' });
  assert.deepEqual(related[2], { uri: 'file:///home/dev/network-app-2.100/lib/observability-endpoints.ts' });
});

test('synthesised elsewhere, checked in a checkout of the app: the line in the checkout\'s file, relative to the run\'s folder', () => {
  // The fixture's traces record /home/dev/network-app; the app's source is here, beside its cdk.out.
  const assembly = 'test/fixtures/cdk/network-app/cdk.out';
  const r = run(['check', '--region', 'eu-west-1', assembly]);
  assert.equal(r.err, '');
  assert.deepEqual(r.out.trimEnd().split('\n'), TEXT.map((l) => l.replace(/^cdk\.out\//, `${assembly}/`).replace(/defined at lib\//, 'defined at test/fixtures/cdk/network-app/lib/')));
  const sarif = JSON.parse(run(['check', '--region', 'eu-west-1', '--format', 'sarif', assembly]).out);
  const defined = sarif.runs[0].results.map((x: { relatedLocations: { physicalLocation: unknown }[] }) => x.relatedLocations.at(-1)!.physicalLocation);
  assert.deepEqual(defined[0], { artifactLocation: { uri: 'test/fixtures/cdk/network-app/lib/network-stack.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 24, startColumn: 25 } });
  assert.deepEqual(defined[2], { artifactLocation: { uri: 'test/fixtures/cdk/network-app/lib/observability-endpoints.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 15, startColumn: 18 } });
  // Run from outside the app's folder: the checkout's file, by its absolute path (it exists; the recorded one does not).
  const outside = run(['check', '--region', 'eu-west-1', join(ROOT, assembly)], tmpdir());
  assert.match(outside.out.split('\n')[0]!, new RegExp(`defined at ${join(FIXTURES, 'network-app', 'lib', 'network-stack.ts').replace(/[.\\/]/g, '\\$&')}:24:25\\)$`));
});

test('a construct of another package than the app (outside the folder it was synthesised in) keeps its recorded path', () => {
  const app = appCopy();
  // The Logs endpoint's construct recorded as created in a library beside the app that has a file of the same name here.
  const meta = join(app, 'cdk.out', 'NetworkStack.metadata.json');
  writeFileSync(meta, readFileSync(meta, 'utf8').split(`${app}/lib/observability-endpoints.ts`).join('/home/dev/constructs/lib/observability-endpoints.ts'));
  const r = run(['check', '--region', 'eu-west-1', 'cdk.out'], app);
  const lines = r.out.trimEnd().split('\n');
  assert.ok(lines[0]!.endsWith('defined at lib/network-stack.ts:24:25)'), lines[0]);
  assert.ok(lines[2]!.endsWith('defined at /home/dev/constructs/lib/observability-endpoints.ts:15:18)'), lines[2]);
});

test('a manifest that cannot be read: one warning, and the findings still name their construct', () => {
  const app = appCopy();
  writeFileSync(join(app, 'cdk.out', 'manifest.json'), '{ "version": "55.0.0", ');
  const r = run(['check', '--region', 'eu-west-1', 'cdk.out/NetworkStack.template.json'], app);
  assert.match(r.err, /^vpce-lens: warning: cdk\.out\/manifest\.json: not JSON \([^\n]*\); construct source lines are not shown\n$/);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out.trimEnd().split('\n').slice(0, 2), TEXT.slice(0, 2).map((l) => l.replace(/, defined at [^)]*\)$/, ')')));
  // A stack's metadata file missing: its stack loses the lines, with a warning naming the file.
  const other = appCopy();
  writeFileSync(join(other, 'cdk.out', 'NetworkStack.metadata.json'), '[]');
  const m = run(['check', '--region', 'eu-west-1', 'cdk.out'], other);
  assert.match(m.err, /^vpce-lens: warning: cdk\.out\/NetworkStack\.metadata\.json: not a metadata file \(not a JSON object\); construct source lines are not shown for its stack\n$/);
  assert.ok(m.out.includes('(construct NetworkStack/Vpc/S3Endpoint/Resource)\n'));
});
