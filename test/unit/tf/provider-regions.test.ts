// Aliased AWS providers: a resource created by `provider = aws.west` is in that provider's region.
// An endpoint whose service name is another region's is a cross-region mistake (VPCE3001) and cannot
// carry the VPC's traffic; the trace uses the region of the endpoint's VPC. A region the configuration
// does not fix (no region argument, a variable without a value) is unknown and named, never guessed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

// Modelled on multi-region configurations (a primary and a replica region, one aliased provider).
const CONFIG = (westRegion: string, serviceName: string, extra = '') => `
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias = "west"
${westRegion}
}
data "aws_region" "current" {}
data "aws_region" "west" {
  provider = aws.west
}
resource "aws_vpc" "west" {
  provider   = aws.west
  cidr_block = "10.1.0.0/16"
}
resource "aws_subnet" "west" {
  provider   = aws.west
  vpc_id     = aws_vpc.west.id
  cidr_block = "10.1.1.0/24"
}
resource "aws_route_table" "west" {
  provider = aws.west
  vpc_id   = aws_vpc.west.id
}
resource "aws_route_table_association" "west" {
  provider       = aws.west
  subnet_id      = aws_subnet.west.id
  route_table_id = aws_route_table.west.id
}
resource "aws_vpc_endpoint" "s3" {
  provider        = aws.west
  vpc_id          = aws_vpc.west.id
  service_name    = "${serviceName}"
  route_table_ids = [aws_route_table.west.id]
}
${extra}`;

function run(text: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['us-east-1'] } });
  const a = traceNetwork(r.analysis.network()!, 'aws_subnet.west', 's3');
  assert.ok(a.ok);
  return { findings: r.analysis.findings.map((f) => `${f.ruleId} ${r.module.text.slice(f.start, f.end)}`), messages: r.analysis.findings.map((f) => f.message), trace: a.result };
}

test('a us-west-2 VPC with an endpoint for com.amazonaws.us-east-1.s3: VPCE3001, and the trace is not "private"', () => {
  const { findings, messages, trace } = run(CONFIG('  region = "us-west-2"', 'com.amazonaws.us-east-1.s3'));
  assert.deepEqual(findings, ['VPCE3001 us-east-1']);
  assert.match(messages[0]!, /hard-codes us-east-1 but the endpoint is created in us-west-2/);
  assert.equal(trace.verdict, 'unknown');
  assert.match(trace.summary, /cannot be created as written \(its service name is for us-east-1 but it is created in us-west-2/);
  // Not the endpoint type's fault: no "fix the type" suggestion.
  assert.deepEqual(trace.suggestions?.filter((s) => s.kind === 'set-endpoint-type') ?? [], []);
});

test('the same endpoint for its own region (written, or through the aliased data source) is the private path, no finding', () => {
  for (const name of ['com.amazonaws.us-west-2.s3', 'com.amazonaws.${data.aws_region.west.name}.s3']) {
    const { findings, trace } = run(CONFIG('  region = "us-west-2"', name));
    assert.deepEqual(findings, [], name);
    assert.equal(trace.verdict, 'private', `${name}: ${trace.summary}`);
  }
});

test('${data.aws_region.current.name} in an aliased endpoint is the default provider\'s region: us-east-1 in a us-west-2 VPC cannot serve it', () => {
  const { trace } = run(CONFIG('  region = "us-west-2"', 'com.amazonaws.${data.aws_region.current.name}.s3'));
  assert.equal(trace.verdict, 'unknown');
  assert.match(trace.summary, /service name is for us-east-1 but it is created in us-west-2/);
});

test('an aliased provider without a region, or with a variable without a value: the region is unknown, named; no finding, no "private"', () => {
  const cases: [string, string, RegExp][] = [
    ['', '', /aws\.west's region/],
    ['  region = var.west_region', 'variable "west_region" {}', /var\.west_region/],
  ];
  for (const [region, extra, decides] of cases) {
    const { findings, trace } = run(CONFIG(region, 'com.amazonaws.us-west-2.s3', extra));
    assert.deepEqual(findings, [], region);
    assert.equal(trace.verdict, 'unknown', `${region}: ${trace.summary}`);
    assert.match(trace.summary, decides);
  }
});

test('the default provider\'s literal region is where its endpoints are, whatever the settings say; a variable\'s default is not', () => {
  const text = (region: string) => `
variable "region" { default = "eu-west-1" }
provider "aws" {
  region = ${region}
}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.rt.id]
}`;
  const lint = (t: string) => analyzeTerraform([{ path: 'main.tf', text: t }], { settings: { regions: ['eu-west-1'] } }).analysis.findings.map((f) => f.ruleId);
  // The provider deploys to us-east-1: the eu-west-1 service is another region's.
  assert.deepEqual(lint(text('"us-east-1"')), ['VPCE3001']);
  // From a variable's default, the settings (eu-west-1) decide: only the portability warning.
  assert.deepEqual(lint(text('var.region')), ['VPCE3002']);
});
