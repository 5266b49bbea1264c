// A template CDK synthesised, opened in the editor: each diagnostic names the construct it is about,
// as the CLI's output does; its quick fixes are those of the same finding (found by data, not message).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { LspClient, fileUri, ROOT } from './client.js';

const TEMPLATE = readFileSync(`${ROOT}test/fixtures/cdk/network-app/cdk.out/NetworkStack.template.json`, 'utf8');
let client: LspClient;
const text = (m: string | { value: string }) => (typeof m === 'string' ? m : m.value);

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

test('diagnostics of a cdk.out template name the construct; a template without aws:cdk:path is unchanged', async () => {
  const uri = fileUri('test/lsp/cdk.out/NetworkStack.template.json');
  client.open(uri, TEMPLATE, 'json');
  const p = await client.waitFor(uri);
  const messages = p.diagnostics.filter((d) => d.code === 'VPCE9005' || d.code === 'VPCE6003').map((d) => text(d.message));
  assert.ok(messages.length >= 2, messages.join('\n'));
  assert.ok(messages.some((m) => m.endsWith('did you mean s3:PutObject? (construct NetworkStack/Vpc/S3Endpoint/Resource)')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('VpcSsmEndpointC46DB833: ') && m.endsWith(' (construct NetworkStack/Vpc/SsmEndpoint/Resource)')), messages.join('\n'));
  // The quick fix of the misspelt action is still offered: fixes go by rule id and data.
  const typo = p.diagnostics.find((d) => d.code === 'VPCE9005')!;
  const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } })) as { title: string }[];
  assert.ok(actions.some((a) => /s3:PutObject/.test(a.title)), actions.map((a) => a.title).join('\n'));
  client.close(uri);
  const plain = fileUri('test/lsp/cdk.out/Plain.template.json');
  client.open(plain, TEMPLATE.replace(/"aws:cdk:path"/g, '"aws:cdk:other"'), 'json');
  const q = await client.waitFor(plain);
  const typoPlain = q.diagnostics.find((d) => d.code === 'VPCE9005')!;
  assert.ok(text(typoPlain.message).endsWith('did you mean s3:PutObject?'), text(typoPlain.message));
  client.close(plain);
});

// One analysis, one answer: Prod is bound to aws://111111111111/eu-west-1 in the stage's manifest.json, so
// its template's eu-west-1 service names are where it deploys, not a mistake for a us-east-1 setting
// (no VPCE3001/VPCE3002). The editor reads the manifest as the CLI does; both give the same findings.
test('a region-bound CDK stack in the editor: the region of its manifest, the same findings as vpce-lens check', async () => {
  const file = `${ROOT}test/fixtures/cdk/staged-app/cdk.out/assembly-Prod/ProdPlatformE645C080.template.json`;
  const cli = spawnSync(process.execPath, [`${ROOT}bin/vpce-lens.js`, 'check', '--region', 'us-east-1', '--format', 'json', file], { encoding: 'utf8' });
  const fromCli = (JSON.parse(cli.stdout) as { results: { findings: { ruleId: string; range: { start: { line: number } } }[] }[] }).results[0]!.findings.map((f) => `${f.ruleId}:${f.range.start.line}`);
  const uri = pathToFileURL(file).href;
  const saved = client.settings;
  client.settings = { regions: ['us-east-1'] };
  try {
    client.open(uri, readFileSync(file, 'utf8'), 'json');
    const p = await client.waitFor(uri);
    const fromEditor = p.diagnostics.map((d) => `${String(d.code)}:${d.range.start.line}`);
    assert.ok(!fromEditor.some((c) => /^VPCE300[123]:/.test(c)), fromEditor.join());
    // Both judge the parent with its nested stack (cli/nested-check.ts, lsp/nested-stacks.ts): its STS endpoint
    // shares the nested stack's group, which admits nothing (VPCE6003), a finding the template alone cannot give
    // (that group is the nested stack's output there, unknown).
    const withNested = 'VPCE6003:234';
    assert.ok(fromCli.includes(withNested), fromCli.join());
    assert.deepEqual(fromEditor.sort(), fromCli.sort());
    const nested = p.diagnostics.find((d) => `${String(d.code)}:${d.range.start.line}` === withNested)!;
    // Related places in the nested template name that file, never a range of the open document.
    const elsewhere = (nested.relatedInformation ?? []).filter((r) => r.location.uri !== uri);
    assert.ok(elsewhere.length > 0, JSON.stringify(nested.relatedInformation));
    for (const r of elsewhere) assert.match(r.location.uri, /ProdPlatformEndpointsCADA6AA4\.nested\.template\.json$/);
    assert.ok(fromCli.includes('VPCE9005:144'), fromCli.join());
    client.close(uri);
  } finally {
    client.settings = saved;
  }
});

// The app's stacks read together in the editor too: WorkloadStack adds a rule to NetworkStack's SSM endpoint
// group (cross-stack-app), and the nested stack's parent sets its parameters (nested-parameters-app).
test('cdk.out templates in the editor: the other stacks and the parent read as the CLI reads them', async () => {
  for (const file of ['cross-stack-app/cdk.out/NetworkStack.template.json', 'cross-stack-app/cdk.out/WorkloadStack.template.json', 'nested-parameters-app/cdk.out/PlatformStackEndpoints53B3736A.nested.template.json']) {
    const path = `${ROOT}test/fixtures/cdk/${file}`;
    const cli = spawnSync(process.execPath, [`${ROOT}bin/vpce-lens.js`, 'check', '--region', 'us-east-1', '--format', 'json', path], { encoding: 'utf8' });
    const fromCli = (JSON.parse(cli.stdout) as { results: { findings: { ruleId: string; resource?: string }[] }[] }).results[0]!.findings.map((f) => `${f.ruleId}:${f.resource}`);
    const uri = pathToFileURL(path).href;
    const saved = client.settings;
    client.settings = { regions: ['us-east-1'] };
    try {
      client.open(uri, readFileSync(path, 'utf8'), 'json');
      const p = await client.waitFor(uri);
      const fromEditor = p.diagnostics.filter((d) => d.code === 'VPCE6003').map((d) => `${String(d.code)}:${text(d.message).split(':')[0]}`);
      assert.deepEqual(fromEditor.sort(), fromCli.filter((c) => c.startsWith('VPCE6003:')).sort(), file);
      assert.equal(fromEditor.length, 1, file);
      client.close(uri);
    } finally {
      client.settings = saved;
    }
  }
});
