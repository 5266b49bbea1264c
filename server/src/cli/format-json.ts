// Machine-readable results; positions 0-based, as in LSP. Written in pieces (chunks.ts).

import type { FileReport } from './report.js';
import { rangeOf } from './report.js';
import { Chunks, nestedJson } from './chunks.js';

export function formatJson(reports: FileReport[], out: (s: string) => void): void {
  const c = new Chunks(out);
  c.push('{\n  "version": 1,\n  "results": [');
  reports.forEach((r, i) => {
    c.push(`${i ? ',' : ''}\n    {\n      "file": ${JSON.stringify(r.file)},\n      "findings": [`);
    r.findings.forEach((f, j) => {
      const finding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: rangeOf(r, f),
        ...(f.resource ? { resource: f.resource } : {}),
        ...(f.related?.length ? { related: f.related.map((rel) => ({ message: rel.message, range: rangeOf(r, rel) })) } : {}),
        ...(f.data ? { data: f.data } : {}),
      };
      c.push(`${j ? ',' : ''}\n        ${nestedJson(finding, 4)}`);
    });
    c.push(r.findings.length ? '\n      ]\n    }' : ']\n    }');
  });
  c.push(reports.length ? '\n  ]\n}\n' : ']\n}\n');
  c.flush();
}
