// Settings the server cannot use are named, not silently dropped: an unknown rule id or severity in
// vpceLens.rules, a region that is no region code, a policyFiles glob over 1000 characters. Each is one
// line in the output channel (window/logMessage) and the first of a configuration change is one
// window message (window/showMessageRequest); the same problem is not told again until the configuration
// changes. Over a real connection to the built server.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, fileUri, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let client: LspClient;
const shown: string[] = [];

before(async () => {
  client = await LspClient.start();
  // showWarningMessage is a request (the user may pick an action): answered with none.
  client.rpc.onRequest('window/showMessageRequest', (p: { message: string }) => {
    shown.push(p.message);
    return null;
  });
});
after(async () => {
  await client.stop();
});

/** The log lines and window messages that came since `from`, once the server has answered a lint. */
const since = (from: { logs: number; shown: number }) => ({ logs: client.logs.slice(from.logs).join('\n').split('\n').filter(Boolean), shown: shown.slice(from.shown) });
const mark = () => ({ logs: client.logs.length, shown: shown.length });

test('unknown rule ids and severities, and odd regions, are named in the log and once in a window message', async () => {
  const uri = fileUri('test/lsp/settings-validation-a.yaml');
  const other = fileUri('test/lsp/settings-validation-b.yaml');
  client.settings = {};
  client.open(uri, EXAMPLE);
  const first = await client.waitFor(uri);
  const start = mark();
  client.settings = { rules: { VPCE9999: 'off', vpce2001: 'loud', vpce1002: 'off' }, regions: ['eu-west-1', 'europe'] };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const second = await client.waitFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'VPCE1002'), 5000, first.seq);
  // Another document reads the same settings: nothing is told twice.
  client.open(other, EXAMPLE);
  await client.waitFor(other);
  const told = since(start);
  const lines = told.logs.filter((l) => l.startsWith('vpceLens.'));
  assert.deepEqual(lines, [
    'vpceLens.rules.VPCE9999: unknown rule id (rule ids look like VPCE1002: docs/rules.md or vpce-lens --rules lists them); ignored',
    'vpceLens.rules.vpce2001: unknown severity "loud" (error, warning, info or off); ignored',
    'vpceLens.regions: "europe" is not a region code such as eu-west-1; ignored',
  ]);
  assert.deepEqual(told.shown, [`VPC Endpoint Lens: ${lines[0]} (and 2 more in the output)`]);
  // The settings that can be used still are: VPCE1002 off, eu-west-1 a region.
  assert.ok(second.diagnostics.some((d) => d.code === 'VPCE3001'), 'eu-west-1 applies');
  assert.equal(second.diagnostics.find((d) => d.code === 'VPCE2001')?.severity, 1, 'the unknown severity left VPCE2001 as it was');

  // A change of the configuration tells again what is still wrong, and only that.
  const again = mark();
  client.settings = { rules: { VPCE9999: 'off' } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(uri, () => true, 5000, second.seq);
  await client.waitFor(other, () => true, 5000, second.seq);
  const retold = since(again);
  assert.deepEqual(retold.logs.filter((l) => l.startsWith('vpceLens.')), [lines[0]]);
  assert.deepEqual(retold.shown, [`VPC Endpoint Lens: ${lines[0]}`]);
  client.close(uri);
  client.close(other);
});

test('a policyFiles glob over 1000 characters is reported, not silently matching nothing', async () => {
  const uri = fileUri('test/lsp/policies/long-glob.json');
  const start = mark();
  const long = `test/lsp/policies/${'*'.repeat(1001)}.json`;
  client.settings = { policyFiles: [long, 'test/lsp/policies/*.json'] };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  client.open(uri, '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}\n', 'json');
  const published = await client.waitFor(uri);
  assert.ok(published.diagnostics.some((d) => d.code === 'VPCE9004'), 'the other glob still makes it a policy file');
  const told = since(start);
  const line = `vpceLens.policyFiles: a glob of ${long.length} characters is longer than the 1000 allowed; ignored`;
  assert.deepEqual(told.logs.filter((l) => l.startsWith('vpceLens.')), [line]);
  assert.deepEqual(told.shown, [`VPC Endpoint Lens: ${line}`]);
  client.close(uri);
});
