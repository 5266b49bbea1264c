// `{appendRef, ref}`: VPCE7003's fix adds the missing route table to the gateway endpoint's list, in
// the list's own style; the bypass is gone afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixed } from './helpers.js';

const BAD = readFileSync(join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE7003', 'bad.yaml'), 'utf8');

test('VPCE7003 in a block list: a new "- !Ref" line under the last item, comment kept', () => {
  const before = BAD.replace('        - !Ref AppRtA\n', '        - !Ref AppRtA # the app route table\n');
  const { text, fix } = fixed(before, 'VPCE7003');
  assert.equal(fix.title, 'Add AppRtB to RouteTableIds');
  assert.equal(fix.isPreferred, false);
  assert.equal(text, before.replace('        - !Ref AppRtA # the app route table\n', '        - !Ref AppRtA # the app route table\n        - !Ref AppRtB\n'));
});

test('VPCE7003 in a flow list', () => {
  const before = BAD.replace('      RouteTableIds:\n        - !Ref AppRtA\n', '      RouteTableIds: [!Ref AppRtA]\n');
  const { text } = fixed(before, 'VPCE7003');
  assert.equal(text, before.replace('[!Ref AppRtA]', '[!Ref AppRtA, !Ref AppRtB]'));
});
