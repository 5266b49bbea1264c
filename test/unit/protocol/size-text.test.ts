// How a size over a limit is said (protocol/size-limit.ts), by the editor and the CLI alike.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oversizeMessage, overLimitText, sizeText } from '../../../server/src/protocol/size-limit.js';

const MB = 1024 * 1024;

test('sizes are said in bytes, KB or MB by their magnitude', () => {
  assert.equal(sizeText(300), '300 bytes');
  assert.equal(sizeText(1024), '1 KB');
  assert.equal(sizeText(1500), '2 KB');
  assert.equal(sizeText(3 * MB + MB / 2), '3.5 MB');
  assert.equal(sizeText(25 * MB), '25 MB');
});

test('a size and its limit that round alike are both said in bytes', () => {
  assert.deepEqual(overLimitText(1600, 1048), { size: '1,600 bytes', limit: '1,048 bytes' });
  assert.deepEqual(overLimitText(MB + 1000, MB), { size: '1,049,576 bytes', limit: '1,048,576 bytes' });
  assert.deepEqual(overLimitText(3000, 1048), { size: '3 KB', limit: '2 KB' });
  assert.deepEqual(overLimitText(2 * MB, MB), { size: '2.0 MB', limit: '1.0 MB' });
});

test("the editor's finding for a document over a tiny limit tells the two apart", () => {
  assert.equal(oversizeMessage('t.yaml', 900, 200, true), "t.yaml is 900 bytes, over the editor's 200 bytes limit (maxFileSize in .vpce-lens.yaml): not checked in the editor; run the CLI on it: vpce-lens check --max-size 1 t.yaml");
});
