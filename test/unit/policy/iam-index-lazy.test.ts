// The IAM index splits a service's (or a key prefix's) string only when a lookup needs it, and the
// split-up answers are the ones the whole index used to give.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IAM_CONDITION_KEYS, IAM_SERVICES, IAM_SOURCE, IAM_VARIABLE_PREFIX_KEYS } from '../../../server/src/core/data/iam-index.generated.js';
import { IamIndex } from '../../../server/src/core/policy/iam.js';

/** A fresh index over the generated tables, with the table entries it has read so far. */
function watched() {
  const read = { services: new Set<string>(), keys: new Set<string>() };
  const watch = <T,>(table: Readonly<Record<string, T>>, seen: Set<string>) =>
    new Proxy(table, {
      get(target, name, receiver) {
        if (typeof name === 'string') seen.add(name);
        return Reflect.get(target, name, receiver);
      },
    });
  const index = new IamIndex({
    source: IAM_SOURCE,
    services: watch(IAM_SERVICES, read.services),
    conditionKeys: watch(IAM_CONDITION_KEYS, read.keys),
    variablePrefixKeys: IAM_VARIABLE_PREFIX_KEYS,
  });
  return { index, read };
}

test('a lookup splits only the service or key prefix it names', () => {
  const { index, read } = watched();
  assert.equal(index.hasService('s3'), true);
  assert.equal(index.hasService('ec2'), true);
  assert.deepEqual([...read.services], []);
  assert.equal(index.action('S3', 'getobject'), 'GetObject');
  assert.deepEqual(index.conditionKey('aws:principalorgid'), { key: 'aws:PrincipalOrgID', type: 'String', global: true });
  assert.deepEqual([...read.services], ['s3']);
  assert.deepEqual([...read.keys], ['aws']);
});

test('did-you-mean for a prefix looks at every prefix but splits no service', () => {
  const { index, read } = watched();
  assert.equal(index.suggestPrefix('s4'), 's3');
  assert.equal(index.suggestPrefix('dynamodbb'), 'dynamodb');
  assert.equal(index.prefixes().length, Object.keys(IAM_SERVICES).length);
  assert.deepEqual([...read.services], []);
});

test('names from policy text never reach Object.prototype', () => {
  const { index } = watched();
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    assert.equal(index.hasService(name), false);
    assert.equal(index.action(name, 'x'), undefined);
    assert.deepEqual(index.arnFormats(name), []);
    assert.equal(index.conditionKey(`${name}:x`), undefined);
    assert.equal(index.suggestKey(`${name}:x`), undefined);
  }
});

test('between two spellings of a key the later in the source wins, as in one table', () => {
  const { index } = watched();
  // ec2 lists ec2:SourceInstanceARN; the global list, read last, spells it ec2:SourceInstanceArn.
  assert.deepEqual(index.conditionKey('ec2:SourceInstanceARN'), { key: 'ec2:SourceInstanceArn', type: 'ARN', global: true });
  // q and qbusiness say ArrayOfString; the global list says String.
  assert.deepEqual(index.conditionKey('identitystore:UserId'), { key: 'identitystore:UserId', type: 'String', global: true });
});

test('a key whose prefix has a variable part matches keys of any prefix', () => {
  const { index } = watched();
  assert.equal(index.conditionKey('token.actions.acme.ghe.com:actor')?.key, 'token.actions.${Domain}.ghe.com:actor');
  assert.equal(index.conditionKey('agent.acme.buildkite.dev:pipeline_slug')?.key, 'agent.${Domain}.buildkite.dev:pipeline_slug');
  // An exact key of the same provider is still itself.
  assert.equal(index.conditionKey('agent.buildkite.com:pipeline_slug')?.key, 'agent.buildkite.com:pipeline_slug');
  assert.equal(index.conditionKey('s3:ExistingObjectTag/team')?.key, 's3:ExistingObjectTag/<key>');
  assert.equal(index.patternMissingPart('aws:ResourceTag'), 'aws:ResourceTag/tag-key');
  assert.equal(index.suggestKey('s3:ExistingObjectTagz'), undefined);
  assert.equal(index.suggestKey('aws:PrincipalOrgId2'), 'aws:PrincipalOrgID');
});
