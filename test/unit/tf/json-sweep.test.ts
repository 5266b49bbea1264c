// Terraform's JSON syntax where the reader differed from Terraform, found by the syntax sweep (docs/parse-sweep.md,
// session 11) against `terraform validate` and `terraform console` 1.11 (each verdict and value below is theirs):
// the root may be an array of objects; null is an empty body; an object naming a key twice is refused; a lone
// surrogate escape is U+FFFD; a traversal with steps after a call or splat in a string points at its characters.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { lowerTerraform } from '../../../server/src/core/tf/lower.js';
import { parseTfJson } from '../../../server/src/core/tf/json-syntax.js';
import { toPlain, type MapNode, type Node } from '../../../server/src/core/document/tree.js';

before(() => ensureTerraformParser());

/** local.v of a .tf.json text, read as an endpoint's service_name (in a .tf beside it) reads it. */
function value(json: string): unknown {
  const m = lowerTerraform([{ path: 'main.tf.json', text: json }, { path: 'x.tf', text: 'resource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n' }]);
  const resources = (m.root.pairs.find((p) => p.key.value === 'Resources')!.value as MapNode).pairs;
  const props = (resources.find((p) => p.key.value === 'aws_vpc_endpoint.x')!.value as MapNode).pairs.find((p) => p.key.value === 'Properties')!.value as MapNode;
  const sn = props.pairs.find((p) => p.key.value === 'ServiceName');
  return sn ? JSON.parse(JSON.stringify(toPlain(sn.value as Node))) : undefined;
}

const problems = (json: string) => parseTfJson(json).problems.map((p) => `${p.message.replace(/:.*/, '')} @${json.slice(p.start, p.end)}`);

test('the root may be an array of objects, each read as a root (terraform validate takes it)', () => {
  assert.deepEqual(problems('[{"locals": {"v": 1}}, {"locals": {"w": 2}}]'), []);
  assert.equal(value('[{"locals": {"v": 1}}, {"locals": {"w": 2}}]'), 1);
  assert.equal(value('[{"locals": {"w": 2}}, {"locals": {"v": "${local.w + 1}"}}]'), 3);
  assert.deepEqual(problems('[]'), []);
  // Any other element Terraform refuses ("Incorrect JSON value type").
  assert.deepEqual(problems('[{"locals": {"v": 1}}, 5]'), ['Terraform JSON syntax error @5']);
  assert.deepEqual(problems('[{"locals": {"v": 1}}, null]'), ['Terraform JSON syntax error @null']);
});

test('null where a body is expected is an empty body; where a label is still to come, a missing label', () => {
  for (const json of ['{"locals": null}', '{"variable": {"x": null}}', '{"variable": {"x": [null]}}', '{"output": {"o": null}}', '{"resource": {"aws_vpc": {"x": null}}}']) assert.deepEqual(problems(json), [], json);
  const body = parseTfJson('{"variable": {"x": [{"default": 3}, null]}, "resource": {"aws_vpc": {"a": null}}}').body;
  assert.deepEqual(body.blocks.map((b) => `${b.type} ${b.labels.map((l) => l.value).join(' ')} ${b.body.attributes.length}`), ['variable x 1', 'variable x 0', 'resource aws_vpc a 0']);
  assert.deepEqual(problems('{"resource": null}'), ['Missing block label @null']);
  assert.deepEqual(problems('{"resource": {"aws_vpc": null}}'), ['Missing block label @null']);
  // locals: an array element must be an object (terraform: "Incorrect JSON value type").
  assert.deepEqual(problems('{"locals": [null]}'), ['Incorrect JSON value type @null']);
});

test('an object naming a key twice is refused ("Duplicate object attribute"), at the second key, in every value', () => {
  assert.deepEqual(problems('{"locals": {"v": {"a": 1, "a": 2}}}'), ['Duplicate object attribute @"a"']);
  assert.deepEqual(problems('{"locals": {"v": [{"a": 1}, {"a": 2, "a": 3}]}}'), ['Duplicate object attribute @"a"']);
  assert.deepEqual(problems('{"variable": {"x": {"default": {"a": 1, "a": 2}}}}'), ['Duplicate object attribute @"a"']);
  assert.deepEqual(problems('{"locals": {"v": {"//": 1, "//": 2}}}'), ['Duplicate object attribute @"//"']);
  // Comments and block bodies are not objects of a value; different keys are no duplicates.
  assert.deepEqual(problems('{"//": {"a": 1, "a": 2}, "locals": {"v": {"a": 1, "b": {"a": 2}}}}'), []);
});

test('a lone surrogate escape is U+FFFD, as Terraform reads it; a pair is its character', () => {
  assert.equal(value('{"locals": {"v": "a\\ud83db"}}'), 'a\ufffdb');
  assert.equal(value('{"locals": {"v": "\\ude00${1}"}}'), '\ufffd1');
  assert.equal(value('{"locals": {"v": "\\ud83d\\ude00"}}'), '😀');
  assert.deepEqual(value('{"locals": {"v": {"k\\ud83d": 1}}}'), { 'k\ufffd': 1 });
});

test('steps after a splat or a call in a JSON string point at their characters in the JSON text', () => {
  const json = '{"locals": {"l": [{"b": [1, 3]}, {"b": [2, 4]}], "v": "${local.l.*.b[1]}"}}';
  assert.deepEqual(value(json), [2, 4]);
  const v = parseTfJson(json).body.blocks[0]!.body.attributes.find((a) => a.name === 'v')!.value;
  assert.equal(v.k, 'postfix');
  if (v.k !== 'postfix') return;
  assert.equal(json.slice(v.base.start, v.base.end), 'local.l.*.b');
  assert.equal(json.slice(v.steps[0]!.start, v.steps[0]!.end), '[1]');
});
