// `policy = file("${path.module}/policy.json")` was unknown to the trace (the engine reads no files) while
// `check` judged the JSON file on its own. The faces now give the module the .json files its file() calls
// name (tf-module-files.ts), and file() is that file's text at its own offsets (tf/file-function.ts): the
// trace reads the policy, findings land in the file; a file not given stays unknown, named.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { endpointPolicy } from '../../helpers/tf-endpoint-policy.js';

before(() => ensureTerraformParser());

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*" }
  ]
}
`;

test('file("${path.module}/policy.json"): the trace reads the file\'s policy, a finding lands in the file', () => {
  for (const call of ['file("${path.module}/policy.json")', 'file("policy.json")', 'templatefile("${path.module}/policy.json", {})']) {
    const c = endpointPolicy('', [{ path: 'policy.json', text: POLICY }], call);
    assert.equal(c.trace('s3:GetObject').verdict, 'private', call);
    assert.equal(c.trace('s3:PutObject').verdict, 'blocked', call);
    const typo = c.r.analysis.findings.find((f) => f.ruleId === 'VPCE9005');
    assert.ok(typo, call);
    const file = c.r.module.files.find((f) => typo.start >= f.start && typo.end <= f.end);
    assert.equal(file?.path, 'policy.json');
    assert.equal(c.r.module.text.slice(typo.start, typo.end).replace(/"/g, ''), 's3:GetObjekt');
  }
});

test('a policy file the module was not given, or a template with sequences, stays unknown, named', () => {
  const missing = endpointPolicy('', [], 'file("${path.module}/policy.json")');
  assert.equal(missing.trace('s3:GetObject').verdict, 'unknown');
  assert.match(missing.policyHop('s3:GetObject')?.reason ?? '', /file\("\$\{path\.module\}\/policy\.json"\)/);
  const templated = endpointPolicy('', [{ path: 'policy.json', text: POLICY.replace('"*" }', '"arn:aws:s3:::${bucket}/*" }') }], 'templatefile("${path.module}/policy.json", { bucket = "b" })');
  assert.equal(templated.trace('s3:GetObject').verdict, 'unknown');
  assert.match(templated.policyHop('s3:GetObject')?.reason ?? '', /template sequences/);
  // A path that leaves the folder is never read, even where the module holds a file of that name.
  const leaving = endpointPolicy('', [{ path: 'policy.json', text: POLICY }], 'file("${path.module}/../x/../policy.json")');
  assert.equal(leaving.trace('s3:GetObject').verdict, 'unknown');
});
