// Terraform `dynamic` blocks, expanded as Terraform does where `for_each` is certain (a literal, a
// variable's default or tfvars value, a local): security group rules, routes, network ACL entries and
// policy statements each judged from the blocks they make; a `for_each` not known keeps them unknown,
// naming the value that decides. https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf, ENDPOINT_WITH_GROUP } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const check = checkTf;
const ENDPOINT = ENDPOINT_WITH_GROUP;

const group = (body: string) => `${ENDPOINT}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
${body}
}`;

test('dynamic "ingress" over a literal list: its rules are judged (no 443 → VPCE6003 on the group); before, always unknown', () => {
  const { findings } = check(
    group(`  dynamic "ingress" {
    for_each = [22, 80]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }`),
  );
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE6003').map((f) => f.resource), ['aws_vpc_endpoint.ssm']);
});

test('dynamic "ingress" over a variable default, with a custom iterator: 443 admitted, the trace is private', () => {
  const text = `variable "rules" {
  default = [{ port = 443, cidrs = ["10.0.0.0/16"] }]
}
${group(`  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = rule.value.cidrs
    }
  }`)}`;
  const { rules, trace } = check(text);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
  assert.equal(trace('aws_subnet.a', 'ssm').verdict, 'private');
  // The tfvars value chooses the blocks, as Terraform's does: port 22 only is no HTTPS.
  const tfvars = check(text, [{ path: 'terraform.tfvars', text: 'rules = [{ port = 22, cidrs = ["10.0.0.0/16"] }]\n' }]);
  assert.ok(tfvars.rules.includes('VPCE6003'), tfvars.rules.join());
});

test('dynamic "ingress" over a map local: each.key-like iterator.key is the map key, in key order', () => {
  const { rules, prop } = check(`locals {
  rules = {
    https = { port = 443 }
    ssh   = { port = 22 }
  }
}
${group(`  dynamic "ingress" {
    for_each = local.rules
    content {
      description = ingress.key
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }`)}`);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
  // One rule per element, in key order: https, ssh.
  const ingress = prop('aws_security_group.ep', 'SecurityGroupIngress') as { FromPort: number; IpProtocol: string }[];
  assert.deepEqual(ingress.map((i) => i.FromPort), [443, 22]);
});

test('a dynamic block whose for_each is not known: the rules stay unknown (no VPCE6003), naming var.rules', () => {
  const { rules, trace } = check(`variable "rules" { type = list(number) }
${group(`  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }`)}`);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
  const t = trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /var\.rules/);
});

test('static and dynamic blocks of one type are both read: a static 443 rule beside an unknown dynamic one is still admission', () => {
  const { rules } = check(`variable "extra" { type = list(number) }
${group(`  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
  dynamic "ingress" {
    for_each = [22]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }`)}`);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
});

test('a list variable iterated: iterator.key is the index for a list (a default written [...], type = list), the value for a set (toset, type = set)', () => {
  const mk = (forEach: string, variable = 'variable "ports" { default = [443] }', extra: { path: string; text: string }[] = []) =>
    check(
      `${variable}
locals {
  ports = [443]
}
${group(`  dynamic "ingress" {
    for_each = ${forEach}
    content {
      from_port   = ingress.key
      to_port     = ingress.key
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }`)}`,
      extra,
    );
  // A list's key is its index (0: no HTTPS, VPCE6003); a set's is its value (443).
  assert.ok(mk('[443]').rules.includes('VPCE6003'));
  assert.ok(!mk('toset(["443"])').rules.includes('VPCE6003'));
  // A variable without a type: its value as written, a tuple (HCL has no set literal); before, unknown.
  assert.ok(mk('var.ports').rules.includes('VPCE6003'));
  assert.ok(mk('var.ports', 'variable "ports" {}', [{ path: 'terraform.tfvars', text: 'ports = [443]\n' }]).rules.includes('VPCE6003'));
  assert.ok(mk('local.ports').rules.includes('VPCE6003'));
  assert.ok(mk('concat(var.ports, [])').rules.includes('VPCE6003'));
  // The declared type decides: set(number) makes the key the value.
  assert.ok(mk('var.ports', 'variable "ports" {\n  type    = list(number)\n  default = [443]\n}').rules.includes('VPCE6003'));
  const set = mk('var.ports', 'variable "ports" {\n  type    = set(number)\n  default = [443]\n}');
  assert.ok(!set.rules.includes('VPCE6003'), set.rules.join());
  assert.equal(set.trace('aws_subnet.a', 'ssm').verdict, 'private');
  // An expression whose kind is not known from its form stays unknown, naming it.
  const v = mk('var.lists[0]', 'variable "lists" { default = [[443]] }');
  assert.ok(!v.rules.includes('VPCE6003'), v.rules.join());
  assert.equal(v.trace('aws_subnet.a', 'ssm').verdict, 'unknown');
});

test('a custom iterator over a variable list of objects: rule.key is the index (0, 1), rule.value the element', () => {
  const { prop, rules } = check(`variable "rules" {
  default = [
    { port = 443, cidr = "10.0.0.0/16" },
    { port = 22, cidr = "10.0.0.0/8" },
  ]
}
${group(`  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port   = rule.value.port + rule.key
      to_port     = rule.value.port + rule.key
      protocol    = "tcp"
      cidr_blocks = [rule.value.cidr]
    }
  }`)}`);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
  const ingress = prop('aws_security_group.ep', 'SecurityGroupIngress') as { FromPort: number; CidrIp: string }[];
  assert.deepEqual(ingress.map((i) => [i.FromPort, i.CidrIp]), [[443, '10.0.0.0/16'], [23, '10.0.0.0/8']]);
});

test('dynamic "route" in aws_route_table: the routes are the table\'s; unknown for_each names it', () => {
  const base = (forEach: string) => `variable "nat" {}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
  dynamic "route" {
    for_each = ${forEach}
    content {
      cidr_block = route.value
      gateway_id = aws_internet_gateway.igw.id
    }
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}`;
  const known = check(base('["0.0.0.0/0"]'));
  assert.match(known.trace('aws_subnet.a', 'internet').summary, /internet gateway aws_internet_gateway\.igw/);
  const none = check(base('[]'));
  assert.equal(none.trace('aws_subnet.a', 'internet').verdict, 'blocked');
  const unknown = check(base('var.nat'));
  const t = unknown.trace('aws_subnet.a', 'internet');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /var\.nat/);
});

test('dynamic "ingress" / "egress" in aws_network_acl: entries from a literal map', () => {
  const { r, prop } = check(`resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_network_acl" "n" {
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = { "10.0.0.0/16" = 100 }
    iterator = e
    content {
      rule_no    = e.value
      action     = "allow"
      protocol   = "tcp"
      from_port  = 443
      to_port    = 443
      cidr_block = e.key
    }
  }
}`);
  const entries = r.module.root.pairs.find((p) => p.key.value === 'Resources')!.value;
  const keys = entries?.kind === 'map' ? entries.pairs.map((p) => String(p.key.value)) : [];
  assert.deepEqual(
    keys.filter((k) => k.startsWith('aws_network_acl.n.')),
    ['aws_network_acl.n.ingress[0]'],
  );
  assert.equal(prop('aws_network_acl.n.ingress[0]', 'RuleNumber'), 100);
  assert.equal(prop('aws_network_acl.n.ingress[0]', 'CidrBlock'), '10.0.0.0/16');
});

test('aws_iam_policy_document: dynamic statements with a nested dynamic "principals" that reads the outer iterator', () => {
  const text = (forEach: string) => `locals { buckets = ["logs", "data"] }
variable "more" { type = list(string) }
data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = ${forEach}
    iterator = b
    content {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::\${b.value}/*"]
      dynamic "principals" {
        for_each = ["111122223333"]
        content {
          type        = "AWS"
          identifiers = ["arn:aws:iam::\${principals.value}:role/\${b.value}"]
        }
      }
    }
  }
}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = data.aws_iam_policy_document.p.json
}`;
  const { prop } = check(text('local.buckets'));
  assert.deepEqual(prop('aws_vpc_endpoint.s3', 'PolicyDocument'), {
    Version: '2012-10-17',
    Statement: ['logs', 'data'].map((b) => ({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${b}/*`], Principal: { AWS: [`arn:aws:iam::111122223333:role/${b}`] } })),
  });
  // Not known: the statements are unknown, named by what decides them (never an empty policy).
  const unknown = check(text('var.more'));
  assert.equal(unknown.prop('aws_vpc_endpoint.s3', 'PolicyDocument'), undefined, 'not a known document');
  assert.match(JSON.stringify(unknown.r.module.root), /dynamic \\"statement\\" iterates over var\.more: var\.more has no default/);
});

test('a network ACL whose dynamic egress for_each is not known: the ACL hop is unknown, naming that value', () => {
  const { trace } = check(`variable "egress" {}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_network_acl" "n" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.a.id]
  dynamic "egress" {
    for_each = var.egress
    content {
      rule_no    = egress.value.rule_no
      action     = "allow"
      protocol   = "-1"
      from_port  = 0
      to_port    = 0
      cidr_block = "0.0.0.0/0"
    }
  }
}`);
  const t = trace('aws_subnet.a', 'internet');
  assert.equal(t.verdict, 'unknown');
  const acl = t.hops.find((h) => h.resource === 'aws_network_acl.n');
  assert.equal(acl?.decision, 'unknown');
  assert.match(acl!.reason, /some entries are computed at deploy time \(dynamic "egress" iterates over var\.egress: var\.egress has no default/);
});
