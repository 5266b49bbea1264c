// Terraform in the editor, over a real connection: fix-all on a .tf document, files changed on disk
// (a variables file, a tfvars, a local module's file) re-checking the open documents that read them,
// and the trace panel's Apply of a suggestion whose edit is in another file of the module.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { tfFolder } from '../helpers/tf-folder.js';
import { s3Network } from '../helpers/tf-endpoint-policy.js';
import { LspClient, applyLspEdits } from './client.js';
import { SUGGESTION_EDIT_REQUEST, TRACE_REQUEST, type SuggestionEditResult, type TraceResponse } from '../../server/src/protocol/trace.js';
import { openTerraformTexts, terraformDependents } from '../../server/src/lsp/terraform-watch.js';

const FIXES = join(__dirname, '..', 'fixtures', 'tf', 'fixes');
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

test('fix-all on a .tf document: one versioned edit of the document, the fixture pair\'s result', async () => {
  const before = readFileSync(join(FIXES, 'VPCE3001-module-entry', 'before', 'main.tf'), 'utf8');
  const dir = tfFolder('lsp-tf-fixall', { 'main.tf': before });
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, before, 'terraform');
    const { diagnostics } = await client.waitFor(uri);
    assert.ok(codes(diagnostics).includes('VPCE3001'), JSON.stringify(codes(diagnostics)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.vpce-lens']);
    const changes = actions[0]!.edit!.documentChanges as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version]), [[uri, 1]]);
    assert.equal(applyLspEdits(before, changes[0]!.edits), readFileSync(join(FIXES, 'VPCE3001-module-entry', 'after', 'main.tf'), 'utf8'));
  } finally {
    await client.stop();
  }
});

const MAIN = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = var.zone_a
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = var.zone_b
}

module "ep" {
  source     = "./modules/ep"
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}
`;
const VARIABLES = (b: string) => `variable "zone_a" {\n  default = "eu-west-1a"\n}\n\nvariable "zone_b" {\n  default = "${b}"\n}\n`;
const MODULE = (type: string) => `variable "vpc_id" {}
variable "subnet_ids" {}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "${type}"
  private_dns_enabled = true
  subnet_ids          = var.subnet_ids
}
`;

test('files changed on disk: the server watches *.tf and *.tfvars, and a change re-checks the open .tf documents that read that folder', async () => {
  const dir = tfFolder('lsp-tf-watch', { 'main.tf': MAIN, 'variables.tf': VARIABLES('eu-west-1a'), 'modules/ep/main.tf': MODULE('Interface') });
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 }, undefined, {}, { watch: true });
  client.settings = { regions: ['eu-west-1'] };
  const changed = (...files: string[]) => client.notify('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: pathToFileURL(join(dir, f)).href, type: 2 })) });
  try {
    client.open(uri, MAIN, 'terraform');
    const first = await client.waitFor(uri);
    // Both subnets in eu-west-1a: the module's endpoint takes one subnet per zone.
    assert.ok(codes(first.diagnostics).includes('VPCE6001'), JSON.stringify(codes(first.diagnostics)));
    const watchers = JSON.stringify(client.registrations);
    assert.match(watchers, /"\*\*\/\*\.tf"/);
    assert.match(watchers, /"\*\*\/\*\.tfvars"/);
    assert.match(watchers, /\.vpce-lens/, 'the project-file watchers stay');
    // variables.tf changed outside the editor: the zones differ now.
    writeFileSync(join(dir, 'variables.tf'), VARIABLES('eu-west-1b'));
    changed('variables.tf');
    const second = await client.waitFor(uri, (p) => !codes(p.diagnostics).includes('VPCE6001'), 10_000, first.seq);
    // terraform.tfvars sets zone_b back.
    writeFileSync(join(dir, 'terraform.tfvars'), 'zone_b = "eu-west-1a"\n');
    changed('terraform.tfvars');
    const third = await client.waitFor(uri, (p) => codes(p.diagnostics).includes('VPCE6001'), 10_000, second.seq);
    // The local module's file changed: a Gateway endpoint for ssm now, shown on the call.
    writeFileSync(join(dir, 'modules', 'ep', 'main.tf'), MODULE('Gateway'));
    changed('modules/ep/main.tf');
    await client.waitFor(uri, (p) => codes(p.diagnostics).includes('VPCE2001'), 10_000, third.seq);
  } finally {
    await client.stop();
  }
});

// The S3 gateway network of the Terraform policy tests, its policy read from the module's policy.json.
const S3_WITH_POLICY_FILE = s3Network('file("${path.module}/policy.json")');
const POLICY = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }] });

test('a policy file the module reads with file() changed on disk: the open .tf document is checked again, and its trace reads the new policy', async () => {
  const dir = tfFolder('lsp-tf-policy-file', { 'main.tf': S3_WITH_POLICY_FILE, 'policy.json': POLICY('s3:GetObject') });
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 }, undefined, {}, { watch: true });
  client.settings = { regions: ['eu-west-1'] };
  const put = async () => {
    const r = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'aws_subnet.a', to: 's3', action: 's3:PutObject' });
    assert.ok('result' in r, JSON.stringify(r));
    return r.result.verdict;
  };
  try {
    client.open(uri, S3_WITH_POLICY_FILE, 'terraform');
    const first = await client.waitFor(uri);
    assert.equal(await put(), 'blocked');
    writeFileSync(join(dir, 'policy.json'), POLICY('s3:*'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'policy.json')).href, type: 2 }] });
    await client.waitFor(uri, () => true, 10_000, first.seq);
    assert.equal(await put(), 'private');
  } finally {
    await client.stop();
  }
});

test('which open documents a changed Terraform file re-checks: those whose module read its folder', () => {
  const doc = (path: string, reads?: string[]) => ({ uri: pathToFileURL(path).href, ...(reads ? { reads } : {}) });
  const open = [doc('/w/stack/main.tf', ['/w/stack', '/w/modules/ep']), doc('/w/other/main.tf', ['/w/other']), doc('/w/stack/template.yaml'), doc('/w/new/main.tf')];
  const uris = (...paths: string[]) => paths.map((p) => pathToFileURL(p).href);
  // A module folder's file: its callers (and a document whose view is not at hand yet).
  assert.deepEqual(terraformDependents(uris('/w/modules/ep/main.tf'), open), uris('/w/stack/main.tf', '/w/new/main.tf'));
  assert.deepEqual(terraformDependents(uris('/w/other/terraform.tfvars'), open), uris('/w/other/main.tf', '/w/new/main.tf'));
  // Terraform's own cache is never read; nor is a file of another kind.
  assert.deepEqual(terraformDependents(uris('/w/stack/.terraform/modules/x/main.tf', '/w/stack/notes.md'), open), []);
  // A JSON file the module may read with file() (a policy): the documents known to read its folder only.
  assert.deepEqual(terraformDependents(uris('/w/stack/policy.json'), open), uris('/w/stack/main.tf'));
  assert.deepEqual(terraformDependents(uris('/w/elsewhere/policy.json', '/w/stack/.terraform/x.json'), open), []);
});

test('the trace panel\'s Apply of a suggestion whose edit is in vpc.tf: the edit names that file, verified on the whole module', async () => {
  const fixture = join(FIXES, 'VPCE5001-vpc-in-vpc-tf');
  const main = readFileSync(join(fixture, 'before', 'main.tf'), 'utf8');
  const vpc = readFileSync(join(fixture, 'before', 'vpc.tf'), 'utf8');
  const dir = tfFolder('lsp-tf-trace', { 'main.tf': main, 'vpc.tf': vpc });
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, main, 'terraform');
    await client.waitFor(uri);
    const traced = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'aws_subnet.a', to: 'ssm' });
    assert.ok('result' in traced, JSON.stringify(traced));
    const index = traced.result.suggestions.findIndex((s) => s.kind === 'enable-vpc-dns');
    assert.ok(index >= 0, JSON.stringify(traced.result.suggestions));
    assert.equal(traced.result.suggestions[index]!.action, 'Set enable_dns_hostnames = true on aws_vpc.main (in vpc.tf)');
    const edit = await client.rpc.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, { uri, from: 'aws_subnet.a', to: 'ssm', index });
    assert.ok(!('error' in edit), JSON.stringify(edit));
    const vpcUri = pathToFileURL(join(dir, 'vpc.tf')).href;
    assert.deepEqual([...new Set(edit.edits.map((e) => e.uri))], [vpcUri]);
    assert.equal(applyLspEdits(vpc, edit.edits), readFileSync(join(fixture, 'after', 'vpc.tf'), 'utf8'));
  } finally {
    await client.stop();
  }
});

test('open documents are read as their unsaved texts: an unsaved variables.tf or module file re-checks main.tf at once; closed unsaved, the disk counts again', async () => {
  // On disk, variables.tf declares only zone_a: main.tf's var.zone_b is undeclared (VPCE0005).
  const onlyA = 'variable "zone_a" {\n  default = "eu-west-1a"\n}\n';
  const dir = tfFolder('lsp-tf-overlay', { 'main.tf': MAIN, 'variables.tf': onlyA, 'modules/ep/main.tf': MODULE('Interface') });
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const varsUri = pathToFileURL(join(dir, 'variables.tf')).href;
  const moduleUri = pathToFileURL(join(dir, 'modules', 'ep', 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, MAIN, 'terraform');
    const first = await client.waitFor(uri);
    assert.ok(codes(first.diagnostics).includes('VPCE0005'), JSON.stringify(codes(first.diagnostics)));
    // variables.tf opened and edited, not saved: zone_b declared (in eu-west-1b: no same-zone finding either).
    client.open(varsUri, onlyA, 'terraform');
    client.change(varsUri, [{ text: VARIABLES('eu-west-1b') }]);
    const second = await client.waitFor(uri, (p) => !codes(p.diagnostics).includes('VPCE0005'), 10_000, first.seq);
    assert.ok(!codes(second.diagnostics).includes('VPCE6001'), JSON.stringify(codes(second.diagnostics)));
    // Still unsaved, zone_b now in eu-west-1a: the module's endpoint has two subnets in one zone.
    client.change(varsUri, [{ text: VARIABLES('eu-west-1a') }]);
    const third = await client.waitFor(uri, (p) => codes(p.diagnostics).includes('VPCE6001'), 10_000, second.seq);
    // The local module's file, open and unsaved: a Gateway endpoint for ssm, shown on the call.
    client.open(moduleUri, MODULE('Interface'), 'terraform');
    client.change(moduleUri, [{ text: MODULE('Gateway') }]);
    const fourth = await client.waitFor(uri, (p) => codes(p.diagnostics).includes('VPCE2001'), 10_000, third.seq);
    // Closed without saving: the files on disk are what the module is again.
    client.close(moduleUri);
    client.close(varsUri);
    await client.waitFor(uri, (p) => codes(p.diagnostics).includes('VPCE0005') && !codes(p.diagnostics).includes('VPCE2001'), 10_000, fourth.seq);
  } finally {
    await client.stop();
  }
});

test('which open documents stand for their files: Terraform files under the workspace folder, not the document itself, not .terraform/', () => {
  const doc = (path: string, text = path) => ({ uri: pathToFileURL(path).href, getText: () => text });
  const docs = [doc('/w/stack/main.tf'), doc('/w/stack/variables.tf', 'v'), doc('/w/stack/terraform.tfvars', 't'), doc('/w/modules/ep/main.tf', 'm'), doc('/w/stack/.terraform/modules/x/main.tf'), doc('/w/stack/template.yaml'), doc('/elsewhere/main.tf')];
  const main = pathToFileURL('/w/stack/main.tf').href;
  assert.deepEqual(openTerraformTexts(docs, main, '/w'), [
    { path: '/w/stack/variables.tf', text: 'v' },
    { path: '/w/stack/terraform.tfvars', text: 't' },
    { path: '/w/modules/ep/main.tf', text: 'm' },
  ]);
  // Outside any workspace folder: its own folder only.
  assert.deepEqual(openTerraformTexts(docs, main, undefined).map((d) => d.path), ['/w/stack/variables.tf', '/w/stack/terraform.tfvars']);
});
