// `file:line:col: severity RULE message`, 1-based, one line per finding: what editors' and CI's
// problem matchers read.

import type { FileReport } from './report.js';
import { rangeOf } from './report.js';

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      const { start } = rangeOf(r, f);
      lines.push(`${r.file}:${start.line + 1}:${start.character + 1}: ${f.severity} ${f.ruleId} ${f.message}`);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const files = reports.length;
  lines.push(`${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`);
  return lines.join('\n') + '\n';
}
