// A Terraform document over LSP (language id `terraform`): diagnostics from its module (a sibling file
// on disk gives a variable), a quick fix as an HCL edit, the trace, and no completion (the HashiCorp
// extension's job).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits } from './client.js';
import { DNS_FROM_TFVARS, tfFolder, writeFiles } from '../helpers/tf-folder.js';
import { SUGGESTION_EDIT_REQUEST, TRACE_REQUEST, type SuggestionEditResult, type TraceResponse } from '../../server/src/protocol/trace.js';

const ZONE = 'variable "zone" {\n  default = "eu-west-1a"\n}\n';

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
  const dir = tfFolder('lsp-tf', { 'variables.tf': ZONE, 'main.tf': MAIN });
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
  const text = MAIN.replace('enable_dns_hostnames = true', 'enable_dns_hostnames = false').replace('\n  security_group_ids = [aws_security_group.ep.id]\n', '\n  security_group_ids = [aws_security_group.ep.id]\n  private_dns_enabled = true\n').replace(/^ {2}(\w+) +=/gm, '  $1 =');
  const dir = tfFolder('lsp-tf-dns', { 'variables.tf': ZONE, 'main.tf': text });
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
  const fixtures = join(__dirname, '..', 'fixtures', 'tf', 'fixes', 'VPCE5001-vpc-in-vpc-tf');
  const main = readFileSync(join(fixtures, 'before', 'main.tf'), 'utf8');
  const vpc = readFileSync(join(fixtures, 'before', 'vpc.tf'), 'utf8');
  const dir = tfFolder('lsp-tf-vpc', { 'main.tf': main, 'vpc.tf': vpc });
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

test('a .tf document reads its local modules: a wrong argument on the argument, a mistake inside the module on the call, a source outside the folder refused; saving the module checks the caller again', async () => {
  const base = tfFolder('lsp-tfmod', { 'elsewhere/main.tf': 'resource "aws_vpc" "x" {\n  cidr_block = "10.9.0.0/16"\n}\n' });
  const dir = join(base, 'stack');
  const moduleText = (wrong: string) => `variable "vpc_id" {}
variable "type" {
  default = "Interface"
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type = var.type
}
resource "aws_vpc_endpoint" "messages" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.ssmmessages"
  vpc_endpoint_type = "${wrong}"
}
data "aws_region" "current" {}
`;
  const modulePath = join(dir, 'modules', 'ep', 'main.tf');
  const main = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
module "ep" {
  source = "./modules/ep"
  vpc_id = aws_vpc.main.id
  type   = "Gateway"
}
module "up" {
  source = "../elsewhere"
}
`;
  writeFiles(dir, { 'main.tf': main, 'modules/ep/main.tf': moduleText('Gateway') });
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const moduleUri = pathToFileURL(modulePath).href;
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${typeof d.message === 'string' ? d.message : d.message.value}`).sort();
  try {
    client.open(uri, main, 'terraform');
    const first = await client.waitFor(uri);
    assert.deepEqual(shown(first.diagnostics), [
      `VPCE0000 10:12 module.up (../elsewhere) is not read: ${join(dir, '..', 'elsewhere')} is outside ${dir}, which is all that is read; its resources are not checked.`,
      'VPCE2001 4:1 module.ep.aws_vpc_endpoint.messages: ssmmessages has no Gateway endpoint, only Interface (in modules/ep/main.tf:13)',
      'VPCE2001 7:12 module.ep.aws_vpc_endpoint.ssm: ssm has no Gateway endpoint, only Interface',
    ]);
    // The module's file in the editor: checked on its own (its own mistake; var.type is its default there).
    client.open(moduleUri, moduleText('Gateway'), 'terraform');
    const own = await client.waitFor(moduleUri);
    assert.deepEqual(shown(own.diagnostics).map((d) => d.replace(/(\S+ \S+ \S+): .*/, '$1')), ['VPCE2001 13:23 aws_vpc_endpoint.messages', 'VPCE2002 5:1 aws_vpc_endpoint.ssm', 'VPCE5003 7:23 aws_vpc_endpoint.ssm']);
    // The module is fixed and saved: the caller, unchanged, is checked again with the module's new text.
    writeFileSync(modulePath, moduleText('Interface'));
    client.change(moduleUri, [{ text: moduleText('Interface') }]);
    client.notify('textDocument/didSave', { textDocument: { uri: moduleUri } });
    const again = await client.waitFor(uri, (p) => p.seq > first.seq && !p.diagnostics.some((d) => /ssmmessages has no Gateway/.test(String(d.message))));
    // Now an interface endpoint with no subnets and private DNS off (true of the module's new text), shown on the call.
    assert.deepEqual(shown(again.diagnostics).map((d) => d.replace(/(\S+ \S+ \S+): .*/, '$1')), ['VPCE0000 10:12 module.up (../elsewhere) is not read', 'VPCE2001 7:12 module.ep.aws_vpc_endpoint.ssm', 'VPCE2002 4:1 module.ep.aws_vpc_endpoint.messages', 'VPCE5003 4:1 module.ep.aws_vpc_endpoint.messages']);
  } finally {
    await client.stop();
  }
});

test('a finding a terraform.tfvars value decides: on that file (its own URI), and on the argument that reads it, each pointing at the other; gone from both when the argument no longer reads it', async () => {
  const dir = tfFolder('lsp-tfvars', DNS_FROM_TFVARS);
  const main = DNS_FROM_TFVARS['main.tf'];
  const uri = pathToFileURL(join(dir, 'main.tf')).href;
  const tfvarsUri = pathToFileURL(join(dir, 'terraform.tfvars')).href;
  const client = await LspClient.start({ debounceMs: 0 });
  try {
    client.open(uri, main, 'terraform');
    const where = (d: Diagnostic) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1}`;
    const related = (d: Diagnostic) => (d.relatedInformation ?? []).map((r) => `${r.location.uri.slice(r.location.uri.lastIndexOf('/') + 1)}:${r.location.range.start.line + 1}:${r.location.range.start.character + 1}`);
    // As the CLI reports it (test/cli/terraform-tfvars.test.ts): VPCE5001 on line 2 of terraform.tfvars.
    const vars = await client.waitFor(tfvarsUri);
    assert.deepEqual(vars.diagnostics.map(where), ['VPCE5001 2:7-11']);
    assert.deepEqual(related(vars.diagnostics[0]!), ['main.tf:8:25']);
    const own = await client.waitFor(uri);
    // VPCE2002 (the endpoint has no subnets) is this file's own.
    assert.deepEqual(own.diagnostics.map(where), ['VPCE2002 4:1-9', 'VPCE5001 8:25-32']);
    assert.deepEqual(related(own.diagnostics[1]!), ['terraform.tfvars:2:7']);
    assert.match(String(own.diagnostics[1]!.message), /var\.dns, set in terraform\.tfvars:2/);
    // Its quick fix is the finding's own: the VPC's DNS turned on (not an edit of the argument).
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: own.diagnostics[1]!.range, context: { diagnostics: [own.diagnostics[1]] } });
    assert.deepEqual(actions.map((a) => a.title), ['Set enable_dns_hostnames = true on aws_vpc.main']);
    // The argument no longer reads the variable: both places are cleared.
    const fixed = main.replace('private_dns_enabled = var.dns', 'private_dns_enabled = false');
    client.change(uri, [{ text: fixed }]);
    const cleared = await client.waitFor(tfvarsUri, (p) => p.seq > vars.seq && p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
    const after = await client.waitFor(uri, (p) => p.seq > own.seq);
    assert.deepEqual(after.diagnostics.map(where), ['VPCE2002 4:1-9']);
  } finally {
    await client.stop();
  }
});
