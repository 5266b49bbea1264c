// SARIF for a run with Terraform findings: one rule descriptor serves both formats (a run may hold a
// template and a .tf module), so its help stays the rule's own, and the markdown help code scanning shows
// on an alert, and the descriptor's properties, add the Terraform text of each rule a Terraform finding has.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSarif } from '../../server/src/cli/format-sarif.js';
import { LineIndex } from '../../server/src/core/document/line-index.js';
import { ruleById, rules } from '../../server/src/core/rules/index.js';
import type { FileReport, FindingOrigin } from '../../server/src/cli/report.js';
import type { Finding } from '../../server/src/core/findings.js';

const text = 'resource "aws_vpc_endpoint" "sqs" {}\n';
const at = (ruleId: string): Finding => ({ ruleId, severity: 'error', message: `${ruleId} here`, start: 0, end: 8 });

interface Descriptor { id: string; help: { text: string; markdown: string }; fullDescription: { text: string }; properties?: { terraform?: { text: string; helpUri: string } } }

function descriptors(reports: FileReport[]): Map<string, Descriptor> {
  const out: string[] = [];
  formatSarif(reports, rules, '1.0.0', (s) => out.push(s));
  const sarif = JSON.parse(out.join(''));
  return new Map((sarif.runs[0].tool.driver.rules as Descriptor[]).map((d) => [d.id, d]));
}

test('a .tf finding\'s rule carries the Terraform text in its markdown help and properties; a template\'s does not', () => {
  const tfMeta = ruleById('VPCE2001')!.meta;
  const cfnMeta = ruleById('VPCE5001')!.meta;
  assert.ok(tfMeta.terraform && cfnMeta.terraform, 'both rules have a Terraform text');
  const d = descriptors([
    { file: 'net/main.tf', findings: [at('VPCE2001')], lines: new LineIndex(text) },
    { file: 'stack.yaml', findings: [at('VPCE5001')], lines: new LineIndex(text) },
  ]);
  const tf = d.get('VPCE2001')!;
  assert.ok(tf.help.markdown.includes(`**In Terraform:** ${tfMeta.terraform.why}`), tf.help.markdown);
  assert.ok(tf.help.markdown.includes(`[Terraform documentation](${tfMeta.terraform.docs})`), tf.help.markdown);
  assert.deepEqual(tf.properties?.terraform, { text: tfMeta.terraform.why, helpUri: tfMeta.terraform.docs });
  // The general help is the rule's own: the same descriptor serves the run's templates.
  assert.ok(tf.help.text.startsWith(tfMeta.why) && tf.fullDescription.text === tfMeta.why);
  assert.match(tf.help.markdown, /^Gateway endpoints exist only/);
  // A rule only a template raised in this run keeps its CloudFormation help alone.
  const cfn = d.get('VPCE5001')!;
  assert.ok(!cfn.help.markdown.includes('In Terraform') && cfn.properties === undefined, cfn.help.markdown);
  assert.match(cfn.help.markdown, /EnableDnsHostnames/);
});

test('a rule no Terraform file raises says why in its descriptor; a rule Terraform raises does not', () => {
  const d = descriptors([{ file: 'net/main.tf', findings: [at('VPCE2001')], lines: new LineIndex(text) }]) as Map<string, Descriptor & { properties?: { notInTerraform?: string } }>;
  assert.equal(d.get('VPCE0006')!.properties?.notInTerraform, ruleById('VPCE0006')!.meta.noTerraform);
  assert.match(d.get('VPCE1001')!.properties?.notInTerraform ?? '', /terraform validate/);
  assert.equal(d.get('VPCE0001')!.properties, undefined);
  assert.equal(d.get('VPCE2001')!.properties?.notInTerraform, undefined);
});

test('a plan\'s finding (a Terraform resource in plan JSON) counts as a Terraform finding; a CDK one does not', () => {
  const plan = at('VPCE5003');
  const cdk = at('VPCE2001');
  const origins = (f: Finding, origin: FindingOrigin) => new Map([[f, origin]]);
  const d = descriptors([
    { file: 'plan.json', findings: [plan], lines: new LineIndex(text), origins: origins(plan, { kind: 'terraform-resource', name: 'aws_vpc_endpoint.sqs' }) },
    { file: 'cdk.out/Stack.template.json', findings: [cdk], lines: new LineIndex(text), origins: origins(cdk, { kind: 'cdk-construct', name: 'Stack/Ep' }) },
  ]);
  assert.ok(d.get('VPCE5003')!.help.markdown.includes(`**In Terraform:** ${ruleById('VPCE5003')!.meta.terraform!.why}`));
  assert.ok(!d.get('VPCE2001')!.help.markdown.includes('In Terraform'));
});
