// Every rule with a Terraform meaning has a Terraform fixture pair (test/fixtures/tf/rules/<RULE>):
// bad.tf raises the rule, good.tf — the same configuration put right — does not, and raises nothing
// at all. Both are one-file modules checked with eu-west-1 as the region they deploy to.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'tf', 'rules');

before(() => ensureTerraformParser());

const lint = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return { text, findings: analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.findings };
};

for (const rule of readdirSync(DIR).sort()) {
  test(`${rule}: bad.tf raises it in Terraform words, good.tf is clean`, () => {
    const bad = lint(join(DIR, rule, 'bad.tf'));
    const hits = bad.findings.filter((f) => f.ruleId === rule);
    assert.ok(hits.length > 0, `${rule} not raised: ${bad.findings.map((f) => f.ruleId).join(', ')}`);
    for (const f of hits) {
      assert.ok(f.end > f.start && f.end <= bad.text.length, `${rule}: empty or outside range`);
      // CloudFormation's property names never reach a Terraform user.
      assert.doesNotMatch(f.message, /VpcEndpointType|RouteTableIds|SubnetIds|SecurityGroupIds|PrivateDnsEnabled|EnableDnsHostnames|AcceptanceRequired|AWS::Region|CloudFormation/, f.message);
    }
    const good = lint(join(DIR, rule, 'good.tf'));
    assert.deepEqual(good.findings.map((f) => `${f.ruleId} ${f.message}`), []);
  });
}
