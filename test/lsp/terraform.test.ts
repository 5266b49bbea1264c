// A Terraform document over LSP (language id `terraform`): diagnostics from its module (a sibling file
// on disk gives a variable), a quick fix as an HCL edit, the trace, and no completion (the HashiCorp
// extension's job).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits } from './client.js';
import { SUGGESTION_EDIT_REQUEST, TRACE_REQUEST, type SuggestionEditResult, type TraceResponse } from '../../server/src/protocol/trace.js';

const MAIN = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = var.zone
}

resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.ep.id]
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.ep.id]
}

data "aws_region" "current" {}
`;

test('a .tf document: diagnostics with its module, an HCL quick fix, the trace, no completion', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lsp-tf-'));
  writeFileSync(join(dir, 'variables.tf'), 'variable "zone" {\n  default = "eu-west-1a"\n}\n');
  writeFileSync(join(dir, 'main.tf'), MAIN);
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, MAIN, 'terraform');
    const { diagnostics } = await client.waitFor(uri);
    assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`), ['VPCE5003 35:24']);
    const diagnostic = diagnostics[0] as Diagnostic;
    assert.match(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, /private_dns_enabled = true/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    // The HCL fix only: no CloudFormation "ignore" metadata for a Terraform file.
    assert.deepEqual(actions.map((a) => a.title), ['Set private_dns_enabled = true']);
    const change = actions[0]!.edit!.documentChanges![0] as { edits: TextEdit[] };
    // At the end of the run of aligned arguments, which is padded to the longer name (as terraform fmt would).
    const fixed = MAIN.replace(
      /resource "aws_vpc_endpoint" "ssm" \{\n[\s\S]*?\n\}\n/,
      `resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
  private_dns_enabled = true
}
`,
    );
    assert.notEqual(fixed, MAIN);
    assert.equal(applyLspEdits(MAIN, change.edits), fixed);
    const traced = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'aws_instance.app', to: 'ssm' });
    assert.ok('result' in traced, JSON.stringify(traced));
    // Private DNS is off: the default ssm name resolves to the public service, through no NAT or gateway.
    assert.equal(traced.result.from, 'aws_instance.app');
    assert.ok(traced.result.hops.length > 0);
    assert.ok(traced.result.suggestions.some((s) => /private DNS/i.test(s.message)), JSON.stringify(traced.result.suggestions));
    // The suggestion is an action in the panel: the same HCL edit as the quick fix.
    const index = traced.result.suggestions.findIndex((s) => s.kind === 'enable-private-dns');
    assert.equal(traced.result.suggestions[index]!.action, 'Set private_dns_enabled = true');
    const suggested = await client.rpc.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, { uri, from: 'aws_instance.app', to: 'ssm', index });
    assert.ok(!('error' in suggested), JSON.stringify(suggested));
    assert.equal(applyLspEdits(MAIN, suggested.edits), fixed);
    const completion = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: { line: 33, character: 2 } });
    assert.deepEqual(completion, []);
  } finally {
    await client.stop();
  }
});

test('a .tf trace in Terraform words: the VPC DNS suggestion names enable_dns_hostnames on aws_vpc.main, and its edit is HCL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lsp-tf-dns-'));
  writeFileSync(join(dir, 'variables.tf'), 'variable "zone" {\n  default = "eu-west-1a"\n}\n');
  const text = MAIN.replace('enable_dns_hostnames = true', 'enable_dns_hostnames = false').replace('\n  security_group_ids = [aws_security_group.ep.id]\n', '\n  security_group_ids = [aws_security_group.ep.id]\n  private_dns_enabled = true\n').replace(/^ {2}(\w+) +=/gm, '  $1 =');
  writeFileSync(join(dir, 'main.tf'), text);
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, text, 'terraform');
    const { diagnostics } = await client.waitFor(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['VPCE5001']);
    const traced = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'aws_instance.app', to: 'ssm' });
    assert.ok('result' in traced, JSON.stringify(traced));
    const index = traced.result.suggestions.findIndex((s) => s.kind === 'enable-vpc-dns');
    const suggestion = traced.result.suggestions[index]!;
    assert.equal(suggestion.message, 'turn on enable_dns_hostnames on aws_vpc.main so that private DNS of aws_vpc_endpoint.ssm works');
    const words = JSON.stringify(traced.result);
    assert.doesNotMatch(words, /EnableDns|PrivateDnsEnabled|RouteTableIds|VpcEndpointType|this template/);
    assert.equal(suggestion.action, 'Set enable_dns_hostnames = true on aws_vpc.main');
    const edit = await client.rpc.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, { uri, from: 'aws_instance.app', to: 'ssm', index });
    assert.ok(!('error' in edit), JSON.stringify(edit));
    // The file is written with single spaces: the new value only.
    assert.equal(applyLspEdits(text, edit.edits), text.replace('enable_dns_hostnames = false', 'enable_dns_hostnames = true'));
  } finally {
    await client.stop();
  }
});

test('a .tf quick fix whose edit is in another file of the module: the workspace edit names that file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lsp-tf-vpc-'));
  const fixtures = join(__dirname, '..', 'fixtures', 'tf', 'fixes', 'VPCE5001-vpc-in-vpc-tf');
  const main = readFileSync(join(fixtures, 'before', 'main.tf'), 'utf8');
  const vpc = readFileSync(join(fixtures, 'before', 'vpc.tf'), 'utf8');
  writeFileSync(join(dir, 'main.tf'), main);
  writeFileSync(join(dir, 'vpc.tf'), vpc);
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const vpcUri = pathToFileURL(join(dir, 'vpc.tf')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    client.open(uri, main, 'terraform');
    const { diagnostics } = await client.waitFor(uri);
    const diagnostic = diagnostics.find((d) => d.code === 'VPCE5001');
    assert.ok(diagnostic, JSON.stringify(diagnostics));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.deepEqual(actions.map((a) => a.title), ['Set enable_dns_hostnames = true on aws_vpc.main']);
    const changes = actions[0]!.edit!.documentChanges as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
    // Only vpc.tf changes, unversioned (it is not open): the edit the fixture pair holds.
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version]), [[vpcUri, null]]);
    assert.equal(applyLspEdits(vpc, changes[0]!.edits), readFileSync(join(fixtures, 'after', 'vpc.tf'), 'utf8'));
  } finally {
    await client.stop();
  }
});
