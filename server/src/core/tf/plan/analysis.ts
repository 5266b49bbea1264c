// One analysis of a Terraform plan in JSON: the plan read (read.ts), its planned values lowered by the
// Terraform adapter (lower-plan.ts), judged by the same rules as .tf files. Findings are offsets into
// the plan's text; each names its resource's address (`Finding.resource`).

import { analyzeLowered, type Analysis, type DocumentOptions } from '../../analysis.js';
import { parseText } from '../../document/parse.js';
import { TF_SILENT_RULES } from '../analysis.js';
import { awsMajorOf, terraformWords } from '../provider-version.js';
import { ruleById, rules } from '../../rules/index.js';
import { RESOURCE_LOCAL_RULES } from '../../rules/resource-local.js';
import type { Finding } from '../../findings.js';
import { isPlanJson, readPlan, unsupportedFormat, type Plan } from './read.js';
import { lowerPlan, type LoweredPlan } from './lower-plan.js';

export interface PlanAnalysis {
  plan: Plan;
  lowered: LoweredPlan;
  analysis: Analysis;
}

export { mayBePlanJson } from './sniff.js';

/**
 * Besides the rules with no Terraform meaning: a plan's values are resolved, so a region or partition
 * the configuration computes looks hard-coded in them (VPCE3002, VPCE3003); the .tf check judges those.
 */
export const PLAN_SILENT_RULES: ReadonlySet<string> = new Set([...TF_SILENT_RULES, 'VPCE3002', 'VPCE3003']);

/** Rules about the text itself (syntax, duplicate keys), which a partial plan's text answers whole. */
const TEXT_RULES: ReadonlySet<string> = new Set(['VPCE0001', 'VPCE0002', 'VPCE0003', 'VPCE0004', 'VPCE0006']);

/**
 * What a plan that holds part of its configuration (errored, or incomplete: `Plan.partial`) is judged by:
 * the rules whose findings rest on the resource they name alone, and the text's own rules. Every other
 * rule compares resources, and a resource the plan leaves out (the rule that admits HTTPS, the route) is
 * no fact: judged, the endpoint's group would admit nothing, its subnet route nowhere.
 */
const PARTIAL_PLAN_SILENT_RULES: ReadonlySet<string> = new Set([
  ...PLAN_SILENT_RULES,
  ...rules.map((r) => r.meta.id).filter((id) => !RESOURCE_LOCAL_RULES.has(id) && !TEXT_RULES.has(id)),
]);

/**
 * The analysis of a plan (or a state); undefined when the text is neither in JSON, `unsupported` (why)
 * when its format version is not one this reads.
 */
export function analyzePlan(text: string, options: DocumentOptions = {}): PlanAnalysis | { unsupported: string } | undefined {
  const parsed = parseText(text, { json: true });
  if (!isPlanJson(parsed.root)) return undefined;
  const unsupported = unsupportedFormat(parsed.root);
  if (unsupported) return { unsupported };
  const plan = readPlan(parsed.root);
  const lowered = lowerPlan(text, plan);
  // Without regions from the user, the one the plan's AWS provider is configured with (a constant).
  const settings = options.settings?.regions?.length || !plan.providerRegion ? options.settings : { ...options.settings, regions: [plan.providerRegion] };
  const analysis = analyzeLowered(text, lowered.root, parsed.problems, { ...options, ...(settings ? { settings } : {}) }, plan.partial ? PARTIAL_PLAN_SILENT_RULES : PLAN_SILENT_RULES, terraformWords(awsMajorOf(plan.awsVersion)));
  return { plan, lowered, analysis: { ...analysis, findings: analysis.findings.map((f) => unshown(f, plan)) } };
}

/**
 * A finding on a value the plan marks sensitive says what is wrong without the value: its message
 * (and fix data) may quote it, and CI logs are where the plan's author hid it from.
 */
function unshown(f: Finding, plan: Plan): Finding {
  const r = f.resource !== undefined ? plan.resources.find((x) => f.resource === x.address || f.resource!.startsWith(`${x.address}.`)) : undefined;
  if (!r || !r.sensitive.some((s) => f.start < s.end && s.start < f.end)) return f;
  const { data: _data, ...rest } = f;
  return { ...rest, message: `${r.address}: ${ruleById(f.ruleId)?.meta.title ?? f.ruleId}, in a value the plan marks sensitive (not shown)` };
}
