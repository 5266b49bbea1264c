// Real public templates, tenth round (2026-12-03): values the template decides once the user names the Region,
// and a rule that stayed silent under Fn::If. Each test fails on the code before its fix; the fixtures are our
// own (test/fixtures/real-cfn10), in the shapes published templates use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { parseText } from '../../server/src/core/document/parse.js';
import { asMap, valueOf, type MapNode } from '../../server/src/core/document/tree.js';
import { buildTemplate } from '../../server/src/core/cfn/template.js';
import { Resolver } from '../../server/src/core/cfn/resolve.js';
import { literal, withPseudos, type Value } from '../../server/src/core/cfn/values.js';
import { traceText } from '../../server/src/core/trace/api.js';
import { isEveryIpv6 } from '../../server/src/core/util/cidr6.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn10', name), 'utf8');

const found = (file: string, regions: string[]) =>
  lintTemplate(fixture(file), { regions }).findings.map((f) => `${f.ruleId} ${f.message}`);

// `Fn::FindInMap [RegionMap, !Ref AWS::Region, Key]` was unknown whatever --region said. With the Region named it
// is that Region's entry: here the endpoint group admits HTTPS only from eu-west-1's admin range (not the VPC:
// VPCE6003), and the Logs endpoint's service, read from the map, is logs with no type (VPCE2001). The entry's own
// Region is the stack's (com.amazonaws.eu-west-1.logs is no hard-coded region: no VPCE3002).
test("Fn::FindInMap keyed by AWS::Region is the named Region's entry", () => {
  const sqs = 'VPCE6003 Sqs: no security group of the endpoint (EndpointGroup) admits TCP 443 from the VPC; clients\' calls through it time out';
  const logs = 'VPCE2001 Logs: VpcEndpointType is not set, so CloudFormation creates a Gateway endpoint, but logs has Interface endpoints only; set VpcEndpointType: Interface';
  assert.deepEqual(found('region-map.yaml', ['eu-west-1']), [sqs, logs]);
  // us-east-1's admin range holds the VPC.
  assert.deepEqual(found('region-map.yaml', ['us-east-1']), [logs]);
  // Two Regions: the ranges differ (unknown), the service is logs in both.
  assert.deepEqual(found('region-map.yaml', ['eu-west-1', 'us-east-1']), [logs]);
  // Not named, or a Region the map has no entry for (the deploy fails there): nothing is judged from the map.
  for (const regions of [[], ['ap-south-1']]) assert.ok(found('region-map.yaml', regions).every((f) => !/^VPCE(6003|2001)/.test(f)), regions.join());
});

const MAP = `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  M:
    eu-west-1: {cidr: 10.1.0.0/16, zones: [eu-west-1a, eu-west-1b], svc: com.amazonaws.eu-west-1.s3}
    us-east-1: {cidr: 10.2.0.0/16, zones: [us-east-1a, us-east-1b], svc: com.amazonaws.us-east-1.s3}
    ap-south-1: {cidr: 10.1.0.0/16}
Resources:
  Vpc: {Type: AWS::EC2::VPC}
`;

function valueIn(expr: string, regions: string[], head = MAP): Value {
  const text = head + `Outputs:\n  X:\n    Value: ${expr}\n`;
  const parsed = parseText(text);
  assert.deepEqual(parsed.problems, []);
  const template = buildTemplate(text, parsed.root as MapNode);
  if (regions.length) template.regions = regions;
  return new Resolver(template).value(valueOf(asMap(valueOf(asMap(valueOf(template.root, 'Outputs')), 'X')), 'Value'));
}

const why = (v: Value) => (v.kind === 'unknown' ? `${v.why} [${v.decides}]` : `known: ${withPseudos(v)}`);

test('each named Region picks its entry; one value in all of them is known, a missing entry fails the deploy', () => {
  const cidr = '!FindInMap [M, !Ref AWS::Region, cidr]';
  assert.equal(literal(valueIn(cidr, ['eu-west-1'])), '10.1.0.0/16');
  assert.equal(literal(valueIn(cidr, ['eu-west-1', 'ap-south-1'])), '10.1.0.0/16');
  assert.equal(why(valueIn(cidr, [])), 'Fn::FindInMap [M, AWS::Region, cidr] picks its entry by AWS::Region, known only at deploy time [AWS::Region]');
  assert.equal(why(valueIn(cidr, ['eu-west-1', 'us-east-1'])), 'Fn::FindInMap [M, AWS::Region, cidr] differs between the Regions the stack deploys to: 10.1.0.0/16 in eu-west-1, 10.2.0.0/16 in us-east-1 [AWS::Region]');
  assert.equal(why(valueIn(cidr, ['sa-east-1'])), 'Fn::FindInMap [M, AWS::Region, cidr] finds nothing in sa-east-1: mapping M has no entry sa-east-1, so CloudFormation fails the deploy there [AWS::Region]');
  assert.equal(why(valueIn('!FindInMap [M, !Ref AWS::Region, svc]', ['ap-south-1'])), "Fn::FindInMap [M, AWS::Region, svc] finds nothing in ap-south-1: mapping M's entry ap-south-1 has no svc, so CloudFormation fails the deploy there [AWS::Region]");
  // A Region's own name in its entry is the stack's Region there: the same text in every Region named.
  assert.equal(why(valueIn('!FindInMap [M, !Ref AWS::Region, svc]', ['eu-west-1', 'us-east-1'])), 'known: com.amazonaws.${AWS::Region}.s3');
  const zones = valueIn('!FindInMap [M, !Ref AWS::Region, zones]', ['us-east-1']);
  assert.deepEqual(zones.kind === 'list' && zones.items.map(withPseudos), ['${AWS::Region}a', '${AWS::Region}b']);
  assert.equal(withPseudos(valueIn('!Select [1, !FindInMap [M, !Ref AWS::Region, zones]]', ['eu-west-1', 'us-east-1'])), '${AWS::Region}b');
});

// AWS::LanguageExtensions' DefaultValue is what a Region without an entry gets; without the transform the fourth
// argument is not CloudFormation's. With a default, "every entry is one text" no longer makes the value known.
test('Fn::FindInMap DefaultValue counts only under AWS::LanguageExtensions', () => {
  const withDefault = '!FindInMap [M, !Ref AWS::Region, cidr, {DefaultValue: 172.16.0.0/12}]';
  const extended = MAP.replace('Mappings:', 'Transform: AWS::LanguageExtensions\nMappings:');
  assert.equal(literal(valueIn(withDefault, ['sa-east-1'], extended)), '172.16.0.0/12');
  assert.equal(literal(valueIn(withDefault, ['eu-west-1'], extended)), '10.1.0.0/16');
  assert.match(why(valueIn(withDefault, ['sa-east-1'])), /fails the deploy there/);
  const one = `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::LanguageExtensions\nMappings:\n  M: {eu-west-1: {cidr: 10.1.0.0/16}}\nResources:\n  Vpc: {Type: AWS::EC2::VPC}\n`;
  assert.equal(why(valueIn(withDefault, [], one)), 'Fn::FindInMap [M, AWS::Region, cidr] picks its entry by AWS::Region, known only at deploy time [AWS::Region]');
  assert.equal(literal(valueIn('!FindInMap [M, !Ref AWS::Region, cidr]', [], one)), '10.1.0.0/16');
});

// A network ACL entry for every IPv6 address written otherwise than `::/0` (`0::/0`, the eight groups written
// out) was "covers part of this traffic": the trace of an IPv6-only subnet stayed unknown. Any spelling of the
// range is read as the range it is.
test('every spelling of the whole IPv6 range admits every IPv6 address', () => {
  const t = traceText(fixture('ipv6-every-address.yaml'), 'ClientSub', 'sqs');
  assert.ok(t.ok);
  assert.equal(t.result.verdict, 'private', t.result.summary);
  assert.deepEqual(t.result.hops.filter((h) => h.kind.startsWith('network ACL') || h.kind.startsWith('endpoint network ACL')).map((h) => h.reason), [
    'TCP 443 over IPv6: rule 100 allows it over IPv6',
    'TCP 1024-65535 over IPv6: rule 100 allows it over IPv6',
    'TCP 443 over IPv6: rule 100 allows it over IPv6',
    'TCP 1024-65535 over IPv6: rule 100 allows it over IPv6',
  ]);
  for (const every of ['::/0', '0::/0', '::0/0', '0:0:0:0:0:0:0:0/0', '0000:0000::/0', 'FFFF::/0', ' ::/0 ']) assert.equal(isEveryIpv6(every), true, every);
  for (const part of ['::/1', '2001:DB8::/32', '::/128']) assert.equal(isEveryIpv6(part), false, part);
  // Not IPv6 ranges EC2 takes: an IPv4 range, a zone index, a prefix past 128.
  for (const not of ['0.0.0.0/0', 'fe80::%eth0/0', '::/129', '::']) assert.equal(isEveryIpv6(not), undefined, not);
});

// VPCE6003 was silent wherever a condition chose the endpoint's groups or their HTTPS rule (an Fn::If item, an
// Fn::If in SecurityGroupIds, a rule resource under a Condition): no verdict held in every deployment. The
// deployment with the parameters' defaults is judged, as the trace's first answer is, and the finding names the
// conditions that tell it from the deployments whose groups admit HTTPS (none where no deployment does: Logs).
test('VPCE6003 judges the default deployment where a condition chooses the groups or their HTTPS rule', () => {
  const text = fixture('conditional-https.yaml');
  const found = lintTemplate(text, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003');
  const tail = "admits TCP 443 from the VPC; clients' calls through it time out";
  assert.deepEqual(found.map((f) => f.message), [
    `Ssm: no security group of the endpoint (FlaggedRuleGroup) ${tail} (only when HttpsOn is false)`,
    `Sqs: no security group of the endpoint (ClosedGroup) ${tail} (only when HttpsOn is false)`,
    `Logs: no security group of the endpoint (NoHttpsGroup) ${tail}`,
    `Sts: no security group of the endpoint (StandaloneGroup) ${tail} (only when HttpsOn is false)`,
  ]);
  // The fix writes the rule inline, except in a group whose rules are resources of their own in some deployment.
  assert.deepEqual(found.map((f) => (f.data as { admitHttpsIn: string | null }).admitHttpsIn), ['FlaggedRuleGroup', 'ClosedGroup', 'NoHttpsGroup', null]);
  // With the flag on by default, the endpoints whose groups' rules the flag chooses are silent; Logs still is not, and
  // Sqs, whose group list the flag chooses, is said for the branch that gives it ClosedGroup (model/list-branches.ts).
  const on = lintTemplate(text.replace("Default: 'false'", "Default: 'true'"), { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003');
  assert.deepEqual(on.map((f) => f.message), [`Sqs: no security group of the endpoint (ClosedGroup) ${tail} (only when HttpsOn is false)`, `Logs: no security group of the endpoint (NoHttpsGroup) ${tail}`]);
});
