// Lines as LSP counts them: \n, \r\n and a lone \r end a line, and no position falls inside a line break.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../../server/src/core/document/line-index.js';

const TEXTS = ['a: 1\nb: 2\n', '\n\n', 'x', 'a\n\nb\n c', 'a: 1\r\nb: 2\r\n', 'a: 1\rb: 2\r', 'a: 1\r\n\rb: 2\n\r\nc', '', '\r', 'x\r\r\ny'];

test('line and character agree with an LSP text document for every offset, whatever the line breaks', () => {
  for (const text of TEXTS) {
    const index = new LineIndex(text);
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    assert.equal(index.lineCount, doc.lineCount, JSON.stringify(text));
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(index.positionAt(offset), doc.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
    }
  }
});

test('a lone carriage return starts a new line', () => {
  const index = new LineIndex('Resources:\r  Vpc:\r    Type: AWS::EC2::VPC\r');
  assert.deepEqual(index.positionAt('Resources:\r  Vpc:\r    '.length), { line: 2, character: 4 });
  assert.equal(index.offsetAt({ line: 1, character: 2 }), 'Resources:\r  '.length);
});
