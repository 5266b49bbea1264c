// The Terraform adapter end to end: .tf text → lowered resources → the same rules and network model
// as CloudFormation. Each test names the Terraform construct it guards.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

function check(text: string, regions = ['eu-west-1'], extra: { path: string; text: string }[] = []) {
  const r = analyzeTerraform([{ path: 'main.tf', text }, ...extra], { settings: { regions } });
  const joined = r.module.text;
  const findings = r.analysis.findings.map((f) => ({ rule: f.ruleId, resource: f.resource, at: joined.slice(f.start, f.end), message: f.message }));
  return { r, findings, rules: findings.map((f) => f.rule).sort() };
}

const VPC = `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`;

test('an interface endpoint over count subnets in literal zones: same-zone subnets found, on the subnet_ids expression', () => {
  const { findings } = check(`${VPC}
locals { azs = ["eu-west-1a", "eu-west-1a"] }
resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.\${count.index}.0/24"
  availability_zone = local.azs[count.index]
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.ep.id]
}`);
  assert.deepEqual(findings.filter((f) => f.rule.startsWith('VPCE6')).map((f) => [f.rule, f.resource, f.at]), [['VPCE6001', 'aws_vpc_endpoint.ssm', 'aws_subnet.private[*].id']]);
  assert.match(findings.find((f) => f.rule === 'VPCE6001')!.message, /aws_subnet\.private\[0\] and aws_subnet\.private\[1\]/);
});

test('zones read from a data source are unknown per instance: no same-zone finding (unknown is not absent)', () => {
  const { findings, r } = check(`${VPC}
data "aws_availability_zones" "available" {}
resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.\${count.index}.0/24"
  availability_zone = data.aws_availability_zones.available.names[count.index]
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = aws_subnet.private[*].id
  security_group_ids = [aws_security_group.ep.id]
}`);
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE6001'), []);
  const zone = r.analysis.network()!.defaults.subnets.get('aws_subnet.private[0]')!.zone;
  // A deploy-time zone is compared by its identity, which differs per instance: the element the index picks.
  const subnet = r.analysis.network()!.defaults.subnets.get('aws_subnet.private[0]')!;
  assert.equal(subnet.zoneIsName, false);
  assert.match(JSON.stringify(zone), /data\.aws_availability_zones\.available\.names\[0\] \(count\.index = 0\)/);
});

test('security groups from a variable without a default: VPCE6003 silent, the model names var.sg_ids', () => {
  const { findings, r } = check(`${VPC}
variable "sg_ids" { type = list(string) }
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = var.sg_ids
}`);
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE6003'), []);
  const groups = r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.ssm')!.securityGroups;
  assert.equal(groups.complete, false);
  assert.equal(groups.decides, 'var.sg_ids');
});

test('a security group without port 443 is found; the same group in terraform.tfvars-chosen ports is read', () => {
  const text = `
variable "port" { default = 80 }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.ep.id]
}`;
  // VPCE5003: private_dns_enabled defaults to false in Terraform; VPCE3002: the region is written out;
  // VPCE2002: an interface endpoint without subnet_ids.
  assert.deepEqual(check(text).rules, ['VPCE2002', 'VPCE3002', 'VPCE5003', 'VPCE6003']);
  assert.deepEqual(check(text, ['eu-west-1'], [{ path: 'terraform.tfvars', text: 'port = 443\n' }]).rules, ['VPCE2002', 'VPCE3002', 'VPCE5003']);
});

test('Gateway is the default type; a route table association resource merges into the endpoint', () => {
  const endpoint = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "private" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}`;
  assert.deepEqual(check(endpoint).rules, ['VPCE2002', 'VPCE3002']);
  const { rules, r } = check(`${endpoint}
resource "aws_vpc_endpoint_route_table_association" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = aws_route_table.private.id
}`);
  assert.deepEqual(rules, ['VPCE3002']);
  assert.deepEqual(r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.routeTables.items.map((i) => i.id), ['aws_route_table.private']);
});

test('for_each over a literal map: one endpoint per key, each judged; the region comes from data "aws_region"', () => {
  const { findings } = check(`
data "aws_region" "current" {}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_endpoint" "this" {
  for_each          = { ssm = "ssm", bogus = "no-such-service" }
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.\${each.value}"
  vpc_endpoint_type = "Interface"
}`);
  const unknownService = findings.filter((f) => f.rule === 'VPCE2003');
  assert.deepEqual(unknownService.map((f) => f.resource), ['aws_vpc_endpoint.this["bogus"]']);
});

test('a hard-coded other region in service_name is found on the string', () => {
  const { findings } = check(`
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "private" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.private.id]
}`);
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE3001').map((f) => f.at), ['us-east-1']);
});

test('policies from data "aws_iam_policy_document" and jsonencode are checked, findings inside them', () => {
  const base = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "private" { vpc_id = aws_vpc.main.id }`;
  const doc = check(`${base}
data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["s3:GetObjekt"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
  policy          = data.aws_iam_policy_document.s3.json
}`);
  const action = doc.findings.filter((f) => f.rule === 'VPCE9005');
  assert.equal(action.length, 1);
  assert.equal(action[0]!.at, 's3:GetObjekt');
  const json = check(`${base}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObjekt", Resource = "*" }]
  })
}`);
  assert.deepEqual(json.findings.filter((f) => f.rule === 'VPCE9005').map((f) => f.at), ['s3:GetObjekt']);
});

test('a syntax error is one VPCE0001 finding and nothing is judged', () => {
  const { rules } = check('resource "aws_vpc" "main" {\n  cidr_block = \n}\nresource "aws_vpc_endpoint" "x" {\n');
  assert.ok(rules.length > 0 && rules.every((r) => r === 'VPCE0001'), rules.join());
});

test('the real Terraform files of the corpus: reviewed findings only', () => {
  // aws-samples private-saas: acceptance_required = false on the endpoint service (true: VPCE8002).
  // The others read module outputs, for_each over variables or endpoints complete enough: no finding.
  const expected: Record<string, string[]> = {
    'aws-samples__private-saas-with-aws-privatelink__privatelink_nlb_apigw__terraform__main.tf': ['VPCE8002 aws_vpc_endpoint_service.this false'],
    'aws-samples__serverless-patterns__public-alb-private-api-terraform__network.tf': [],
    'cloudposse__terraform-aws-vpc__modules__vpc-endpoints__main.tf': [],
    'terraform-aws-modules__terraform-aws-vpc__examples__complete__main.tf': [],
  };
  for (const [name, want] of Object.entries(expected)) {
    const path = `../shared/corpus/${name}`;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = readFileSync(`/work/shared/corpus/${name}`, 'utf8');
    }
    const r = analyzeTerraform([{ path: basename(path), text }]);
    assert.deepEqual(r.analysis.findings.map((f) => `${f.ruleId} ${f.resource} ${text.slice(f.start, f.end)}`), want, name);
  }
});

test('the vpc-endpoints module: one endpoint per endpoints entry, its defaults (Interface), findings on the entries', () => {
  const text = readFileSync('test/fixtures/tf/vpc-endpoints-module.tf', 'utf8');
  const { findings, r } = check(text);
  const got = findings.map((f) => `${f.rule} ${f.resource} ${f.at}`);
  assert.deepEqual(got, [
    'VPCE6003 module.endpoints.aws_vpc_endpoint.this["ssm"] ssm',
    'VPCE6003 module.endpoints.aws_vpc_endpoint.this["bad"] bad',
    'VPCE5003 module.endpoints.aws_vpc_endpoint.this["bad"] "com.amazonaws.us-east-1.kinesis-streams"',
    'VPCE3001 module.endpoints.aws_vpc_endpoint.this["bad"] us-east-1',
    'VPCE9005 module.endpoints.aws_vpc_endpoint.this["s3"] s3:GetObjekt',
  ]);
  const model = r.analysis.network()!.defaults;
  const s3 = model.endpoints.get('module.endpoints.aws_vpc_endpoint.this["s3"]')!;
  assert.deepEqual(s3.type.known && s3.type.value, 'Gateway');
  // module.vpc's route tables are not read: unknown, never "none".
  assert.equal(s3.routeTables.complete, false);
  const ssm = model.endpoints.get('module.endpoints.aws_vpc_endpoint.this["ssm"]')!;
  assert.deepEqual(ssm.type.known && ssm.type.value, 'Interface');
  assert.deepEqual(ssm.securityGroups.items.map((i) => i.id), ['aws_security_group.ep']);
});

test('quick fixes are HCL edits in the file\'s layout, verified by a lint of the fixed module', () => {
  const fixOf = (text: string, rule: string) => {
    const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
    const f = r.analysis.findings.find((x) => x.ruleId === rule)!;
    assert.ok(f, `${rule} not found`);
    const [fix] = r.analysis.verifiedFixes(f);
    assert.ok(fix, `${rule}: no verified fix`);
    let out = text;
    for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    return out;
  };
  const dir = 'test/fixtures/tf/rules';
  // VPCE2001: the whole conversion to Interface; the added arguments join the aligned run, which
  // keeps the author's column (wider than terraform fmt's here) and the route tables go.
  const t2001 = readFileSync(`${dir}/VPCE2001/bad.tf`, 'utf8');
  assert.equal(
    fixOf(t2001, 'VPCE2001'),
    t2001.replace(
      '  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.${data.aws_region.current.name}.ssm"\n  route_table_ids   = [aws_route_table.private.id]\n',
      '  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.${data.aws_region.current.name}.ssm"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]\n  security_group_ids  = [aws_security_group.endpoints.id]\n  private_dns_enabled = true\n',
    ),
  );
  // VPCE5003: private DNS turned on at the end of the run, which is padded to the new, longer name.
  const t5003 = readFileSync(`${dir}/VPCE5003/bad.tf`, 'utf8');
  const fixed5003 = fixOf(t5003, 'VPCE5003');
  assert.match(fixed5003, /\n {2}security_group_ids {2}= \[aws_security_group\.endpoints\.id\]\n {2}private_dns_enabled = true\n\}/);
  assert.equal(fixed5003.replace(/ +=/g, ' ='), t5003.replace(/ +=/g, ' =').replace('endpoints.id]\n}', 'endpoints.id]\n  private_dns_enabled = true\n}'));
  // VPCE8002: the value replaced in place.
  const t8002 = readFileSync(`${dir}/VPCE8002/bad.tf`, 'utf8');
  assert.equal(fixOf(t8002, 'VPCE8002'), t8002.replace('acceptance_required        = false', 'acceptance_required        = true'));
});

test('a main route table the configuration changes: unassociated subnets use it, never "local route only"', () => {
  const base = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}`;
  const plain = check(base).r.analysis.network()!.defaults.subnets.get('aws_subnet.a')!;
  assert.deepEqual(plain.routeTable, { known: true, value: null, at: plain.routeTable.known ? plain.routeTable.at : undefined });
  const viaDefault = check(`${base}
resource "aws_nat_gateway" "nat" { subnet_id = aws_subnet.a.id }
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}`).r.analysis.network()!.defaults;
  const a = viaDefault.subnets.get('aws_subnet.a')!;
  assert.equal(a.routeTable.known && a.routeTable.value, 'aws_default_route_table.main');
  const viaAssociation = check(`${base}
variable "vpc" {}
resource "aws_route_table" "other" { vpc_id = aws_vpc.main.id }
resource "aws_main_route_table_association" "m" {
  vpc_id         = var.vpc
  route_table_id = aws_route_table.other.id
}`).r.analysis.network()!.defaults.subnets.get('aws_subnet.a')!;
  // Which VPC's main table it changes is not known: the subnet's table is unknown.
  assert.equal(viaAssociation.routeTable.known, false);
});
