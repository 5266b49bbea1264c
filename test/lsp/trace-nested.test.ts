// The editor's trace of a parent template reads the nested stacks it deploys, as `vpce-lens trace` does:
// the same matrix as the CLI's, and a hop in a nested template named by its file and line, never given a
// range in the parent's document.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { LspClient, fileUri, ROOT } from './client.js';
import { TRACE_MATRIX_REQUEST, TRACE_REQUEST, type MatrixResponse, type TraceResponse } from '../../server/src/protocol/trace.js';

let client: LspClient;
before(async () => {
  client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
});
after(async () => {
  await client.stop();
});

function cli(file: string, ...args: string[]): unknown {
  const r = spawnSync(process.execPath, [`${ROOT}bin/vpce-lens.js`, 'trace', '--region', 'eu-west-1', '--format', 'json', ...args, `${ROOT}${file}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function matrixOf(uri: string): Promise<{ sources: unknown; targets: unknown; verdicts: unknown }> {
  const m = await client.request(TRACE_MATRIX_REQUEST, { uri }) as MatrixResponse;
  assert.ok('matrix' in m, JSON.stringify(m));
  return { sources: m.matrix.sources, targets: m.matrix.targets, verdicts: m.matrix.verdicts };
}

const byCli = (file: string) => {
  const m = cli(file, '--matrix') as { sources: unknown; targets: unknown; verdicts: unknown };
  return { sources: m.sources, targets: m.targets, verdicts: m.verdicts };
};

test('a template with a local nested stack: the CLI\'s matrix; a nested hop is named by its file and line', async () => {
  const file = 'test/fixtures/nested-local/main.yaml';
  const uri = fileUri(file);
  client.open(uri, readFileSync(`${ROOT}${file}`, 'utf8'));
  await client.waitFor(uri);
  const matrix = await matrixOf(uri);
  assert.deepEqual(matrix, byCli(file));
  // Read alone the parent's STS endpoint has an unknown group: the nested stack's output makes it private.
  assert.equal((matrix.verdicts as string[][])[0]![0], 'private');

  const answer = await client.request(TRACE_REQUEST, { uri, from: 'SubnetA', to: 'ssm' }) as TraceResponse;
  assert.ok('result' in answer, JSON.stringify(answer));
  const byCliTrace = cli(file, '--from', 'SubnetA', '--to', 'ssm') as { verdict: string; hops: { resource: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; file?: string }[] };
  assert.equal(answer.result.verdict, byCliTrace.verdict);
  assert.equal(answer.result.hops.length, byCliTrace.hops.length);
  answer.result.hops.forEach((h, i) => {
    const c = byCliTrace.hops[i]!;
    assert.equal(h.resource, c.resource);
    if (c.file) {
      // In stacks/endpoints.yaml: its name and line, no range in main.yaml.
      assert.equal(h.range, undefined, JSON.stringify(h));
      assert.equal(h.file, 'stacks/endpoints.yaml');
      assert.equal(h.line, c.range.start.line);
      // The range there, for the panel to open that file at the hop: the CLI's.
      assert.deepEqual(h.fileRange, c.range);
    } else {
      assert.deepEqual(h.range, c.range);
      assert.equal(h.file, undefined);
    }
  });
  assert.ok(answer.result.hops.some((h) => h.file), 'a hop in the nested template');
  client.close(uri);
});

test('a CDK stack with a nested stack: the CLI\'s matrix; with unsaved edits, the parent alone', async () => {
  const file = 'test/fixtures/cdk/nested-vpc-app/cdk.out/AppStack.template.json';
  const uri = fileUri(file);
  const text = readFileSync(`${ROOT}${file}`, 'utf8');
  client.open(uri, text, 'json');
  await client.waitFor(uri);
  const expected = byCli(file);
  assert.deepEqual(await matrixOf(uri), expected);
  // The document no longer the file on disk: the assembly's copy is not this text, so it is not read with it.
  const v = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
  await client.waitFor(uri, (p) => p.version === v);
  assert.notDeepEqual(await matrixOf(uri), expected);
  client.close(uri);
});
