// The network facts of one document's latest version, made when completion or hover first asks for
// them rather than on every keystroke (they cost a walk of the model with TCP 443 admission per
// security group, and the ports of any service served on others, and most versions are never hovered). The answers are those assistView gives when it
// makes the facts on every version (assist-view.ts): a version whose template means what the last one
// meant has the last facts, the same object; a template that does not parse (mid-edit) has those of the
// last version that did; a text that is not a template has none.

import type { Analysis } from '../../core/engine.js';
import { networkFactsOf } from './assist-view.js';
import type { NetworkFacts } from './assist-types.js';

/** Versions whose facts were made, in this thread (the worker's stats, for the tests). */
export const factStats = { made: 0 };

export class DocumentFacts {
  /** The facts last made (of the latest version with a model whose facts were made). */
  private made: NetworkFacts | undefined;
  /** The latest version with a model, when its facts are not made yet (made is then an older version's). */
  private pending: Analysis | undefined;
  /** Whether the latest version is a template (only a template has network facts). */
  private template = false;

  /** A new version of the document; `sameMeaning`: its template means what the last version's did (the lint memo). */
  next(a: Analysis, sameMeaning: boolean): void {
    this.template = a.kind === 'template';
    if (!this.template || !a.modelled) {
      // Facts are kept from the last version with a model: made now, so that its analysis is not kept alive.
      this.settle();
      return;
    }
    // Same meaning: the last facts stand, the very object (the worker then need not send them again).
    if (sameMeaning && (this.pending || this.made)) {
      if (this.pending) this.pending = a;
      return;
    }
    this.pending = a;
  }

  /** The latest version's facts (undefined: not a template, or no version had a model). */
  current(): NetworkFacts | undefined {
    if (!this.template) return undefined;
    this.settle();
    return this.made;
  }

  private settle(): void {
    const a = this.pending;
    if (!a) return;
    this.pending = undefined;
    factStats.made++;
    this.made = networkFactsOf(a) ?? this.made;
  }
}
