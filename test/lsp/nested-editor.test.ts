// A nested template open in the editor is judged with the parents that deploy it, as `vpce-lens check` on the
// folder judges it (cli/nested-check.ts): the same findings in that file (rule, range, text, the per-parent
// wording), the open document's unsaved text judged, and a parent changed or deleted on disk (watched files)
// changing the answer. Local TemplateURL parents are found by the server's index of the workspace; a CDK
// nested template's by its cloud assembly.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LspClient, fileUri, ROOT, type Published } from './client.js';

interface CliFinding {
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  related?: { message: string; file?: string; range: CliFinding['range'] }[];
}

/** `vpce-lens check --format json <folder>` run in `cwd`: the findings it reports in `file` (relative to `cwd`). */
function cliFindings(cwd: string, folder: string, file: string, region: string): CliFinding[] {
  const r = spawnSync(process.execPath, [`${ROOT}bin/vpce-lens.js`, 'check', '--region', region, '--format', 'json', folder], { cwd, encoding: 'utf8' });
  const results = (JSON.parse(r.stdout) as { results: { file: string; findings: CliFinding[] }[] }).results;
  return results.find((x) => x.file === file)?.findings ?? [];
}

const text = (m: Diagnostic['message']) => (typeof m === 'string' ? m : (m as { value: string }).value);

/** A diagnostic as the CLI's JSON says a finding: rule, range, message, related places (a file's by its path from `base`). */
function asCli(d: Diagnostic, uri: string, base: string): unknown {
  return {
    ruleId: d.code,
    // The editor names a CDK finding's construct as the CLI's text output does; its JSON says it apart.
    message: text(d.message).replace(/ \(construct [^)]*\)$/, ''),
    range: d.range,
    related: (d.relatedInformation ?? []).map((r) => ({ message: r.message, ...(r.location.uri === uri ? {} : { file: fileURLToPath(r.location.uri).slice(base.length + 1) }), range: r.location.range })),
  };
}
const cliShape = (f: CliFinding) => ({ ruleId: f.ruleId, message: f.message, range: f.range, related: (f.related ?? []).map((r) => ({ message: r.message, ...(r.file ? { file: r.file } : {}), range: r.range })) });
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

let client: LspClient;
before(async () => {
  client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
});
after(async () => {
  await client.stop();
});

test('a nested template two parents deploy: the CLI\'s findings for it, with its per-parent wording', async () => {
  const file = 'test/fixtures/nested-check/stacks/endpoint.yaml';
  const uri = fileUri(file);
  const fromCli = cliFindings(ROOT, 'test/fixtures/nested-check', file, 'eu-west-1');
  // dns-off.yaml's VPC leaves DNS hostnames off; dns-on.yaml's turns them on: the finding is one parent's.
  assert.ok(fromCli.some((f) => f.ruleId === 'VPCE5001' && f.message.includes('(only as nested stack Endpoints of test/fixtures/nested-check/dns-off.yaml; not as nested stack Endpoints of test/fixtures/nested-check/dns-on.yaml)')), JSON.stringify(fromCli));
  client.open(uri, readFileSync(`${ROOT}${file}`, 'utf8'));
  const p = await client.waitFor(uri);
  assert.deepEqual(sorted(p.diagnostics.map((d) => asCli(d, uri, ROOT.replace(/\/$/, '')))), sorted(fromCli.map(cliShape)));
  client.close(uri);
});

test('a local nested template: its unsaved text is judged with its parent\'s values, as the CLI judges the saved edit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-'));
  const local = await LspClient.start({ debounceMs: 0 }, undefined, {}, { root: dir });
  local.settings = { regions: ['eu-west-1'] };
  try {
    cpSync(`${ROOT}test/fixtures/nested-local`, dir, { recursive: true });
    const path = join(dir, 'stacks', 'endpoints.yaml');
    const uri = pathToFileURL(path).href;
    const saved = readFileSync(path, 'utf8');
    local.open(uri, saved);
    const first = await local.waitFor(uri);
    assert.deepEqual(sorted(first.diagnostics.map((d) => asCli(d, uri, dir))), sorted(cliFindings(dir, '.', 'stacks/endpoints.yaml', 'eu-west-1').map(cliShape)));
    assert.equal(first.diagnostics.length, 0);

    // The endpoints' group opened to a range outside the parent's VPC (10.80.0.0/16), unsaved: only the parent's
    // VPC says the group admits nothing from it (read alone, the VPC and its range are unknown).
    const edited = saved.replace('CidrIp: !Ref ClientCidr', 'CidrIp: 10.99.0.0/16');
    const at = saved.indexOf('CidrIp: !Ref ClientCidr');
    const lines = saved.slice(0, at).split('\n');
    const start = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const version = local.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 'CidrIp: !Ref ClientCidr'.length } }, text: 'CidrIp: 10.99.0.0/16' }]);
    const second = await local.waitFor(uri, (p: Published) => p.version === version);
    assert.deepEqual(second.diagnostics.map((d) => `${String(d.code)}:${d.range.start.line}`), ['VPCE6003:28'], JSON.stringify(second.diagnostics));
    // The same as the CLI's once the edit is saved (the disk file is not what the editor judged before that).
    writeFileSync(path, edited);
    const fromCli = cliFindings(dir, '.', 'stacks/endpoints.yaml', 'eu-west-1');
    assert.deepEqual(sorted(second.diagnostics.map((d) => asCli(d, uri, dir))), sorted(fromCli.map(cliShape)));
    local.close(uri);
  } finally {
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a CDK nested template (and one nested in it): the CLI\'s findings for the assembly, its parent\'s VPC decides', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-cdk-'));
  const cdk = await LspClient.start({ debounceMs: 0 }, undefined, {}, { root: dir });
  cdk.settings = { regions: ['us-east-1'] };
  try {
    cpSync(`${ROOT}test/fixtures/cdk/staged-app`, dir, { recursive: true });
    // The parent's VPC with DNS hostnames off: its nested stacks' private-DNS endpoints need them (VPCE5001),
    // which the nested templates alone cannot tell (the VPC is their parent's, passed by Ref).
    const parent = join(dir, 'cdk.out/assembly-Prod/ProdPlatformE645C080.template.json');
    writeFileSync(parent, readFileSync(parent, 'utf8').replace('"EnableDnsHostnames": true', '"EnableDnsHostnames": false'));
    for (const name of ['ProdPlatformEndpointsCADA6AA4', 'ProdPlatformEndpointsLogsF35A4AFC']) {
      const file = `cdk.out/assembly-Prod/${name}.nested.template.json`;
      const uri = pathToFileURL(join(dir, file)).href;
      const fromCli = cliFindings(dir, 'cdk.out', file, 'us-east-1');
      assert.ok(fromCli.some((f) => f.ruleId === 'VPCE5001'), JSON.stringify(fromCli));
      cdk.open(uri, readFileSync(join(dir, file), 'utf8'), 'json');
      const p = await cdk.waitFor(uri);
      assert.deepEqual(sorted(p.diagnostics.map((d) => asCli(d, uri, dir))), sorted(fromCli.map(cliShape)), name);
      cdk.close(uri);
    }
  } finally {
    await cdk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a parent changed or deleted on disk changes the nested template\'s answer (watched files)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-watch-'));
  const watching = await LspClient.start({ debounceMs: 0 }, undefined, {}, { root: dir, watch: true });
  watching.settings = { regions: ['eu-west-1'] };
  const changed = (type: 1 | 2 | 3, file: string) => watching.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, file)).href, type }] });
  const vpce5001 = (p: Published) => p.diagnostics.filter((d) => d.code === 'VPCE5001').map((d) => text(d.message));
  try {
    cpSync(`${ROOT}test/fixtures/nested-check`, dir, { recursive: true });
    const uri = pathToFileURL(join(dir, 'stacks/endpoint.yaml')).href;
    watching.open(uri, readFileSync(join(dir, 'stacks/endpoint.yaml'), 'utf8'));
    const first = await watching.waitFor(uri);
    assert.match(JSON.stringify(watching.registrations), /\*\*\/\*\.\{yaml,yml,json,template\}/);
    assert.deepEqual(vpce5001(first), ['SsmEndpoint: private DNS needs EnableDnsHostnames on Vpc (only as nested stack Endpoints of dns-off.yaml; not as nested stack Endpoints of dns-on.yaml)']);

    // dns-on.yaml deleted: dns-off.yaml is the one parent, whose finding needs no "only as".
    unlinkSync(join(dir, 'dns-on.yaml'));
    changed(3, 'dns-on.yaml');
    const second = await watching.waitFor(uri, (p) => p.seq > first.seq);
    assert.deepEqual(vpce5001(second), ['SsmEndpoint: private DNS needs EnableDnsHostnames on Vpc']);
    assert.deepEqual(sorted(second.diagnostics.map((d) => asCli(d, uri, dir))), sorted(cliFindings(dir, '.', 'stacks/endpoint.yaml', 'eu-west-1').map(cliShape)));

    // dns-off.yaml turns DNS hostnames on: no parent gives the finding any more.
    const off = join(dir, 'dns-off.yaml');
    writeFileSync(off, readFileSync(off, 'utf8').replace('      EnableDnsSupport: true\n', '      EnableDnsSupport: true\n      EnableDnsHostnames: true\n'));
    changed(2, 'dns-off.yaml');
    const third = await watching.waitFor(uri, (p) => p.seq > second.seq);
    assert.deepEqual(vpce5001(third), []);
    watching.close(uri);
  } finally {
    await watching.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an untrusted workspace is not searched for parents until the client says it is trusted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-trust-'));
  const restricted = await LspClient.start({ debounceMs: 0, workspaceTrusted: false }, undefined, {}, { root: dir });
  restricted.settings = { regions: ['eu-west-1'] };
  try {
    cpSync(`${ROOT}test/fixtures/nested-check`, dir, { recursive: true });
    const uri = pathToFileURL(join(dir, 'stacks/endpoint.yaml')).href;
    restricted.open(uri, readFileSync(join(dir, 'stacks/endpoint.yaml'), 'utf8'));
    const alone = await restricted.waitFor(uri);
    assert.deepEqual(alone.diagnostics.map((d) => d.code), []);
    restricted.notify('vpceLens/workspaceTrusted', null);
    const judged = await restricted.waitFor(uri, (p) => p.seq > alone.seq);
    assert.deepEqual(judged.diagnostics.map((d) => d.code), ['VPCE5001']);
    restricted.close(uri);
  } finally {
    await restricted.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
