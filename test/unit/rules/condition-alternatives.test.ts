// When a finding holds: the alternatives it holds under said as briefly as they allow (rules/conditions.ts
// mergedAlternatives), and conditions that are another's value or negation read as that one (cfn/refs.ts compatible).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergedAlternatives } from '../../../server/src/core/rules/conditions.js';
import { compatible } from '../../../server/src/core/cfn/refs.js';
import { parseText } from '../../../server/src/core/document/parse.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import type { MapNode } from '../../../server/src/core/document/tree.js';

test('the two branches of one condition make one alternative without it; an alternative another implies is that other', () => {
  assert.deepEqual(mergedAlternatives([['Audit', 'Shared'], ['Audit', '!Shared']]), [['Audit']]);
  assert.deepEqual(mergedAlternatives([['Shared'], ['!Shared']]), [[]]);
  assert.deepEqual(mergedAlternatives([['A', 'B', 'C'], ['A', 'B', '!C'], ['A', '!B']]), [['A']]);
  assert.deepEqual(mergedAlternatives([['A'], ['A', 'B']]), [['A']]);
  // Nothing to merge: two conditions that are not one another's negation stay apart.
  assert.deepEqual(mergedAlternatives([['A'], ['B']]), [['A'], ['B']]);
  assert.deepEqual(mergedAlternatives([['A', 'B'], ['!A', 'C']]), [['A', 'B'], ['!A', 'C']]);
  assert.deepEqual(mergedAlternatives([['A', 'A']]), [['A']]);
});

test('a condition defined as another (or its negation) excludes what that one excludes', () => {
  const text = [
    'Conditions:',
    '  Test: !Equals [!Ref P, "yes"]',
    '  Made: !Condition Test',
    '  Spared: !Not [!Condition Test]',
    '  SparedTwice: !Not [!Condition Spared]',
    'Resources: {}',
    '',
  ].join('\n');
  const template = buildTemplate(text, parseText(text, { json: false }).root as MapNode);
  assert.equal(compatible(['Made'], ['!Test'], template), false);
  assert.equal(compatible(['Made'], ['Test'], template), true);
  assert.equal(compatible(['Spared'], ['Test'], template), false);
  assert.equal(compatible(['Spared'], ['!Test'], template), true);
  assert.equal(compatible(['!Spared'], ['!Test'], template), false);
  assert.equal(compatible(['SparedTwice'], ['!Test'], template), false);
  assert.equal(compatible(['Made'], ['Spared'], template), false);
  // Without the template the names alone are read.
  assert.equal(compatible(['Made'], ['!Test']), true);
});
