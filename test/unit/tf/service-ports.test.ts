// The SES SMTP interface is served on SMTP's ports, not HTTPS's (catalogue `ports`, test/unit/trace/service-ports.test.ts):
// in Terraform too, a group admitting 587 reaches the endpoint, one admitting 443 alone gets VPCE6003 naming the
// ports, and no quick fix writes an HTTPS rule for it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { applyEdits } from '../../../server/src/core/fixes/index.js';
import { networkFactsOf } from '../../../server/src/lsp/complete/assist-view.js';
import { groupText } from '../../../server/src/lsp/complete/element-text.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const main = (port: number) => `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_security_group" "smtp" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = ${port}
    to_port     = ${port}
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc_endpoint" "smtp" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.email-smtp"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.smtp.id]
}
`;

const check = (port: number) => analyzeTerraform([{ path: 'main.tf', text: main(port) }], { settings: { regions: ['eu-west-1'] } }).analysis;

test('an SMTP port admitted from the VPC: no VPCE6003', () => {
  assert.deepEqual(check(587).findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.message), []);
});

test('HTTPS alone: VPCE6003 names the SMTP ports, and no HTTPS quick fix is offered', () => {
  const a = check(443);
  const found = a.findings.filter((f) => f.ruleId === 'VPCE6003');
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /admits TCP on any of email-smtp's ports \(25, 465, 587, 2465, 2587\) from the VPC/);
  assert.deepEqual(a.fixes(found[0]!), []);
});

// The twins of test/unit/trace/service-ports-everywhere.test.ts: hover, the conversion's group, and the
// vpc-endpoints module's own group, whose rules default to 443 (the module's behaviour, kept), judged for an
// SMTP endpoint on the SMTP ports.

test('hover: the group of an SMTP endpoint says whether it admits the SMTP ports from its VPC', () => {
  const facts = networkFactsOf(check(587))!;
  const text = groupText(facts.groups.find((g) => g.id === 'aws_security_group.smtp')!, facts).replace(/\\(.)/g, '$1');
  assert.match(text, /- Admits email-smtp's ports \(25, 465, 587, 2465, 2587\) from its VPC: yes — /);
  assert.match(text, /tcp 587 from .* — TCP 443: not admitted; email-smtp's ports: admitted/);
});

test('converting an SMTP endpoint to Interface picks the group admitting 587, else writes one for each SMTP port', () => {
  const gateway = (port: number) => main(port).replace('  vpc_endpoint_type   = "Interface"\n', '').replace('  security_group_ids  = [aws_security_group.smtp.id]\n', '');
  const converted = (port: number) => {
    const r = analyzeTerraform([{ path: 'main.tf', text: gateway(port) }], { settings: { regions: ['eu-west-1'] } });
    const f = r.analysis.findings.find((x) => x.ruleId === 'VPCE2001');
    assert.ok(f, JSON.stringify(r.analysis.findings.map((x) => x.ruleId)));
    const fix = r.analysis.fixes(f).find((x) => /Interface/.test(x.title));
    assert.ok(fix, 'a conversion');
    return applyEdits(r.module.text, fix.edits);
  };
  assert.match(converted(587), /security_group_ids\s+= \[aws_security_group\.smtp\.id\]/);
  const fresh = converted(22);
  assert.doesNotMatch(fresh, /security_group_ids\s+= \[aws_security_group\.smtp\.id\]/);
  const group = fresh.slice(fresh.indexOf('resource "aws_security_group" "smtp_endpoint"'));
  assert.match(group, /description = "TCP 25, 465, 587, 2465, 2587 from the VPC to aws_vpc_endpoint\.smtp"/);
  for (const port of [25, 465, 587, 2465, 2587]) assert.match(group, new RegExp(`from_port   = ${port}\\n\\s+to_port     = ${port}`));
  assert.doesNotMatch(group, /443/);
  const again = analyzeTerraform([{ path: 'main.tf', text: fresh }], { settings: { regions: ['eu-west-1'] } }).analysis;
  assert.deepEqual(again.findings.filter((x) => x.ruleId === 'VPCE6003').map((x) => x.message), []);
});

const MODULE = (rule: string) => `
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 5.0"
  vpc_id  = aws_vpc.v.id
  create_security_group = true
  security_group_rules = {
    ingress = {
      cidr_blocks = [aws_vpc.v.cidr_block]
${rule}
    }
  }
  endpoints = {
    smtp = {
      service             = "email-smtp"
      private_dns_enabled = true
      subnet_ids          = [aws_subnet.a.id]
    }
  }
}
`;

test("the vpc-endpoints module's own group: its default 443 rule does not admit an SMTP endpoint, a 587 rule does", () => {
  const https = checkTf(MODULE(''));
  assert.deepEqual(https.findings.filter((f) => f.rule === 'VPCE6003').map((f) => f.message.replace(/^.*?: /, '')), [
    "no security group of the endpoint (module.endpoints.aws_security_group.this[0]) admits TCP on any of email-smtp's ports (25, 465, 587, 2465, 2587) from the VPC; clients' calls through it time out",
  ]);
  const f = https.r.analysis.findings.find((x) => x.ruleId === 'VPCE6003')!;
  assert.deepEqual(https.r.analysis.fixes(f), [], 'an HTTPS rule would not help');
  const smtp = checkTf(MODULE('      from_port = 587\n      to_port   = 587'));
  assert.deepEqual(smtp.findings.filter((x) => x.rule === 'VPCE6003'), []);
});
