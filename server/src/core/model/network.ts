// A template's network across its deployments: the one with the parameters' defaults first, then one
// per choice of the parameters its conditions compare (bounded). Facts that differ between deployments
// are the model's conditional facts: a value per condition. Adapters build it (cfn/network-set.ts).

import type { NetworkModel, Span } from './types.js';
import type { Words } from '../rules/words.js';

export interface Deployment {
  /** The truth of each condition this deployment decides. */
  when: Record<string, boolean>;
  isDefault: boolean;
  model: NetworkModel;
}

export interface Network {
  /** The deployment with every parameter at its default. */
  defaults: NetworkModel;
  /** Every deployment looked at, the defaults first; built on first use. */
  deployments(): Deployment[];
  /** Set when the bound on deployments cut the enumeration. */
  bounded(): { explored: number; total: number } | undefined;
  /** The deployment every rule judges: no condition decided, conditional elements present under their condition. */
  judged(): NetworkModel;
  /** The format's words: the trace names properties and the source as its author writes them. */
  words?: Words;
  /** Whether the source declares an element with this id (in any deployment), and where. */
  spanOf(id: string): Span | undefined;
}

/**
 * The fewest conditions that still tell the deployments' outcomes apart (greedy: each one dropped that is not
 * needed), in the order the deployments name them: what a branch of the trace, or a finding that holds in some
 * deployments only, is labelled with. A deployment that leaves one of them open tells nothing about it.
 */
export function tellingConditions(whens: readonly Record<string, boolean>[], outcomes: readonly string[]): string[] {
  const all = [...new Set(whens.flatMap((w) => Object.keys(w)))];
  const key = (w: Record<string, boolean>, conds: string[]) => conds.map((c) => (c in w ? String(w[c]) : '?')).join('|');
  const decides = (conds: string[]) => {
    const seen = new Map<string, string>();
    for (let i = 0; i < whens.length; i++) {
      const k = key(whens[i]!, conds);
      if (seen.has(k) && seen.get(k) !== outcomes[i]) return false;
      seen.set(k, outcomes[i]!);
    }
    return true;
  };
  let conds = all;
  for (const c of all) {
    const fewer = conds.filter((x) => x !== c);
    if (decides(fewer)) conds = fewer;
  }
  return conds;
}

/**
 * The conditions that tell the defaults' deployment's outcome from the others' (tellingConditions), each as the
 * defaults decide it (`!Name` for false): what a finding that holds in the defaults' deployment is labelled
 * with. Undefined where the defaults' deployment is not among `present`.
 */
export function defaultsWhen(present: readonly Deployment[], outcome: (d: Deployment) => string): string[] | undefined {
  const defaults = present.find((d) => d.isDefault);
  if (!defaults) return undefined;
  return tellingConditions(present.map((d) => d.when), present.map(outcome)).flatMap((c) => (c in defaults.when ? [defaults.when[c] ? c : `!${c}`] : []));
}
