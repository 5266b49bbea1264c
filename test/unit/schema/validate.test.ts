// Schema validation of resource properties: linear in the number of problems, and keys are data.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { validateResource } from '../../../server/src/core/schema/validate.js';
import type { MapNode, Pair } from '../../../server/src/core/document/tree.js';

function endpointWith(props: string): ReturnType<typeof buildTemplate> {
  const text = `Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n${props}`;
  const parsed = parseText(text);
  return buildTemplate(text, parsed.root as MapNode);
}

test('placing n unknown-property errors reads the mapping a number of times linear in n', () => {
  const n = 2000;
  const template = endpointWith(Array.from({ length: n }, (_, i) => `      Unknown${i}: 1\n`).join(''));
  const resource = template.resources[0]!;
  const props = resource.properties!;
  // Every read of a pair is counted: a search per error would read about n²/2 = 2,000,000 of them.
  let reads = 0;
  props.pairs = new Proxy(props.pairs, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as Pair;
    },
  });
  const problems = validateResource(resource);
  assert.equal(problems.filter((p) => p.keyword === 'additionalProperties').length, n);
  assert.ok(reads < 10 * n, `${reads} reads of the pairs for ${n} unknown properties`);
});

test('__proto__, constructor and toString are ordinary (unknown) properties, never inherited values', () => {
  const template = endpointWith('      __proto__:\n        VpcEndpointType: Interface\n      constructor: 1\n      toString: 2\n');
  const problems = validateResource(template.resources[0]!);
  const unknown = problems.filter((p) => p.keyword === 'additionalProperties').map((p) => p.data?.property);
  assert.deepEqual(unknown.sort(), ['__proto__', 'constructor', 'toString']);
});

test('a required property named in a __proto__ mapping is still missing', () => {
  const text = 'Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: com.amazonaws.eu-west-1.s3\n      __proto__:\n        VpcId: vpc-1\n';
  const template = buildTemplate(text, parseText(text).root as MapNode);
  const missing = validateResource(template.resources[0]!).filter((p) => p.keyword === 'required').map((p) => p.data?.missing);
  assert.deepEqual(missing, ['VpcId']);
});
