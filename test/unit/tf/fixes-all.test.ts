// Fix-all for a Terraform document (core/tf/fixes/fix-all.ts), on CloudFormation's contract: the
// preferred verified fixes of the document's findings applied together as one edit, the module linted
// again until nothing is left to fix; running it again changes nothing; what was as `terraform fmt`
// writes it stays so; a fix that reaches another file of the module is left to the light bulb.
// Also: a vpc-endpoints entry is fixed only in a call of that registry module.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { parseHcl } from '../../../server/src/core/tf/hcl.js';
import { applyEdits } from '../../../server/src/core/fixes/edits.js';
import { hasPreferredFix } from '../../../server/src/core/fixes/offer.js';

const CASES = join(__dirname, '..', '..', 'fixtures', 'tf', 'fixes');
const SETTINGS = { settings: { regions: ['eu-west-1'] } };
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

before(() => ensureTerraformParser());

function fmtClean(text: string): boolean {
  const r = spawnSync('terraform', ['fmt', '-check', '-'], { input: text, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  return r.status === 0;
}

// Several sure fixes in one file: two endpoints hard-coding another region with no aws_region data
// block (each fix adds the same block: one takes it, the other is made in the next round), a Gateway
// endpoint with subnets (the whole conversion), an Interface endpoint with route tables, and a
// vpc-endpoints module entry with the wrong type.
const TEXT = readFileSync(join(CASES, 'VPCE2002-gateway-conversion', 'before', 'main.tf'), 'utf8')
  .replace('data "aws_region" "current" {}\n\n', '')
  .replace(/\$\{data\.aws_region\.current\.name\}/g, 'eu-west-1')
  .concat(`
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sqs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  route_table_ids     = [aws_route_table.private.id] # not for an Interface endpoint
}

resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.logs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}

module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"

  vpc_id             = aws_vpc.main.id
  subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids = [aws_security_group.endpoints.id]

  endpoints = {
    kms = {
      service      = "kms"
      service_type = "Gateway"
    }
  }
}
`);

test('fix-all on a .tf document: one edit, every sure fix made, nothing added, converged, still as terraform fmt writes it', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: TEXT }], SETTINGS);
  const sure = r.analysis.findings.filter((f) => hasPreferredFix(f.ruleId) && r.analysis.verifiedFixes(f).some((x) => x.isPreferred));
  assert.deepEqual(sure.map((f) => `${f.ruleId} ${f.resource}`).sort(), [
    'VPCE2001 module.endpoints.aws_vpc_endpoint.this["kms"]',
    // No route tables; subnet_ids; security_group_ids: one conversion answers all three.
    'VPCE2002 aws_vpc_endpoint.s3',
    'VPCE2002 aws_vpc_endpoint.s3',
    'VPCE2002 aws_vpc_endpoint.s3',
    'VPCE2002 aws_vpc_endpoint.sqs',
    'VPCE3001 aws_vpc_endpoint.logs',
    'VPCE3001 aws_vpc_endpoint.sqs',
    'VPCE3002 aws_vpc_endpoint.s3',
  ]);
  const edits = r.analysis.fixAll();
  assert.equal(edits.length, 1, 'one edit of the document');
  const fixed = applyEdits(TEXT, edits);
  assert.deepEqual(parseHcl(fixed).problems, []);
  const after = analyzeTerraform([{ path: 'main.tf', text: fixed }], SETTINGS);
  const left = after.analysis.findings.filter((f) => sure.some((s) => s.ruleId === f.ruleId && s.resource === f.resource));
  assert.deepEqual(left.map((f) => `${f.ruleId} ${f.resource}: ${f.message}`), []);
  // Nothing of warning or error severity that was not there before.
  const was = new Set(r.analysis.findings.map((f) => `${f.ruleId} ${f.resource} ${f.severity}`));
  assert.deepEqual(after.analysis.findings.filter((f) => f.severity !== 'info' && !was.has(`${f.ruleId} ${f.resource} ${f.severity}`)).map((f) => f.message), []);
  assert.deepEqual(after.analysis.fixAll(), [], 'a second fix-all changes nothing');
  // What each fix does, once: one data block, the regions, the conversions, the comment kept.
  assert.equal(fixed.match(/data "aws_region" "current" \{\}/g)?.length, 1);
  assert.doesNotMatch(fixed, /us-east-1|eu-west-1\.s3/);
  assert.match(fixed, /resource "aws_vpc_endpoint" "s3" \{\n {2}vpc_id {10}= aws_vpc\.main\.id\n {2}service_name {4}= "com\.amazonaws\.\$\{data\.aws_region\.current\.name\}\.s3"\n {2}route_table_ids = \[aws_route_table\.private\.id\]\n\n {2}tags = \{/);
  assert.match(fixed, /security_group_ids {2}= \[aws_security_group\.endpoints\.id\]\n\}\n\nresource "aws_vpc_endpoint" "logs"/);
  assert.match(fixed, /kms = \{\n {6}service {13}= "kms"\n {6}service_type {8}= "Interface"\n {6}private_dns_enabled = true\n {4}\}/);
  if (terraform) {
    assert.ok(fmtClean(TEXT), 'the input is as terraform fmt writes it');
    assert.ok(fmtClean(fixed), `the output is as terraform fmt writes it:\n${fixed}`);
  }
});

test('fix-all leaves a fix whose edit is in another file of the module (the VPC in vpc.tf) to the light bulb', () => {
  const dir = join(CASES, 'VPCE5001-vpc-in-vpc-tf', 'before');
  const main = readFileSync(join(dir, 'main.tf'), 'utf8').replace('${data.aws_region.current.name}', 'us-east-1');
  const files = [{ path: 'main.tf', text: main }, { path: 'vpc.tf', text: readFileSync(join(dir, 'vpc.tf'), 'utf8') }];
  const r = analyzeTerraform(files, SETTINGS);
  const dns = r.analysis.findings.find((f) => f.ruleId === 'VPCE5001');
  assert.ok(dns && r.analysis.verifiedFixes(dns).some((f) => f.isPreferred && f.edits.every((e) => e.start > main.length)), 'the DNS fix is preferred and in vpc.tf');
  const edits = r.analysis.fixAll();
  assert.ok(edits.length > 0 && edits.every((e) => e.end <= main.length), 'edits of main.tf only');
  const fixed = applyEdits(main, edits);
  assert.equal(fixed, main.replace('us-east-1', '${data.aws_region.current.name}'));
  const after = analyzeTerraform([{ path: 'main.tf', text: fixed }, files[1]!], SETTINGS);
  assert.deepEqual(after.analysis.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId), ['VPCE5001']);
});

test('a document with no sure fix gets no fix-all edit', () => {
  const text = readFileSync(join(CASES, 'VPCE6001-module-entry', 'before', 'main.tf'), 'utf8');
  const r = analyzeTerraform([{ path: 'main.tf', text }], SETTINGS);
  assert.ok(r.analysis.findings.some((f) => f.ruleId === 'VPCE6001'), 'the subnet finding (its fix is the author\'s choice)');
  assert.deepEqual(r.analysis.fixAll(), []);
});

test('an endpoints map is fixed as entries only in a call of the vpc-endpoints registry module', () => {
  const text = readFileSync(join(CASES, 'VPCE5003-module-entry', 'before', 'main.tf'), 'utf8');
  const r = analyzeTerraform([{ path: 'main.tf', text }], SETTINGS);
  const finding = r.analysis.findings.find((f) => f.ruleId === 'VPCE5003')!;
  assert.deepEqual(r.analysis.fixes(finding).map((f) => f.title), ['Set private_dns_enabled = true']);
  // The same finding against a call of another module (a local one with the same map) names no entry to edit.
  const other = text.replace('"terraform-aws-modules/vpc/aws//modules/vpc-endpoints"', '"./endpoints"');
  const o = analyzeTerraform([{ path: 'main.tf', text: other }], SETTINGS);
  assert.deepEqual(o.analysis.fixes({ ...finding }), []);
});
