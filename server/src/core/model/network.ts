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
