// model/list-branches.ts: what a rule finds on the branches of a list a condition chooses, said once, with the
// conditions that are needed and enough for it (a false "only when" is a wrong answer too).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perBranch } from '../../../server/src/core/model/list-branches.js';
import type { IdList } from '../../../server/src/core/model/types.js';

const at = (n: number) => ({ start: n, end: n + 1 });
const item = (id: string, n: number, when: string[] = []) => ({ id, at: at(n), when });
const list = (branches: { when: string[]; items: ReturnType<typeof item>[] }[]): IdList => ({ items: [], complete: false, branches: branches.map((b) => ({ ...b, complete: true })) });
// The "finding": each member named X, where it is.
const xs = (l: IdList) => l.items.filter((i) => i.id === 'X').map((i) => i.at.start);

test('no branches: the one list, no condition', () => {
  assert.deepEqual(perBranch({ items: [item('X', 1)], complete: true }, xs, String), [{ value: 1, when: [[]] }]);
});

test('a finding on one branch needs all of that branch\'s conditions that other branches contradict', () => {
  // !If [C, [X@1], !If [D, [Y], [X@2]]]: X@2 only when C is false and D is false; X@1 only when C is true.
  const l = list([{ when: ['C'], items: [item('X', 1)] }, { when: ['!C', 'D'], items: [item('Y', 3)] }, { when: ['!C', '!D'], items: [item('X', 2)] }]);
  assert.deepEqual(perBranch(l, xs, String), [{ value: 1, when: [['C']] }, { value: 2, when: [['!C', '!D']] }]);
});

test('a finding several branches give is said once, with each as an alternative; every branch: no condition', () => {
  // [X@1 under C], [X@1 under !C and D], [Y under !C and !D]: X@1 when C, or when D.
  const l = list([{ when: ['C'], items: [item('X', 1)] }, { when: ['!C', 'D'], items: [item('X', 1)] }, { when: ['!C', '!D'], items: [item('Y', 3)] }]);
  assert.deepEqual(perBranch(l, xs, String), [{ value: 1, when: [['C'], ['D']] }]);
  const all = list([{ when: ['C'], items: [item('X', 1)] }, { when: ['!C'], items: [item('X', 1), item('Y', 2)] }]);
  assert.deepEqual(perBranch(all, xs, String), [{ value: 1, when: [[]] }]);
});
