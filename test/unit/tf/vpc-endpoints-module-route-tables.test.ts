// An entry of the vpc-endpoints module that lists route_table_ids but leaves service_type to the module's
// default ("Interface"): the module drops the route tables (route_table_ids = service_type == "Gateway" ? ... : null),
// so the Gateway endpoint its author meant is never made. Seen in published code (an entry with
// `endpoints = "gateway"` for `service_type`). VPCE2002 names the key; the model adds no route for it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const config = (entry: string) => `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.private.id
}
module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id = aws_vpc.main.id
  endpoints = {
    s3 = {
      service         = "s3"
${entry}
      route_table_ids = [aws_route_table.private.id]
    }
  }
}
`;

function run(text: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  return { r, findings: r.analysis.findings.map((f) => ({ rule: f.ruleId, at: r.module.text.slice(f.start, f.end), message: f.message, severity: f.severity })) };
}

test('route_table_ids on an entry left to the module default type: VPCE2002 on the key, no route added', () => {
  const text = config('      endpoints       = "gateway"');
  const { r, findings } = run(text);
  const f = findings.find((x) => x.rule === 'VPCE2002' && x.at === 'route_table_ids');
  assert.ok(f, JSON.stringify(findings));
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'module.endpoints.aws_vpc_endpoint.this["s3"]: an Interface endpoint takes no route_table_ids');
  const net = r.analysis.network()!;
  const s3 = net.defaults.endpoints.get('module.endpoints.aws_vpc_endpoint.this["s3"]')!;
  assert.equal(s3.type.known && s3.type.value, 'Interface');
  // The module drops the route tables: S3 traffic from the subnet has no prefix-list route.
  const answer = traceNetwork(net, 'aws_subnet.a', 's3');
  assert.ok(answer.ok);
  assert.notEqual(answer.result.verdict, 'private');
  // Both conversions are offered, the one to Gateway (what the route tables say was meant) among them.
  const finding = r.analysis.findings.find((x) => x.ruleId === 'VPCE2002' && r.module.text.slice(x.start, x.end) === 'route_table_ids')!;
  const titles = r.analysis.fixes(finding).map((x) => x.title);
  assert.ok(titles.some((t) => /Gateway/.test(t)), titles.join(' | '));
});

test('the same entry with service_type = "Gateway": the route tables are the endpoint\'s, no VPCE2002', () => {
  const { r, findings } = run(config('      service_type    = "Gateway"'));
  assert.deepEqual(findings.filter((x) => x.rule === 'VPCE2002'), []);
  const answer = traceNetwork(r.analysis.network()!, 'aws_subnet.a', 's3');
  assert.ok(answer.ok);
  assert.equal(answer.result.verdict, 'private');
});

test('the Gateway conversion of such an entry sets service_type in the entry and changes nothing else', () => {
  const text = config('      endpoints       = "gateway"');
  const { r } = run(text);
  const finding = r.analysis.findings.find((x) => x.ruleId === 'VPCE2002' && r.module.text.slice(x.start, x.end) === 'route_table_ids')!;
  const fix = r.analysis.verifiedFixes(finding).find((x) => /a Gateway endpoint/.test(x.title));
  assert.ok(fix, r.analysis.fixes(finding).map((x) => x.title).join(' | '));
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  // Added in the entry's aligned run; nothing else changes (the misspelt key is the author's to remove).
  assert.equal(out, text.replace('      route_table_ids = [aws_route_table.private.id]\n', '      route_table_ids = [aws_route_table.private.id]\n      service_type    = "Gateway"\n'));
});
