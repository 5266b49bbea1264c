// Terraform's JSON syntax (*.tf.json) is read as Terraform reads it, into the same syntax tree as .tf:
// the same configuration in either syntax gives the same findings, each at the exact characters of the
// JSON text; broken JSON is a syntax finding at its place.
// https://developer.hashicorp.com/terraform/language/syntax/json

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { parseTfJson } from '../../../server/src/core/tf/json-syntax.js';
import { hclToJson } from './hcl-to-json.js';

before(() => ensureTerraformParser());

const SETTINGS = { settings: { regions: ['eu-west-1'] } };
const RULES = join(__dirname, '..', '..', 'fixtures', 'tf', 'rules');

const lint = (path: string, text: string) => analyzeTerraform([{ path, text }], SETTINGS).analysis;

for (const rule of readdirSync(RULES).sort()) {
  for (const name of ['bad.tf', 'good.tf']) {
    const file = join(RULES, rule, name);
    if (!existsSync(file)) continue;
    test(`${rule}/${name} written in JSON syntax gives the same findings, each on the same words`, () => {
      const tf = readFileSync(file, 'utf8');
      const json = hclToJson(tf);
      const a = lint('main.tf', tf);
      const b = lint('main.tf.json', json);
      assert.deepEqual(b.findings.filter((f) => f.ruleId === 'VPCE0001'), [], 'no syntax problem in the JSON twin');
      assert.deepEqual(b.findings.map((f) => `${f.ruleId} ${f.severity}`), a.findings.map((f) => `${f.ruleId} ${f.severity}`));
      // The words a finding underlines: the same name or value (a JSON string's quotes aside).
      const words = (t: string, f: { start: number; end: number }) => t.slice(f.start, f.end).replace(/\$\{|[}"\s]/g, '').slice(0, 40);
      for (const [i, f] of b.findings.entries()) {
        assert.ok(f.start >= 0 && f.end <= json.length && f.end > f.start, `${f.ruleId} inside the file`);
        const mine = words(json, f);
        const theirs = words(tf, a.findings[i]!);
        // A block's header: `resource "aws_x" "name"` in .tf, its name's key in JSON.
        if (/^(resource|data|module)/.test(theirs)) assert.ok(theirs.includes(mine), `${f.ruleId}: ${f.message}`);
        else assert.equal(mine, theirs, `${f.ruleId}: ${f.message}`);
        // The message names the same values (an expression's text is written inside "${...}" in JSON).
        const plain = (m: string) => m.replace(/\$\{|[}"\s]/g, '');
        assert.equal(plain(f.message), plain(a.findings[i]!.message));
      }
    });
  }
}
