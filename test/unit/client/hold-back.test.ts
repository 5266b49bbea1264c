// The VS Code client's bookkeeping of documents over the size limit (client/src/hold-back.ts), with a fake
// language client: `next` records what would have gone to the server, and the host's openOnServer/closeOnServer
// call the middleware back as vscode-languageclient's didOpen/didClose features do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASK_ABOVE, HoldBack, type HeldDocument } from '../../../client/src/hold-back.js';
import type { SizeLimit } from '../../../server/src/protocol/size-limit.js';

const MB = 1024 * 1024;

interface Doc {
  uri: string;
  version: number;
  text: string;
}

interface Change {
  document: Doc;
  version: number;
  contentChanges: { rangeLength: number; text: string }[];
}

function setup(limit: SizeLimit | (() => Promise<SizeLimit>) = { bytes: 2 * MB, fromProjectFile: true }) {
  const sent: string[] = [];
  const shown = new Map<string, HeldDocument>();
  let asked = 0;
  let joined = 0;
  const openNext = async (d: Doc) => void sent.push(`open v${d.version} ${d.text.length}`);
  const closeNext = async (d: Doc) => void sent.push(`close ${d.uri}`);
  const hold: HoldBack<Doc> = new HoldBack<Doc>({
    uriOf: (d) => d.uri,
    versionOf: (d) => d.version,
    lengthOf: (d) => d.text.length,
    textOf: (d) => {
      joined++;
      return d.text;
    },
    limitFor: async () => {
      asked++;
      return typeof limit === 'function' ? limit() : limit;
    },
    show: (h) => void shown.set(h.uri, h),
    clear: (uri) => void shown.delete(uri),
    openOnServer: (d) => hold.didOpen(d, openNext),
    closeOnServer: (d) => hold.didClose(d, closeNext),
    log: () => undefined,
  });
  const open = (d: Doc) => hold.didOpen(d, openNext);
  /** The editor's edit: the live document changes, then the change event reaches the middleware. */
  const edit = (d: Doc, text: string) => {
    const contentChanges = [{ rangeLength: d.text.length, text }];
    d.text = text;
    d.version++;
    const event: Change = { document: d, version: d.version, contentChanges };
    return hold.didChange(event, async (e) => void sent.push(`change v${e.version}`));
  };
  const save = (d: Doc) => hold.didSave(d, async () => void sent.push('save'));
  const close = (d: Doc) => hold.didClose(d, closeNext);
  /** Typing: `text` inserted at the end. */
  const type = (d: Doc, text: string) => {
    d.text += text;
    d.version++;
    const event: Change = { document: d, version: d.version, contentChanges: [{ rangeLength: 0, text }] };
    return hold.didChange(event, async (e) => void sent.push(`change v${e.version}`));
  };
  return { hold, sent, shown, open, edit, type, save, close, asked: () => asked, joined: () => joined };
}

const doc = (size: number): Doc => ({ uri: 'file:///w/big.yaml', version: 1, text: 'a'.repeat(size) });

test('a small document is sent as always, without asking the server for its limit', async () => {
  const t = setup();
  const d = doc(1000);
  await t.open(d);
  await t.edit(d, 'b'.repeat(1001));
  await t.save(d);
  await t.close(d);
  assert.deepEqual(t.sent, ['open v1 1000', 'change v2', 'save', 'close file:///w/big.yaml']);
  assert.equal(t.asked(), 0);
});

test('over the limit: nothing is sent (open, change, save, close), and its one finding is shown until it is closed', async () => {
  const t = setup();
  const d = doc(3 * MB);
  await t.open(d);
  assert.deepEqual(t.sent, []);
  assert.deepEqual(t.shown.get(d.uri), { uri: d.uri, size: 3 * MB, limit: { bytes: 2 * MB, fromProjectFile: true } });
  assert.ok(t.hold.isHeld(d.uri));
  await t.edit(d, 'a'.repeat(3 * MB + 1));
  await t.save(d);
  assert.deepEqual(t.sent, []);
  await t.close(d);
  assert.deepEqual(t.sent, [], 'the server never had it: no didClose');
  assert.equal(t.shown.size, 0);
  assert.equal(t.hold.isHeld(d.uri), false);
  assert.equal(t.asked(), 1);
});

test('shrinks under the limit: didOpen with the whole text at its version, not the change; later changes as usual', async () => {
  const t = setup();
  const d = doc(3 * MB);
  await t.open(d);
  await t.edit(d, 'a'.repeat(MB + 5));
  assert.deepEqual(t.sent, [`open v2 ${MB + 5}`]);
  assert.equal(t.shown.size, 0, 'its finding is gone');
  await t.edit(d, 'a'.repeat(MB + 6));
  await t.save(d);
  await t.close(d);
  assert.deepEqual(t.sent, [`open v2 ${MB + 5}`, 'change v3', 'save', 'close file:///w/big.yaml']);
});

test('grows over the limit: didClose on the server instead of the change; its finding shown; back under, opened again', async () => {
  const t = setup();
  const d = doc(MB / 2);
  await t.open(d);
  await t.edit(d, 'a'.repeat(3 * MB)); // a paste of 2.5 MB: the change itself would carry it
  assert.deepEqual(t.sent, [`open v1 ${MB / 2}`, 'close file:///w/big.yaml']);
  assert.equal(t.shown.get(d.uri)?.size, 3 * MB);
  await t.edit(d, 'a'.repeat(3 * MB + 10));
  assert.equal(t.sent.length, 2);
  await t.edit(d, 'a'.repeat(100));
  assert.deepEqual(t.sent.slice(2), ['open v4 100']);
  assert.equal(t.shown.size, 0);
});

test('the size counted is UTF-8 bytes, as the server and the CLI count it', async () => {
  const t = setup({ bytes: 2 * MB, fromProjectFile: false });
  const d: Doc = { uri: 'file:///w/u.yaml', version: 1, text: 'é'.repeat(1.5 * MB) }; // 1.5 M characters, 3 MB
  await t.open(d);
  assert.deepEqual(t.sent, []);
  assert.equal(t.shown.get(d.uri)?.size, 3 * MB);
});

test('typing in a document between a third of the limit and the limit does not count its whole text on every keystroke', async () => {
  const t = setup({ bytes: 3 * MB, fromProjectFile: false });
  const d = doc(1.5 * MB); // 1.5 M characters: 1.5 to 4.5 MB of UTF-8, so the length alone cannot decide
  await t.open(d);
  assert.equal(t.joined(), 1, 'counted once when opened');
  for (let i = 0; i < 20; i++) await t.type(d, 'x');
  assert.equal(t.joined(), 1, 'the changes keep a bound');
  assert.equal(t.sent.length, 21);
  // A paste that may take it over the limit (1.5 M characters of up to 3 bytes): counted, and it is over.
  await t.type(d, '€'.repeat(0.6 * MB));
  assert.equal(t.joined(), 2);
  assert.deepEqual(t.sent.slice(21), ['close file:///w/big.yaml']);
  assert.ok(t.hold.isHeld(d.uri));
});

test('changes made while the limit is asked for wait for the didOpen, and those in its text are not sent again', async () => {
  let answer!: (l: SizeLimit) => void;
  const t = setup(() => new Promise((r) => (answer = r)));
  const d = doc(ASK_ABOVE + 10);
  const opening = t.open(d);
  const first = t.edit(d, 'a'.repeat(ASK_ABOVE + 11)); // v2, before the answer
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(t.sent, [], 'nothing before the answer');
  answer({ bytes: 20 * MB, fromProjectFile: false });
  await Promise.all([opening, first]);
  // The didOpen carries the live text (version 2): the change to version 2 is in it.
  assert.deepEqual(t.sent, [`open v2 ${ASK_ABOVE + 11}`]);
  await t.edit(d, 'a'.repeat(ASK_ABOVE + 12));
  assert.deepEqual(t.sent, [`open v2 ${ASK_ABOVE + 11}`, 'change v3']);
  assert.equal(t.asked(), 1, 'the limit is asked once per open document');
});

test('closed while the limit is asked for: the didClose follows the didOpen, never overtakes it', async () => {
  let answer!: (l: SizeLimit) => void;
  const t = setup(() => new Promise((r) => (answer = r)));
  const d = doc(ASK_ABOVE + 10);
  const opening = t.open(d);
  const closing = t.close(d);
  answer({ bytes: 20 * MB, fromProjectFile: false });
  await Promise.all([opening, closing]);
  // The open went first (the document was within 20 MB), so the close follows it: the server is left with nothing open.
  assert.deepEqual(t.sent, [`open v1 ${ASK_ABOVE + 10}`, 'close file:///w/big.yaml']);
});

test('no answer from the server: the default limit, 20 MB', async () => {
  const t = setup(() => Promise.reject(new Error('not running')));
  const under = doc(19 * MB);
  await t.open(under);
  assert.deepEqual(t.sent, [`open v1 ${19 * MB}`]);
  const over: Doc = { uri: 'file:///w/huge.yaml', version: 1, text: 'a'.repeat(21 * MB) };
  await t.open(over);
  assert.equal(t.sent.length, 1);
  assert.deepEqual(t.shown.get(over.uri)?.limit, { bytes: 20 * MB, fromProjectFile: false });
});

test('a project file changed: the limit is asked again, and a held document within the new one is sent', async () => {
  let limit: SizeLimit = { bytes: 2 * MB, fromProjectFile: true };
  const t = setup(async () => limit);
  const d = doc(3 * MB);
  await t.open(d);
  assert.deepEqual(t.sent, []);
  limit = { bytes: 5 * MB, fromProjectFile: true };
  await t.hold.limitsChanged();
  assert.deepEqual(t.sent, [`open v1 ${3 * MB}`]);
  assert.equal(t.shown.size, 0);
  // And lowered again: closed on the server.
  limit = { bytes: 2 * MB, fromProjectFile: true };
  await t.hold.limitsChanged();
  assert.deepEqual(t.sent, [`open v1 ${3 * MB}`, 'close file:///w/big.yaml']);
  assert.ok(t.hold.isHeld(d.uri));
});

test('the server restarted: the library opens every document again, and a held one stays held with one finding', async () => {
  const t = setup();
  const d = doc(3 * MB);
  await t.open(d);
  await t.open(d);
  assert.deepEqual(t.sent, []);
  assert.equal(t.hold.held().length, 1);
  t.hold.dispose();
  assert.equal(t.shown.size, 0);
});
