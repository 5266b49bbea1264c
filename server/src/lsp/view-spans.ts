// The view's spans — where each ServiceName is (hover) and where each endpoint policy is (completion) —
// for one version. Making them resolves every endpoint of the template (its type, service and VPC),
// which on a large template costs more per keystroke than the incremental lint itself. So when the lint
// memo says this version's template means what the last one's did (core/incremental), the last
// version's spans are moved by the edit instead; one that touches the edit, and any other case, is
// made anew. test/unit/incremental.test.ts compares the moved spans with spans made from scratch.

import type { Analysis, LintMemo } from '../core/engine.js';
import { moveSpans } from '../core/incremental/lint.js';
import { serviceSpans } from './hover.js';
import { policySpans } from './complete/assist-view.js';
import type { ServiceSpan } from './lint-protocol.js';
import type { PolicySpan } from './complete/assist-types.js';

export interface ViewSpans {
  services: ServiceSpan[];
  /** A template's endpoint policies (a policy file's one span is the assist view's own). */
  policies: PolicySpan[];
}

export function viewSpans(a: Analysis, memo: LintMemo | undefined, last: ViewSpans | undefined): ViewSpans {
  if (memo?.sameMeaning && last && a.kind === 'template') {
    const services = moveSpans(last.services, memo.edit);
    const policies = services && moveSpans(last.policies, memo.edit);
    if (services && policies) return { services, policies };
  }
  return { services: serviceSpans(a), policies: a.kind === 'template' ? policySpans(a) : [] };
}
