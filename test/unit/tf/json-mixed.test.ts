// A folder mixing .tf and .tf.json files (test/fixtures/tf/json-mixed/mixed), read from disk as the CLI and
// the language server read it, against the same configuration written only in the native syntax
// (../native): the same findings on the same resources, the same network; each finding placed in the file
// and at the words that decide it. The JSON file uses every top-level block type the adapter reads.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { localModuleFolders, readModuleFiles } from '../../../server/src/tf-module-files.js';

const ROOT = join(__dirname, '..', '..', 'fixtures', 'tf', 'json-mixed');

before(() => ensureTerraformParser());

function check(variant: string) {
  const dir = join(ROOT, variant);
  const r = analyzeTerraform(readModuleFiles(dir).files, { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, ROOT));
  const findings = [...r.findingsByFile()].flatMap(([path, fs]) => fs.map((f) => ({ ...f, file: path.slice(ROOT.length + 1), text: r.module.text.slice(r.module.files.find((s) => s.path === path)!.start).slice(f.start, f.end) })));
  return { r, findings, model: r.analysis.network()!.defaults };
}

test('a folder mixing .tf and .tf.json gives the findings and network of the same configuration in .tf', () => {
  const json = check('mixed');
  const hcl = check('native');
  const key = (f: { ruleId: string; resource?: string; message: string }) => `${f.ruleId} ${f.resource} ${f.message}`;
  assert.deepEqual(json.findings.map(key), hcl.findings.map(key));
  assert.deepEqual(json.findings.map((f) => f.ruleId).sort(), ['VPCE3002', 'VPCE5003', 'VPCE6003', 'VPCE6003', 'VPCE9003', 'VPCE9005']);
  for (const f of json.findings) assert.equal(f.file, 'mixed/endpoints.tf.json', `${f.ruleId} is placed in the JSON file`);
  // The words underlined: the JSON text of the value that decides, escapes and all.
  const words = Object.fromEntries(json.findings.map((f) => [f.ruleId, f.text]));
  assert.equal(words.VPCE9005, 's3:GetObjekt');
  assert.equal(words.VPCE3002, 'eu-west-1');
  assert.equal(words.VPCE6003, '["${aws_security_group.web.id}"]');
  // count = "${var.subnets}" (2) and for_each over a set variable's literal default, as in .tf.
  assert.deepEqual([...json.model.subnets.keys()], ['aws_subnet.a[0]', 'aws_subnet.a[1]']);
  assert.deepEqual([...json.model.endpoints.keys()], [...hcl.model.endpoints.keys()]);
  assert.deepEqual([...json.model.endpoints.keys()], ['aws_vpc_endpoint.interface["ssm"]', 'aws_vpc_endpoint.interface["ec2messages"]', 'aws_vpc_endpoint.s3', 'aws_vpc_endpoint.west']);
  // The JSON module's security group (443 from the VPC) is the west endpoint's: no VPCE6003 there.
  assert.ok(!json.findings.some((f) => f.ruleId === 'VPCE6003' && f.resource === 'aws_vpc_endpoint.west'));
  assert.equal(json.r.module.files.filter((f) => f.path.endsWith('.tf.json')).length, 2, 'the local module in JSON is read');
});
