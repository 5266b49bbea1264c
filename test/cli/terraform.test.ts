// The CLI on Terraform, as CI runs it: a module folder (several .tf files, tfvars, a .terraform/ folder
// that is skipped), text and SARIF output with each finding in its own file, and the trace.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tfFolder } from '../helpers/tf-folder.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

function run(args: string[], cwd: string) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function moduleDir(): string {
  return tfFolder('tf', {
    'net/variables.tf': 'variable "port" {\n  default = 80\n}\n',
    'net/terraform.tfvars': 'port = 8443\n',
    'net/main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_instance" "app" {
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.ep.id]
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
data "aws_region" "current" {}
`,
    // Provider caches and downloaded modules are not the user's code.
    'net/.terraform/modules/x/main.tf': 'resource "aws_vpc_endpoint" "x" {\n  vpc_id = "vpc-1"\n  service_name = "com.amazonaws.us-east-1.s3"\n}\n',
  });
}

test('check walks a Terraform folder: findings in text at the .tf file and line, tfvars applied, .terraform skipped', () => {
  const dir = moduleDir();
  const r = run(['check', '--region', 'eu-west-1', '.'], dir);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trim().split('\n');
  // The port comes from terraform.tfvars (8443), not the default: 443 is not admitted either way.
  assert.deepEqual(lines, [
    'net/main.tf:25:25: error VPCE5001 aws_vpc_endpoint.ssm: private DNS needs enable_dns_hostnames on aws_vpc.main',
    'net/main.tf:27:25: warning VPCE6003 aws_vpc_endpoint.ssm: no security group of the endpoint (aws_security_group.ep) admits TCP 443 from the VPC; clients\' calls through it time out',
    '2 files checked: 1 error, 1 warning, 0 info',
  ]);
});

test('SARIF names the .tf file of each finding', () => {
  const dir = moduleDir();
  const r = run(['check', '--format', 'sarif', '--region', 'eu-west-1', 'net'], dir);
  const sarif = JSON.parse(r.out);
  const locations = sarif.runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
  assert.deepEqual(locations, ['VPCE5001 net/main.tf:25', 'VPCE6003 net/main.tf:27']);
});

test('trace on a Terraform folder: hops at their .tf lines; egress blocked because Terraform removes the default egress rule', () => {
  const dir = moduleDir();
  const r = run(['trace', 'net', '--from', 'aws_instance.app', '--to', 'ssm'], dir);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0]!, /^aws_instance\.app → ssm: BLOCKED/);
  assert.ok(lines.some((l) => /security group egress\s+aws_security_group\.ep .*\(net\/main\.tf:8:1\)$/.test(l)), r.out);
});

test('trace on a .tf module in Terraform words: text and JSON name enable_dns_hostnames and addresses, never CloudFormation', () => {
  const main = readFileSync(join(__dirname, '..', 'fixtures', 'tf', 'fixes', 'VPCE5001-value-replaced', 'before', 'main.tf'), 'utf8');
  const dir = tfFolder('cli-tf-words', { 'net/main.tf': `${main}\nresource "aws_instance" "app" {\n  subnet_id              = aws_subnet.a.id\n  vpc_security_group_ids = [aws_security_group.endpoints.id]\n}\n` });
  const text = run(['trace', 'net', '--from', 'aws_instance.app', '--to', 'ssm'], dir);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /\n {2}suggestion: turn on enable_dns_hostnames on aws_vpc\.main so that private DNS of aws_vpc_endpoint\.ssm works\n/);
  const json = run(['trace', 'net', '--from', 'aws_instance.app', '--to', 'ssm', '--format', 'json'], dir);
  assert.equal(json.code, 0, json.err);
  const parsed = JSON.parse(json.out) as { suggestions: { kind: string; data: { attributes?: string[] } }[] };
  assert.deepEqual(parsed.suggestions.find((s) => s.kind === 'enable-vpc-dns')?.data.attributes, ['enable_dns_hostnames']);
  for (const out of [text.out, json.out]) assert.doesNotMatch(out, /EnableDns|PrivateDnsEnabled|RouteTableIds|VpcEndpointType|SubnetIds|this template/);
});

test('a FIFO among a module\'s .tf files is named and left out, never read (the read would block forever)', { skip: process.platform === 'win32' ? 'no FIFOs' : false }, () => {
  const dir = moduleDir();
  const made = spawnSync('mkfifo', [join(dir, 'net', 'pipe.tf')]);
  assert.equal(made.status, 0, 'mkfifo');
  const r = spawnSync(process.execPath, [CLI, 'check', 'net'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined, 'the CLI did not finish: it read the FIFO');
  assert.match(r.stderr, /pipe\.tf: not a regular file \(a FIFO\); left out of its module/);
  assert.match(r.stdout, /files? checked/);
  const named = spawnSync(process.execPath, [CLI, 'check', join('net', 'pipe.tf')], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.equal(named.error, undefined, 'the CLI did not finish');
  assert.equal(named.status, 2);
  assert.match(named.stderr, /pipe\.tf: not a regular file \(a FIFO\)/);
});

test('local modules: a folder with its modules is checked once, each finding in the file that holds it; the module alone still works; trace crosses into the module', () => {
  const fixture = join('test', 'fixtures', 'tf', 'modules');
  const r = run(['check', '--region', 'eu-west-1', fixture], ROOT);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trim().split('\n');
  // Walked: root and the four module folders. The modules are reported through root's calls only
  // (bound variables, module addresses): no second, standalone report of modules/endpoints.
  assert.deepEqual(lines.slice(0, -1).map((l) => l.replace(/: (error|warning) (VPCE\d+) (\S+).*/, ' $2 $3')), [
    `${fixture}/root/main.tf:26:12 VPCE2001 module.endpoints["bad"].aws_vpc_endpoint.ssm:`,
    `${fixture}/root/main.tf:35:12 VPCE0000 module.gone`,
    `${fixture}/modules/endpoints/main.tf:31:25 VPCE2001 module.endpoints["bad"].aws_vpc_endpoint.ssmmessages:`,
    `${fixture}/modules/endpoints/main.tf:31:25 VPCE2001 module.endpoints["good"].aws_vpc_endpoint.ssmmessages:`,
    `${fixture}/modules/cycle-b/main.tf:2:12 VPCE0000 module.loop.module.b.module.a`,
  ]);
  assert.match(lines.at(-1)!, /^5 files checked: 3 errors, 2 warnings/);
  // The module folder named on its own: checked as a root module, its unset variables unknown.
  const alone = run(['check', '--region', 'eu-west-1', join(fixture, 'modules', 'endpoints')], ROOT);
  assert.deepEqual(alone.out.trim().split('\n').slice(0, -1).map((l) => l.replace(/: error (VPCE\d+) (\S+).*/, ' $1 $2')), [`${fixture}/modules/endpoints/main.tf:31:25 VPCE2001 aws_vpc_endpoint.ssmmessages:`]);
  const t = run(['trace', join(fixture, 'root'), '--region', 'eu-west-1', '--from', 'aws_instance.app', '--to', 'ssm'], ROOT);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /runs in subnet module\.network\.aws_subnet\.private\["a"\]/);
  assert.match(t.out, new RegExp(`module\\.endpoints\\["bad"\\]\\.aws_vpc_endpoint\\.ssm .*\\(${fixture}/modules/endpoints/main\\.tf:19:1\\)`));
  const map = run(['map', join(fixture, 'root'), '--format', 'mermaid'], ROOT);
  assert.equal(map.code, 0, map.err);
  assert.match(map.out, /subgraph n\d+\["module\.network\.aws_vpc\.main<br\/>10\.0\.0\.0\/16"\]/);
});

test('a tree checked in worker threads reports byte for byte what the serial check reports (text, SARIF, stderr, exit code)', () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const fixtures = [join('test', 'fixtures', 'tf'), join('test', 'fixtures', 'tf-plan')];
  for (const format of ['text', 'sarif']) {
    const check = (workers: string, entry = CLI) => spawnSync(process.execPath, [entry, 'check', '--format', format, '--region', 'eu-west-1', ...fixtures], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VPCE_LENS_TF_WORKERS: workers, VPCE_LENS_TF_WORKERS_ALONE: '1', VPCE_LENS_TF_POOL_LOG: '1' } });
    const serial = check('0');
    // The workers alone check the folders (the main thread only merges): the log line says so.
    const pooled = check('2');
    const folders = Number(/checked (\d+) of (\d+) folders/.exec(pooled.stderr)?.[2]);
    assert.ok(folders > 20, pooled.stderr);
    assert.match(pooled.stderr, new RegExp(`tf-pool: 2 workers checked ${folders} of ${folders} folders`));
    assert.equal(pooled.stdout, serial.stdout);
    assert.equal(pooled.stderr.replace(/^vpce-lens: tf-pool: .*\n/m, ''), serial.stderr);
    assert.equal(pooled.status, serial.status);
    assert.equal(serial.status, 1);
    assert.match(serial.stdout, /VPCE5001/);
    // The bundle run without its launcher (no code cache) starts its workers from itself.
    if (format === 'text') assert.equal(check('1', join(ROOT, 'dist', 'cli.js')).stdout, serial.stdout);
  }
});

// A published example read in place (terraform-aws-vpc's examples/complete calls ../../modules/vpc-endpoints):
// the called folder is outside what may be read. The call is an unknown module with an info finding naming
// the folder, never a crash, never silence, never taken for the vpc-endpoints module it is named like.
test('a local module folder outside the repository: an unknown module, one info finding naming the folder', () => {
  const base = tfFolder('tf-outside', {
    // The folder is there, with the module's shape: it must still not be read, nor assumed.
    'modules/vpc-endpoints/main.tf': 'variable "endpoints" {}\nresource "aws_vpc_endpoint" "this" {\n  for_each     = var.endpoints\n  vpc_id       = "vpc-1"\n  service_name = each.value.service\n}\n',
    'examples/complete/main.tf': 'module "vpc_endpoints" {\n  source = "../../modules/vpc-endpoints"\n  vpc_id = "vpc-1"\n  endpoints = {\n    ssm = { service = "ssm", service_type = "Gateway" }\n  }\n}\n',
  });
  const example = join(base, 'examples', 'complete');
  mkdirSync(join(base, 'examples', '.git'), { recursive: true });
  const r = run(['check', '--format', 'json', join(example, 'main.tf')], base);
  assert.equal(r.code, 0, r.err);
  const findings = (JSON.parse(r.out) as { results: { findings: { ruleId: string; severity: string; message: string }[] }[] }).results[0]!.findings;
  assert.deepEqual(
    findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`),
    [`VPCE0000 info module.vpc_endpoints (../../modules/vpc-endpoints) is not read: ${join(base, 'modules', 'vpc-endpoints')} is outside ${join(base, 'examples')}, which is all that is read; its resources are not checked.`],
  );
});

const CORPUS_COMPLETE = join(ROOT, '..', 'shared', 'corpus', 'terraform-aws-modules__terraform-aws-vpc__examples__complete__main.tf');
test('terraform-aws-vpc examples/complete read in place: each module call outside the folder is one info finding', { skip: existsSync(CORPUS_COMPLETE) ? false : `${CORPUS_COMPLETE} is not there` }, () => {
  const r = run(['check', '--format', 'json', CORPUS_COMPLETE], ROOT);
  assert.equal(r.code, 0, r.err);
  const findings = (JSON.parse(r.out) as { results: { findings: { ruleId: string; severity: string; message: string }[] }[] }).results[0]!.findings;
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity} ${f.message.replace(/ is not read: .*/, '')}`), [
    'VPCE0000 info module.vpc (../../)',
    'VPCE0000 info module.vpc_endpoints (../../modules/vpc-endpoints)',
    'VPCE0000 info module.vpc_endpoints_nocreate (../../modules/vpc-endpoints)',
  ]);
  assert.ok(findings.every((f) => f.message.includes('is outside ')), JSON.stringify(findings));
});

test('a module named as the working folder (`.`): messages name it ".", the map is titled by the folder\'s name', () => {
  const net = join(moduleDir(), 'net');
  const missing = run(['trace', '.', '--from', 'aws_subnet.nope', '--to', 'ssm'], net);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^vpce-lens: \.: aws_subnet\.nope is not a resource of this configuration/);
  const map = run(['map', '.', '--format', 'mermaid'], net);
  assert.equal(map.code, 0, map.err);
  assert.equal(map.out.split('\n')[1], 'title: "VPC map of net"');
  const parent = run(['map', 'net/sub/..', '--format', 'mermaid'], join(net, '..'));
  assert.equal(parent.code, 2, 'net/sub does not exist: the path is refused, not drawn');
});

test('--help says what the CLI reads, Terraform among it, and that trace takes a Terraform address', () => {
  const help = run(['--help'], ROOT);
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /Terraform\s+\(each folder of \.tf and \.tf\.json files as one module/);
  assert.match(help.out, /terraform show -json/);
  assert.match(help.out, /--from ID .*\n.*Terraform address \(aws_subnet\.private/);
  assert.match(help.out, /vpce-lens map <template or folder>/);
});
