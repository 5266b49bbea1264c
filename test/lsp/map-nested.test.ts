// The editor's map of a parent template draws the nested stacks it deploys, as `vpce-lens map` does: the
// same picture (the SVG the CLI writes, run from the template's folder so both name the files alike), a
// node from a nested template naming that file on its face, and its place there for the panel to open,
// never a range in the parent's document.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { LspClient, fileUri, ROOT } from './client.js';
import { MAP_REQUEST, type MapResponse, type MapView } from '../../server/src/protocol/map.js';

let client: LspClient;
before(async () => {
  client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
});
after(async () => {
  await client.stop();
});

/** The CLI's SVG of `file`, run in its folder (the title and the nested files named as the editor names them). */
function cliSvg(file: string, ...args: string[]): string {
  const dir = `${ROOT}${dirname(file)}`;
  const r = spawnSync(process.execPath, [`${ROOT}bin/vpce-lens.js`, 'map', '--region', 'eu-west-1', ...args, file.split('/').pop()!], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function mapOf(uri: string, extra: Record<string, string> = {}): Promise<MapView> {
  const m = await client.request<MapResponse>(MAP_REQUEST, { uri, svgText: true, ...extra });
  assert.ok('map' in m, JSON.stringify(m));
  return m.map;
}

test('a template with a local nested stack: the CLI\'s map; the nested endpoint named by its file, placed there', async () => {
  const file = 'test/fixtures/nested-local/main.yaml';
  const uri = fileUri(file);
  const text = readFileSync(`${ROOT}${file}`, 'utf8');
  client.open(uri, text);
  await client.waitFor(uri);
  const map = await mapOf(uri);
  assert.equal(map.svgText, cliSvg(file));
  // The SSM endpoint is the nested stack's: drawn (the parent alone has none), named by its file.
  assert.match(map.svgText!, /in stacks\/endpoints\.yaml, line 21/);
  const nested = readFileSync(`${ROOT}test/fixtures/nested-local/stacks/endpoints.yaml`, 'utf8').split('\n');
  const line = nested.findIndex((l) => l.startsWith('  SsmEndpoint:'));
  assert.deepEqual(map.elsewhere?.SsmEndpoint, { file: 'stacks/endpoints.yaml', range: { start: { line, character: 2 }, end: { line, character: 13 } } });
  assert.equal(map.ranges.SsmEndpoint, null, 'no range in main.yaml for a node of another file');
  // The parent's own nodes keep their range in the document and are not elsewhere.
  const subnet = text.split('\n').findIndex((l) => l.startsWith('  SubnetA:'));
  assert.deepEqual(map.ranges.SubnetA, { start: { line: subnet, character: 2 }, end: { line: subnet, character: 9 } });
  assert.equal(map.elsewhere?.SubnetA, undefined);

  // A path through the nested stack's endpoint: the CLI's picture too.
  const path = await mapOf(uri, { from: 'SubnetA', to: 'ssm' });
  assert.equal(path.svgText, cliSvg(file, '--from', 'SubnetA', '--to', 'ssm'));
  assert.equal(path.verdict, 'private');
  client.close(uri);
});

test('a CDK stack with a nested stack: the CLI\'s map, the nested VPC and subnets placed in the nested template', async () => {
  const file = 'test/fixtures/cdk/nested-vpc-app/cdk.out/AppStack.template.json';
  const uri = fileUri(file);
  client.open(uri, readFileSync(`${ROOT}${file}`, 'utf8'), 'json');
  await client.waitFor(uri);
  const map = await mapOf(uri);
  assert.equal(map.svgText, cliSvg(file));
  const nestedFile = 'AppStackNetwork96FAA7A1.nested.template.json';
  const nested = readFileSync(`${ROOT}test/fixtures/cdk/nested-vpc-app/cdk.out/${nestedFile}`, 'utf8').split('\n');
  const vpc = map.elsewhere?.Vpc8378EB38;
  assert.equal(vpc?.file, nestedFile);
  assert.match(nested[vpc!.range.start.line]!, /"Vpc8378EB38"/);
  assert.equal(map.ranges.Vpc8378EB38, null);
  // The parent's Lambda function is the parent's.
  assert.ok(map.ranges.Worker11F36D0F, JSON.stringify(map.ranges));
  client.close(uri);
});
