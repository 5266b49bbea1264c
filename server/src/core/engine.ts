// The engine's one entry point: text in, located findings out. It never throws: whatever the input,
// the caller gets findings (a crash in one rule becomes a finding, not a lost lint).

import { parseText, type ParsedDocument } from './document/parse.js';
import { parseWithCache, type ParseCache } from './document/segmented.js';
import type { MapNode } from './document/tree.js';
import { buildTemplate, looksLikeTemplate, type Resource, type Template } from './cfn/template.js';
import { Resolver } from './cfn/resolve.js';
import { buildEndpoints, type Endpoint } from './cfn/endpoints.js';
import { newSchemaGeneration, validateResource, type SchemaProblem } from './schema/validate.js';
import { byPosition, type Finding } from './findings.js';
import { withDefaults, type EngineSettings } from './settings.js';
import { rules } from './rules/index.js';
import type { RuleContext } from './rules/types.js';
import { templatePolicies } from './policy/extract.js';
import { isEndpointPolicyFile, policyFileDoc } from './policy/policy-file.js';
import { textReader } from './policy/model.js';
import type { PolicyDoc } from './policy/policy-doc.js';
import { RESOURCE_LOCAL_RULES } from './rules/resource-local.js';
import type { BrokenPiece } from './document/isolate.js';
import { cfnNetwork } from './cfn/network-set.js';
import type { Network } from './model/network.js';

export type DocumentKind = 'template' | 'policy' | 'none';

export interface DocumentResult {
  kind: DocumentKind;
  findings: Finding[];
}

export interface DocumentOptions {
  /** The file's name or path: recognises policy files (`s3_endpoint_policy.json`) and their service. */
  fileName?: string;
  settings?: Partial<EngineSettings>;
  /** The face matched the file against the user's policy-file globs. */
  policyFile?: boolean;
  /** The IAM service prefix the user mapped this policy file to (a setting). */
  policyService?: string;
  /** Pieces of this document's earlier versions (an editor's document): only what changed is parsed again. */
  parseCache?: ParseCache;
}

export interface LintResult {
  /** false: the text is not a CloudFormation template and got no findings. */
  isTemplate: boolean;
  findings: Finding[];
}

// A text that fails to parse is still ours when it plainly tries to be a template.
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

/**
 * What every face calls: a template or a standalone endpoint policy gets its findings; any other
 * YAML/JSON file gets kind 'none' and nothing else.
 */
export function lintDocument(text: string, options: DocumentOptions = {}): DocumentResult {
  const settings = withDefaults(options.settings);
  const isJson = options.fileName ? /\.json$/i.test(options.fileName) : looksLikeJson(text);
  const parsed = options.parseCache && !isJson ? parseWithCache(text, options.parseCache) : parseText(text, { json: isJson });
  if (isTemplateText(text, parsed)) return { kind: 'template', findings: lintParsedTemplate(text, parsed, settings) };
  if (isJson && isEndpointPolicyFile(parsed.root, options.fileName, options.policyFile ?? false)) {
    const doc = policyFileDoc(text, parsed, options.fileName, options.policyService);
    return { kind: 'policy', findings: run(emptyTemplate(text), settings, parsed.problems, () => [doc]) };
  }
  return { kind: 'none', findings: [] };
}

/** Templates only (what the CLI and benchmarks of templates call). */
export function lintTemplate(text: string, partial?: Partial<EngineSettings>): LintResult {
  const parsed = parseText(text, { json: looksLikeJson(text) });
  if (!isTemplateText(text, parsed)) return { isTemplate: false, findings: [] };
  return { isTemplate: true, findings: lintParsedTemplate(text, parsed, withDefaults(partial)) };
}

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

function isTemplateText(text: string, parsed: ParsedDocument): boolean {
  return looksLikeTemplate(parsed.root) || (parsed.problems.some((p) => p.severity === 'error') && TEMPLATE_HINT.test(text));
}

function lintParsedTemplate(text: string, parsed: ParsedDocument, settings: EngineSettings): Finding[] {
  const template = looksLikeTemplate(parsed.root) ? buildTemplate(text, parsed.root) : emptyTemplate(text);
  return run(template, settings, parsed.problems, (ctx) => templatePolicies(template, ctx.endpoints()), parsed.broken);
}

function emptyTemplate(text: string): Template {
  const root: MapNode = { kind: 'map', pairs: [], start: 0, end: 0, flow: false };
  return buildTemplate(text, root);
}

function run(template: Template, settings: EngineSettings, problems: ParsedDocument['problems'], findPolicies: (ctx: RuleContext) => PolicyDoc[], pieces?: BrokenPiece[]): Finding[] {
  const ctx = makeContext(template, settings, problems, findPolicies);
  const findings: Finding[] = [];
  // After a syntax error the parser's recovered tree is a guess: judging it would report things that
  // are not there. Only the document rules speak until the text parses, except where the broken part
  // is whole resources (document/isolate.ts): the other resources are read as written, and the rules
  // that judge a resource by itself speak on them.
  // A recovered problem (a trailing comma in JSON) leaves the tree exact: it does not count.
  const broken = problems.some((p) => (p.code === 'syntax' || p.code === 'tab') && !p.recovered);
  const intact = broken ? intactResources(template, pieces) : undefined;
  for (const rule of rules) {
    const level = settings.rules[rule.meta.id];
    const documentRule = rule.meta.id.startsWith('VPCE0');
    if (level === 'off' || (broken && !documentRule && !(intact && RESOURCE_LOCAL_RULES.has(rule.meta.id)))) continue;
    let produced: Finding[];
    try {
      produced = rule.check(ctx);
    } catch (err) {
      produced = [internalError(rule.meta.id, err)];
    }
    for (const f of produced) {
      if (isIgnored(template, f)) continue;
      if (broken && !documentRule && !intact?.(f)) continue;
      findings.push(level ? { ...f, severity: level } : f);
    }
  }
  return findings.sort(byPosition);
}

/** Whether a finding lies on a resource that parsed, when only resources are broken; else undefined. */
function intactResources(template: Template, pieces: BrokenPiece[] | undefined): ((f: Finding) => boolean) | undefined {
  if (!pieces?.length || pieces.some((p) => !p.resource)) return undefined;
  const inBroken = (start: number, end: number) => pieces.some((p) => start < p.end && end > p.start);
  return (f) => {
    const resource = f.resource === undefined ? undefined : template.byId.get(f.resource);
    return resource !== undefined && !inBroken(resource.key.start, resource.key.end) && !inBroken(f.start, Math.max(f.end, f.start + 1));
  };
}

function makeContext(template: Template, settings: EngineSettings, problems: RuleContext['problems'], findPolicies: (ctx: RuleContext) => PolicyDoc[]): RuleContext {
  const values = new Resolver(template);
  let endpoints: Endpoint[] | undefined;
  let schema: { resource: Resource; problem: SchemaProblem }[] | undefined;
  let policies: PolicyDoc[] | undefined;
  let network: Network | undefined;
  const ctx: RuleContext = {
    template,
    values,
    settings,
    problems,
    textOf: textReader(values),
    endpoints: () => (endpoints ??= buildEndpoints(template, values)),
    schemaProblems: () => (schema ??= (newSchemaGeneration(), template.resources).flatMap((resource) => validateResource(resource, template.text).map((problem) => ({ resource, problem })))),
    policies: () => (policies ??= findPolicies(ctx)),
    network: () => (network ??= cfnNetwork(template, { values, endpoints: ctx.endpoints() })),
  };
  return ctx;
}

function isIgnored(template: Template, f: Finding): boolean {
  if (!f.resource) return false;
  return template.byId.get(f.resource)?.ignored.has(f.ruleId) ?? false;
}

function internalError(ruleId: string, err: unknown): Finding {
  const message = err instanceof Error ? err.message : String(err);
  return { ruleId: 'VPCE0000', severity: 'error', message: `Internal error in rule ${ruleId}: ${message}. Please report it.`, start: 0, end: 0 };
}
