// Real public templates, ninth round (2026-12-03): each test carries one fact a published CloudFormation
// shape showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn9); the pattern it
// came from is named beside it. Every test fails on the code before its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { traceText } from '../../server/src/core/trace/api.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn9', name), 'utf8');

const oneZone = (file: string, regions: string[]) =>
  lintTemplate(fixture(file), { regions }).findings.filter((f) => f.ruleId === 'VPCE6001').map((f) => f.message);

// Portable templates write a subnet's zone as the stack's Region and a letter (`!Sub '${AWS::Region}a'`,
// or `!Join ['', [!Ref AWS::Region, a]]`; AWS's own template guide recommends it). Two subnets written so
// with one letter are one zone wherever the stack deploys; with the Region known (--region) such a zone
// is the literal name too. A deploy-time zone (`!Select [0, !GetAZs '']`) is never taken for one of them:
// which zone GetAZs lists first is the account's.
test("zones written as ${AWS::Region} and a letter compare with each other, and with literal names when the Region is known", () => {
  const same = 'SameZoneTwoForms: subnets SubA and SubAJoined are both in zone a of the Region the stack deploys to; an interface endpoint takes one subnet per zone';
  assert.deepEqual(oneZone('region-relative-zones.yaml', []), [same]);
  assert.deepEqual(oneZone('region-relative-zones.yaml', ['us-east-1']), ['SameZoneTwoForms: subnets SubA and SubAJoined are both in us-east-1a; an interface endpoint takes one subnet per zone']);
  assert.deepEqual(oneZone('region-relative-zones.yaml', ['eu-west-1']), [
    'SameZoneTwoForms: subnets SubA and SubAJoined are both in eu-west-1a; an interface endpoint takes one subnet per zone',
    'RelativeAndLiteral: subnets SubA and SubLiteral are both in eu-west-1a; an interface endpoint takes one subnet per zone',
  ]);
  // Two Regions: the literal zone meets the relative one in one of them only; the relative pair in both.
  assert.deepEqual(oneZone('region-relative-zones.yaml', ['eu-west-1', 'us-east-1']), [same]);
});

// The trace's note that traffic crosses zones is said only where the zones surely differ: a literal name or
// a GetAZs pick beside ${AWS::Region}b may be that very zone (the Region and the account decide).
test('the trace says traffic crosses zones only when the zones are surely different', () => {
  const crossing = (from: string) => {
    const a = traceText(fixture('region-relative-zones.yaml'), from, 'sqs');
    assert.ok(a.ok);
    assert.equal(a.result.verdict, 'private');
    return a.result.hops.filter((h) => h.kind === 'Availability Zone').map((h) => h.reason);
  };
  assert.deepEqual(crossing('SubA'), ["OnlyZoneB has no subnet in SubA's zone: traffic crosses zones (latency and inter-AZ data charges)"]);
  assert.deepEqual(crossing('SubB'), []);
  assert.deepEqual(crossing('SubLiteral'), []);
  assert.deepEqual(crossing('SubFirst'), []);
});

// A parameter without a default was unknown whatever its AllowedValues. One allowed value is the only one
// CloudFormation accepts, so it is the value: here the Logs endpoint is surely a Gateway endpoint, which logs
// does not offer (VPCE2001), and S3's gateway carries the subnet's traffic.
test('a parameter whose AllowedValues leave one choice is that value', () => {
  const text = fixture('single-allowed-value.yaml');
  const found = lintTemplate(text, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE2001');
  assert.deepEqual(found.map((f) => f.resource), ['Logs']);
  assert.match(found[0]!.message, /Gateway/);
  const s3 = traceText(text, 'Subnet', 's3');
  assert.ok(s3.ok);
  assert.equal(s3.result.verdict, 'private', s3.result.summary);
});
