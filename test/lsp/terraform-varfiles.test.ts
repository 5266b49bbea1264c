// What the editor shows of a finding a variables file decides (terraform-varfiles.ts), for each form
// Terraform loads: terraform.tfvars, *.auto.tfvars and their .json forms — on the value in that file (as
// the CLI reports it) and on the open document's argument that reads the variable.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { terraformAnalysis } from '../../server/src/lsp/terraform-doc.js';
import { DNS_FROM_TFVARS, tfFolder } from '../helpers/tf-folder.js';

before(() => ensureTerraformParser());

const FORMS: [string, string, number][] = [
  ['terraform.tfvars', DNS_FROM_TFVARS['terraform.tfvars'], 1],
  ['dns.auto.tfvars', 'dns = true\n', 0],
  ['terraform.tfvars.json', '{\n  "dns": true\n}\n', 1],
  ['dns.auto.tfvars.json', '{"dns": true}', 0],
];

for (const [name, text, line] of FORMS) {
  test(`${name}: the finding on its value there, and on private_dns_enabled = var.dns pointing at it`, () => {
    const dir = tfFolder('varfiles', { 'variables.tf': DNS_FROM_TFVARS['variables.tf'], [name]: text });
    const main = DNS_FROM_TFVARS['main.tf'];
    const a = terraformAnalysis(main, { fileName: join(dir, 'main.tf'), settings: { regions: ['eu-west-1'] } })!;
    assert.deepEqual(
      a.varFiles.map((f) => [f.path, f.findings.map((p) => [p.finding.ruleId, p.start.line, text.slice(p.finding.start, p.finding.end)])]),
      [[join(dir, name), [['VPCE5001', line, 'true']]]],
    );
    const onDoc = a.findings.filter((f) => f.ruleId === 'VPCE5001');
    assert.deepEqual(onDoc.map((f) => main.slice(f.start, f.end)), ['var.dns']);
    assert.deepEqual(onDoc[0]!.related?.map((r) => [r.file?.path, r.file?.start.line]), [[join(dir, name), line]]);
  });
}

test('a value that decides nothing wrong: nothing in the variables file, nothing added to the document', () => {
  const dir = tfFolder('varfiles-none', { 'variables.tf': DNS_FROM_TFVARS['variables.tf'], 'terraform.tfvars': 'dns = false\n' });
  const a = terraformAnalysis(DNS_FROM_TFVARS['main.tf'], { fileName: join(dir, 'main.tf'), settings: { regions: ['eu-west-1'] } })!;
  assert.deepEqual(a.varFiles, []);
  assert.ok(!a.findings.some((f) => f.ruleId === 'VPCE5001'));
});
