// The "Trace to …" pick shows a likely service's verdict only for the document version the editor holds:
// an edit while it is open marks what is shown and traces again, and an answer for another version is never
// shown (client/src/commands/likely-verdicts.ts). The editor's version and the server's answers are raced here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LikelyVerdicts, KEEPS_CHANGING, TRACING, TRACING_AGAIN, type LikelyItem } from '../../../client/src/commands/likely-verdicts.js';
import type { TraceResponse, TraceView } from '../../../server/src/protocol/trace.js';

const answer = (to: string, verdict: TraceView['verdict'], version: number | undefined): TraceResponse => ({
  result: { from: 'AppSubnet', to, verdict, summary: `${to} is ${verdict}`, hops: [], suggestions: [] },
  ...(version === undefined ? {} : { version }),
});

/** A pick over `likely`, the editor at `version`; each trace waits until the test answers it. */
function harness(likely: string[]) {
  let version: number | undefined = 1;
  const pending: { to: string; asked: number | undefined; resolve: (r: TraceResponse | undefined) => void }[] = [];
  const shown: { items: LikelyItem[]; busy: boolean }[] = [];
  const verdicts = new LikelyVerdicts(
    likely,
    (to) => new Promise((resolve) => pending.push({ to, asked: version, resolve })),
    () => version,
    (items, busy) => shown.push({ items: [...items], busy }),
  );
  return {
    verdicts,
    shown,
    pending,
    edit: () => void (version = (version ?? 0) + 1),
    close: () => void (version = undefined),
    /** Answers the oldest waiting traces (one per service) with a verdict each, for `forVersion` (default: the version asked). */
    answerRound: async (verdictOf: (to: string) => TraceView['verdict'], forVersion?: number) => {
      for (const p of pending.splice(0, likely.length)) p.resolve(answer(p.to, verdictOf(p.to), forVersion ?? p.asked));
      await new Promise((r) => setImmediate(r));
    },
    last: () => shown.at(-1)!,
  };
}

const descriptions = (s: { items: LikelyItem[] }) => s.items.map((i) => `${i.label}: ${i.description}`);

test('as the pick opens: tracing…, then each verdict for the version held', async () => {
  const h = harness(['s3', 'ssm']);
  void h.verdicts.refresh();
  assert.deepEqual(descriptions(h.last()), [`s3: ${TRACING}`, `ssm: ${TRACING}`]);
  assert.equal(h.last().busy, true);
  await h.answerRound((to) => (to === 's3' ? 'public' : 'private'));
  assert.deepEqual(descriptions(h.last()), ['s3: $(globe) public', 'ssm: $(pass) private']);
  assert.equal(h.last().busy, false);
  assert.equal(h.last().items[0]!.detail, 's3 is public');
});

test('an edit while the first traces run: their verdicts (for the old version) are never shown, the new version\'s are', async () => {
  const h = harness(['s3']);
  void h.verdicts.refresh();
  h.edit();
  void h.verdicts.refresh();
  // The first round's answer arrives after the edit: dropped.
  await h.answerRound(() => 'public');
  assert.ok(h.shown.every((s) => !descriptions(s).some((d) => /public/.test(d))), JSON.stringify(h.shown));
  await h.answerRound(() => 'private');
  assert.deepEqual(descriptions(h.last()), ['s3: $(pass) private']);
  assert.equal(h.last().busy, false);
});

test('an edit after the verdicts are shown: they are marked at once, then replaced by the new version\'s', async () => {
  const h = harness(['s3', 'dynamodb']);
  void h.verdicts.refresh();
  await h.answerRound(() => 'public');
  h.edit();
  void h.verdicts.refresh();
  assert.deepEqual(descriptions(h.last()), [`s3: ${TRACING_AGAIN}`, `dynamodb: ${TRACING_AGAIN}`]);
  assert.equal(h.last().items[0]!.detail, undefined, 'the old summary goes with the old verdict');
  assert.equal(h.last().busy, true);
  await h.answerRound(() => 'private');
  assert.deepEqual(descriptions(h.last()), ['s3: $(pass) private', 'dynamodb: $(pass) private']);
});

test('an answer the server made for another version than the one asked is not shown: traced again', async () => {
  const h = harness(['s3']);
  void h.verdicts.refresh();
  // The editor is at 1, the server answered for an older text (0).
  await h.answerRound(() => 'public', 0);
  assert.deepEqual(descriptions(h.last()), [`s3: ${TRACING}`]);
  assert.equal(h.pending.length, 1, 'traced again');
  await h.answerRound(() => 'private');
  assert.deepEqual(descriptions(h.last()), ['s3: $(pass) private']);
});

test('the document moved on with no edit event (or keeps changing): traced again, and after five rounds it says so', async () => {
  const h = harness(['s3']);
  void h.verdicts.refresh();
  for (let round = 0; round < 5; round++) {
    h.edit();
    await h.answerRound(() => 'public', 1);
  }
  assert.deepEqual(descriptions(h.last()), [`s3: ${KEEPS_CHANGING}`]);
  assert.equal(h.last().busy, false);
  assert.ok(h.shown.every((s) => !descriptions(s).some((d) => /public/.test(d))));
});

test('the template closed while tracing: no verdict, and why', async () => {
  const h = harness(['s3']);
  void h.verdicts.refresh();
  h.close();
  await h.answerRound(() => 'public', 1);
  assert.match(h.last().items[0]!.description, /not traced: the template was closed/);
});

test('an error answer (no version) stands for the version asked; a missing one says not traced', async () => {
  const h = harness(['s3', 'ssm']);
  void h.verdicts.refresh();
  const [a, b] = h.pending.splice(0, 2);
  a!.resolve({ error: 'no subnet AppSubnet' });
  b!.resolve(undefined);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(descriptions(h.last()), ['s3: $(warning) no subnet AppSubnet', 'ssm: $(warning) not traced']);
});
