// `{removeItem, list}`: VPCE6001's fix takes the second subnet of a zone out of SubnetIds: its line in
// a block list, the item and one comma in a flow list or JSON; comments stay, and an item that is not
// written in the list itself (Fn::If, a parameter) gets no fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixesFor } from '../../../server/src/core/fixes/index.js';
import { fixed, onlyFinding } from './helpers.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE6001');
const YAML = readFileSync(join(DIR, 'bad-same-getazs.yaml'), 'utf8');
const JSON_TEXT = readFileSync(join(DIR, 'bad-literal-zone.json'), 'utf8');

test('VPCE6001 in a block list: the item line goes, comments around it stay', () => {
  const before = YAML.replace('        - !Ref PrivateSubnetA\n', '        # one subnet per zone\n        - !Ref PrivateSubnetA # zone a\n');
  const { text, fix } = fixed(before, 'VPCE6001');
  assert.equal(fix.title, 'Remove PrivateSubnetB from SubnetIds');
  assert.equal(fix.isPreferred, false);
  assert.equal(text, before.replace('        - !Ref PrivateSubnetB\n', ''));
});

test('VPCE6001 on the last line of a file without a final newline', () => {
  const before = YAML.trimEnd();
  assert.ok(before.endsWith('- !Ref PrivateSubnetB'));
  const { text } = fixed(before, 'VPCE6001');
  assert.equal(text, before.slice(0, before.lastIndexOf('        - !Ref PrivateSubnetB')));
});

test('VPCE6001 in a flow list: the item and its comma', () => {
  const before = YAML.replace('      SubnetIds:\n        - !Ref PrivateSubnetA\n        - !Ref PrivateSubnetB\n', '      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n');
  const { text } = fixed(before, 'VPCE6001');
  assert.equal(text, before.replace('[!Ref PrivateSubnetA, !Ref PrivateSubnetB]', '[!Ref PrivateSubnetA]'));
  // First in the list: the comma after it goes instead.
  const swapped = before.replace('[!Ref PrivateSubnetA, !Ref PrivateSubnetB]', '[!Ref PrivateSubnetB, !Ref PrivateSubnetA]');
  assert.equal(fixed(swapped, 'VPCE6001').text, swapped.replace('[!Ref PrivateSubnetB, !Ref PrivateSubnetA]', '[!Ref PrivateSubnetB]'));
});

test('VPCE6001 in JSON: the third subnet goes with the comma before it', () => {
  const { text, fix } = fixed(JSON_TEXT, 'VPCE6001');
  assert.equal(fix.title, 'Remove DataSubnet1a from SubnetIds');
  assert.equal(text, JSON_TEXT.replace(', { "Ref": "DataSubnet1a" }]', ']'));
  JSON.parse(text);
});

test('VPCE6001: no fix where removing would take a comment, or the item is not in the list itself', () => {
  const flow = YAML.replace('      SubnetIds:\n        - !Ref PrivateSubnetA\n        - !Ref PrivateSubnetB\n', '      SubnetIds: [!Ref PrivateSubnetA,\n        !Ref PrivateSubnetB]\n');
  assert.equal(fixesFor(flow, onlyFinding(flow, 'VPCE6001')).length, 1, 'without the comment there is a fix');
  const commented = YAML.replace('      SubnetIds:\n        - !Ref PrivateSubnetA\n        - !Ref PrivateSubnetB\n', '      SubnetIds: [!Ref PrivateSubnetA, # zone a\n        !Ref PrivateSubnetB]\n');
  assert.deepEqual(fixesFor(commented, onlyFinding(commented, 'VPCE6001')), []);
  const viaIf = YAML.replace('        - !Ref PrivateSubnetB\n', '        - !If [Always, !Ref PrivateSubnetB, !Ref AWS::NoValue]\n').replace('Resources:\n', 'Conditions:\n  Always: !Equals [a, a]\n\nResources:\n');
  const finding = onlyFinding(viaIf, 'VPCE6001');
  assert.deepEqual(fixesFor(viaIf, finding), []);
});
