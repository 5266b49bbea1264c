// A Terraform analysis's relint(text): the module's whole text with an edit, read back as the edit of
// the one file it falls in. The joined text ends each file with a separator ("\n"), so an insertion at a
// file's end that begins with "\n" matches on both sides of it; the edit must still land in the file.
// Found by test/property/fix-trace-advice.test.ts: the association a VPCE7003 fix appends at the end of
// test/fixtures/tf/rules/VPCE7003/bad.tf was dropped, and the relint said the finding was still there.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { applyEdits } from '../../../server/src/core/fixes/index.js';

before(() => ensureTerraformParser());

test("relint of the module's text with a fix appended at the file's end reads the fix (VPCE7003 gone)", () => {
  const path = join(__dirname, '..', '..', 'fixtures', 'tf', 'rules', 'VPCE7003', 'bad.tf');
  const a = analyzeTerraform([{ path, text: readFileSync(path, 'utf8') }], { settings: { regions: ['eu-west-1'] } }).analysis;
  const finding = a.findings.find((f) => f.ruleId === 'VPCE7003')!;
  const [fix] = a.verifiedFixes(finding);
  assert.ok(fix, 'no verified fix');
  assert.equal(fix.edits[0]!.newText[0], '\n', 'the case this test guards: an insertion beginning with a newline');
  const after = a.relint(applyEdits(a.text, fix.edits));
  assert.deepEqual(after.filter((f) => f.ruleId === 'VPCE7003').map((f) => f.message), []);
});

test('relint of two files: an insertion at the end of the first lands in the first', () => {
  const files = [
    { path: 'a.tf', text: 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' },
    { path: 'b.tf', text: 'resource "aws_subnet" "s" {\n  vpc_id     = aws_vpc.v.id\n  cidr_block = "10.0.1.0/24"\n}\n' },
  ];
  const a = analyzeTerraform(files, { settings: { regions: ['eu-west-1'] } }).analysis;
  const end = files[0]!.text.length;
  // An undeclared reference appended to a.tf: VPCE0005 on it, wherever the diff puts the edit.
  const added = '\nlocals {\n  x = aws_vpc.nope.id\n}\n';
  const after = a.relint(a.text.slice(0, end) + added + a.text.slice(end));
  assert.ok(after.some((f) => f.ruleId === 'VPCE0005'), after.map((f) => f.ruleId).join(', '));
});
