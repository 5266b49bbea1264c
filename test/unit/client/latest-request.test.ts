// A panel shows only the answer to its latest request, for the version the editor holds: a reply that
// arrives after another request started, or one made for a version since edited, is dropped, on the
// extension's side (askCurrent) and on the page's (the loading message's id, checked in its message handler).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatestRequest, pageShows, replyIsCurrent, fileNameOf } from '../../../client/src/webview/latest-request.js';
import { askCurrent } from '../../../client/src/webview/ask-current.js';
import { fromMapPanel } from '../../../client/src/webview/map/map-messages.js';
import { fromTracePanel } from '../../../client/src/webview/messages.js';

const view = (title: string) => ({ title, svg: { tag: 'svg', attrs: {} }, ranges: {} });

/** The map page's message handler, as map-page.ts runs it: checked, then shown only when pageShows says so. */
function mapPage() {
  const latest = new LatestRequest();
  const shown: string[] = [];
  const receive = (raw: unknown) => {
    const msg = fromMapPanel(raw);
    if (!msg || !pageShows(latest, msg)) return;
    shown.push(msg.type === 'map' ? `map ${msg.view.title}` : msg.type === 'loading' ? `loading ${msg.what}` : msg.type === 'error' ? `error ${msg.message}` : 'state');
  };
  return { receive, shown };
}

test('map page: a reply to a request that is no longer the latest is dropped; the latest one is drawn', () => {
  const page = mapPage();
  page.receive({ type: 'loading', id: 1, what: 'Loading the map of a.yaml…' });
  page.receive({ type: 'map', id: 1, view: view('VPC map of a.yaml') });
  page.receive({ type: 'loading', id: 2, what: 'Loading the map of b.yaml…' });
  // a.yaml's second answer (an edit's, say) arrives after b.yaml's request started: stale.
  page.receive({ type: 'map', id: 1, view: view('VPC map of a.yaml') });
  page.receive({ type: 'error', id: 1, message: 'a.yaml failed' });
  page.receive({ type: 'map', id: 2, view: view('VPC map of b.yaml') });
  // An announcement older than the latest one changes nothing.
  page.receive({ type: 'loading', id: 1, what: 'Loading the map of a.yaml…' });
  page.receive({ type: 'map', id: 1, view: view('VPC map of a.yaml') });
  assert.deepEqual(page.shown, ['loading Loading the map of a.yaml…', 'map VPC map of a.yaml', 'loading Loading the map of b.yaml…', 'map VPC map of b.yaml']);
});

test('map page: a page loaded again takes the first request it is told of; replies before any are dropped', () => {
  const page = mapPage();
  page.receive({ type: 'map', id: 6, view: view('VPC map of a.yaml') });
  page.receive({ type: 'loading', id: 7, what: 'Loading the map of b.yaml…' });
  page.receive({ type: 'map', id: 6, view: view('VPC map of a.yaml') });
  page.receive({ type: 'map', id: 7, view: view('VPC map of b.yaml') });
  page.receive({ type: 'state', target: { uri: 'file:///w/b.yaml' } });
  assert.deepEqual(page.shown, ['loading Loading the map of b.yaml…', 'map VPC map of b.yaml', 'state']);
});

test('page messages without a request id, or with fields of the wrong kind, are dropped', () => {
  for (const bad of [
    { type: 'map', view: view('x') }, { type: 'map', id: 0, view: view('x') }, { type: 'map', id: 1.5, view: view('x') }, { type: 'map', id: '1', view: view('x') },
    { type: 'map', id: 1 }, { type: 'loading', id: 1 }, { type: 'loading', id: 1, what: 3 }, { type: 'error', id: 1, message: {} }, { type: 'busy', id: 1, what: 'x' },
    { type: 'state', target: { uri: 'javascript:alert(1)' } }, null, 'map', [],
  ]) {
    assert.equal(fromMapPanel(bad), undefined, JSON.stringify(bad));
  }
  assert.deepEqual(fromMapPanel({ type: 'error', id: 3, message: 'no', extra: 1 }), { type: 'error', id: 3, message: 'no' });
  for (const bad of [
    { type: 'trace', uri: 'file:///a.yaml', view: { hops: [] } }, { type: 'trace', id: 1, uri: 'command:x', view: { hops: [] } }, { type: 'trace', id: 1, uri: 'file:///a.yaml', view: {} },
    { type: 'matrix', id: 2, uri: 'file:///a.yaml' }, { type: 'loading', id: 1, what: 'x' }, { type: 'busy', id: 1, what: 'x' }, { type: 'error', id: -1, message: 'x' },
  ]) {
    assert.equal(fromTracePanel(bad), undefined, JSON.stringify(bad));
  }
  assert.deepEqual(fromTracePanel({ type: 'loading', id: 4, what: 'Tracing A → s3 in a.yaml…', matrix: true }), { type: 'loading', id: 4, what: 'Tracing A → s3 in a.yaml…', matrix: true });
});

test('trace page: the previous trace is never shown under a newer request', () => {
  const latest = new LatestRequest();
  const shown: string[] = [];
  const receive = (raw: unknown) => {
    const msg = fromTracePanel(raw);
    if (msg && pageShows(latest, msg)) shown.push(`${msg.type} ${msg.id}`);
  };
  const trace = (id: number) => ({ type: 'trace', id, uri: 'file:///w/a.yaml', view: { from: 'A', to: 's3', verdict: 'private', summary: '', hops: [], suggestions: [] } });
  receive({ type: 'loading', id: 1, what: 'Tracing A → s3…', matrix: false });
  receive({ type: 'loading', id: 2, what: 'Tracing B → s3…', matrix: false });
  receive(trace(1));
  receive({ type: 'matrix', id: 1, uri: 'file:///w/a.yaml', matrix: { sources: [], targets: [], verdicts: [] } });
  receive(trace(2));
  assert.deepEqual(shown, ['loading 1', 'loading 2', 'trace 2']);
});

test('an answer is shown only for the latest request and the version the editor holds', () => {
  const latest = new LatestRequest();
  const first = latest.next();
  assert.ok(replyIsCurrent(latest, { id: first, asked: 3, answered: 3 }, 3));
  assert.ok(replyIsCurrent(latest, { id: first, asked: undefined }, undefined), 'an error answer (no version) for a document unchanged');
  assert.ok(!replyIsCurrent(latest, { id: first, asked: 3, answered: 3 }, 4), 'edited since it was asked');
  assert.ok(!replyIsCurrent(latest, { id: first, asked: 3, answered: 2 }, 3), 'answered for another version than the editor holds');
  assert.ok(!replyIsCurrent(latest, { id: first, asked: 3 }, 4), 'an error for a version since edited');
  const second = latest.next();
  assert.equal(second, first + 1);
  assert.ok(!replyIsCurrent(latest, { id: first, asked: 3, answered: 3 }, 3), 'another request came since');
  assert.ok(replyIsCurrent(latest, { id: second, asked: 3, answered: 3 }, 3));
});

test('askCurrent: a reply that comes after a newer request started is dropped as superseded; an edited version as version', async () => {
  const latest = new LatestRequest();
  let version = 1;
  const versionOf = () => version;
  const pending: ((v: { map: string; version: number } | { error: string }) => void)[] = [];
  const send = () => new Promise<{ map: string; version: number } | { error: string }>((resolve) => pending.push(resolve));
  // Request 1 (a.yaml) is under way when request 2 (b.yaml) starts; 1 answers last.
  const one = askCurrent(latest, latest.next(), 'file:///a.yaml', 'The map', send, versionOf);
  const two = askCurrent(latest, latest.next(), 'file:///a.yaml', 'The map', send, versionOf);
  pending[1]!({ map: 'b', version: 1 });
  pending[0]!({ map: 'a', version: 1 });
  assert.deepEqual(await two, { answer: { map: 'b', version: 1 } });
  assert.deepEqual(await one, { dropped: 'superseded' });
  // Request 3 is answered for version 1, but the editor holds version 2 by then.
  const three = askCurrent(latest, latest.next(), 'file:///a.yaml', 'The map', send, versionOf);
  version = 2;
  pending[2]!({ map: 'a', version: 1 });
  assert.deepEqual(await three, { dropped: 'version' });
  // A failure is an answer like any other (said, for the latest request).
  const four = askCurrent(latest, latest.next(), 'file:///a.yaml', 'The map', () => Promise.reject(new Error('connection closed')), versionOf);
  assert.deepEqual(await four, { answer: { error: 'The map failed: connection closed' } });
});

test('the file a panel names in its loading words', () => {
  assert.equal(fileNameOf('file:///w/my%20network.yaml'), 'my network.yaml');
  assert.equal(fileNameOf('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.equal(fileNameOf('file:///w/a.yaml?x#y'), 'a.yaml');
  assert.equal(fileNameOf('file:///w/bad%E0.yaml'), 'bad%E0.yaml');
});
