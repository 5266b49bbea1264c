// Settings for clients without workspace/configuration (Neovim 0.7): taken from initializationOptions and
// from didChangeConfiguration's settings payload. And the settings in effect for each document — regions,
// project file, rule overrides — told to the client and logged each time they change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, fileUri, ROOT } from './client.js';
import { RULE_DOCS_REQUEST, SETTINGS_IN_EFFECT_NOTIFICATION, type RuleDoc, type SettingsInEffect } from '../../server/src/protocol/editor.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code);

test('without workspace/configuration: settings from initializationOptions, then from didChangeConfiguration', async () => {
  const client = await LspClient.start({ vpceLens: { regions: ['eu-west-1'], rules: { VPCE1002: 'off' } } }, { name: 'Neovim' }, {}, { configuration: false });
  try {
    const uri = fileUri('test/lsp/init-options.yaml');
    client.open(uri, EXAMPLE);
    const first = await client.waitFor(uri);
    assert.ok(codes(first).includes('VPCE3001'), `the region from initializationOptions applies: ${codes(first).join(' ')}`);
    assert.ok(!codes(first).includes('VPCE1002'), 'the rule turned off in initializationOptions');

    client.notify('workspace/didChangeConfiguration', { settings: { vpceLens: { regions: [] } } });
    const second = await client.waitFor(uri, (p) => !codes(p).includes('VPCE3001'), 5000, first.seq);
    assert.ok(codes(second).includes('VPCE3002'), 'no region now: the portability warning instead of the mismatch');
    assert.ok(codes(second).includes('VPCE1002'), 'the pushed settings replace those of initialize');
  } finally {
    await client.stop();
  }
});

test('a client that answers workspace/configuration is asked; initializationOptions do not override it', async () => {
  const client = await LspClient.start({ vpceLens: { regions: ['eu-west-1'] } });
  try {
    const uri = fileUri('test/lsp/init-options-pull.yaml');
    client.open(uri, EXAMPLE);
    const first = await client.waitFor(uri);
    assert.ok(!codes(first).includes('VPCE3001'), 'the pulled settings (no regions) win');
  } finally {
    await client.stop();
  }
});

test('the settings in effect reach the client and the log once per change', async () => {
  const client = await LspClient.start();
  const seen: SettingsInEffect[] = [];
  client.rpc.onNotification(SETTINGS_IN_EFFECT_NOTIFICATION, (s: SettingsInEffect) => {
    seen.push(s);
  });
  try {
    const uri = fileUri('test/lsp/in-effect.yaml');
    client.settings = {};
    client.open(uri, EXAMPLE);
    const first = await client.waitFor(uri);
    client.change(uri, [{ text: `${EXAMPLE}\n` }]);
    const second = await client.waitFor(uri, () => true, 5000, first.seq);
    assert.equal(seen.length, 1, 'an edit that changes no setting sends nothing');
    assert.deepEqual(seen[0], { uri, regions: [], regionsFrom: 'none', overrides: {} });

    client.settings = { regions: ['eu-west-1'], rules: { VPCE5003: 'off' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(uri, (p) => codes(p).includes('VPCE3001'), 5000, second.seq);
    assert.equal(seen.length, 2);
    assert.deepEqual(seen[1], { uri, regions: ['eu-west-1'], regionsFrom: 'editor settings', overrides: { VPCE5003: 'off' } });
    const lines = client.logs.filter((l) => l.includes('Settings in effect'));
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[1]!, /regions eu-west-1 \(editor settings\); no project file; rule overrides VPCE5003=off/);
  } finally {
    await client.stop();
  }
});

test('vpceLens/ruleDocs: every rule of the generated rules document, with its area, AWS link and Terraform text', async () => {
  const client = await LspClient.start();
  try {
    const docs = await client.request<RuleDoc[]>(RULE_DOCS_REQUEST, null);
    const md = readFileSync(`${ROOT}docs/rules.md`, 'utf8');
    const ids = [...md.matchAll(/^### (VPCE\d{4})$/gm)].map((m) => m[1]);
    assert.deepEqual(docs.map((d) => d.id), ids);
    for (const d of docs) {
      const section = md.slice(md.indexOf(`### ${d.id}\n`)).split('\n### ')[0]!;
      assert.ok(section.includes(`**${d.title}** — default severity: ${d.severity}`), d.id);
      assert.ok(section.includes(`${d.docs.startsWith('https://docs.aws.amazon.com/') ? 'AWS' : 'Terraform'} documentation: <${d.docs}>`), d.id);
      // The rule page shows a rule's Terraform text as the document does (client/src/webview/rule-page.ts).
      if (d.terraform) assert.ok(section.includes(`In Terraform: ${d.terraform.why}\n\nTerraform documentation: <${d.terraform.docs}>`), d.id);
      else assert.ok(!section.includes('In Terraform:'), d.id);
      // And why a rule is never raised in Terraform, where it is not (RuleMeta.noTerraform).
      if (d.noTerraform) assert.ok(section.includes(`Not raised in Terraform: ${d.noTerraform}`), d.id);
      else assert.ok(!section.includes('Not raised in Terraform:'), d.id);
      const area = md.slice(0, md.indexOf(`### ${d.id}\n`)).match(/^## (.+)$/gm)!.pop();
      assert.equal(`## ${d.area}`, area, d.id);
    }
    assert.equal(docs.find((d) => d.id === 'VPCE1002')?.fix, 'yes, in Fix all');
    assert.match(docs.find((d) => d.id === 'VPCE2001')?.terraform?.why ?? '', /vpc_endpoint_type/);
    assert.match(docs.find((d) => d.id === 'VPCE0006')?.noTerraform ?? '', /HCL or JSON/);
    // An index of pages states no fact (VPCE1002 pointed at the EC2 resource index).
    for (const d of docs) assert.doesNotMatch(d.docs, /\/AWS_\w+\.html$|\/(Welcome|index|introduction)\.html$/, `${d.id}: ${d.docs}`);
  } finally {
    await client.stop();
  }
});
