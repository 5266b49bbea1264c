// terraform-aws-modules' Route 53 modules (tf/route53-module.ts): a record of `//modules/records` (1.x–5.x)
// or of the 6.x module (`//modules/zone`, the root module, which make the zone too) that aliases or
// CNAMEs an interface endpoint's DNS name sends the trace through that endpoint, as aws_route53_record
// does (route53-records.test.ts); names completed with the zone's as each module's main.tf does; a zone
// the configuration does not make (looked up by name) is never guessed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';

before(() => ensureTerraformParser());

const analyze = (text: string) => analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis;

function trace(text: string): TraceResult {
  const a = traceNetwork(analyze(text).network()!, 'aws_subnet.a', 's3');
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.result;
}

const hops = (r: TraceResult) => [r.summary, ...r.hops.map((h) => h.reason)].join('\n');

// An S3 interface endpoint without private DNS whose group admits the VPC.
const NETWORK = `
data "aws_region" "current" {}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.v.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.s3"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}
`;

const ZONE = `
resource "aws_route53_zone" "s3" {
  name = "s3.\${data.aws_region.current.name}.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.v.id
  }
}
`;

const ALIAS = `alias = {
        name    = aws_vpc_endpoint.s3.dns_entry[0].dns_name
        zone_id = aws_vpc_endpoint.s3.dns_entry[0].hosted_zone_id
      }`;

const recordsModule = (entries: string, zone = 'zone_id = aws_route53_zone.s3.zone_id', more = '') => `
module "r53" {
  source  = "terraform-aws-modules/route53/aws//modules/records"
  version = "~> 5.0"
  ${zone}
  ${more}
  records = [
${entries}
  ]
}
`;

test('//modules/records: an alias entry for the zone itself ("") and a CNAME entry for "*" go through the endpoint', () => {
  const alias = trace(NETWORK + ZONE + recordsModule(`    {
      name = ""
      type = "A"
      ${ALIAS}
    },`));
  assert.equal(alias.verdict, 'private', alias.summary);
  assert.match(hops(alias), /private hosted zone aws_route53_zone\.s3 .*with the DNS name of aws_vpc_endpoint\.s3 \(record module\.r53\.aws_route53_record\.this\[" A"\]\)/);
  const cname = trace(NETWORK + ZONE + recordsModule(`    {
      name    = "*"
      type    = "CNAME"
      ttl     = 60
      records = [aws_vpc_endpoint.s3.dns_entry[0].dns_name]
    },`));
  assert.equal(cname.verdict, 'private', cname.summary);
  assert.match(hops(cname), /record module\.r53\.aws_route53_record\.this\["\* CNAME"\]/);
  // An entry's own `key` (5.x) is its for_each key.
  const keyed = trace(NETWORK + ZONE + recordsModule(`    {
      key     = "s3-wildcard"
      name    = "*"
      type    = "CNAME"
      records = [aws_vpc_endpoint.s3.dns_entry[0].dns_name]
    },`));
  assert.match(hops(keyed), /record module\.r53\.aws_route53_record\.this\["s3-wildcard"\]/);
  // Without the module, the zone's records are not known: unknown.
  assert.equal(trace(NETWORK + ZONE).verdict, 'unknown');
});

test('//modules/records: a name is always completed with the zone\'s, unless full_name_override', () => {
  const full = (more: string) => recordsModule(`    {
      name = "s3.\${data.aws_region.current.name}.amazonaws.com"
      type = "A"
      ${more}
      ${ALIAS}
    },`);
  // "s3.eu-west-1.amazonaws.com.s3.eu-west-1.amazonaws.com" answers another name: the zone decides, unknown.
  assert.equal(trace(NETWORK + ZONE + full('')).verdict, 'unknown');
  assert.equal(trace(NETWORK + ZONE + full('full_name_override = true')).verdict, 'private');
});

test('//modules/records: a zone looked up by name, a call that creates nothing, or one with count: never tied to the zone', () => {
  const entry = `    {
      name = ""
      type = "A"
      ${ALIAS}
    },`;
  assert.equal(trace(NETWORK + ZONE + recordsModule(entry, 'zone_name = aws_route53_zone.s3.name\n  private_zone = true')).verdict, 'unknown');
  assert.equal(trace(NETWORK + ZONE + recordsModule(entry, undefined, 'create = false')).verdict, 'unknown');
  assert.equal(trace(NETWORK + ZONE + recordsModule(entry, undefined, 'count = 1')).verdict, 'unknown');
});

test('records written in a local are read as written', () => {
  const local = `
locals {
  s3_records = [
    {
      name = ""
      type = "A"
      ${ALIAS}
    },
  ]
}
module "r53" {
  source  = "terraform-aws-modules/route53/aws//modules/records"
  zone_id = aws_route53_zone.s3.zone_id
  records = local.s3_records
}
`;
  assert.equal(trace(NETWORK + ZONE + local).verdict, 'private');
});

const zoneModule = (source: string, records: string, more = '') => `
module "zone" {
  source  = "${source}"
  version = "~> 6.0"
  name    = "s3.\${data.aws_region.current.name}.amazonaws.com"
  vpc = {
    one = { vpc_id = aws_vpc.v.id }
  }
  ${more}
  records = {
${records}
  }
}
`;

test('6.x: the module makes the private zone and its records; the map key is the name under the zone', () => {
  const star = `    "*" = {
      type = "A"
      ${ALIAS}
    }`;
  for (const source of ['terraform-aws-modules/route53/aws', 'terraform-aws-modules/route53/aws//modules/zone']) {
    const r = trace(NETWORK + zoneModule(source, star));
    assert.equal(r.verdict, 'private', `${source}: ${r.summary}`);
    assert.match(hops(r), /private hosted zone module\.zone\.aws_route53_zone\.this\[0\] .*\(record module\.zone\.aws_route53_record\.this\["\*"\]\)/);
    // The zone without a record for the name: the zone answers, its answer unknown (never public DNS).
    const none = trace(NETWORK + zoneModule(source, ''));
    assert.equal(none.verdict, 'unknown', none.summary);
    assert.match(hops(none), /module\.zone\.aws_route53_zone\.this\[0\]/);
  }
  // The root module looking up an existing zone instead makes none.
  assert.doesNotMatch(hops(trace(NETWORK + zoneModule('terraform-aws-modules/route53/aws', star, 'create_zone = false'))), /module\.zone/);
});

test('6.x: name, full_name and the key, in each layout\'s order', () => {
  const entry = (fields: string) => `    other = {
      type = "A"
      ${fields}
      ${ALIAS}
    }`;
  const fullName = 'full_name = "s3.${data.aws_region.current.name}.amazonaws.com"';
  const root = 'terraform-aws-modules/route53/aws';
  const zone = 'terraform-aws-modules/route53/aws//modules/zone';
  // full_name as written (the zone's own name here); the key "other" would name other.s3.…
  assert.equal(trace(NETWORK + zoneModule(root, entry(fullName))).verdict, 'private');
  assert.equal(trace(NETWORK + zoneModule(root, entry(''))).verdict, 'unknown');
  // name before full_name in //modules/zone, full_name before name in the root module.
  assert.equal(trace(NETWORK + zoneModule(zone, entry(`name = "*"\n${fullName}`))).verdict, 'private');
  assert.equal(trace(NETWORK + zoneModule(zone, entry(`name = "www"\n${fullName}`))).verdict, 'unknown');
  assert.equal(trace(NETWORK + zoneModule(root, entry(`name = "www"\n${fullName}`))).verdict, 'private');
});

test('the record is declared at its entry: the trace and the map point at the module\'s map key', () => {
  const text = NETWORK + zoneModule('terraform-aws-modules/route53/aws', `    "*" = {
      type = "A"
      ${ALIAS}
    }`);
  const a = analyze(text);
  // Nothing to report on the module's entries: a record and a zone the configuration makes, as written.
  assert.deepEqual(a.findings.map((f) => `${f.ruleId} ${f.resource}`), []);
  const span = a.network()!.spanOf('module.zone.aws_route53_record.this["*"]');
  assert.ok(span, 'the record is declared');
  assert.equal(text.slice(span.start, span.end), '"*"');
});
