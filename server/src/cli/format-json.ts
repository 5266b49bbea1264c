// Machine-readable results; positions 0-based, as in LSP. Written in pieces (chunks.ts).
// A finding in a generated file (a CDK template) has an `origin`: the construct path, and where the
// user's code defines it (`definedAt`: file and 0-based position, like every other position here).

import type { FileReport, FindingOrigin } from './report.js';
import { rangeOf } from './report.js';
import { Chunks, nestedJson } from './chunks.js';

export function formatJson(reports: FileReport[], out: (s: string) => void): void {
  const c = new Chunks(out);
  c.push('{\n  "version": 1,\n  "results": [');
  reports.forEach((r, i) => {
    const regions = r.regions?.length ? `\n      "regions": ${JSON.stringify(r.regions)},` : '';
    c.push(`${i ? ',' : ''}\n    {\n      "file": ${JSON.stringify(r.file)},${regions}\n      "findings": [`);
    r.findings.forEach((f, j) => {
      const finding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: rangeOf(r, f),
        ...(f.resource ? { resource: f.resource } : {}),
        ...(f.related?.length ? { related: f.related.map((rel) => ({ message: rel.message, range: rangeOf(r, rel) })) } : {}),
        ...(f.data ? { data: f.data } : {}),
        ...originJson(r.origins?.get(f)),
      };
      c.push(`${j ? ',' : ''}\n        ${nestedJson(finding, 4)}`);
    });
    c.push(r.findings.length ? '\n      ]\n    }' : ']\n    }');
  });
  c.push(reports.length ? '\n  ]\n}\n' : ']\n}\n');
  c.flush();
}

function originJson(o: FindingOrigin | undefined): { origin?: unknown } {
  if (!o) return {};
  const at = o.definedAt;
  const definedAt = at && { file: at.file, position: { line: at.line - 1, character: Math.max(0, (at.column ?? 1) - 1) } };
  return { origin: { kind: o.kind, name: o.name, ...(definedAt ? { definedAt } : {}) } };
}
