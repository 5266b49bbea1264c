// When to analyse and what to publish. Changes are debounced; a newer version supersedes a pending or
// running analysis; diagnostics are published only for the version the server holds at that moment,
// and cleared when the document closes. Each version is analysed once (in a lint worker): the view of
// it kept here serves diagnostics, hover and completion, and code actions and the trace ask the worker
// about the same analysis (`query`).

import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { reportedByEditor, toDiagnostic } from './diagnostics.js';
import type { SettingsStore } from './settings.js';
import { settingsInEffect } from './settings-in-effect.js';
import type { SettingsInEffect } from '../protocol/editor.js';
import { pathOf, terraformFolder } from './paths.js';
import { effectiveSettings, type ProjectConfigs } from './project.js';
import type { Analyzer } from './analyzer.js';
import { oversizeView } from './size-guard.js';
import type { AnalysisView, Query, QueryAnswers } from './lint-protocol.js';
import type { NetworkFacts } from './complete/assist-types.js';
import { isTerraformDocument, openTerraformTexts } from './terraform-watch.js';
import { EditorAssemblies } from './cdk-assembly.js';
import { VarFileDiagnostics } from './tfvars-publish.js';
import type { ParentIndex } from './parent-index.js';
import type { StacksAround } from './lint-protocol.js';
import type { DocumentSettings } from './settings.js';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LinterOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  debounceMs: number;
  docsBase: string;
  /** The editor reports JSON syntax errors itself (diagnostics.ts editorChecksJson). */
  editorChecksJson?: boolean;
  analyzer: Analyzer;
  /** Workspace folder URIs, for the policy-file globs. */
  folders: readonly string[];
  /** The project's .vpce-lens.yaml, under the editor's settings. */
  projects: ProjectConfigs;
  /** Told what each lint ran with (settings-in-effect.ts). */
  inEffect?: (settings: SettingsInEffect) => void;
  /** Diagnostics went out (the code cache is written after the first: boot-hook.ts). */
  published?: () => void;
  /** The workspace's templates that deploy others by a local TemplateURL (parent-index.ts); none: not looked for. */
  parents?: ParentIndex;
}

/** How long a lint waits for the first index of parent templates; past it, the template is judged alone and again once the index is made. */
const PARENT_WAIT_MS = 2000;
/** The documents that may be CloudFormation templates (`vpce-lens check` reads these extensions: cli/files.ts). */
const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;

export class Linter {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly views = new Map<string, AnalysisView>();
  /** The analysis under way per document: every request for that version waits on this one. */
  private readonly flying = new Map<string, { version: number; view: Promise<AnalysisView | undefined> }>();
  /** Documents with a publish under way, and those changed meanwhile (published once more when it ends). */
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  /** Bumped when settings change: an analysis begun before that is not kept. */
  private generation = 0;
  /** Per document, bumped when another file of its module changes in the editor: an analysis begun before is not kept. */
  private readonly moduleEdits = new Map<string, number>();

  /** The views whose network facts were asked of the worker (withNetwork). */
  private readonly networks = new WeakMap<AnalysisView, Promise<void>>();
  /** Each document's network facts as last received (withNetwork). */
  private readonly lastNetwork = new Map<string, NetworkFacts>();

  private readonly assemblies: EditorAssemblies;
  private readonly varFiles: VarFileDiagnostics;

  constructor(private readonly o: LinterOptions) {
    this.varFiles = new VarFileDiagnostics(o.connection, o.docsBase);
    this.assemblies = new EditorAssemblies((m) => o.connection.console.warn(`VPC Endpoint Lens: ${m}`));
  }

  /** Lint after the debounce; a later call for the same document replaces this one. */
  schedule(uri: string, delay = this.o.debounceMs): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri).catch((err: unknown) => this.o.connection.console.error(`Lint of ${uri} failed: ${errorText(err)}`));
      }, delay),
    );
  }

  scheduleAll(): void {
    // Settings or project files changed: every view is stale even where the text is not.
    this.generation++;
    this.views.clear();
    this.flying.clear();
    for (const doc of this.o.documents.all()) this.schedule(doc.uri, 0);
  }

  /** One document's settings turned out other than those it was linted with: its view is stale. */
  relint(uri: string): void {
    this.generation++;
    this.views.delete(uri);
    this.flying.delete(uri);
    this.schedule(uri, 0);
  }

  /**
   * Another open file of the document's Terraform module changed in the editor (terraform-watch.ts
   * terraformDependents): the document is checked again with that text, after the debounce.
   */
  moduleChanged(uri: string): void {
    this.moduleEdits.set(uri, (this.moduleEdits.get(uri) ?? 0) + 1);
    this.views.delete(uri);
    this.flying.delete(uri);
    this.schedule(uri);
  }

  closed(uri: string): void {
    this.moduleEdits.delete(uri);
    this.lastNetwork.delete(uri);
    this.cancel(uri);
    this.views.delete(uri);
    this.flying.delete(uri);
    this.o.analyzer.forget(uri);
    this.o.settings.forget(uri);
    void this.o.connection.sendDiagnostics({ uri, diagnostics: [] });
    void this.varFiles.set(uri, []);
  }

  /** The view of the version the server holds now, when it is at hand (no waiting). */
  known(doc: TextDocument): AnalysisView | undefined {
    const known = this.views.get(doc.uri);
    return known?.version === doc.version ? known : undefined;
  }

  /**
   * The view of the document as it is now: the one at hand, the one being made, or a new one.
   * Undefined when the document changed meanwhile (its offsets would no longer fit the text).
   */
  view(doc: TextDocument): Promise<AnalysisView | undefined> {
    const known = this.known(doc);
    if (known) return Promise.resolve(known);
    const flying = this.flying.get(doc.uri);
    if (flying?.version === doc.version) return flying.view;
    const version = doc.version;
    const view = this.analyze(doc, version);
    const entry = { version, view };
    this.flying.set(doc.uri, entry);
    const done = () => {
      if (this.flying.get(doc.uri) === entry) this.flying.delete(doc.uri);
    };
    view.then(done, done);
    return view;
  }

  /**
   * A question to the worker about the analysis of the document's current version. If the worker no
   * longer holds it (evicted, or restarted), the version is analysed again, once.
   */
  async query<K extends Query['kind']>(doc: TextDocument, query: Extract<Query, { kind: K }>): Promise<QueryAnswers[K] | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const version = doc.version;
      const view = await this.view(doc);
      if (!view || view.kind === 'too-large' || !this.isCurrent(doc, version)) return undefined;
      const answer = await this.o.analyzer.query(doc.uri, view.analysis, query);
      if (answer !== undefined) return this.isCurrent(doc, version) ? answer : undefined;
      if (!this.isCurrent(doc, version)) return undefined;
      if (this.views.get(doc.uri) === view) this.views.delete(doc.uri);
    }
    return undefined;
  }

  /**
   * The view with its network facts in `assist.network`, for completion and hover: the worker makes them
   * on the first ask of a version, not on every keystroke (complete/lazy-facts.ts).
   */
  async withNetwork(doc: TextDocument, view: AnalysisView): Promise<AnalysisView> {
    if (view.kind !== 'template' || !view.assist) return view;
    let asked = this.networks.get(view);
    if (!asked) {
      asked = this.query(doc, { kind: 'network' }).then((answer) => {
        if (!answer || !view.assist) return;
        if (answer.facts) this.lastNetwork.set(doc.uri, answer.facts);
        else this.lastNetwork.delete(doc.uri);
        view.assist.network = answer.facts;
      });
      this.networks.set(view, asked);
    }
    await asked;
    if (view.assist.network) return view;
    // Not answered (the document changed meanwhile, so the worker holds a newer analysis): this answer,
    // about to be superseded, reads the facts last received (they name resources by logical id, as the
    // facts of a version that does not parse do), and a later ask of this view tries again.
    this.networks.delete(view);
    const last = this.lastNetwork.get(doc.uri);
    return last ? { ...view, assist: { ...view.assist, network: last } } : view;
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
    this.o.analyzer.dispose();
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  // One publish per document at a time: changes during an analysis do not queue stale analyses behind
  // it; the newest version is analysed once the running one ends.
  private async run(uri: string): Promise<void> {
    if (this.running.has(uri)) {
      this.again.add(uri);
      return;
    }
    this.running.add(uri);
    try {
      await this.publish(uri);
    } finally {
      this.running.delete(uri);
      if (this.again.delete(uri)) this.schedule(uri, 0);
    }
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.o.documents.get(uri);
    // A Terraform variables file handed over as a document (a client that calls it `terraform`): its
    // diagnostics are what the .tf documents of its module find there (tfvars-publish.ts), not its own.
    if (!doc || /\.tfvars(\.json)?$/i.test(pathOf(uri))) return;
    // TextDocuments updates a document in place: its version is read now, not after the awaits.
    const version = doc.version;
    const view = await this.view(doc);
    // A superseded result is dropped, never published: the newer version has its own run.
    if (!view || !this.isCurrent(doc, version)) return;
    const shown = view.kind === 'none' ? [] : view.findings.filter((f) => !reportedByEditor(f, doc.languageId, this.o.editorChecksJson ?? false, doc));
    const diagnostics = shown.map((f) => toDiagnostic(doc, f, this.o.docsBase));
    await this.o.connection.sendDiagnostics({ uri, version, diagnostics });
    if (isTerraformDocument(uri)) await this.varFiles.set(uri, view.kind === 'none' ? [] : (view.varFiles ?? []));
    this.o.published?.();
  }

  /** The same open document (not one closed and reopened since) at the same version. */
  private isCurrent(doc: TextDocument, version: number): boolean {
    return this.o.documents.get(doc.uri) === doc && doc.version === version;
  }

  private async analyze(doc: TextDocument, version: number): Promise<AnalysisView | undefined> {
    const generation = this.generation;
    const moduleEdit = this.moduleEdits.get(doc.uri);
    const settings = await this.o.settings.get(doc.uri);
    // While the settings came, the document may have changed or closed: that newer event has its own analysis.
    if (!this.isCurrent(doc, version)) return undefined;
    const project = this.o.projects.for(doc.uri, this.o.folders);
    const effective = effectiveSettings(settings, project, this.o.folders, doc.uri);
    const { policyFile, policyService } = effective;
    // A template CDK synthesised is checked in its stack's region, as the CLI checks it (cdk-assembly.ts).
    const engine = this.assemblies.settingsOf(pathOf(doc.uri), effective.engine);
    this.o.inEffect?.(settingsInEffect(doc.uri, settings, project, engine));
    // Over the size limit: one finding, decided here; the text goes to no worker (size-guard.ts).
    const oversize = oversizeView(doc, version, project?.maxFileSize);
    if (oversize) this.o.analyzer.forget(doc.uri);
    const folder = terraformFolder(this.o.folders, doc.uri);
    const openFiles = isTerraformDocument(doc.uri) ? openTerraformTexts(this.o.documents.all(), doc.uri, folder.workspaceFolder) : undefined;
    const stacks = oversize || openFiles ? undefined : await this.stacksAround(doc.uri, settings);
    if (!this.isCurrent(doc, version)) return undefined;
    const view = oversize ?? (await this.o.analyzer.analyze(doc.uri, version, doc.getText(), { fileName: pathOf(doc.uri), settings: engine, policyFile, ...(policyService ? { policyService } : {}), ...folder, ...(openFiles?.length ? { openFiles } : {}) }, stacks));
    if (!this.isCurrent(doc, version)) return undefined;
    if (generation === this.generation && moduleEdit === this.moduleEdits.get(doc.uri)) this.views.set(doc.uri, view);
    return view;
  }

  /**
   * The templates that deploy a template file as a nested stack (its CDK assembly's parents, the workspace's
   * with a local TemplateURL to it), each with the settings `vpce-lens check` would judge it with, and the
   * folder paths are shown from (the workspace folder's). The first index of the workspace is waited for a
   * while; past that the template is judged alone now and again when it is made.
   */
  private async stacksAround(uri: string, editor: DocumentSettings): Promise<StacksAround | undefined> {
    const path = pathOf(uri);
    if (!uri.startsWith('file:') || !TEMPLATE_FILE.test(path)) return undefined;
    let local: string[] = [];
    const index = this.o.parents?.parentsOf(path).catch(() => []);
    if (index) {
      const found = await Promise.race([index, new Promise<undefined>((r) => setTimeout(() => r(undefined), PARENT_WAIT_MS).unref())]);
      if (found) local = found;
      else void index.then((f) => f.length && this.o.documents.get(uri) && this.relint(uri));
    }
    const paths = [...new Set([...this.assemblies.parentsOf(path), ...local])];
    const parents = paths.map((p) => {
      const u = pathToFileURL(p).href;
      return { path: p, settings: this.assemblies.settingsOf(p, effectiveSettings(editor, this.o.projects.for(u, this.o.folders), this.o.folders, u).engine) };
    });
    const folder = this.o.folders.map(pathOf).find((f) => path.startsWith(f.replace(/\/?$/, '/')));
    return { parents, base: folder ? folder.replace(/(.)\/$/, '$1') : dirname(path) };
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
