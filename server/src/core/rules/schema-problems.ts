// The three schema rules share one validation pass; this turns its problems of one kind into findings.

import type { Finding, FindingData } from '../findings.js';
import type { SchemaProblem } from '../schema/validate.js';
import { transformsRewriting } from '../cfn/transforms.js';
import { FOR_EACH } from '../cfn/language-extensions.js';
import { finding, type RuleContext, type RuleMeta } from './types.js';
import { conditionNote } from './conditions.js';

// A macro may add or consume properties (`ExpandServiceCodes`), so the shape we see is not the one
// CloudFormation validates: missing and unknown properties are then only worth a note.
const SHAPE: readonly SchemaProblem['keyword'][] = ['required', 'additionalProperties'];

/** `toData` gives each finding its rule's own data shape (see `Rule<Data>`), or none. */
export function schemaFindings<Data extends FindingData>(meta: RuleMeta, ctx: RuleContext, keywords: SchemaProblem['keyword'][], toData: (p: SchemaProblem) => Data | undefined): Finding<Data>[] {
  const out: Finding<Data>[] = [];
  for (const { resource, problem } of ctx.schemaProblems()) {
    if (!keywords.includes(problem.keyword)) continue;
    // `Fn::Transform` is the call of a transform, not a property; so is a loop left unexpanded.
    if (problem.keyword === 'additionalProperties' && isTransformCall(problem.data?.property)) continue;
    const transforms = SHAPE.includes(problem.keyword) ? transformsRewriting(ctx.template, resource) : [];
    const note = transforms.length ? ` (${transforms.length === 1 ? 'the transform' : 'the transforms'} ${transforms.join(', ')} may rewrite ${resource.id} before CloudFormation reads it)` : '';
    // Under a macro a near-miss name may be the macro's own: no rename goes into "fix all".
    const raw = note && problem.data?.suggestion ? withoutSuggestion(problem.data) : problem.data;
    const data = toData(raw === problem.data ? problem : { ...problem, data: raw });
    out.push(finding(meta, problem.node, problem.message + note + conditionNote(resource, []), { resource, ...(data ? { data } : {}), ...(note ? { severity: 'info' as const } : {}) }));
  }
  return out;
}

function withoutSuggestion(data: NonNullable<SchemaProblem['data']>): SchemaProblem['data'] {
  const { suggestion: _hint, ...rest } = data;
  return rest;
}

function isTransformCall(property: string | undefined): boolean {
  return property === 'Fn::Transform' || Boolean(property?.startsWith(FOR_EACH));
}
