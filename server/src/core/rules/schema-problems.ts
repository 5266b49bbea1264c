// The three schema rules share one validation pass; this turns its problems of one kind into findings.

import type { Finding } from '../findings.js';
import type { SchemaProblem } from '../schema/validate.js';
import { finding, type RuleContext, type RuleMeta } from './types.js';
import { conditionNote } from './conditions.js';

export function schemaFindings(meta: RuleMeta, ctx: RuleContext, keywords: SchemaProblem['keyword'][]): Finding[] {
  return ctx
    .schemaProblems()
    .filter(({ problem }) => keywords.includes(problem.keyword))
    .map(({ resource, problem }) => finding(meta, problem.node, problem.message + conditionNote(resource, []), { resource, data: problem.data }));
}
