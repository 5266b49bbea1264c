// Real public templates, eighth round (2026-12-02): each test carries one fact a published CloudFormation
// shape showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn8); the pattern it
// came from is named beside it. Every test fails on the code before its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../server/src/core/trace/api.js';
import { lintTemplate } from '../../server/src/core/engine.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn8', name), 'utf8');

function traced(file: string, from: string, to: string) {
  const a = traceText(fixture(file), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

// PCI-style "no internet" templates: the function's group sends HTTPS only to the interface endpoint's
// group, and gateway endpoints carry S3 and DynamoDB. Through a gateway endpoint the function talks to the
// service's public addresses, which are no member's private address: a rule naming a group never admits
// them (security-group-referencing, https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html),
// nor does one for the VPC's private range. We said unknown ("the peer's security groups depend on the
// workload", "10.0.0.0/16 covers only part of the public addresses"); the answer is blocked.
test('a security group that sends HTTPS only to a group or a private range blocks the public addresses a gateway endpoint carries', () => {
  for (const [from, rule] of [['Function', 'FunctionGroup'], ['VpcOnlyFunction', 'VpcOnlyGroup']]) {
    for (const to of ['s3', 'dynamodb']) {
      const r = traced('egress-to-endpoint-group.yaml', from!, to);
      assert.equal(r.verdict, 'blocked', `${from} → ${to}: ${r.summary}`);
      assert.equal(r.summary, `blocked by the security group egress rules: no rule of ${rule} allows outbound TCP 443 to ${to}'s public addresses`);
    }
    assert.equal(traced('egress-to-endpoint-group.yaml', from!, 'internet').verdict, 'blocked');
    // The interface endpoint the rule names is still reached.
    assert.equal(traced('egress-to-endpoint-group.yaml', from!, 'lambda').verdict, 'private');
  }
  // An address range the trace is asked about is no public service's: a group rule may hold it, unknown.
  assert.equal(traced('egress-to-endpoint-group.yaml', 'Function', '10.0.1.0/24').verdict, 'unknown');
});

// VPC templates pick zones with `!Select [0, !GetAZs '']` or with `Fn::GetAZs: {Ref: AWS::Region}` (AWS's
// GetAZs page shows both): "Specifying an empty string is equivalent to specifying AWS::Region"
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).
// The two forms were two different unknown zones, so an endpoint given one subnet of each form was not
// told it has two subnets in one zone. A region written out is the stack's only where it deploys: not the same.
test("!GetAZs '' and !GetAZs {Ref: AWS::Region} are one region's zones: two subnets at the same index share a zone", () => {
  const found = lintTemplate(fixture('getazs-region-forms.yaml'), { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6001');
  assert.deepEqual(found.map((f) => f.message), ['SsmEndpoint: subnets SubnetA and SubnetB are both in the same Availability Zone; an interface endpoint takes one subnet per zone']);
});
