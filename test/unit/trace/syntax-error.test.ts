// The trace of a text with a syntax error: refused, naming the first error and its offset. The tree the
// parser recovers after the error is a guess (analysis.ts does not model it; the rules do not judge it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, templateNetwork, traceText } from '../../../server/src/core/trace/api.js';

const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'real-cfn7', 'syntax-error.yaml'), 'utf8');

test('a template that does not parse has no network to trace: the answer names the error and where it is', () => {
  assert.equal(networkOf(text), undefined);
  const n = templateNetwork(text);
  assert.ok(!n.ok);
  assert.equal(n.error, 'the template does not parse: Missing closing "quote: the string opened here never ends');
  assert.equal(n.at, text.indexOf('"10.0.0.0/16'));
  const t = traceText(text, 'Subnet', 'ssm');
  assert.ok(!t.ok);
  assert.equal(t.error, n.error);
  // A problem the parser recovers exactly (a trailing comma in JSON) leaves the tree whole: traced.
  const json = '{"Resources": {"Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",}}}}';
  assert.ok(templateNetwork(json).ok);
  assert.ok(traceText(json, 'Subnet', 'ssm').ok);
});
