// A list a condition chooses (IdList.branches): what a rule finds on each of its branches, said once, with
// the conditions it holds under. The branches are the model's (cfn/facts.ts idList), so every rule reads
// one answer for which members a deployment may give an endpoint.

import type { IdList } from './types.js';

/** The list on each branch of the conditions that choose it: one branch, with no condition, when none does. */
export function listChoices(list: IdList): { when: string[]; list: IdList }[] {
  if (!list.branches) return [{ when: [], list }];
  return list.branches.map((b) => ({
    when: b.when,
    list: { items: b.items, complete: b.complete, ...(b.why ? { why: b.why } : {}), ...(b.decides ? { decides: b.decides } : {}), ...(list.keyAt ? { keyAt: list.keyAt } : {}), ...((b.valueAt ?? list.valueAt) ? { valueAt: b.valueAt ?? list.valueAt } : {}) },
  }));
}

/**
 * What `judge` finds on the list's branches, each finding once (`key`: what it says and where), with the
 * conditions it holds under: on each branch that gives it, the fewest of that branch's conditions that no
 * branch without it can meet. Several such labels (a finding two branches give) are alternatives: it holds
 * under any one of them and under nothing else. An empty label: it holds on every branch.
 */
export function perBranch<T>(list: IdList, judge: (list: IdList, when: string[]) => T[], key: (t: T) => string): { value: T; when: string[][] }[] {
  const choices = listChoices(list);
  const found = choices.map((c) => judge(c.list, c.when));
  if (!list.branches) return found[0]!.map((value) => ({ value, when: [[]] }));
  const out = new Map<string, { value: T; when: string[][] }>();
  found.forEach((results, i) => {
    for (const value of results) {
      const k = key(value);
      const without = choices.filter((_, j) => !found[j]!.some((t) => key(t) === k)).map((c) => c.when);
      const label = fewest(choices[i]!.when, without);
      const entry = out.get(k) ?? { value, when: [] };
      if (!entry.when.some((l) => l.join('&') === label.join('&'))) entry.when.push(label);
      out.set(k, entry);
    }
  });
  // A finding some branch gives unconditionally holds everywhere.
  return [...out.values()].map((e) => (e.when.some((l) => l.length === 0) ? { ...e, when: [[]] } : e));
}

// Greedy: each condition dropped that leaves no branch without the finding able to meet the rest.
function fewest(when: string[], without: string[][]): string[] {
  const meets = (label: string[], other: string[]) => !label.some((c) => other.includes(c.startsWith('!') ? c.slice(1) : `!${c}`));
  let label = when;
  for (const c of when) {
    const fewer = label.filter((x) => x !== c);
    if (!without.some((o) => meets(fewer, o))) label = fewer;
  }
  return label;
}
