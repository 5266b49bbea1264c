// The language server keeps open documents as IndexedDocument (server/src/lsp/text-document.ts), whose
// line index is cheap on very large documents. It must answer exactly as the LSP library's TextDocument
// does: the same text after the same changes, the same positions, offsets and lines, whatever the line
// breaks (\n, \r\n, a lone \r, one made or split by an edit) and however odd the ranges.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { IndexedDocument } from '../../../server/src/lsp/text-document.js';

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\n\n', 'é', '😀', '');
const text = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 8 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

function sameAnswers(ours: IndexedDocument, lib: TextDocument): void {
  const content = lib.getText();
  assert.equal(ours.getText(), content);
  assert.equal(ours.lineCount, lib.lineCount);
  for (let o = -1; o <= content.length + 1; o++) assert.deepEqual(ours.positionAt(o), lib.positionAt(o), `positionAt(${o})`);
  for (let line = -1; line <= lib.lineCount + 1; line++) {
    assert.deepEqual(ours.getLineRange(line), lib.getLineRange(line), `getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), lib.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (let character = -1; character <= 10; character++) assert.equal(ours.offsetAt({ line, character }), lib.offsetAt({ line, character }), `offsetAt(${line}:${character})`);
  }
}

test('property: IndexedDocument answers as the library TextDocument after any sequence of changes', () => {
  fc.assert(
    fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.boolean(), fc.constantFrom(1, 2, 5, undefined), (initial, batches, indexFirst, pieceSize) => {
      // The text in pieces of 1 to 5 characters too, so that edits cross and empty pieces.
      const ours = new IndexedDocument('file:///a.yaml', 'yaml', 1, initial, pieceSize);
      // Both with the line index built before the changes (updated in place) and without (built after).
      if (indexFirst) ours.positionAt(0);
      let lib = TextDocument.create('file:///a.yaml', 'yaml', 1, initial);
      let version = 1;
      for (const batch of batches) {
        version++;
        ours.update(batch, version);
        // The library's own index goes wrong on ranges past the last line (it writes past its end):
        // each change goes to a fresh library document.
        for (const c of batch) lib = TextDocument.update(TextDocument.create(lib.uri, 'yaml', version, lib.getText()), [c], version);
        assert.equal(ours.version, version);
        assert.equal(ours.getText(), lib.getText());
      }
      sameAnswers(ours, TextDocument.create(lib.uri, 'yaml', version, lib.getText()));
    }),
    { seed: 20261214, numRuns: 2000 },
  );
});

test('a 4 MB document, its index begun in the background: edits at its start and its end answer as the library does', async () => {
  const line = 'Resources: {}  # a line of a very large template, about seventy characters\r\n';
  const big = line.repeat(Math.ceil((4 * 1024 * 1024) / line.length));
  const ours = new IndexedDocument('file:///big.yaml', 'yaml', 1, big);
  // A few turns of the event loop: part of the index is made, the first edit finishes it.
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  const lib = TextDocument.create('file:///big.yaml', 'yaml', 1, big);
  const lines = ours.lineCount;
  const edits: TextDocumentContentChangeEvent[] = [
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x\n' },
    { range: { start: { line: lines - 2, character: 5 }, end: { line: lines - 1, character: 0 } }, text: '' },
    { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }, text: 'yy' },
  ];
  edits.forEach((e, i) => {
    ours.update([e], i + 2);
    TextDocument.update(lib, [e], i + 2);
  });
  assert.ok(ours.getText() === lib.getText());
  assert.equal(ours.lineCount, lib.lineCount);
  for (const o of [0, 5, line.length * 3 + 1, big.length - 100, big.length]) assert.deepEqual(ours.positionAt(o), lib.positionAt(o));
  for (const l of [0, 3, 4, lines - 3, lines - 2]) assert.equal(ours.offsetAt({ line: l, character: 4 }), lib.offsetAt({ line: l, character: 4 }));
});
