// Hover, trace, matrix and map of a nested template open in the editor read it as the parents that deploy it
// inline it, as its diagnostics do (nested-editor.test.ts): the answer `vpce-lens trace` gives on the parent,
// a hop in the open template placed in the document (its unsaved text), a hop in the parent named by its file;
// an unsaved edit to the open text changes the answer; several parents are named as the diagnostics name them.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver/node';
import { LspClient, ROOT, positionAt } from './client.js';
import { TRACE_MATRIX_REQUEST, TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type MatrixResponse, type TraceOptionsResult, type TraceResponse, type TraceView } from '../../server/src/protocol/trace.js';
import { MAP_REQUEST, type MapResponse } from '../../server/src/protocol/map.js';

interface CliHop { resource: string; kind: string; decision: string; reason: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; file?: string }
interface CliTrace { verdict: string; summary: string; hops: CliHop[] }

/** `vpce-lens trace --format json` of `file` run in `cwd`. */
function cli(cwd: string, file: string, ...args: string[]): unknown {
  const r = spawnSync(process.execPath, [`${ROOT}bin/vpce-lens.js`, 'trace', '--region', 'eu-west-1', '--format', 'json', ...args, file], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** A workspace holding a copy of `fixture` (the parent index walks only it), with a server on it. */
async function workspace(fixture: string): Promise<{ dir: string; client: LspClient; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-hover-'));
  cpSync(`${ROOT}${fixture}`, dir, { recursive: true });
  const client = await LspClient.start({ debounceMs: 0 }, undefined, {}, { root: dir });
  client.settings = { regions: ['eu-west-1'] };
  return { dir, client, stop: async () => { await client.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

async function hoverAt(client: LspClient, uri: string, text: string, needle: string, into: number): Promise<string> {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, at + into) });
  assert.ok(h, `a hover at ${needle}`);
  return (h.contents as MarkupContent).value;
}

async function traceOf(client: LspClient, uri: string, from: string, to: string): Promise<TraceView> {
  const answer = await client.request<TraceResponse>(TRACE_REQUEST, { uri, from, to });
  assert.ok('result' in answer, JSON.stringify(answer));
  return answer.result;
}

/** The editor's trace of the open nested template is the CLI's of the parent: a hop in the nested file at its range in the document, one in the parent named by its file. */
function assertSameTrace(view: TraceView, byCli: CliTrace, nestedFile: string, parentFromDoc: string): void {
  assert.equal(view.verdict, byCli.verdict);
  assert.equal(view.summary, byCli.summary);
  assert.equal(view.hops.length, byCli.hops.length);
  view.hops.forEach((h, i) => {
    const c = byCli.hops[i]!;
    assert.deepEqual([h.resource, h.kind, h.decision, h.reason], [c.resource, c.kind, c.decision, c.reason]);
    if (c.file === nestedFile) {
      assert.deepEqual(h.range, c.range, JSON.stringify(h));
      assert.equal(h.file, undefined);
    } else {
      assert.equal(c.file, undefined, 'the CLI names no file for a hop in the parent');
      assert.equal(h.range, undefined, JSON.stringify(h));
      assert.equal(h.file, parentFromDoc);
      assert.equal(h.line, c.range.start.line);
      assert.deepEqual(h.fileRange, c.range);
    }
  });
  assert.ok(view.hops.some((h) => h.range) && view.hops.some((h) => h.file), 'hops in both files');
}

test('a local nested template: hover, trace, matrix and map as its parent deploys it, the unsaved text judged', async () => {
  const { dir, client, stop } = await workspace('test/fixtures/nested-local');
  try {
    const path = join(dir, 'stacks', 'endpoints.yaml');
    const uri = pathToFileURL(path).href;
    const saved = readFileSync(path, 'utf8');
    client.open(uri, saved);
    await client.waitFor(uri);

    // Read alone, the group's VPC is a parameter: its VPC and admission from it are unknown. The parent passes its VPC.
    const group = await hoverAt(client, uri, saved, '  EndpointGroup:', 4);
    assert.match(group, /- VPC: Vpc\n/, group);
    assert.match(group, /Admits TCP 443 from its VPC: yes/, group);

    // The trace from the parent's subnet to the nested endpoint: the CLI's trace of the parent.
    const options = await client.request<TraceOptionsResult>(TRACE_OPTIONS_REQUEST, { uri });
    assert.ok('sources' in options && options.sources.some((s) => s.id === 'SubnetA'), JSON.stringify(options));
    assertSameTrace(await traceOf(client, uri, 'SubnetA', 'ssm'), cli(dir, 'main.yaml', '--from', 'SubnetA', '--to', 'ssm') as CliTrace, 'stacks/endpoints.yaml', '../main.yaml');
    const matrix = await client.request<MatrixResponse>(TRACE_MATRIX_REQUEST, { uri });
    assert.ok('matrix' in matrix, JSON.stringify(matrix));
    const byCli = cli(dir, 'main.yaml', '--matrix') as { sources: unknown; targets: unknown; verdicts: unknown };
    assert.deepEqual([matrix.matrix.sources, matrix.matrix.targets, matrix.matrix.verdicts], [byCli.sources, byCli.targets, byCli.verdicts]);

    // The map: the nested endpoint placed in the document, the parent's subnet in ../main.yaml.
    const map = await client.request<MapResponse>(MAP_REQUEST, { uri, from: 'SubnetA', to: 'ssm' });
    assert.ok('map' in map, JSON.stringify(map));
    assert.equal(map.map.verdict, 'private');
    const endpointLine = saved.split('\n').findIndex((l) => l.startsWith('  SsmEndpoint:'));
    assert.deepEqual(map.map.ranges.SsmEndpoint, { start: { line: endpointLine, character: 2 }, end: { line: endpointLine, character: 13 } });
    const subnetLine = readFileSync(join(dir, 'main.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('  SubnetA:'));
    assert.deepEqual(map.map.elsewhere?.SubnetA, { file: '../main.yaml', range: { start: { line: subnetLine, character: 2 }, end: { line: subnetLine, character: 9 } } });

    // An unsaved edit: the group admits a range outside the parent's VPC (10.80.0.0/16). Hover and trace follow the text.
    const needle = 'CidrIp: !Ref ClientCidr';
    const at = saved.indexOf(needle);
    const start = positionAt(saved, at);
    const edited = saved.replace(needle, 'CidrIp: 10.99.0.0/16');
    const version = client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + needle.length } }, text: 'CidrIp: 10.99.0.0/16' }]);
    await client.waitFor(uri, (p) => p.version === version);
    assert.match(await hoverAt(client, uri, edited, '  EndpointGroup:', 4), /Admits TCP 443 from its VPC: no/);
    const blocked = await traceOf(client, uri, 'SubnetA', 'ssm');
    assert.equal(blocked.verdict, 'blocked');
    // The same as the CLI's once the edit is saved.
    writeFileSync(path, edited);
    assertSameTrace(blocked, cli(dir, 'main.yaml', '--from', 'SubnetA', '--to', 'ssm') as CliTrace, 'stacks/endpoints.yaml', '../main.yaml');
    client.close(uri);
  } finally {
    await stop();
  }
});

test('a nested template two parents deploy: each parent\'s answer, named as the diagnostics name it', async () => {
  const { dir, client, stop } = await workspace('test/fixtures/nested-check');
  try {
    const path = join(dir, 'stacks', 'endpoint.yaml');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    client.open(uri, text);
    await client.waitFor(uri);
    const off = cli(dir, 'dns-off.yaml', '--from', 'SubnetA', '--to', 'ssm') as CliTrace;
    const on = cli(dir, 'dns-on.yaml', '--from', 'SubnetA', '--to', 'ssm') as CliTrace;
    assert.notEqual(off.verdict, on.verdict, 'the parents disagree');
    const view = await traceOf(client, uri, 'SubnetA', 'ssm');
    // The first parent's trace (dns-off.yaml sorts first), said to be that one's, the other's verdict after it.
    assert.equal(view.verdict, off.verdict);
    assert.equal(view.summary, `${off.summary} (as nested stack Endpoints of dns-off.yaml; as nested stack Endpoints of dns-on.yaml: ${on.verdict} — ${on.summary})`);
    // The hover of the group: each parent's VPC, each headed by its deployment.
    const group = await hoverAt(client, uri, text, '  EndpointGroup:', 4);
    assert.match(group, /\*As nested stack Endpoints of dns-off\.yaml:\*/);
    assert.match(group, /\*As nested stack Endpoints of dns-on\.yaml:\*/);
    // The matrix: the first parent's, a cell the other parent answers otherwise marked and said so.
    const m = await client.request<MatrixResponse>(TRACE_MATRIX_REQUEST, { uri });
    assert.ok('matrix' in m, JSON.stringify(m));
    const i = m.matrix.sources.findIndex((x) => x.id === 'SubnetA');
    const j = m.matrix.targets.indexOf('ssm');
    assert.equal(m.matrix.verdicts[i]![j], off.verdict);
    assert.equal(m.matrix.conditional?.[i]![j], true);
    assert.match(m.matrix.cells![i]![j]!.summary, new RegExp(`\\(as nested stack Endpoints of dns-off\\.yaml; as nested stack Endpoints of dns-on\\.yaml: ${on.verdict}\\)$`));
    // The map draws the first parent's path and says which.
    const map = await client.request<MapResponse>(MAP_REQUEST, { uri, from: 'SubnetA', to: 'ssm' });
    assert.ok('map' in map, JSON.stringify(map));
    assert.equal(map.map.verdict, off.verdict);
    assert.match(map.map.note ?? '', /Drawn as nested stack Endpoints of dns-off\.yaml; as nested stack Endpoints of dns-on\.yaml is not drawn here\./);
    client.close(uri);
  } finally {
    await stop();
  }
});

test('a CDK nested template whose VPC is its parent stack\'s: hover and trace as the assembly deploys it', async () => {
  const dir = 'test/fixtures/cdk/staged-app/cdk.out/assembly-Prod';
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['us-east-1'] };
  try {
    const nestedFile = 'ProdPlatformEndpointsCADA6AA4.nested.template.json';
    const uri = pathToFileURL(`${ROOT}${dir}/${nestedFile}`).href;
    const text = readFileSync(`${ROOT}${dir}/${nestedFile}`, 'utf8');
    client.open(uri, text, 'json');
    await client.waitFor(uri);
    // The endpoint's group is in the parent's VPC (passed as a parameter): known only with the parent.
    const group = await hoverAt(client, uri, text, '"SsmEndpointSecurityGroup5744F139": {', 4);
    assert.match(group, /- VPC: Vpc[0-9A-F]{8}\n/, group);
    // The parent's subnet to the nested SSM endpoint: the CLI's trace of the parent stack.
    const from = 'VpcAppSubnet1Subnet7D2CF347';
    const byCli = cli(`${ROOT}${dir}`, 'ProdPlatformE645C080.template.json', '--from', from, '--to', 'ssm') as CliTrace;
    assert.equal(byCli.verdict, 'private');
    assertSameTrace(await traceOf(client, uri, from, 'ssm'), byCli, nestedFile, 'ProdPlatformE645C080.template.json');
    client.close(uri);
  } finally {
    await client.stop();
  }
});

test('a nested template its parent deploys twice: the first deployment read, the second said not judged, as the diagnostics say', async () => {
  const { dir, client, stop } = await workspace('test/fixtures/nested-local');
  try {
    const main = join(dir, 'main.yaml');
    writeFileSync(main, `${readFileSync(main, 'utf8')}  Again:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: stacks/endpoints.yaml\n      Parameters:\n        VpcId: !Ref Vpc\n        SubnetIds: !Ref SubnetB\n`);
    const path = join(dir, 'stacks', 'endpoints.yaml');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    client.open(uri, text);
    await client.waitFor(uri);
    const words = 'not judged as nested stack Again of main.yaml, which deploys the same template again';
    const view = await traceOf(client, uri, 'SubnetA', 'ssm');
    const byCli = cli(dir, 'main.yaml', '--from', 'SubnetA', '--to', 'ssm') as CliTrace;
    assert.equal(view.verdict, byCli.verdict);
    assert.equal(view.summary, `${byCli.summary} (${words})`);
    assert.match(await hoverAt(client, uri, text, '  EndpointGroup:', 4), /\*Not judged as nested stack Again of main\.yaml, which deploys the same template again\.\*/);
    const map = await client.request<MapResponse>(MAP_REQUEST, { uri });
    assert.ok('map' in map, JSON.stringify(map));
    assert.match(map.map.note ?? '', /Not judged as nested stack Again of main\.yaml/);
    client.close(uri);
  } finally {
    await stop();
  }
});

test('an untrusted workspace: hover and trace read the open template alone until the client says it is trusted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-hover-trust-'));
  const restricted = await LspClient.start({ debounceMs: 0, workspaceTrusted: false }, undefined, {}, { root: dir });
  restricted.settings = { regions: ['eu-west-1'] };
  try {
    cpSync(`${ROOT}test/fixtures/nested-local`, dir, { recursive: true });
    const path = join(dir, 'stacks', 'endpoints.yaml');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    restricted.open(uri, text);
    const alone = await restricted.waitFor(uri);
    assert.match(await hoverAt(restricted, uri, text, '  EndpointGroup:', 4), /- VPC: outside the template, given at deploy time \(parameter VpcId\)/);
    const untraced = await restricted.request<TraceResponse>(TRACE_REQUEST, { uri, from: 'SubnetA', to: 'ssm' });
    assert.ok('error' in untraced, JSON.stringify(untraced));
    restricted.notify('vpceLens/workspaceTrusted', null);
    await restricted.waitFor(uri, (p) => p.seq > alone.seq);
    assert.match(await hoverAt(restricted, uri, text, '  EndpointGroup:', 4), /- VPC: Vpc\n/);
    assert.equal((await traceOf(restricted, uri, 'SubnetA', 'ssm')).verdict, 'private');
    restricted.close(uri);
  } finally {
    await restricted.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the lenses of a CDK nested template: above its own subnets, tracing them as its parent stack deploys them', async () => {
  const dir = 'test/fixtures/cdk/nested-vpc-app/cdk.out';
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    const nestedFile = 'AppStackNetwork96FAA7A1.nested.template.json';
    const uri = pathToFileURL(`${ROOT}${dir}/${nestedFile}`).href;
    const text = readFileSync(`${ROOT}${dir}/${nestedFile}`, 'utf8');
    client.open(uri, text, 'json');
    await client.waitFor(uri);
    const lenses = (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).filter((l) => l.command?.command === 'vpceLens.tracePath');
    assert.ok(lenses.length > 0);
    const lines = text.split('\n');
    for (const lens of lenses) {
      const { from, targets } = lens.command!.arguments![0] as { from: string; targets: string[] };
      // Above the source's own key in the document (a JSON key with its quotes).
      assert.equal(lines[lens.range.start.line]!.slice(lens.range.start.character, lens.range.end.character), `"${from}"`);
      const byCli = cli(`${ROOT}${dir}`, 'AppStack.template.json', '--from', from, '--to', targets[0]!) as CliTrace;
      const view = await traceOf(client, uri, from, targets[0]!);
      assert.deepEqual([view.verdict, view.summary], [byCli.verdict, byCli.summary]);
    }
    client.close(uri);
  } finally {
    await client.stop();
  }
});

test('a nested template\'s route table its parent hands to a stack not read: the hover says its other routes are unknown, and why, as the trace does', async () => {
  const { dir, client, stop } = await workspace('test/fixtures/nested-routes');
  try {
    const path = join(dir, 'stacks', 'network.yaml');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    client.open(uri, text);
    await client.waitFor(uri);
    const why = 'nested stack Gateways receives route table RouteTable and may add routes to it';
    // The trace's deciding hop rests on that fact (the CLI's trace of the parent)...
    const byCli = cli(dir, 'main.yaml', '--from', 'Subnet', '--to', 's3') as CliTrace;
    assert.equal(byCli.verdict, 'unknown');
    assert.ok(byCli.summary.startsWith(why), byCli.summary);
    // ... and the hover says the same, not "only the local route".
    const table = await hoverAt(client, uri, text, '  RouteTable:', 4);
    assert.match(table, /\*\*Route table\*\* `RouteTable`/);
    assert.ok(table.includes(`- the local route; any other: unknown — ${why}`), table);
    assert.doesNotMatch(table, /only the local route/);
    client.close(uri);
    // The parent alone (no nested template read): the same for a table it hands on itself.
    const own = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Local:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Rt
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: igw-0123456789abcdef0
  Routes:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example-bucket.s3.amazonaws.com/routes.yaml
      Parameters:
        RouteTableId: !Ref Rt
`;
    const ownUri = pathToFileURL(join(dir, 'own.yaml')).href;
    client.open(ownUri, own);
    await client.waitFor(ownUri);
    const hover = await hoverAt(client, ownUri, own, '  Rt:', 3);
    assert.match(hover, /0\\\.0\\\.0\\\.0\\\/0 → /);
    assert.ok(hover.includes('- any other route: unknown — nested stack Routes receives route table Rt and may add routes to it'), hover);
    client.close(ownUri);
  } finally {
    await stop();
  }
});
