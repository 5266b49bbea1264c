// The cloud assembly as `cdk synth` writes it (test/fixtures/cdk: real output of two aws-cdk-lib versions).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError, readCloudAssembly } from '../../../server/src/core/cdk/assembly.js';
import { cdkOrigins } from '../../../server/src/core/cdk/origins.js';
import { analyze } from '../../../server/src/core/engine.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'cdk');

function assemblyOf(dir: string) {
  const read = (name: string) => readFileSync(join(FIXTURES, dir, 'cdk.out', name), 'utf8');
  return readCloudAssembly(read('manifest.json'), read);
}

test('schema 55 (aws-cdk-lib 2.276): metadata in <Stack>.metadata.json, creation stacks by default', () => {
  const a = assemblyOf('network-app');
  assert.deepEqual(a.problems, []);
  assert.deepEqual(a.constructs.get('NetworkStack/Vpc/S3Endpoint/Resource'), {
    logicalId: 'VpcS3Endpoint4A3DE4B5',
    source: { file: '/home/dev/network-app/lib/network-stack.ts', line: 24, column: 25 },
  });
  // A nested stack's constructs are recorded in the parent stack's metadata.
  assert.deepEqual(a.constructs.get('NetworkStack/Observability/LogsEndpoint/Resource'), {
    logicalId: 'LogsEndpointF332AD3D',
    source: { file: '/home/dev/network-app/lib/observability-endpoints.ts', line: 15, column: 18 },
  });
  // Created by aws-cdk-lib itself: a logical id, no line of the user's.
  assert.deepEqual(a.constructs.get('NetworkStack/BootstrapVersion'), { logicalId: 'BootstrapVersion' });
  // Without aws:cdk:path in a template, its logical ids still name constructs: each in its own template.
  assert.equal(a.pathsByTemplate.get('NetworkStack.template.json')?.get('VpcSsmEndpointC46DB833'), 'NetworkStack/Vpc/SsmEndpoint/Resource');
  assert.equal(a.pathsByTemplate.get('NetworkStackObservability5187F713.nested.template.json')?.get('LogsEndpointF332AD3D'), 'NetworkStack/Observability/LogsEndpoint/Resource');
  assert.equal(a.pathsByTemplate.get('NetworkStack.template.json')?.has('LogsEndpointF332AD3D'), false);
  assert.equal(a.pathsByTemplate.get('ReportsStack.template.json')?.get('ReportFunction3CBC8DF1'), 'ReportsStack/ReportFunction/Resource');
});

test('schema 34 (aws-cdk-lib 2.100, --debug): metadata inline in manifest.json, the trace on the logical-id entry', () => {
  const a = assemblyOf('network-app-2.100');
  assert.deepEqual(a.constructs.get('NetworkStack/Vpc/SsmEndpoint/Resource'), {
    logicalId: 'VpcSsmEndpointC46DB833',
    source: { file: '/home/dev/network-app-2.100/lib/network-stack.ts', line: 34, column: 26 },
  });
  assert.equal(a.pathsByTemplate.get('NetworkStack.template.json')?.get('VpcS3Endpoint4A3DE4B5'), 'NetworkStack/Vpc/S3Endpoint/Resource');
});

test('a logical id two constructs of one stack record is given to neither; unreadable metadata is a problem', () => {
  const manifest = JSON.stringify({
    version: '36.0.0',
    artifacts: {
      S: {
        type: 'aws:cloudformation:stack',
        properties: { templateFile: 'S.template.json' },
        displayName: 'S',
        metadata: { '/S/A/Resource': [{ type: 'aws:cdk:logicalId', data: 'Same' }], '/S/B/Resource': [{ type: 'aws:cdk:logicalId', data: 'Same' }], '/S/C': [{ type: 'aws:cdk:logicalId', data: 'C' }] },
      },
      T: { type: 'aws:cloudformation:stack', properties: { templateFile: 'T.template.json' }, additionalMetadataFile: 'T.metadata.json' },
      'S.assets': { type: 'cdk:asset-manifest', properties: { file: 'S.assets.json' } },
    },
  });
  const a = readCloudAssembly(manifest, (name) => (name === 'T.metadata.json' ? '{ broken' : undefined));
  assert.deepEqual([...a.pathsByTemplate.get('S.template.json')!], [['C', 'S/C']]);
  assert.equal(a.problems.length, 1);
  assert.match(a.problems[0]!, /^T\.metadata\.json: not JSON/);
  assert.throws(() => readCloudAssembly('[1]', () => undefined), ManifestError);
  assert.throws(() => readCloudAssembly('{"artifacts": {}}', () => undefined), ManifestError);
  assert.throws(() => readCloudAssembly('not json', () => undefined), ManifestError);
});

test("each finding's construct: from aws:cdk:path, else from the assembly; none outside resources", () => {
  const dir = join(FIXTURES, 'network-app', 'cdk.out');
  const a = assemblyOf('network-app');
  const text = readFileSync(join(dir, 'NetworkStack.template.json'), 'utf8');
  const withPaths = analyze(text, { fileName: 'NetworkStack.template.json', settings: { regions: ['eu-west-1'] } });
  const origins = cdkOrigins(withPaths.template, withPaths.findings, a, 'NetworkStack.template.json');
  const named = withPaths.findings.map((f) => [f.ruleId, origins.get(f)?.constructPath, origins.get(f)?.source?.line]);
  assert.deepEqual(named, [
    ['VPCE9005', 'NetworkStack/Vpc/S3Endpoint/Resource', 24],
    ['VPCE6003', 'NetworkStack/Vpc/SsmEndpoint/Resource', 34],
  ]);
  // `cdk synth --no-path-metadata`: the same names from the manifest's logical ids.
  const stripped = text.replace(/"aws:cdk:path"/g, '"aws:cdk:other"');
  assert.ok(!stripped.includes('aws:cdk:path'));
  const bare = analyze(stripped, { fileName: 'NetworkStack.template.json', settings: { regions: ['eu-west-1'] } });
  const fromManifest = cdkOrigins(bare.template, bare.findings, a, 'NetworkStack.template.json');
  assert.deepEqual(bare.findings.map((f) => fromManifest.get(f)?.constructPath), ['NetworkStack/Vpc/S3Endpoint/Resource', 'NetworkStack/Vpc/SsmEndpoint/Resource']);
  // Without the assembly and without metadata, there is nothing to name.
  assert.equal(cdkOrigins(bare.template, bare.findings).size, 0);
  // Without the assembly, aws:cdk:path alone names the construct (a synthesised template kept in a repository).
  assert.deepEqual([...cdkOrigins(withPaths.template, withPaths.findings).values()].map((o) => o.source), [undefined, undefined]);
  // A finding outside any resource (a parameter's) has no construct.
  const at = text.search(/^ "Parameters"/m);
  assert.ok(at > 0);
  const outside = { ruleId: 'X', severity: 'info' as const, message: '', start: at + 1, end: at + 2 };
  assert.equal(cdkOrigins(withPaths.template, [outside], a, 'NetworkStack.template.json').size, 0);
});
