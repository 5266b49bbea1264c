// `vpce-lens check plan.json` beside a configuration written in Terraform's JSON syntax (*.tf.json,
// what cdktf writes): each finding's resource block is found there too, at the `"name"` key under
// `"resource"` → `"type"`, as it is found in a .tf file.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { resourceBlockAt } from '../../server/src/core/tf/plan/source.js';
import { hclToJson } from '../unit/tf/hcl-to-json.js';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'tf-plan');

before(() => ensureTerraformParser());

test('a resource block in a .tf.json file: the name key, in object and array forms; none for another name or type', () => {
  const object = '{\n  "resource": {\n    "aws_vpc": { "main": { "cidr_block": "10.0.0.0/16" } },\n    "aws_vpc_endpoint": {\n      "s3": { "vpc_id": "${aws_vpc.main.id}" }\n    }\n  }\n}\n';
  assert.equal(resourceBlockAt('main.tf.json', object, 'aws_vpc_endpoint', 's3'), object.indexOf('"s3"'));
  assert.equal(resourceBlockAt('main.tf.json', object, 'aws_vpc', 'main'), object.indexOf('"main"'));
  // Several blocks as arrays of objects, at every level.
  const arrays = '{ "resource": [ { "aws_vpc": [ { "a": {} }, { "b": {} } ] }, { "aws_subnet": { "b": {} } } ] }';
  assert.equal(resourceBlockAt('x.tf.json', arrays, 'aws_vpc', 'b'), arrays.indexOf('"b"'));
  assert.equal(resourceBlockAt('x.tf.json', arrays, 'aws_subnet', 'b'), arrays.lastIndexOf('"b"'));
  assert.equal(resourceBlockAt('x.tf.json', arrays, 'aws_vpc', 'c'), undefined);
  // A data block of the same type and name is not the resource.
  assert.equal(resourceBlockAt('x.tf.json', '{ "data": { "aws_vpc": { "a": {} } } }', 'aws_vpc', 'a'), undefined);
  // Not JSON at all: no block, no throw.
  assert.equal(resourceBlockAt('x.tf.json', '{ "resource": ', 'aws_vpc', 'a'), undefined);
  // A .tf file: the resource keyword.
  assert.equal(resourceBlockAt('main.tf', '  resource "aws_vpc" "a" {\n}\n', 'aws_vpc', 'a'), 2);
});

test('the CLI names the .tf.json file and line of each finding\'s resource block', () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-plan-json-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const json = hclToJson(readFileSync(join(FIXTURE, 'main.tf'), 'utf8'));
    rmSync(join(dir, 'main.tf'));
    writeFileSync(join(dir, 'main.tf.json'), json);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'vpce-lens.js'), 'check', '--format', 'json', 'plan.json'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    const doc = JSON.parse(r.stdout);
    const s3 = doc.results[0].findings.find((f: { resource: string }) => f.resource === 'aws_vpc_endpoint.s3');
    assert.ok(s3, r.stdout + r.stderr);
    const line = json.split('\n').findIndex((l) => l.includes('"s3": {'));
    assert.ok(line > 0);
    assert.deepEqual(s3.origin.definedAt, { file: 'main.tf.json', position: { line, character: json.split('\n')[line]!.indexOf('"s3"') } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
