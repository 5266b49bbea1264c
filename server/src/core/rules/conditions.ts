// Findings that hold only under a condition say so: a resource's own `Condition`, and the branches of
// `Fn::If` that led to the value.

import type { Resource } from '../cfn/template.js';
import { conditionWords } from '../model/condition-words.js';

export function conditionNote(resource: Resource | undefined, when: string[]): string {
  const all = [...(resource?.condition ? [resource.condition] : []), ...when];
  if (all.length === 0) return '';
  return ` (only when ${all.map(conditionWords).join(' and ')})`;
}

/**
 * A finding that holds under any one of several sets of conditions (model/list-branches.ts perBranch: two
 * branches of a list give it): each set is said, joined by "or"; one empty set: it holds whatever they are.
 */
export function conditionsNote(resource: Resource | undefined, alternatives: string[][]): string {
  if (alternatives.length <= 1) return conditionNote(resource, alternatives[0] ?? []);
  const own = resource?.condition ? `${conditionWords(resource.condition)} and ` : '';
  return ` (only when ${own}either ${alternatives.map((w) => w.map(conditionWords).join(' and ')).join(', or ')})`;
}

/**
 * The conditions under which a finding holds, as alternatives (any one of them), each made as short as the
 * others allow: two that differ only in one condition, true in one and false in the other (the two branches of
 * an Fn::If), are one without it, and an alternative that holds wherever another does is that other. An empty
 * alternative: it holds whatever the conditions are.
 */
export function mergedAlternatives(alternatives: readonly string[][]): string[][] {
  let out = dedupe(alternatives.map((a) => [...new Set(a)].sort()));
  for (let changed = true; changed; ) {
    changed = false;
    search: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const merged = mergeTwo(out[i]!, out[j]!);
        if (!merged) continue;
        out = dedupe([...out.filter((_, k) => k !== i && k !== j), merged]);
        changed = true;
        break search;
      }
    }
  }
  return out;
}

/** One alternative for two: the one that the other always implies (it has every condition of it), or the two without the one condition they disagree on. */
function mergeTwo(a: string[], b: string[]): string[] | undefined {
  if (a.every((c) => b.includes(c))) return a;
  if (b.every((c) => a.includes(c))) return b;
  if (a.length !== b.length) return undefined;
  const onlyA = a.filter((c) => !b.includes(c));
  const onlyB = b.filter((c) => !a.includes(c));
  if (onlyA.length !== 1 || onlyB.length !== 1) return undefined;
  const [x, y] = [onlyA[0]!, onlyB[0]!];
  return x === `!${y}` || y === `!${x}` ? a.filter((c) => c !== x) : undefined;
}

function dedupe(list: string[][]): string[][] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.join('&')) && (seen.add(a.join('&')), true));
}
