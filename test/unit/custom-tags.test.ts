// The yaml.customTags entries the extension's command adds (client/src/custom-tags.ts): every CloudFormation
// tag the engine knows is covered, and the merge keeps whatever the user already has.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cfnTagNames } from '../../server/src/core/document/cfn-tags.js';
import { cloudFormationCustomTags, mergeCustomTags } from '../../client/src/custom-tags.js';

test('every CloudFormation tag gets at least one entry, with a YAML node kind', () => {
  const entries = cloudFormationCustomTags();
  for (const tag of cfnTagNames()) assert.ok(entries.some((e) => e.startsWith(`${tag} `)), tag);
  for (const e of entries) assert.match(e, /^!\w+ (scalar|sequence|mapping)$/);
  for (const e of ['!Ref scalar', '!If sequence', '!Sub scalar', '!Sub sequence', '!GetAtt scalar', '!GetAtt sequence', '!Select sequence']) {
    assert.ok(entries.includes(e), e);
  }
  assert.equal(new Set(entries).size, entries.length);
});

test('a tag the list does not know gets every kind', () => {
  assert.deepEqual(cloudFormationCustomTags(['!Future']), ['!Future scalar', '!Future sequence', '!Future mapping']);
});

test('merge keeps existing entries, in order, and adds only what is missing', () => {
  const existing = ['!Terraform mapping', '!Ref', 'unrelated', 42];
  const { merged, added } = mergeCustomTags(existing, ['!Ref scalar', '!If sequence', '!If sequence']);
  assert.deepEqual(merged, ['!Terraform mapping', '!Ref', 'unrelated', 42, '!If sequence']);
  assert.deepEqual(added, ['!If sequence']);
});

test('merge into an unset setting, and again: nothing more to add', () => {
  const first = mergeCustomTags(undefined, cloudFormationCustomTags());
  assert.equal(first.added.length, cloudFormationCustomTags().length);
  assert.deepEqual(mergeCustomTags(first.merged, cloudFormationCustomTags()).added, []);
});

test('a setting that is not a list is refused, not overwritten', () => {
  assert.throws(() => mergeCustomTags('!Ref scalar', ['!If sequence']), /not a list/);
});
