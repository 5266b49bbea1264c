// A Terraform JSON document (*.tf.json; VS Code's language id for it is `json`) over LSP: checked as a
// member of its module (a native .tf sibling on disk declares its variable), diagnostics at the JSON
// characters, quick fixes written as JSON edits (tf/fixes/json-edits.ts), no CloudFormation completion.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { applyLspEdits, LspClient } from './client.js';

const MAIN = `{
  "resource": {
    "aws_vpc": { "main": { "cidr_block": "10.0.0.0/16", "enable_dns_hostnames": true } },
    "aws_subnet": {
      "a": { "vpc_id": "\${aws_vpc.main.id}", "cidr_block": "10.0.1.0/24", "availability_zone": "\${var.zone}" }
    },
    "aws_vpc_endpoint": {
      "ssm": {
        "vpc_id": "\${aws_vpc.main.id}",
        "service_name": "com.amazonaws.\${data.aws_region.current.name}.ssm",
        "vpc_endpoint_type": "Interface",
        "subnet_ids": ["\${aws_subnet.a.id}"]
      }
    }
  },
  "data": { "aws_region": { "current": {} } }
}
`;

test("a .tf.json document gets its module's diagnostics at its JSON text, and its quick fix as a JSON edit", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lsp-tfjson-'));
  writeFileSync(join(dir, 'variables.tf'), 'variable "zone" {\n  default = "eu-west-1a"\n}\n');
  writeFileSync(join(dir, 'main.tf.json'), MAIN);
  const uri = pathToFileURL(join(dir, 'main.tf.json')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, MAIN, 'json');
    const { diagnostics } = await client.waitFor(uri);
    const lines = MAIN.split('\n');
    const at = (d: Diagnostic) => lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined);
    // Private DNS off by default: on the endpoint's service name, a template inside a JSON string.
    assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.range.start.line} ${at(d)}`), ['VPCE5003 9 "com.amazonaws.\${data.aws_region.current.name}.ssm"']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
    // The fix in JSON (CloudFormation's "ignore" metadata is not Terraform's): the property added after
    // service_name in the object's layout, nothing else of the file changed.
    assert.deepEqual(actions.map((a) => a.title), ['Set private_dns_enabled = true']);
    const edits = (actions[0]!.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    const fixed = applyLspEdits(MAIN, edits);
    assert.equal(fixed, MAIN.replace('.ssm",\n', '.ssm",\n        "private_dns_enabled": true,\n'));
    JSON.parse(fixed);
    const completion = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 4 } });
    assert.deepEqual(Array.isArray(completion) ? completion : completion.items, []);
    // A broken edit is a syntax diagnostic at its place, the document still checked.
    const broken = MAIN.replace('"Interface",', '"Interface"');
    const v = client.change(uri, [{ text: broken }]);
    const after = await client.waitFor(uri, (p) => p.version === v);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['VPCE0001']);
    assert.equal(after.diagnostics[0]!.range.start.line, 11);
  } finally {
    await client.stop();
  }
});

test('in VS Code, which shows JSON syntax errors itself, a .tf.json keeps Terraform\'s own VPCE0001 (an unknown block type) and leaves the JSON error to the editor', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lsp-tfjson-vscode-'));
  const uri = pathToFileURL(join(dir, 'main.tf.json')).href;
  const client = await LspClient.start({ debounceMs: 0 }, { name: 'Visual Studio Code' });
  try {
    const text = '{\n  "resourze": {},\n  "locals": {"a": 1}\n}\n';
    client.open(uri, text, 'json');
    const first = await client.waitFor(uri);
    assert.deepEqual(first.diagnostics.map((d) => `${d.code} ${d.range.start.line}`), ['VPCE0001 1']);
    const v = client.change(uri, [{ text: text.replace('"a": 1', '"a": 1,') }]);
    const after = await client.waitFor(uri, (p) => p.version === v);
    // The trailing comma is VS Code's to show; the unknown block type is still ours.
    assert.deepEqual(after.diagnostics.map((d) => `${d.code} ${d.range.start.line}`), ['VPCE0001 1']);
  } finally {
    await client.stop();
  }
});
