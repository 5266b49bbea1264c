// Syntax problems are found by the parser, before any rule runs; these helpers let the rules that
// report them stay one file each, like every other rule.

import type { Finding } from '../findings.js';
import type { SyntaxProblem } from '../document/parse.js';
import type { RuleMeta } from './types.js';

export function problemsAsFindings(meta: RuleMeta, problems: readonly SyntaxProblem[], codes: SyntaxProblem['code'][]): Finding[] {
  return problems
    .filter((p) => codes.includes(p.code))
    .map((p) => ({ ruleId: meta.id, severity: meta.severity, message: p.message, start: p.start, end: p.end, ...(p.data ? { data: p.data } : {}) }));
}
