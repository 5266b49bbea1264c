// The verdicts of the "Trace to …" lens's pick, for the document version the editor holds: traced as the pick
// opens and again after each edit while it is open. A verdict traced for an earlier version is never shown as
// current: an edit marks the items ("the template changed: tracing again…") until the new version's traces
// come, and an answer made for another version than the editor's is dropped (latest-request.ts replyIsCurrent,
// the rule every panel keeps). No vscode here: the pick (trace-path.ts) hands over the editor's version, and
// the unit tests race it.

import { LatestRequest, replyIsCurrent } from '../webview/latest-request';
import type { TraceResponse } from '../../../server/src/protocol/trace';

export interface LikelyItem {
  label: string;
  description: string;
  detail?: string;
}

const VERDICT_MARK: Record<string, string> = { private: '$(pass) private', public: '$(globe) public', blocked: '$(error) blocked', unknown: '$(question) unknown' };

export const TRACING = 'tracing…';
export const TRACING_AGAIN = '$(sync) the template changed: tracing again…';
// After this many rounds in a row that an edit overtook, the pick says so instead of tracing on.
const MAX_ROUNDS = 5;
export const KEEPS_CHANGING = '$(warning) not traced: the template keeps changing';

/** A likely service's line from its trace. */
export function likelyItem(to: string, r: TraceResponse | undefined): LikelyItem {
  if (r && 'result' in r) return { label: to, description: `${VERDICT_MARK[r.result.verdict] ?? r.result.verdict}${r.result.branches ? ' (with the defaults; other parameters change it)' : ''}`, detail: r.result.summary };
  return { label: to, description: r && 'error' in r ? `$(warning) ${r.error}` : '$(warning) not traced' };
}

export class LikelyVerdicts {
  private readonly requests = new LatestRequest();
  private shown: LikelyItem[];
  private rounds = 0;

  /**
   * `trace`: one service's trace for the document as the server holds it now; `versionOf`: the version the
   * editor holds (undefined once closed); `show`: the items to show, and whether more are coming.
   */
  constructor(
    private readonly likely: readonly string[],
    private readonly trace: (to: string) => Promise<TraceResponse | undefined>,
    private readonly versionOf: () => number | undefined,
    private readonly show: (items: readonly LikelyItem[], busy: boolean) => void,
  ) {
    this.shown = likely.map((label) => ({ label, description: TRACING }));
  }

  get items(): readonly LikelyItem[] {
    return this.shown;
  }

  /** Traces every likely service for the editor's version; the pick calls it as it opens and on each edit. */
  async refresh(): Promise<void> {
    const id = this.requests.next();
    const asked = this.versionOf();
    // What is shown was traced for an earlier version (or is being traced for one): no longer an answer.
    this.shown = this.shown.map((item) => (item.description === TRACING ? item : { label: item.label, description: TRACING_AGAIN }));
    this.show(this.shown, true);
    const answers = await Promise.all(this.likely.map((to) => this.trace(to)));
    const now = this.versionOf();
    const current = answers.every((a) => replyIsCurrent(this.requests, { id, asked, answered: a && 'result' in a ? a.version : undefined }, now));
    if (current) {
      this.rounds = 0;
      this.shown = answers.map((a, i) => likelyItem(this.likely[i]!, a));
      this.show(this.shown, false);
      return;
    }
    // A later round (the edit's) has its own answers; else the document moved on without one: trace again.
    if (!this.requests.isLatest(id)) return;
    if (now === undefined || ++this.rounds >= MAX_ROUNDS) {
      this.shown = this.likely.map((label) => ({ label, description: now === undefined ? '$(warning) not traced: the template was closed' : KEEPS_CHANGING }));
      this.show(this.shown, false);
      return;
    }
    return this.refresh();
  }
}
