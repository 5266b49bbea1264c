// What every output format is made from: one entry per linted file with its findings.

import type { Finding } from '../core/findings.js';
import type { LineIndex, Position } from '../core/document/line-index.js';

export interface FileReport {
  /** The path as shown to the user: relative to the working folder, forward slashes. */
  file: string;
  findings: Finding[];
  lines: LineIndex;
}

export interface Range {
  start: Position;
  end: Position;
}

export function rangeOf(report: FileReport, span: { start: number; end: number }): Range {
  return { start: report.lines.positionAt(span.start), end: report.lines.positionAt(span.end) };
}
