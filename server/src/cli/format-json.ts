// Machine-readable results; positions 0-based, as in LSP.

import type { FileReport } from './report.js';
import { rangeOf } from './report.js';

export function formatJson(reports: FileReport[]): string {
  const results = reports.map((r) => ({
    file: r.file,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: rangeOf(r, f),
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.related?.length ? { related: f.related.map((rel) => ({ message: rel.message, range: rangeOf(r, rel) })) } : {}),
      ...(f.data ? { data: f.data } : {}),
    })),
  }));
  return JSON.stringify({ version: 1, results }, null, 2) + '\n';
}
