// Quick fixes in Terraform's JSON syntax (tf/fixes/json-edits.ts): every rule fixture's fixes, offered on
// its .tf.json twin (as cdktf would write it) with the same titles, applied: the file is strict JSON, the
// finding is gone and nothing new appears, the keys keep their order; the edits keep the file's layout
// (indentation, tabs, CRLF, one-line files) and change only the property or item they must.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { applyEdits } from '../../../server/src/core/fixes/edits.js';
import { rejection } from '../../../server/src/core/fixes/verify.js';
import type { Finding } from '../../../server/src/core/findings.js';
import { hclToJson } from './hcl-to-json.js';

const RULES = join(__dirname, '..', '..', 'fixtures', 'tf', 'rules');
const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'tf', 'json-fixes', 'main.tf.json');

before(() => ensureTerraformParser());

const analyze = (path: string, text: string) => analyzeTerraform([{ path, text }], { settings: { regions: ['eu-west-1'] } });
const same = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.resource === b.resource && a.message === b.message;

/** Every object's keys, by path, in order. */
function keyOrder(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (n: JsonNode, path: string) => {
    if (n.type === 'object') out.set(path, (n.children ?? []).map((p) => String(p.children![0]!.value)));
    for (const [i, c] of (n.children ?? []).entries()) {
      if (n.type === 'object') walk(c.children![1]!, `${path}/${String(c.children![0]!.value)}`);
      else if (n.type === 'array') walk(c, `${path}/${i}`);
    }
  };
  walk(parseTree(text)!, '');
  return out;
}

/** The fix applied: strict JSON, its finding gone, nothing new, every key in its order. */
function checkApplied(json: string, finding: Finding, fix: { title: string; edits: readonly { start: number; end: number; newText: string }[]; leaves?: readonly string[] }, findings: readonly Finding[]) {
  const fixed = applyEdits(json, fix.edits);
  assert.doesNotThrow(() => JSON.parse(fixed), `${fix.title}: not JSON:\n${fixed}`);
  const after = analyze('main.tf.json', fixed).analysis.findings;
  assert.equal(rejection(findings, after, finding, fix.leaves), undefined, `${fix.title}: ${after.map((f) => `${f.ruleId} ${f.message}`).join('\n')}`);
  const before = keyOrder(json);
  for (const [path, keys] of keyOrder(fixed)) {
    const old = before.get(path);
    if (old) assert.deepEqual(keys.filter((k) => old.includes(k)), old.filter((k) => keys.includes(k)), `${fix.title}: key order of ${path}`);
  }
  return fixed;
}

test('every rule fixture\'s fixes are offered on its .tf.json twin, with the same titles, and leave valid JSON that is fixed', () => {
  let checked = 0;
  for (const rule of readdirSync(RULES).sort()) {
    const tf = readFileSync(join(RULES, rule, 'bad.tf'), 'utf8');
    const hcl = analyze('main.tf', tf).analysis;
    const json = hclToJson(tf);
    const twin = analyze('main.tf.json', json).analysis;
    for (const f of hcl.findings) {
      const titles = hcl.verifiedFixes(f).map((x) => x.title);
      if (!titles.length) continue;
      const jf = twin.findings.find((x) => same(x, f));
      assert.ok(jf, `${rule}: ${f.ruleId} not raised on the JSON twin`);
      const fixes = twin.verifiedFixes(jf);
      assert.deepEqual(fixes.map((x) => x.title), titles, `${rule}: ${f.ruleId} ${f.resource}`);
      for (const fix of fixes) {
        checkApplied(json, jf, fix, twin.findings);
        checked++;
      }
    }
  }
  // VPCE2001-2003, 3001, 3002, 5001, 5003, 6001, 6003, 7003, 8002, 9005 (some with two fixes).
  assert.ok(checked >= 14, `only ${checked} fixes checked`);
});

test('the edits change only the property or item they must, in the file\'s layout', () => {
  const json = readFileSync(FIXTURE, 'utf8');
  const { analysis } = analyze('main.tf.json', json);
  const fixOf = (rule: string) => {
    const f = analysis.findings.find((x) => x.ruleId === rule)!;
    assert.ok(f, `${rule} not raised`);
    const [fix] = analysis.verifiedFixes(f);
    assert.ok(fix, `${rule}: no fix`);
    return checkApplied(json, f, fix, analysis.findings);
  };
  // A list item removed with its separator.
  assert.equal(fixOf('VPCE6001'), json.replace('["${aws_subnet.a.id}", "${aws_subnet.b.id}"]', '["${aws_subnet.a.id}"]'));
  // The region written as the data source's, inside the JSON string.
  assert.equal(fixOf('VPCE3002'), json.replace('"com.amazonaws.eu-west-1.ssm"', '"com.amazonaws.${data.aws_region.current.name}.ssm"'));
  // An ingress object after the group's egress, indented like it, with every argument (null: unset).
  const ingress = fixOf('VPCE6003');
  assert.equal(ingress, json.replace(/("description": null\n {10}\}\n {8}\])/, `$1,
        "ingress": [
          {
            "cidr_blocks": [
              "\${aws_vpc.main.cidr_block}"
            ],
            "description": null,
            "from_port": 443,
            "ipv6_cidr_blocks": null,
            "prefix_list_ids": null,
            "protocol": "tcp",
            "security_groups": null,
            "self": null,
            "to_port": 443
          }
        ]`));
});

// An endpoint without private DNS, in three layouts of the same JSON.
const ENDPOINT = {
  resource: {
    aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true } },
    aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.1.0/24' } },
    aws_vpc_endpoint: { ssm: { vpc_id: '${aws_vpc.main.id}', service_name: 'com.amazonaws.eu-west-1.ssm', vpc_endpoint_type: 'Interface', subnet_ids: ['${aws_subnet.a.id}'] } },
  },
};

test('tabs and CRLF, or one line: the added argument is written the file\'s way', () => {
  const fix = (json: string) => {
    const { analysis } = analyze('main.tf.json', json);
    const f = analysis.findings.find((x) => x.ruleId === 'VPCE5003')!;
    const [only] = analysis.verifiedFixes(f);
    assert.equal(only?.title, 'Set private_dns_enabled = true');
    return checkApplied(json, f, only!, analysis.findings);
  };
  const tabs = JSON.stringify(ENDPOINT, null, '\t').replace(/\n/g, '\r\n');
  assert.equal(fix(tabs), tabs.replace('.ssm",\r\n', '.ssm",\r\n\t\t\t\t"private_dns_enabled": true,\r\n'));
  const line = JSON.stringify(ENDPOINT);
  assert.equal(fix(line), line.replace('.ssm",', '.ssm", "private_dns_enabled": true,'));
});

test('fix-all on a .tf.json document: valid JSON, its preferred fixes made', () => {
  const json = readFileSync(FIXTURE, 'utf8');
  const { analysis } = analyze('main.tf.json', json);
  const fixed = applyEdits(json, analysis.fixAll());
  assert.notEqual(fixed, json);
  JSON.parse(fixed);
  // The region's fix is the one preferred here (adding a group rule or a subnet choice is the author's).
  const left = analyze('main.tf.json', fixed).analysis.findings.map((f) => f.ruleId);
  assert.deepEqual(left, analysis.findings.map((f) => f.ruleId).filter((r) => r !== 'VPCE3002'));
});
