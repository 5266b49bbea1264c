// `file:line:col: severity RULE message`, 1-based, one line per finding: what editors' and CI's
// problem matchers read. File names and messages are escaped (escape.ts) so that a line is always one finding.

import type { FileReport } from './report.js';
import { originText, rangeOf } from './report.js';
import { escapeFileName, escapeLine } from './escape.js';
import { Chunks } from './chunks.js';

export function formatText(reports: FileReport[], out: (s: string) => void): void {
  const c = new Chunks(out);
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      const { start } = rangeOf(r, f);
      const origin = r.origins?.get(f);
      const message = origin ? f.message + originText(origin) : f.message;
      c.push(`${escapeFileName(r.file)}:${start.line + 1}:${start.character + 1}: ${f.severity} ${f.ruleId} ${escapeLine(message)}\n`);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const files = reports.length;
  c.push(`${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info\n`);
  c.flush();
}
