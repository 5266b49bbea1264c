// The worker's side of the analysis: it keeps the Analysis of each open document's latest version and
// answers every question about it — the view the main thread keeps (findings, resources, service
// hovers), quick fixes, the trace, the matrix and the CodeLens — without parsing again. The same code
// runs on the main thread only where no worker can start (then only for small documents).

import { dirname } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisStats, analyze, newLintMemo, newParseCache, type Analysis, type DocumentOptions, type LintMemo, type ParseCache } from '../core/engine.js';
import { resourceIndex } from './template-position.js';
import { viewSpans, type ViewSpans } from './view-spans.js';
import { policyFileSpans } from './complete/assist-view.js';
import { DocumentFacts, factStats } from './complete/lazy-facts.js';
import { suggestionEdit, traceAnswer, traceLenses, traceMatrixAnswer, traceOptions } from './trace.js';
import { mapAnswer, mapLenses } from './map.js';
import { documentStacks, editorNestedStacks, findingsAcrossStacks, type DeployedIn, type DocumentStacks } from './nested-stacks.js';
import type { NestedStacks } from '../nested-stacks.js';
import { elementAcross } from './element-across.js';
import type { EngineSettings } from '../core/settings.js';
import { ignoreFix, type Fix } from '../core/fixes/index.js';
import type { Finding } from '../core/findings.js';
import { withConstructNames } from '../core/cdk/origins.js';
import type { AnalysisView, Query, QueryAnswers, WorkerReply, WorkerRequest } from './lint-protocol.js';
import type { AssistView, NetworkFacts, PolicySpan } from './complete/assist-types.js';
import { isTerraformFile, terraformAnalysis } from './terraform-doc.js';

interface Kept {
  id: number;
  version: number;
  analysis: Analysis;
  /** A Terraform document: no CloudFormation ignore fix; its own text's length (the module's other files follow it). */
  terraform: boolean;
  length: number;
  /** Offset ↔ position for the trace's answers, made on first use. */
  doc?: TextDocument;
  /** The file and settings it was analysed with: the trace reads the nested stacks it deploys from them. */
  path?: string;
  settings?: Partial<EngineSettings>;
  /** The nested stacks it deploys, read once a version with its analysis (none: it deploys none the server can read). */
  nested?: NestedStacks;
  /** The top parents whose stacks deploy it (a nested template), found with its findings. */
  deployedIn?: DeployedIn[];
  /** The networks across stacks its trace, map and hover read (none: alone), made on the first ask of the version. */
  stacks?: DocumentStacks[];
  /** Their hover facts, made on the first hover of an element (element-across.ts). */
  stackFacts?: NetworkFacts[];
  /** The findings shown when they are not the analysis's own (judged with its parents or nested stacks): fixes are asked by index in these. */
  shown?: readonly Finding[];
}

// Bounds on what is kept, so that many open documents cannot exhaust the worker's capped heap; an
// evicted document's next query is answered `missing` and the main thread has it analysed again.
const MAX_KEPT = 16;
const MAX_KEPT_CHARS = 4_000_000;

export class AnalysisStore {
  private readonly kept = new Map<string, Kept>();
  /** Each open document keeps the parsed pieces of its last version, so a keystroke re-parses one resource. */
  private readonly caches = new Map<string, ParseCache>();
  /** And the rules' results of its last version, so a keystroke re-runs only what it can change (core/incremental). */
  private readonly memos = new Map<string, LintMemo>();
  private lastId = 0;
  /** The network facts last sent for each document: the same object again is not sent (QueryAnswers.network `same`). */
  private readonly sentFacts = new Map<string, NetworkFacts>();
  /** Each document's network facts, made on the first ask of a version. */
  private readonly facts = new Map<string, DocumentFacts>();
  /** Each document's last spans, moved to its next version where the memo allows (view-spans.ts). */
  private readonly spans = new Map<string, ViewSpans>();

  handle(r: WorkerRequest): WorkerReply {
    try {
      if (r.type === 'forget') {
        this.kept.delete(r.key);
        this.caches.delete(r.key);
        this.memos.delete(r.key);
        this.sentFacts.delete(r.key);
        this.facts.delete(r.key);
        this.spans.delete(r.key);
        return { id: r.id, answer: null };
      }
      if (r.type === 'analyze') return { id: r.id, view: this.analyze(r.key, r.version, r.text, r.options, r.stacks) };
      if (r.query.kind === 'stats') return { id: r.id, answer: { parses: analysisStats.parses, kept: this.kept.size, facts: factStats.made } };
      const kept = this.kept.get(r.key);
      if (!kept || kept.id !== r.analysis) return { id: r.id, missing: true };
      return { id: r.id, answer: this.answer(r.key, kept, r.query) };
    } catch (err) {
      return { id: r.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
  }

  private analyze(key: string, version: number, text: string, options: Extract<WorkerRequest, { type: 'analyze' }>['options'], stacks: Extract<WorkerRequest, { type: 'analyze' }>['stacks']): AnalysisView {
    let parseCache = this.caches.get(key);
    if (!parseCache) {
      parseCache = newParseCache();
      this.caches.set(key, parseCache);
      if (this.caches.size > MAX_KEPT * 2) this.caches.delete(this.caches.keys().next().value!);
    }
    let lintMemo = this.memos.get(key);
    if (!lintMemo) {
      lintMemo = newLintMemo();
      this.memos.set(key, lintMemo);
      if (this.memos.size > MAX_KEPT * 2) this.memos.delete(this.memos.keys().next().value!);
    }
    // The old version goes before the new one is made: both at once would double the peak (the memo
    // keeps only the last version's resources and findings).
    this.kept.delete(key);
    lintMemo.sameMeaning = false;
    const terraform = isTerraformFile(options.fileName);
    const tf = terraform ? terraformAnalysis(text, options) : undefined;
    const analysis = terraform ? (tf ?? terraformUnavailable(text)) : analyze(text, { ...options, parseCache, lintMemo });
    const id = ++this.lastId;
    // A template that does not parse is not modelled: the trace and the rules do not judge its nested stacks either.
    const nested = !terraform && analysis.kind === 'template' ? editorNestedStacks(options.fileName, text, analysis.parsed.root) : undefined;
    const modelledNested = nested && (analysis.modelled ?? analysis.network() !== undefined) ? nested : undefined;
    // A template is judged with the parents that deploy it and the nested stacks it deploys, as `vpce-lens check`
    // judges it (a template that does not parse is not: what the parser recovers is a guess).
    const path = options.fileName;
    const modelled = !terraform && analysis.kind === 'template' && path !== undefined && (analysis.modelled ?? analysis.network() !== undefined);
    const across = modelled ? findingsAcrossStacks({ path, text, settings: options.settings ?? {}, findings: analysis.findings, nested: modelledNested, base: stacks?.base ?? dirname(path) }, stacks?.parents ?? []) : undefined;
    this.kept.set(key, { id, version, analysis, terraform, length: text.length, ...(path ? { path } : {}), ...(options.settings ? { settings: options.settings } : {}), ...(modelledNested ? { nested: modelledNested } : {}), ...(across?.findings ? { shown: across.findings } : {}), ...(across?.deployedIn.length ? { deployedIn: across.deployedIn } : {}) });
    this.evict();
    // A Terraform document has no CloudFormation resources for completion, snippets and assists to place. A
    // template CDK synthesised (cdk.out) names each finding's construct, as the CLI does.
    const findings = terraform ? [...analysis.findings] : withConstructNames(analysis.template, across?.findings ?? analysis.findings);
    const spans = viewSpans(analysis, terraform ? undefined : lintMemo, this.spans.get(key));
    // Kept only for a template, whose lint went through the memo: the memo's last version is then this one.
    this.spans.delete(key);
    if (analysis.kind === 'template' && !terraform) this.spans.set(key, spans);
    if (this.spans.size > MAX_KEPT * 2) this.spans.delete(this.spans.keys().next().value!);
    return { version, analysis: id, kind: analysis.kind, findings, resources: resourceIndex(terraform ? null : analysis.parsed.root), services: spans.services, ...(tf ? { reads: tf.reads, varFiles: tf.varFiles } : {}), ...(across?.reads.length ? { stackReads: across.reads } : {}), ...(modelledNested || across?.deployedIn.length ? { acrossStacks: true as const } : {}), ...(terraform ? {} : { assist: this.assist(analysis, options, key, lintMemo.sameMeaning, spans.policies) }) };
  }

  /** The assist view without its network facts: those are made and sent when completion or hover asks (query `network`). */
  private assist(analysis: Analysis, options: DocumentOptions, key: string, sameMeaning: boolean, policies: PolicySpan[]): AssistView {
    let facts = this.facts.get(key);
    if (!facts) {
      facts = new DocumentFacts();
      this.facts.set(key, facts);
      if (this.facts.size > MAX_KEPT * 2) this.facts.delete(this.facts.keys().next().value!);
    }
    facts.next(analysis, sameMeaning);
    return { policies: analysis.kind === 'policy' ? policyFileSpans(analysis, options) : analysis.kind === 'template' ? policies : [] };
  }

  /**
   * The network facts of the document's latest version, made on the first ask (complete/lazy-facts.ts);
   * `same` when they are the very ones this worker sent last for the document (the lint thread keeps those).
   */
  private network(key: string): QueryAnswers['network'] {
    const facts = this.facts.get(key)?.current();
    if (!facts) {
      this.sentFacts.delete(key);
      return {};
    }
    if (this.sentFacts.get(key) === facts) return { same: true };
    this.sentFacts.delete(key);
    this.sentFacts.set(key, facts);
    if (this.sentFacts.size > MAX_KEPT * 2) this.sentFacts.delete(this.sentFacts.keys().next().value!);
    return { facts };
  }

  private evict(): void {
    let chars = 0;
    for (const k of this.kept.values()) chars += k.analysis.text.length;
    for (const [key, k] of this.kept) {
      if (this.kept.size <= 1 || (this.kept.size <= MAX_KEPT && chars <= MAX_KEPT_CHARS)) break;
      this.kept.delete(key);
      chars -= k.analysis.text.length;
    }
  }

  private answer(key: string, kept: Kept, q: Query): QueryAnswers[Query['kind']] {
    const a = kept.analysis;
    const doc = () => (kept.doc ??= TextDocument.create(key, 'yaml', kept.version, a.text));
    // As `vpce-lens trace` answers: a CloudFormation template with the nested stacks it deploys, or a nested
    // template as the parents that deploy it inline it; read once a version.
    const stacks = () => (kept.stacks ??= kept.path ? documentStacks(kept.path, kept.settings ?? {}, kept.nested, kept.deployedIn ?? []) : []);
    switch (q.kind) {
      case 'fixes':
        return q.findings.map((i) => fixesOf(a, (kept.shown ?? a.findings)[i], kept.terraform));
      case 'fixAll':
        return a.fixAll();
      case 'traceOptions':
        return traceOptions(a, stacks());
      case 'trace':
        return traceAnswer(a, q.params, (o) => doc().positionAt(o), stacks());
      case 'suggestionEdit':
        return suggestionEdit(a, q.params, kept.version, (o) => doc().positionAt(o), stacks());
      case 'matrix':
        return traceMatrixAnswer(a, stacks());
      case 'lenses':
        return [...traceLenses(a, key, (o) => doc().positionAt(o), q.services, kept.length, stacks()), ...mapLenses(a, key, (o) => doc().positionAt(o), stacks())];
      case 'map':
        return mapAnswer(a, q.params, (o) => doc().positionAt(o), stacks());
      case 'element':
        return elementAcross(stacks(), (kept.stackFacts ??= []), q.element);
      case 'network':
        return this.network(key);
      case 'stats':
        return { parses: analysisStats.parses, kept: this.kept.size, facts: factStats.made };
    }
  }
}

/** A finding's verified fixes, and the fix that ignores its rule for its resource (never for an internal error). */
function fixesOf(a: Analysis, finding: Finding | undefined, terraform: boolean): { fixes: Fix[]; ignore?: Fix } {
  if (!finding) return { fixes: [] };
  const fixes = a.verifiedFixes(finding);
  // The ignore fix writes CloudFormation Metadata: not into a Terraform file.
  if (finding.ruleId === 'VPCE0000' || !finding.resource || terraform) return { fixes };
  const source = a.fixSource();
  const ignore = ignoreFix(source.text, source.root, source.json, finding.resource, finding.ruleId);
  return ignore ? { fixes, ignore } : { fixes };
}

/** The parser did not load: one finding says so, at the start, and nothing is judged. */
function terraformUnavailable(text: string): Analysis {
  const a = analyze('', {});
  const findings = [{ ruleId: 'VPCE0000', severity: 'error' as const, message: 'The Terraform parser could not be loaded; restart the server (VPC Endpoint Lens: Restart Server).', start: 0, end: Math.min(1, text.length) }];
  return { ...a, text, findings };
}
