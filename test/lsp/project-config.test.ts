// The editor reads the project's .vpce-lens.yaml as CI's `vpce-lens check` does; the editor's own
// settings go on top; a change to the file (didChangeWatchedFiles) re-lints open documents; a broken
// file is reported once and the editor goes on linting with its own settings.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT, type Published } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let client: LspClient;
let dir: string;

before(async () => {
  client = await LspClient.start();
  dir = mkdtempSync(join(tmpdir(), 'vpce-project-'));
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

const codes = (p: Published) => p.diagnostics.map((d) => d.code);
const severityOf = (p: Published, code: string) => p.diagnostics.find((d) => d.code === code)?.severity;

function configChanged(file: string): void {
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
}

test('.vpce-lens.yaml applies in the editor; the editor settings go on top; edits to it re-lint', async () => {
  const config = join(dir, '.vpce-lens.yaml');
  writeFileSync(config, 'regions: [eu-west-1]\nrules:\n  VPCE2001: warning\nignore: [VPCE1002]\n');
  const uri = pathToFileURL(join(dir, 'nested', 'template.yaml')).href;
  client.settings = {};
  client.open(uri, EXAMPLE);
  const first = await client.waitFor(uri);
  assert.ok(codes(first).includes('VPCE3001'), 'the file\'s region makes the mismatch an error');
  assert.equal(severityOf(first, 'VPCE2001'), 2, 'the file made VPCE2001 a warning');
  assert.ok(!codes(first).includes('VPCE1002'), 'ignored by the file');

  // The user's own settings win: a region list replaces the file's, a rule level overrides it.
  client.settings = { regions: ['us-east-1'], rules: { VPCE2001: 'info' } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const second = await client.waitFor(uri, (p) => severityOf(p, 'VPCE2001') === 3, 5000, first.seq);
  assert.ok(!codes(second).includes('VPCE3001'), 'us-east-1 is where the example points');
  assert.ok(!codes(second).includes('VPCE1002'), 'the file\'s other rules still apply');

  client.settings = {};
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const third = await client.waitFor(uri, (p) => severityOf(p, 'VPCE2001') === 2, 5000, second.seq);
  writeFileSync(config, 'regions: [eu-west-1]\n');
  configChanged(config);
  const fourth = await client.waitFor(uri, (p) => codes(p).includes('VPCE1002'), 5000, third.seq);
  assert.equal(severityOf(fourth, 'VPCE2001'), 1, 'back to its default level');
  assert.ok(codes(fourth).includes('VPCE3001'));
  client.close(uri);
});

test('a broken .vpce-lens.yaml is reported once, by name, and linting goes on without it', async () => {
  const sub = mkdtempSync(join(dir, 'broken-'));
  const config = join(sub, '.vpce-lens.yaml');
  writeFileSync(config, 'regions: {eu-west-1: yes}\n');
  configChanged(config);
  const uri = pathToFileURL(join(sub, 'template.yaml')).href;
  client.settings = {};
  const logsBefore = client.logs.length;
  client.open(uri, EXAMPLE);
  const first = await client.waitFor(uri);
  assert.ok(codes(first).includes('VPCE2001'), 'still linted');
  assert.ok(!codes(first).includes('VPCE3001'), 'no region from the broken file');
  client.change(uri, [{ text: `${EXAMPLE}\n` }]);
  await client.waitFor(uri, (p) => p.version === 2, 5000, first.seq);
  const reports = client.logs.slice(logsBefore).filter((l) => l.includes(config));
  assert.equal(reports.length, 1, client.logs.slice(logsBefore).join('\n'));
  assert.match(reports[0]!, /regions must be a list of strings/);

  // Fixed: it applies from the next change notification on.
  writeFileSync(config, 'regions: [eu-west-1]\n');
  configChanged(config);
  await client.waitFor(uri, (p) => codes(p).includes('VPCE3001'), 5000, first.seq);
  client.close(uri);
});

test('policyFiles and policyServices from the file make a JSON file a policy of that service', async () => {
  const sub = mkdtempSync(join(dir, 'policies-'));
  writeFileSync(join(sub, '.vpce-lens.yaml'), 'policyFiles: ["**/*.policy.json"]\npolicyServices:\n  "**/queue.policy.json": sqs\n');
  const uri = pathToFileURL(join(sub, 'queue.policy.json')).href;
  const text = '{\n  "Statement": [\n    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}\n  ]\n}\n';
  client.settings = {};
  client.open(uri, text, 'json');
  const first = await client.waitFor(uri);
  assert.ok(first.diagnostics.length > 0, 'a policy by the file\'s globs');
  // s3:GetObject in a policy the file says is for SQS: an action that never applies there.
  assert.ok(first.diagnostics.some((d) => d.code === 'VPCE9006' && typeof d.message === 'string' && d.message.includes('sqs')), JSON.stringify(first.diagnostics.map((d) => d.message)));
  client.close(uri);
});
