// Machine-readable results; positions 0-based, as in LSP. Written in pieces (chunks.ts).
// A finding in a generated file (a CDK template) has an `origin`: the construct path, and where the
// user's code defines it (`definedAt`: file and 0-based position, like every other position here).
// A finding of a nested template judged with its parent's values has `deployedBy`; a related place in
// another template has its `file`.

import type { Deployment, FileReport, FindingOrigin } from './report.js';
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
        ...(f.related?.length ? { related: f.related.map((rel) => (rel.file ? { message: rel.message, file: rel.file.path, range: { start: rel.file.start, end: rel.file.end } } : { message: rel.message, range: rangeOf(r, rel) })) } : {}),
        ...(f.data ? { data: f.data } : {}),
        ...deployedJson(r.deployedBy?.get(f)),
        ...originJson(r.origins?.get(f)),
      };
      c.push(`${j ? ',' : ''}\n        ${nestedJson(finding, 4)}`);
    });
    c.push(r.findings.length ? '\n      ]\n    }' : ']\n    }');
  });
  c.push(reports.length ? '\n  ]\n}\n' : ']\n}\n');
  c.flush();
}

// A finding of a nested template judged with its parent's values: which parent, through which stack resources.
function deployedJson(by: readonly Deployment[] | undefined): { deployedBy?: unknown } {
  if (!by?.length) return {};
  return { deployedBy: by.map((d) => ({ parent: d.parent, stack: d.stack, at: { file: d.at.file, range: { start: d.at.start, end: d.at.end } } })) };
}

function originJson(o: FindingOrigin | undefined): { origin?: unknown } {
  if (!o) return {};
  const at = o.definedAt;
  const definedAt = at && { file: at.file, position: { line: at.line - 1, character: Math.max(0, (at.column ?? 1) - 1) } };
  return { origin: { kind: o.kind, name: o.name, ...(definedAt ? { definedAt } : {}) } };
}
