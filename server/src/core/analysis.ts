// One analysis per document version: the text is parsed once, and everything any face asks about that
// version — findings, quick fixes, the endpoints, the network model the trace walks — is read from here.
// The parts only some requests need (the network model, a finding's fixes) are built on first use and
// kept, so a version that is only linted never pays for a trace, and one that is traced builds its
// model once for the rules, the trace, the matrix and the CodeLens together.

import { parseText, treeBrokenBy, type ParsedDocument } from './document/parse.js';
import { newParseCache, parseWithCache, type ParseCache } from './document/segmented.js';
import type { MapNode } from './document/tree.js';
import { buildTemplate, looksLikeTemplate, type Resource, type Template } from './cfn/template.js';
import { Resolver } from './cfn/resolve.js';
import { buildEndpoints, type Endpoint } from './cfn/endpoints.js';
import { cfnNetwork, partsReuse, type NetworkReuse } from './cfn/network-set.js';
import type { ModelParts } from './cfn/model-reuse.js';
import type { Network } from './model/network.js';
import type { Suggestion } from './trace/types.js';
import { newSchemaGeneration, validateResource, type SchemaProblem } from './schema/validate.js';
import { byPosition, type Finding } from './findings.js';
import { withDefaults, type EngineSettings } from './settings.js';
import { rules } from './rules/index.js';
import type { Rule, RuleContext } from './rules/types.js';
import { CFN_WORDS, type Words } from './rules/words.js';
import { templatePolicies } from './policy/extract.js';
import { isEndpointPolicyFile, policyFileDoc } from './policy/policy-file.js';
import { textReader } from './policy/model.js';
import type { PolicyDoc } from './policy/policy-doc.js';
import { RESOURCE_LOCAL_RULES } from './rules/resource-local.js';
import type { BrokenPiece } from './document/isolate.js';
import { lintWithMemo, newLintMemo, type LintMemo, type ModelPlan } from './incremental/lint.js';
import { restrictedTemplate } from './incremental/restrict.js';
import { ruleScope } from './incremental/scope.js';
import { templateTransforms } from './cfn/transforms.js';
import type { Fix, FixSource, TextEdit } from './fixes/index.js';
import type * as FixModules from './fixes/index.js';

// The quick fixes (some thirty modules) are loaded the first time one is asked for: the editor asks
// on a code action, a CLI check never does, and it evaluated them all before reading its template.
let fixModules: typeof FixModules | undefined;
const fixing = () => (fixModules ??= require('./fixes/index.js') as typeof FixModules);

export type DocumentKind = 'template' | 'policy' | 'none';

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
  /**
   * The rules' results of this document's last version (an editor's document): only what an edit can
   * change is linted again, and the network model is put together from the last version's parts. Those
   * parts move to the new offsets in place: an analysis made with a memo is that version's until the
   * memo's next version is analysed.
   */
  lintMemo?: LintMemo;
  /** The workspace folder that holds the document: a Terraform module call's local folder is read only within it. */
  workspaceFolder?: string;
  /** Terraform in an editor: the other open documents of the workspace folder (saved or not), read instead of their files. */
  openFiles?: readonly { path: string; text: string }[];
}

export interface Analysis {
  readonly text: string;
  readonly kind: DocumentKind;
  /** The located tree and what the parser found wrong with the text. */
  readonly parsed: ParsedDocument;
  /** The template model: empty for a policy file, a text that is not a template, or one that does not parse. */
  readonly template: Template;
  /** Every finding, sorted by position, with the user's severities applied. */
  readonly findings: readonly Finding[];
  /** Every AWS::EC2::VPCEndpoint, worked out once for the rules, hover and the model. */
  endpoints(): readonly Endpoint[];
  /** The network model the trace walks; undefined unless the text is a template that parses. */
  network(): Network | undefined;
  /** Whether network() answers a model (made on its first call): a template that parses. */
  readonly modelled?: boolean;
  /** The text, tree and style the fixes read: this version's own. */
  fixSource(): FixSource;
  /** The quick fixes of one finding of this analysis, against this version's tree (not yet verified). */
  fixes(finding: Finding): Fix[];
  /** The fixes of one finding that a lint of the fixed text confirms (fixes/verify.ts); kept per finding. */
  verifiedFixes(finding: Finding): Fix[];
  /** Fix all: the preferred verified fixes applied until none is left, as edits of this text. */
  fixAll(): TextEdit[];
  /** The findings of another text (this one with a fix applied) under the same options. */
  relint(text: string): readonly Finding[];
  /**
   * A trace suggestion as an edit, where the format writes its own (Terraform: HCL); absent for a
   * template, whose suggestions the fixes of its tree make (fixes/suggestions.ts).
   */
  suggestionFix?(suggestion: Suggestion, from: string): Fix | undefined;
  /**
   * Why a fix of this analysis is not a good result (undefined: it is), where `relint` of one text
   * cannot judge it: a Terraform fix with edits in other files of the module.
   */
  checkFix?(fix: Fix): string | undefined;
}

/**
 * How many texts `analyze` has parsed in this thread (`parses`), and how many fixed texts were linted to
 * verify a quick fix (`relints`): the one-parse-per-version test reads them.
 */
export const analysisStats = { parses: 0, relints: 0 };

export { newParseCache, type ParseCache };
export { newLintMemo, type LintMemo };

// A text that fails to parse is still ours when it plainly tries to be a template.
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

/** What every face calls: a template or a standalone endpoint policy gets its findings; any other YAML/JSON file is kind 'none'. */
export function analyze(text: string, options: DocumentOptions = {}): Analysis {
  analysisStats.parses++;
  return analyzeText(text, options);
}

function analyzeText(text: string, options: DocumentOptions): Analysis {
  const settings = withDefaults(options.settings);
  const json = options.fileName ? /\.json$/i.test(options.fileName) : looksLikeJson(text);
  const parsed = options.parseCache && !json ? parseWithCache(text, options.parseCache) : parseText(text, { json });
  if (isTemplateText(text, parsed)) return templateAnalysis(text, parsed, settings, options);
  if (json && isEndpointPolicyFile(parsed.root, options.fileName, options.policyFile ?? false)) {
    const doc = policyFileDoc(text, parsed, options.fileName, options.policyService);
    return build('policy', text, parsed, emptyTemplate(text), settings, options, false, () => [doc]);
  }
  return build('none', text, parsed, emptyTemplate(text), settings, options, false, () => [], false);
}

/** Templates only (what the CLI's template benchmarks call): whole parse, no policy files. */
export function analyzeTemplate(text: string, partial?: Partial<EngineSettings>): Analysis | undefined {
  analysisStats.parses++;
  const parsed = parseText(text, { json: looksLikeJson(text) });
  return isTemplateText(text, parsed) ? templateAnalysis(text, parsed, withDefaults(partial), { settings: partial ?? {} }) : undefined;
}

/**
 * A module another adapter lowered into the engine's inputs (core/tf/lower.ts): judged as a template.
 * Rules in `silent` have no meaning for that format and stay off whatever the settings say; quick
 * fixes are not offered (they would be edits of the lowered tree, not of the format's text).
 */
export function analyzeLowered(text: string, root: MapNode, problems: ParsedDocument['problems'], options: DocumentOptions, silent: ReadonlySet<string>, words: Words): Analysis {
  analysisStats.parses++;
  const settings = withDefaults(options.settings);
  const rules = { ...settings.rules, ...Object.fromEntries([...silent].map((id) => [id, 'off' as const])) };
  const template = buildTemplate(text, root);
  const a = build('template', text, { root, problems }, template, { ...settings, rules }, options, !isBroken(problems), (ctx) => templatePolicies(template, ctx.endpoints()), true, words);
  return { ...a, fixes: () => [], verifiedFixes: () => [], fixAll: () => [] };
}

/**
 * A template another reader put together from located trees (core/cdk/nested-inline.ts: a parent with the
 * nested stacks it deploys, nested-network.ts inlinedTemplate, which tells it the regions and passed
 * parameters): judged as a template that parses. Quick fixes are not offered (its text is no file's).
 */
export function analyzeBuilt(template: Template, partial?: Partial<EngineSettings>): Analysis {
  analysisStats.parses++;
  const settings = withDefaults(partial);
  const a = build('template', template.text, { root: template.root, problems: [] }, template, settings, { settings: partial ?? {} }, true, (ctx) => templatePolicies(template, ctx.endpoints()));
  return { ...a, fixes: () => [], verifiedFixes: () => [], fixAll: () => [] };
}

function templateAnalysis(text: string, read: ParsedDocument, settings: EngineSettings, options: DocumentOptions): Analysis {
  // What CloudFormation reads all the same (a trailing comma in a JSON template) is no problem of a template's.
  const parsed = read.problems.some((p) => p.cloudFormationAccepts) ? { ...read, problems: read.problems.filter((p) => !p.cloudFormationAccepts) } : read;
  const root = parsed.root;
  const template = looksLikeTemplate(root) ? buildTemplate(text, root) : emptyTemplate(text);
  if (settings.passedParameters) template.passed = settings.passedParameters;
  if (settings.regions.length) template.regions = settings.regions;
  // After a syntax error the recovered tree is a guess: the trace, like the rules, does not judge it.
  const modelled = template.root === root && !isBroken(parsed.problems);
  return build('template', text, parsed, template, settings, options, modelled, (ctx) => templatePolicies(template, ctx.endpoints()));
}

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

function isTemplateText(text: string, parsed: ParsedDocument): boolean {
  return looksLikeTemplate(parsed.root) || (parsed.problems.some((p) => p.severity === 'error') && TEMPLATE_HINT.test(text));
}

function emptyTemplate(text: string): Template {
  const root: MapNode = { kind: 'map', pairs: [], start: 0, end: 0, flow: false };
  return buildTemplate(text, root);
}

function build(
  kind: DocumentKind,
  text: string,
  parsed: ParsedDocument,
  template: Template,
  settings: EngineSettings,
  options: DocumentOptions,
  modelled: boolean,
  findPolicies: (ctx: RuleContext) => PolicyDoc[],
  lint = true,
  words = CFN_WORDS,
): Analysis {
  // An editor's document: the network model is put together from the last version's parts the edit
  // left as they were (cfn/model-reuse.ts); the lint memo says which, before any rule asks for it.
  let reuse: NetworkReuse | undefined;
  const ctx = makeContext(template, settings, parsed.problems, findPolicies, words, () => reuse);
  // One context per re-linted resource, shared by its rules (as the whole template's is by all of them).
  const restricted = new Map<Resource, RuleContext>();
  const restrictedOf = (r: Resource) => restricted.get(r) ?? restricted.set(r, restrictedContext(ctx, r, findPolicies)).get(r)!;
  const memo = kind === 'template' && options.lintMemo ? { memo: options.lintMemo, key: memoKey(settings, options), restricted: restrictedOf, modelPlan: (plan: ModelPlan | undefined, keep: (role: string, parts: ModelParts) => void) => (reuse = partsReuse(plan, keep)) } : undefined;
  const findings = lint ? runRules(ctx, kind === 'template' ? parsed.broken : undefined, memo) : [];
  // The fixes read the tree the rules read; JSON-ness is the text's own (a fix writes in its style).
  let source: FixSource | undefined;
  const fixSource = () => (source ??= { text, root: parsed.root, json: /^\uFEFF?\s*[{[]/.test(text) });
  // A fix is verified by linting the fixed text: a whole analysis of another text, with this one's
  // options (not its parse cache: the pieces of a text the user never typed are not worth keeping).
  const { parseCache: _cache, lintMemo: _memo, ...relintOptions } = options;
  const relint = (other: string): readonly Finding[] => {
    if (other === text) return findings;
    analysisStats.relints++;
    return analyzeText(other, relintOptions).findings;
  };
  const verified = new Map<Finding, Fix[]>();
  return {
    text,
    kind,
    parsed,
    template,
    findings,
    endpoints: ctx.endpoints,
    network: () => (modelled ? ctx.network() : undefined),
    modelled,
    fixSource,
    fixes: (finding) => fixing().fixesFor(fixSource(), finding),
    verifiedFixes: (finding) => {
      let fixes = verified.get(finding);
      if (!fixes) verified.set(finding, (fixes = fixing().verifiedFixes(fixSource(), finding, findings, relint)));
      return fixes;
    },
    // Cheap first: a document none of whose rules has a preferred fix costs no lint.
    fixAll: () => (findings.some((f) => fixing().hasPreferredFix(f.ruleId)) ? fixing().diffEdits(text, fixing().fixAllText(text, relint).text) : []),
    relint,
  };
}

// What a lint's findings depend on besides the text: another key lints from scratch.
function memoKey(settings: EngineSettings, options: DocumentOptions): string {
  return JSON.stringify([settings, options.fileName ?? '', options.policyFile ?? false, options.policyService ?? ''], (_k, v) => (v instanceof Set ? [...v] : v instanceof Map ? [...v] : v));
}

/** The context of one resource: what a resource-scoped rule reads when only that resource is linted again. */
function restrictedContext(ctx: RuleContext, resource: Resource, findPolicies: (ctx: RuleContext) => PolicyDoc[]): RuleContext {
  const { rules: ruleTemplate, model: modelTemplate } = restrictedTemplate(ctx.template, resource);
  const c = makeContext(ruleTemplate, ctx.settings, ctx.problems, findPolicies, ctx.words);
  let network: Network | undefined;
  return { ...c, network: () => (network ??= cfnNetwork(modelTemplate, { values: c.values, endpoints: c.endpoints() }, c.words, undefined, ctx.settings.regions, ctx.settings.outsideRules)) };
}

function makeContext(template: Template, settings: EngineSettings, problems: RuleContext['problems'], findPolicies: (ctx: RuleContext) => PolicyDoc[], words: Words, reuse: () => NetworkReuse | undefined = () => undefined): RuleContext {
  const values = new Resolver(template);
  let endpoints: Endpoint[] | undefined;
  let network: Network | undefined;
  let schema: { resource: Resource; problem: SchemaProblem }[] | undefined;
  let policies: PolicyDoc[] | undefined;
  const ctx: RuleContext = {
    template,
    values,
    settings,
    problems,
    words,
    textOf: textReader(values),
    endpoints: () => (endpoints ??= buildEndpoints(template, values)),
    network: () => (network ??= cfnNetwork(template, { values, endpoints: ctx.endpoints() }, words, reuse(), settings.regions, settings.outsideRules)),
    schemaProblems: () => (schema ??= (newSchemaGeneration(), template.resources).flatMap((resource) => validateResource(resource, template.text).map((problem) => ({ resource, problem })))),
    policies: () => (policies ??= findPolicies(ctx)),
  };
  return ctx;
}

interface MemoUse {
  memo: LintMemo;
  key: string;
  restricted(r: Resource): RuleContext;
  modelPlan(plan: ModelPlan | undefined, keep: (role: string, parts: ModelParts) => void): void;
}

function runRules(ctx: RuleContext, pieces: BrokenPiece[] | undefined, memo?: MemoUse): Finding[] {
  const { template, settings, problems } = ctx;
  const findings: Finding[] = [];
  // After a syntax error the parser's recovered tree is a guess: judging it would report things that
  // are not there. Only the document rules speak until the text parses, except where the broken part
  // is whole resources (document/isolate.ts): the other resources are read as written, and the rules
  // that judge a resource by itself speak on them.
  const broken = isBroken(problems);
  const intact = broken ? intactResources(template, pieces) : undefined;
  const active = rules.filter((rule) => {
    const documentRule = rule.meta.id.startsWith('VPCE0');
    return settings.rules[rule.meta.id] !== 'off' && !(broken && !documentRule && !(intact && RESOURCE_LOCAL_RULES.has(rule.meta.id)));
  });
  const run = (rule: Rule, c: RuleContext): Finding[] => {
    try {
      return rule.check(c);
    } catch (err) {
      return [internalError(rule.meta.id, err)];
    }
  };
  // An editor's document: each rule's findings of the last version are kept, and an edit re-runs only
  // what it can change (incremental/lint.ts). A template that does not parse whole, or whose resources a
  // macro or a loop rewrites, is linted from scratch.
  const byId = new Map(active.map((r) => [r.meta.id, r]));
  const outputs = memo
    ? lintWithMemo(memo.memo, {
        text: template.text,
        template,
        key: memo.key,
        eligible: !broken && template.root.pairs.length > 0 && !templateTransforms(template.root).length,
        rules: active.map((r) => ({ id: r.meta.id, scope: ruleScope(r.meta.id) })),
        run: (id, only) => run(byId.get(id)!, only ? memo.restricted(only) : ctx),
        modelPlan: memo.modelPlan,
      })
    : undefined;
  for (const rule of active) {
    const level = settings.rules[rule.meta.id];
    const documentRule = rule.meta.id.startsWith('VPCE0');
    const produced = outputs ? outputs.get(rule.meta.id)! : run(rule, ctx);
    for (const f of produced) {
      if (isIgnored(template, f)) continue;
      if (broken && !documentRule && !intact?.(f)) continue;
      findings.push(level && level !== 'off' ? { ...f, severity: level } : f);
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

function isBroken(problems: readonly ParsedDocument['problems'][number][]): boolean {
  return treeBrokenBy(problems) !== undefined;
}

function isIgnored(template: Template, f: Finding): boolean {
  if (!f.resource) return false;
  return template.byId.get(f.resource)?.ignored.has(f.ruleId) ?? false;
}

function internalError(ruleId: string, err: unknown): Finding {
  const message = err instanceof Error ? err.message : String(err);
  return { ruleId: 'VPCE0000', severity: 'error', message: `Internal error in rule ${ruleId}: ${message}. Please report it.`, start: 0, end: 0 };
}
