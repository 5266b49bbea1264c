// Real `cdk synth` output of an app with stages and nested stacks (test/fixtures/cdk/staged-app and
// staged-app-2.100, see the README there): which templates each manifest names, the stack and region each
// deploys as or in, and what a nested stack cannot know of its parent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudAssembly } from '../../../server/src/core/cdk/assembly.js';
import { analyze } from '../../../server/src/core/engine.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'cdk');

function assemblyOf(dir: string) {
  const read = (name: string) => {
    try {
      return readFileSync(join(FIXTURES, dir, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  return readCloudAssembly(read('manifest.json')!, read);
}

const PROD = {
  'ProdPlatformE645C080.template.json': { stack: 'Prod/Platform', region: 'eu-west-1' },
  'ProdPlatformEndpointsCADA6AA4.nested.template.json': { stack: 'Prod/Platform', region: 'eu-west-1' },
  'ProdPlatformEndpointsLogsF35A4AFC.nested.template.json': { stack: 'Prod/Platform', region: 'eu-west-1' },
};

for (const app of ['staged-app', 'staged-app-2.100']) {
  test(`${app}: each manifest names its stacks' templates (nested ones too) and its stages' assemblies`, () => {
    const root = assemblyOf(`${app}/cdk.out`);
    assert.deepEqual(root.problems, []);
    // The top-level stack is not bound to an environment: no region.
    assert.deepEqual(Object.fromEntries(root.templates), { 'Tools.template.json': { stack: 'Tools' } });
    assert.deepEqual(root.assemblies, ['assembly-Prod']);
    const prod = assemblyOf(`${app}/cdk.out/assembly-Prod`);
    assert.deepEqual(prod.problems, []);
    assert.deepEqual(Object.fromEntries(prod.templates), PROD);
    assert.deepEqual(prod.assemblies, ['assembly-Prod-Canary']);
    const canary = assemblyOf(`${app}/cdk.out/assembly-Prod/assembly-Prod-Canary`);
    // A stage in a stage inherits the environment of its parent.
    assert.deepEqual(Object.fromEntries(canary.templates), { 'ProdCanaryEdge80C3E176.template.json': { stack: 'Prod/Canary/Edge', region: 'eu-west-1' } });
    assert.deepEqual(canary.assemblies, []);
    // Constructs of a nested stack in a nested stack, by their full path.
    assert.equal(prod.pathsByTemplate.get('ProdPlatformEndpointsLogsF35A4AFC.nested.template.json')?.get('LogsEndpointF332AD3D'), 'Prod/Platform/Endpoints/Logs/LogsEndpoint/Resource');
    assert.equal(prod.pathsByTemplate.get('ProdPlatformEndpointsCADA6AA4.nested.template.json')?.has('LogsEndpointF332AD3D'), false);
  });
}

test('a nested stack output read by the parent (Fn::GetAtt Stack.Outputs.X) is unknown, named by the output', () => {
  const text = readFileSync(join(FIXTURES, 'staged-app', 'cdk.out', 'assembly-Prod', 'ProdPlatformE645C080.template.json'), 'utf8');
  const a = analyze(text, { fileName: 'ProdPlatformE645C080.template.json', settings: { regions: ['eu-west-1'] } });
  assert.equal(a.kind, 'template');
  const sts = a.network()!.defaults.endpoints.get('StsEndpoint8BA743A3')!;
  // Not the nested stack resource taken for a security group: a group of the nested stack nobody here knows.
  assert.equal(sts.securityGroups.items.some((g) => g.id === 'EndpointsNestedStackEndpointsNestedStackResourceEB780E7F'), false);
  assert.equal(sts.securityGroups.complete, false);
  assert.match(sts.securityGroups.why ?? '', /EndpointsNestedStackEndpointsNestedStackResourceEB780E7F.*Outputs\.ProdPlatformEndpointsEndpointGroup7DCFCAC8GroupId/);
  assert.deepEqual(a.findings.map((f) => f.ruleId), ['VPCE9005', 'VPCE3002']);
});

test("a nested stack's parameters (its parent's VPC CIDR and subnets) are unknown: the open endpoint is not judged closed", () => {
  const text = readFileSync(join(FIXTURES, 'staged-app', 'cdk.out', 'assembly-Prod', 'ProdPlatformEndpointsCADA6AA4.nested.template.json'), 'utf8');
  const a = analyze(text, { fileName: 'nested.template.json', settings: { regions: ['eu-west-1'], rules: { VPCE3002: 'off' } } });
  const net = a.network()!.defaults;
  const ssm = net.endpoints.get('SsmEndpoint986CF28C')!;
  assert.equal(ssm.subnets.complete, false);
  assert.match(ssm.subnets.why ?? '', /parameter referencetoProdPlatformVpcAppSubnet1SubnetDDA15394Ref has no default/);
  const ingress = net.securityGroups.get('SsmEndpointSecurityGroup5744F139')!.ingress.rules;
  assert.equal(ingress.length, 1);
  assert.equal(ingress[0]!.peer.kind, 'unknown');
  // The group with no rule at all is closed whatever the parameters are.
  assert.deepEqual(a.findings.map((f) => [f.ruleId, f.resource]), [['VPCE6003', 'EcrApiEndpointB01DFFD7']]);
});

test('the legacy synthesizer (CDK v1 manifests): nested templates from aws:cdk:asset entries, matched to their construct by name', () => {
  const manifest = JSON.stringify({
    version: '16.0.0',
    artifacts: {
      S: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'S.template.json' },
        metadata: {
          '/S': [{ type: 'aws:cdk:asset', data: { path: 'SNetworkEndpointsA1B2C3D4.nested.template.json', id: 'abc', packaging: 'file', sourceHash: 'abc' } }],
          '/S/Network-Endpoints.NestedStack/Network-Endpoints.NestedStackResource': [{ type: 'aws:cdk:logicalId', data: 'NetworkEndpointsNestedStackResource1234' }],
          '/S/Network-Endpoints/Logs/Resource': [{ type: 'aws:cdk:logicalId', data: 'LogsABCD' }],
        },
      },
    },
  });
  const a = readCloudAssembly(manifest, () => undefined);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(Object.fromEntries(a.templates), { 'S.template.json': { stack: 'S' }, 'SNetworkEndpointsA1B2C3D4.nested.template.json': { stack: 'S' } });
  assert.equal(a.pathsByTemplate.get('SNetworkEndpointsA1B2C3D4.nested.template.json')?.get('LogsABCD'), 'S/Network-Endpoints/Logs/Resource');
  assert.equal(a.pathsByTemplate.get('S.template.json')?.has('LogsABCD'), false);
});
