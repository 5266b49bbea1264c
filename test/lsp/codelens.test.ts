// The "Trace to …" CodeLens over a real LSP connection: one lens above each subnet and workload, naming
// the services its traffic likely goes to — s3 and dynamodb always (the most useful finding, s3 through
// a NAT gateway, has no endpoint at all), the services with an endpoint in the source's VPC, and the
// user's vpceLens.traceServices — and carrying them to the Trace Path command.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from './client.js';
import { TRACE_COMMAND, TRACE_REQUEST, type TraceCommandArgs, type TraceResponse } from '../../server/src/protocol/trace.js';

interface Lens {
  range: { start: { line: number; character: number } };
  command: { title: string; command: string; arguments: TraceCommandArgs[] };
}

const fixture = (name: string) => readFileSync(`${ROOT}test/fixtures/trace/${name}`, 'utf8');
const lineOf = (text: string, key: string) => text.split('\n').findIndex((l) => l.startsWith(`  ${key}:`));

/** The "Trace to …" lenses (the VPC's "Show VPC Map" lens is the map's, tested with it). */
async function lenses(client: LspClient, uri: string): Promise<Lens[]> {
  const all = await client.rpc.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
  return all.filter((l) => l.command.command === TRACE_COMMAND);
}

test('one lens per subnet and workload: s3, dynamodb, then the services with an endpoint in its VPC', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  const uri = pathToFileURL(`${ROOT}test/lsp/codelens-classic.yaml`).href;
  const text = fixture('classic.yaml');
  try {
    client.open(uri, text);
    const all = await lenses(client, uri);
    const lines = all.map((l) => l.range.start.line);
    assert.equal(new Set(lines).size, lines.length, 'at most one lens on a line');
    const sources = ['PublicSubnet', 'PrivateSubnetA', 'PrivateSubnetB', 'IsolatedSubnet', 'StrictSubnet', 'Worker'];
    assert.deepEqual(all.map((l) => l.command.arguments[0]!.from), sources);
    const b = all.find((l) => l.command.arguments[0]!.from === 'PrivateSubnetB')!;
    assert.equal(b.range.start.line, lineOf(text, 'PrivateSubnetB'));
    assert.equal(b.command.command, TRACE_COMMAND);
    assert.deepEqual(b.command.arguments[0]!.targets, ['s3', 'dynamodb', 'ssm', 'logs', 'kms', 'sqs']);
    assert.equal(b.command.arguments[0]!.to, undefined, 'the lens opens the pick, not one trace');
    assert.equal(b.command.title, 'Trace to s3 · dynamodb · ssm · +3…');
    // The workload (a Lambda function with VpcConfig) gets the same offer.
    const worker = all.find((l) => l.command.arguments[0]!.from === 'Worker')!;
    assert.equal(worker.range.start.line, lineOf(text, 'Worker'));
    assert.deepEqual(worker.command.arguments[0]!.targets, ['s3', 'dynamodb', 'ssm', 'logs', 'kms', 'sqs']);
  } finally {
    await client.stop();
  }
});

test('a VPC without an s3 endpoint still gets "Trace to s3", and that trace is the public path through NAT', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  const uri = pathToFileURL(`${ROOT}test/lsp/codelens-nat.yaml`).href;
  try {
    client.open(uri, fixture('dns-support-off-nat.yaml'));
    const lens = (await lenses(client, uri)).find((l) => l.command.arguments[0]!.from === 'PrivateSubnet')!;
    assert.deepEqual(lens.command.arguments[0]!.targets, ['s3', 'dynamodb', 'ssm']);
    assert.equal(lens.command.title, 'Trace to s3 · dynamodb · ssm…');
    const s3 = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'PrivateSubnet', to: 's3' });
    assert.ok('result' in s3);
    assert.equal(s3.result.verdict, 'public');
    assert.match(s3.result.summary, /NAT gateway Nat/);
  } finally {
    await client.stop();
  }
});

test('endpoints of another VPC are not offered; vpceLens.traceServices adds known names only, and the lenses refresh', async () => {
  const text = `Resources:
  VpcA:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  VpcB:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.1.0.0/16, EnableDnsHostnames: true}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VpcA, CidrBlock: 10.0.1.0/24}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VpcB, CidrBlock: 10.1.1.0/24}
  KmsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcB
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.kms
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref SubnetB]
`;
  const client = await LspClient.start({ debounceMs: 0 });
  let refreshes = 0;
  client.rpc.onRequest('workspace/codeLens/refresh', () => {
    refreshes++;
    return null;
  });
  const uri = pathToFileURL(`${ROOT}test/lsp/codelens-two-vpcs.yaml`).href;
  try {
    client.open(uri, text);
    const targets = async () => Object.fromEntries((await lenses(client, uri)).map((l) => [l.command.arguments[0]!.from, l.command.arguments[0]!.targets]));
    assert.deepEqual(await targets(), { SubnetA: ['s3', 'dynamodb'], SubnetB: ['s3', 'dynamodb', 'kms'] });
    // Known names in any case are kept once, in order; an unknown name and a malformed one are left out.
    client.settings = { traceServices: ['SQS', 'kms', 'ecr.api', 'no-such-service', '../etc', 's3'] };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const deadline = Date.now() + 5_000;
    while (refreshes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(refreshes, 1, 'the server asked the editor to refresh its lenses');
    assert.deepEqual(await targets(), { SubnetA: ['s3', 'dynamodb', 'sqs', 'kms', 'ecr.api'], SubnetB: ['s3', 'dynamodb', 'kms', 'sqs', 'ecr.api'] });
  } finally {
    await client.stop();
  }
});

test('the vpceLens.traceServices schema accepts every short name the catalogue has, and nothing that names a file', async () => {
  const { allServices, isNameForm, shortName } = await import('../../server/src/core/data/catalogue.js');
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  const setting = manifest.contributes.configuration.properties['vpceLens.traceServices'];
  const pattern = new RegExp(setting.items.pattern);
  // A name form (`dsql-{cluster}`) is no short name anyone types; its members are (`dsql-fnh4`).
  for (const s of allServices()) if (!isNameForm(s)) assert.ok(pattern.test(shortName(s.pattern)), shortName(s.pattern));
  assert.ok(pattern.test('dsql-fnh4') && pattern.test('timestream.ingest-cell1'));
  for (const bad of ['../etc', '/tmp/x', 'S3 ', '']) assert.ok(!pattern.test(bad), bad);
  // Not a file setting: Restricted Mode does not need to hold it back.
  assert.ok(!manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('vpceLens.traceServices'));
});
