// A finding is what every face shows: the CLI prints it, the language server turns it into a
// diagnostic, SARIF carries it. Ranges are offsets; faces convert them with a LineIndex.

import type { Position } from './document/line-index.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Span {
  start: number;
  end: number;
}

export interface RelatedLocation extends Span {
  message: string;
  /**
   * Set by a face for a place in another file than the finding's (a Terraform variables file): that
   * file's path and the place in it; `start`/`end` are then offsets into that file.
   */
  file?: { path: string; start: Position; end: Position };
}

/** What a rule hands its quick fix: each rule declares its own shape (see `Rule<Data>`). */
export type FindingData = Record<string, unknown>;

export interface Finding<Data extends FindingData = FindingData> extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Logical id of the resource the finding is about, when there is one. */
  resource?: string;
  related?: RelatedLocation[];
  /** What a quick fix needs (a suggestion, the property to remove, ...), in the rule's declared shape. */
  data?: Data;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}
