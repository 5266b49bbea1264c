// The engine's one entry point: text in, located findings out. It never throws: whatever the input,
// the caller gets findings (a crash in one rule becomes a finding, not a lost lint).

import { parseText } from './document/parse.js';
import type { MapNode } from './document/tree.js';
import { buildTemplate, looksLikeTemplate, type Template } from './cfn/template.js';
import { Resolver } from './cfn/resolve.js';
import { buildEndpoints, type Endpoint } from './cfn/endpoints.js';
import { validateResource, type SchemaProblem } from './schema/validate.js';
import { byPosition, type Finding } from './findings.js';
import { withDefaults, type EngineSettings } from './settings.js';
import { rules } from './rules/index.js';
import type { RuleContext } from './rules/types.js';
import type { Resource } from './cfn/template.js';

export interface LintResult {
  /** false: the text is not a CloudFormation template and got no findings. */
  isTemplate: boolean;
  findings: Finding[];
}

// A text that fails to parse is still ours when it plainly tries to be a template.
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

export function lintTemplate(text: string, partial?: Partial<EngineSettings>): LintResult {
  const settings = withDefaults(partial);
  const parsed = parseText(text);
  const isTemplate = looksLikeTemplate(parsed.root) || (parsed.problems.some((p) => p.severity === 'error') && TEMPLATE_HINT.test(text));
  if (!isTemplate) return { isTemplate: false, findings: [] };
  const root: MapNode = looksLikeTemplate(parsed.root) ? parsed.root : { kind: 'map', pairs: [], start: 0, end: 0, flow: false };
  const template = buildTemplate(text, root);
  const ctx = makeContext(template, settings, parsed.problems);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const level = settings.rules[rule.meta.id];
    if (level === 'off') continue;
    let produced: Finding[];
    try {
      produced = rule.check(ctx);
    } catch (err) {
      produced = [internalError(rule.meta.id, err)];
    }
    for (const f of produced) {
      if (isIgnored(template, f)) continue;
      findings.push(level ? { ...f, severity: level } : f);
    }
  }
  return { isTemplate: true, findings: findings.sort(byPosition) };
}

function makeContext(template: Template, settings: EngineSettings, problems: RuleContext['problems']): RuleContext {
  const values = new Resolver(template);
  let endpoints: Endpoint[] | undefined;
  let schema: { resource: Resource; problem: SchemaProblem }[] | undefined;
  return {
    template,
    values,
    settings,
    problems,
    endpoints: () => (endpoints ??= buildEndpoints(template, values)),
    schemaProblems: () => (schema ??= template.resources.flatMap((resource) => validateResource(resource).map((problem) => ({ resource, problem })))),
  };
}

function isIgnored(template: Template, f: Finding): boolean {
  if (!f.resource) return false;
  return template.byId.get(f.resource)?.ignored.has(f.ruleId) ?? false;
}

function internalError(ruleId: string, err: unknown): Finding {
  const message = err instanceof Error ? err.message : String(err);
  return { ruleId: 'VPCE0000', severity: 'error', message: `Internal error in rule ${ruleId}: ${message}. Please report it.`, start: 0, end: 0 };
}
