// Local Terraform modules (`source = "./x"` or `"../x"`): their folder is read, their variables bound
// from the call, their resources addressed `module.x.<type>.<name>`, their outputs answered; count and
// for_each make instances; a missing folder, a cycle, too deep a tree, a source out of the workspace
// are warnings on the call, never a crash. Most tests give the engine folders from memory (it reads no
// file); the fixture (test/fixtures/tf/modules) and the path-safety tests go through the CLI's reader.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import type { ModuleFolders } from '../../../server/src/core/tf/local-modules.js';
import type { Node } from '../../../server/src/core/document/tree.js';
import { localModuleFolders } from '../../../server/src/tf-module-files.js';
import { LineIndex } from '../../../server/src/core/document/line-index.js';

before(() => ensureTerraformParser());

/** Folders in memory: `{ 'modules/ep': { 'main.tf': '...' } }`, sources resolved as paths. */
function memory(tree: Record<string, Record<string, string>>, reads: string[] = []): ModuleFolders {
  const norm = (p: string) => {
    const out: string[] = [];
    for (const part of p.split('/')) {
      if (part === '..') out.pop();
      else if (part && part !== '.') out.push(part);
    }
    return out.join('/');
  };
  return {
    root: 'root',
    read(from, source) {
      const dir = norm(`${from}/${source}`);
      reads.push(dir);
      const files = tree[dir];
      if (!files) return { error: 'no such folder' };
      return { dir, files: Object.entries(files).map(([name, text]) => ({ path: `${dir}/${name}`, text })) };
    },
  };
}

function run(main: string, tree: Record<string, Record<string, string>>, reads?: string[]) {
  const r = analyzeTerraform([{ path: 'root/main.tf', text: main }], { settings: { regions: ['eu-west-1'] } }, memory(tree, reads));
  const text = r.module.text;
  const where = (start: number) => {
    const at = r.fileOf(start)!;
    return `${at.file.path}:${new LineIndex(text.slice(at.file.start, at.file.end)).positionAt(at.offset).line + 1}`;
  };
  return { r, text, findings: r.analysis.findings.map((f) => `${f.ruleId} ${where(f.start)} ${text.slice(f.start, f.end)} | ${f.message}`) };
}

function resource(r: ReturnType<typeof run>['r'], address: string): Node | undefined {
  const resources = r.module.root.pairs.find((p) => p.key.value === 'Resources')!.value;
  return resources?.kind === 'map' ? resources.pairs.find((p) => p.key.value === address)?.value ?? undefined : undefined;
}

function prop(r: ReturnType<typeof run>['r'], address: string, name: string): Node | undefined {
  const res = resource(r, address);
  const props = res?.kind === 'map' ? res.pairs.find((p) => p.key.value === 'Properties')?.value : undefined;
  return props?.kind === 'map' ? props.pairs.find((p) => p.key.value === name)?.value ?? undefined : undefined;
}

/** Where the endpoint's vpc_id value is written: the caller's argument `aws_vpc.main.id`. */
const vpcAt = (r: ReturnType<typeof run>['r']) => {
  const n = prop(r, 'module.ep.aws_vpc_endpoint.this', 'VpcId')!;
  return { start: n.start, end: n.end };
};

const plain = (n: Node | undefined): unknown => {
  if (!n) return undefined;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plain);
  return Object.fromEntries(n.pairs.map((p) => [p.key.value, plain(p.value ?? undefined)]));
};

const ENDPOINT_MODULE = {
  'main.tf': `variable "vpc_id" {}
variable "type" {
  default = "Interface"
}
variable "service" {}
variable "subnet_ids" {
  default = []
}
data "aws_region" "current" {}
resource "aws_vpc_endpoint" "this" {
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.\${var.service}"
  vpc_endpoint_type   = var.type
  subnet_ids          = var.subnet_ids
  private_dns_enabled = var.type == "Interface"
}
output "id" {
  value = aws_vpc_endpoint.this.id
}
output "type" {
  value = var.type
}
`,
};

// DNS hostnames on: the module's endpoints have private DNS (var.type == "Interface"), which needs them.
const VPC = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

test('a call binds the module variables: the wrong value passed is found on the argument, under the module address', () => {
  const { findings, r } = run(
    `${VPC}module "ep" {
  source  = "./modules/ep"
  vpc_id  = aws_vpc.main.id
  service = "ssm"
  type    = "Gateway"
}
`,
    { 'root/modules/ep': ENDPOINT_MODULE },
  );
  assert.deepEqual(findings, ['VPCE2001 root/main.tf:9 "Gateway" | module.ep.aws_vpc_endpoint.this: ssm has no Gateway endpoint, only Interface']);
  // The module's vpc_id is the caller's VPC: one model, one VPC.
  assert.deepEqual(plain(prop(r, 'module.ep.aws_vpc_endpoint.this', 'VpcId')), { Ref: 'aws_vpc.main' });
  assert.deepEqual(r.analysis.network()!.judged().endpoints.get('module.ep.aws_vpc_endpoint.this')?.vpc, { known: true, value: 'aws_vpc.main', at: vpcAt(r) });
});

test('an unset variable takes its default; with no default it is unknown and named, never a guess', () => {
  const { findings, r } = run(
    `${VPC}module "ep" {
  source = "./modules/ep"
  vpc_id = aws_vpc.main.id
}
`,
    { 'root/modules/ep': ENDPOINT_MODULE },
  );
  assert.deepEqual(findings, []);
  assert.equal(plain(prop(r, 'module.ep.aws_vpc_endpoint.this', 'VpcEndpointType')), 'Interface');
  const name = JSON.stringify(plain(prop(r, 'module.ep.aws_vpc_endpoint.this', 'ServiceName')));
  assert.match(name, /var\.service has no default and module\.ep does not set it/);
});

test('outputs: a resource reference reaches the caller (placed on the reference), a value through a variable stays that value, an unknown stays unknown', () => {
  const main = `${VPC}module "ep" {
  source  = "./modules/ep"
  vpc_id  = aws_vpc.main.id
  service = "s3"
  type    = "Gateway"
}
module "unset" {
  source = "./modules/ep"
}
resource "aws_vpc_endpoint_route_table_association" "a" {
  vpc_endpoint_id = module.ep.id
  route_table_id  = aws_route_table.private.id
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
resource "aws_vpc_endpoint" "probe" {
  vpc_id            = module.unset.id
  vpc_endpoint_type = module.ep.type
  service_name      = module.ep.nope
  ip_address_type   = module.unset.type
}
`;
  const { r, text } = run(main, { 'root/modules/ep': ENDPOINT_MODULE });
  // The association found its endpoint through the output.
  assert.deepEqual(plain(prop(r, 'module.ep.aws_vpc_endpoint.this', 'RouteTableIds')), [{ Ref: 'aws_route_table.private' }]);
  const vpc = prop(r, 'aws_vpc_endpoint.probe', 'VpcId')!;
  assert.deepEqual(plain(vpc), { Ref: 'module.unset.aws_vpc_endpoint.this' });
  assert.equal(text.slice(vpc.start, vpc.end), 'module.unset.id');
  // A value handed through a variable and an output is the caller's argument, where it is written.
  const type = prop(r, 'aws_vpc_endpoint.probe', 'VpcEndpointType')!;
  assert.equal(plain(type), 'Gateway');
  assert.equal(r.fileOf(type.start)!.file.path, 'root/main.tf');
  // The default of module.unset's variable, written in the module.
  const ip = prop(r, 'aws_vpc_endpoint.probe', 'IpAddressType')!;
  assert.equal(plain(ip), 'Interface');
  assert.equal(r.fileOf(ip.start)!.file.path, 'root/modules/ep/main.tf');
  assert.match(JSON.stringify(plain(prop(r, 'aws_vpc_endpoint.probe', 'ServiceName'))), /module\.ep has no output nope/);
  // module.unset's endpoint exists with an unknown VPC, named.
  assert.match(JSON.stringify(plain(prop(r, 'module.unset.aws_vpc_endpoint.this', 'VpcId'))), /var\.vpc_id has no default and module\.unset does not set it/);
});

test('count and for_each over known values make instances, each with its own variables and addresses', () => {
  const { r, findings } = run(
    `${VPC}module "each" {
  source   = "./modules/ep"
  for_each = { ssm = "Interface", s3 = "Gateway" }
  vpc_id   = aws_vpc.main.id
  service  = each.key
  type     = each.value
}
module "counted" {
  source  = "./modules/ep"
  count   = 2
  vpc_id  = aws_vpc.main.id
  service = ["logs", "sts"][count.index]
}
resource "aws_vpc_endpoint_route_table_association" "s3" {
  vpc_endpoint_id = module.each["s3"].id
  route_table_id  = aws_route_table.rt.id
}
resource "aws_vpc_endpoint_route_table_association" "logs" {
  vpc_endpoint_id = module.counted[1].id
  route_table_id  = aws_route_table.rt.id
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
}
`,
    { 'root/modules/ep': ENDPOINT_MODULE },
  );
  assert.deepEqual(findings.filter((f) => !f.startsWith('VPCE2002')), []);
  const addresses = [...r.module.tfTypes.keys()].filter((a) => a.startsWith('module.'));
  assert.deepEqual(addresses.sort(), ['module.counted[0].aws_vpc_endpoint.this', 'module.counted[1].aws_vpc_endpoint.this', 'module.each["s3"].aws_vpc_endpoint.this', 'module.each["ssm"].aws_vpc_endpoint.this']);
  assert.equal(JSON.stringify(plain(prop(r, 'module.each["s3"].aws_vpc_endpoint.this', 'VpcEndpointType'))), '"Gateway"');
  assert.deepEqual(plain(prop(r, 'module.each["s3"].aws_vpc_endpoint.this', 'RouteTableIds')), [{ Ref: 'aws_route_table.rt' }]);
  // module.counted[1] is sts, an interface endpoint: the association lands on it (and VPCE2002 says a
  // route table on an interface endpoint is wrong), not on module.counted[0].
  assert.deepEqual(plain(prop(r, 'module.counted[1].aws_vpc_endpoint.this', 'RouteTableIds')), [{ Ref: 'aws_route_table.rt' }]);
  assert.equal(prop(r, 'module.counted[0].aws_vpc_endpoint.this', 'RouteTableIds'), undefined);
  assert.deepEqual(findings.filter((f) => f.startsWith('VPCE2002')), ['VPCE2002 root/main.tf:24 route_table_id | module.counted[1].aws_vpc_endpoint.this: an Interface endpoint takes no route_table_ids']);
});

test('a for_each not known statically leaves the module an unknown box whose outputs name why', () => {
  const { r } = run(
    `variable "names" {}
module "each" {
  source   = "./modules/ep"
  for_each = var.names
}
resource "aws_vpc_endpoint" "probe" {
  vpc_id       = "vpc-1"
  service_name = module.each["a"].id
}
`,
    { 'root/modules/ep': ENDPOINT_MODULE },
  );
  // How many instances is not known: the module is one unknown box, none of its resources lowered.
  assert.deepEqual([...r.module.tfTypes.entries()], [['module.each', 'module'], ['aws_vpc_endpoint.probe', 'aws_vpc_endpoint']]);
  assert.match(JSON.stringify(plain(prop(r, 'aws_vpc_endpoint.probe', 'ServiceName'))), /module\.each's for_each \(var\.names\) is not known statically/);
  // Not a missing folder: no warning, and nothing judged of the module.
  assert.deepEqual(r.analysis.findings.filter((f) => f.ruleId === 'VPCE0000' || /module\./.test(f.message)), []);
});

test('a missing folder, a cycle and a tree deeper than 8 calls are warnings on the source; nothing hangs', () => {
  const chain: Record<string, Record<string, string>> = {};
  for (let i = 0; i < 20; i++) chain[`root/d${i}`] = { 'main.tf': `module "next" {\n  source = "../d${i + 1}"\n}\n` };
  const reads: string[] = [];
  const { findings } = run(
    `module "gone" {
  source = "./nowhere"
}
module "loop" {
  source = "./a"
}
module "deep" {
  source = "./d0"
}
`,
    { ...chain, 'root/a': { 'main.tf': 'module "b" {\n  source = "../b"\n}\n' }, 'root/b': { 'main.tf': 'module "a" {\n  source = "../a"\n}\n' } },
    reads,
  );
  assert.deepEqual(findings, [
    'VPCE0000 root/main.tf:2 "./nowhere" | module.gone (./nowhere) is not read: no such folder; its resources are not checked.',
    'VPCE0000 root/b/main.tf:2 "../a" | module.loop.module.b.module.a (../a) is not read: it calls itself (a → b → a); its resources are not checked.',
    'VPCE0000 root/d7/main.tf:2 "../d8" | module.deep.module.next.module.next.module.next.module.next.module.next.module.next.module.next.module.next (../d8) is not read: modules are read 8 calls deep at most; its resources are not checked.',
  ]);
  assert.ok(reads.length < 20, `read ${reads.length} folders`);
});

test('a folder called twice is read and parsed once, and each call has its own instance', () => {
  const reads: string[] = [];
  const { r } = run(`${VPC}module "a" {\n  source = "./modules/ep"\n  service = "ssm"\n}\nmodule "b" {\n  source = "./modules/ep/"\n  service = "sts"\n}\n`, { 'root/modules/ep': ENDPOINT_MODULE }, reads);
  assert.equal(r.module.files.length, 2);
  assert.ok(JSON.stringify(plain(prop(r, 'module.a.aws_vpc_endpoint.this', 'ServiceName'))).includes('ssm'));
  assert.ok(JSON.stringify(plain(prop(r, 'module.b.aws_vpc_endpoint.this', 'ServiceName'))).includes('sts'));
});

test('without a folder reader (one file on its own), a local module call stays an unknown box as before', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: 'module "ep" {\n  source = "./modules/ep"\n}\n' }]);
  assert.deepEqual(r.analysis.findings, []);
  assert.equal(r.module.files.length, 1);
});

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'tf', 'modules');

test('the fixture: root and local modules, every finding where the user fixes it', () => {
  const dir = join(FIXTURE, 'root');
  const r = analyzeTerraform([{ path: join(dir, 'main.tf'), text: readFileSync(join(dir, 'main.tf'), 'utf8') }], { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, FIXTURE));
  const got = [...r.findingsByFile()].flatMap(([path, fs]) => {
    const lines = new LineIndex(readFileSync(path, 'utf8'));
    return fs.map((f) => `${f.ruleId} ${relative(FIXTURE, path)}:${lines.positionAt(f.start).line + 1} ${f.resource}`);
  });
  assert.deepEqual(got.sort(), [
    'VPCE0000 modules/cycle-b/main.tf:2 module.loop.module.b.module.a',
    'VPCE0000 root/main.tf:35 module.gone',
    'VPCE2001 modules/endpoints/main.tf:31 module.endpoints["bad"].aws_vpc_endpoint.ssmmessages',
    'VPCE2001 modules/endpoints/main.tf:31 module.endpoints["good"].aws_vpc_endpoint.ssmmessages',
    'VPCE2001 root/main.tf:26 module.endpoints["bad"].aws_vpc_endpoint.ssm',
  ]);
  // The instance reaches its subnet through module.network's output: a subnet of module.network's VPC.
  const model = r.analysis.network()!.judged();
  const vpc = model.subnets.get('module.network.aws_subnet.private["b"]')?.vpc;
  assert.ok(vpc?.known && vpc.value === 'module.network.aws_vpc.main', JSON.stringify(vpc));
  assert.deepEqual(model.endpoints.get('module.endpoints["good"].aws_vpc_endpoint.ssm')!.subnets.items.map((s) => s.id), ['module.network.aws_subnet.private["a"]', 'module.network.aws_subnet.private["b"]']);
});

test('a module folder checked on its own: its variables without defaults are unknown, its own mistakes still found', () => {
  const dir = join(FIXTURE, 'modules', 'endpoints');
  const r = analyzeTerraform([{ path: join(dir, 'main.tf'), text: readFileSync(join(dir, 'main.tf'), 'utf8') }], { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, FIXTURE));
  assert.deepEqual(r.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`), ['VPCE2001 aws_vpc_endpoint.ssmmessages']);
});

test('the reader never leaves the workspace: not by ../, not by a symlinked folder or file', () => {
  const base = mkdtempSync(join(tmpdir(), 'vpce-tfmod-'));
  const ws = join(base, 'ws');
  mkdirSync(join(ws, 'modules'), { recursive: true });
  mkdirSync(join(base, 'secret'));
  writeFileSync(join(base, 'secret', 'main.tf'), 'resource "aws_vpc" "leak" {\n  cidr_block = "10.9.0.0/16"\n}\n');
  symlinkSync(join(base, 'secret'), join(ws, 'modules', 'linked'));
  mkdirSync(join(ws, 'modules', 'mixed'));
  writeFileSync(join(ws, 'modules', 'mixed', 'ok.tf'), 'resource "aws_vpc" "ok" {\n  cidr_block = "10.1.0.0/16"\n}\n');
  symlinkSync(join(base, 'secret', 'main.tf'), join(ws, 'modules', 'mixed', 'leak.tf'));
  const main = 'module "up" {\n  source = "../secret"\n}\nmodule "linked" {\n  source = "./modules/linked"\n}\nmodule "mixed" {\n  source = "./modules/mixed"\n}\n';
  const r = analyzeTerraform([{ path: join(ws, 'main.tf'), text: main }], {}, localModuleFolders(ws, ws));
  // Not a mistake of the configuration: info, naming the folder each call resolves to.
  assert.deepEqual(r.analysis.findings.map((f) => `${f.severity} ${f.message.replaceAll(ws, '<ws>').replaceAll(base, '<base>')}`), [
    'info module.up (../secret) is not read: <base>/secret is outside <ws>, which is all that is read; its resources are not checked.',
    'info module.linked (./modules/linked) is not read: <ws>/modules/linked (a link to <base>/secret) is outside <ws>, which is all that is read; its resources are not checked.',
  ]);
  // The refused calls are unknown boxes; of the folder inside, only its own file is lowered.
  assert.deepEqual([...r.module.tfTypes.entries()], [['module.up', 'module'], ['module.linked', 'module'], ['module.mixed.aws_vpc.ok', 'aws_vpc']]);
  assert.ok(!r.module.text.includes('leak'));
});

test('a local copy of the vpc-endpoints module (as its own examples call it) is read from its endpoints map', () => {
  const fork = {
    'variables.tf': 'variable "endpoints" {\n  default = {}\n}\nvariable "vpc_id" {\n  default = null\n}\n',
    'main.tf': 'locals {\n  endpoints = { for k, v in var.endpoints : k => v if try(v.create, true) }\n}\nresource "aws_vpc_endpoint" "this" {\n  for_each          = local.endpoints\n  vpc_id            = var.vpc_id\n  service_name      = each.value.service\n  vpc_endpoint_type = try(each.value.service_type, "Interface")\n}\n',
  };
  const { r, findings } = run(
    `${VPC}module "vpce" {
  source = "../../modules/vpc-endpoints"
  vpc_id = aws_vpc.main.id
  endpoints = {
    dynamodb = {
      service      = "dynamodb"
      service_type = "Interface"
    }
  }
}
`,
    { 'modules/vpc-endpoints': fork },
  );
  assert.deepEqual([...r.module.tfTypes.keys()], ['module.vpce.aws_vpc_endpoint.this["dynamodb"]', 'aws_vpc.main']);
  // An interface endpoint with no subnet_ids: found on its entry of the map, as for the registry module.
  assert.deepEqual(findings.map((f) => f.split(' |')[0]), ['VPCE2002 root/main.tf:9 dynamodb']);
});

test('a module given another aws provider: its region (data.aws_region) is unknown, not the root\'s', () => {
  const mod = { 'main.tf': 'data "aws_region" "here" {}\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = "vpc-1"\n  service_name = "com.amazonaws.${data.aws_region.here.name}.s3"\n}\n' };
  const { r } = run('module "west" {\n  source    = "./m"\n  providers = { aws = aws.west }\n}\nmodule "same" {\n  source    = "./m"\n  providers = { aws = aws }\n}\n', { 'root/m': mod });
  assert.match(JSON.stringify(plain(prop(r, 'module.west.aws_vpc_endpoint.s3', 'ServiceName'))), /module\.west is given another aws provider \(providers = \{ aws = aws\.west \}\)/);
  assert.match(JSON.stringify(plain(prop(r, 'module.same.aws_vpc_endpoint.s3', 'ServiceName'))), /"Ref":"AWS::Region"/);
});

test("an instance key read where the reference is: module.net[count.index] and module.net[each.value] in a counted or for_each block", () => {
  const net = { 'main.tf': 'resource "aws_vpc" "this" {\n  cidr_block = "10.0.0.0/16"\n}\noutput "vpc_id" {\n  value = aws_vpc.this.id\n}\n' };
  const { r } = run(
    `module "net" {
  source = "../net"
  count  = 2
}
module "ep" {
  source  = "../ep"
  count   = 2
  service = "sqs"
  vpc_id  = module.net[count.index].vpc_id
}
module "named" {
  source   = "../ep"
  for_each = { a = 0, b = 1 }
  service  = "sns"
  vpc_id   = module.net[each.value].vpc_id
}
`,
    { net, ep: ENDPOINT_MODULE },
  );
  for (const i of [0, 1]) {
    assert.deepEqual(plain(prop(r, `module.ep[${i}].aws_vpc_endpoint.this`, 'VpcId')), { Ref: `module.net[${i}].aws_vpc.this` });
    assert.deepEqual(plain(prop(r, `module.named["${'ab'[i]}"].aws_vpc_endpoint.this`, 'VpcId')), { Ref: `module.net[${i}].aws_vpc.this` });
  }
});
