// When to lint and what to publish. Changes are debounced; a newer version supersedes a pending or
// running lint; diagnostics are published only for the version the server holds at that moment, and
// cleared when the document closes. The last result per document is kept for hovers and fix-all.

import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDocument, type DocumentKind } from '../core/engine.js';
import type { Finding } from '../core/findings.js';
import { reportedByEditor, toDiagnostic } from './diagnostics.js';
import type { DocumentSettings, SettingsStore } from './settings.js';
import { pathOf } from './paths.js';
import { effectiveSettings, type ProjectConfigs } from './project.js';
import type { LintThread } from './lint-thread.js';

export interface LintResult {
  version: number;
  kind: DocumentKind;
  findings: Finding[];
}

export interface LinterOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  debounceMs: number;
  docsBase: string;
  /** The editor reports JSON syntax errors itself (diagnostics.ts editorChecksJson). */
  editorChecksJson?: boolean;
  thread: LintThread;
  /** Workspace folder URIs, for the policy-file globs. */
  folders: readonly string[];
  /** The project's .vpce-lens.yaml, under the editor's settings. */
  projects: ProjectConfigs;
}

export class Linter {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, LintResult>();
  /** Documents with a lint under way, and those changed meanwhile (linted once more when it ends). */
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly o: LinterOptions) {}

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
    for (const doc of this.o.documents.all()) this.schedule(doc.uri, 0);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.results.delete(uri);
    this.o.settings.forget(uri);
    void this.o.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The last lint of the document when it is for the version the server holds now. */
  known(doc: TextDocument): LintResult | undefined {
    const known = this.results.get(doc.uri);
    return known?.version === doc.version ? known : undefined;
  }

  /**
   * The findings for the document as it is now: the last lint when it is current, else a new one.
   * Undefined when the document changed meanwhile (its offsets would no longer fit the text).
   */
  async current(doc: TextDocument): Promise<LintResult | undefined> {
    const known = this.results.get(doc.uri);
    if (known?.version === doc.version) return known;
    const version = doc.version;
    const settings = await this.o.settings.get(doc.uri);
    if (!this.isCurrent(doc, version)) return undefined;
    const result = await this.lint(doc, settings);
    return this.isCurrent(doc, version) ? result : undefined;
  }

  /**
   * A lint of other texts of this document (a quick fix applied in memory) with the document's own
   * settings, run here rather than in the worker: code actions verify their fixes with it.
   */
  async relinter(doc: TextDocument): Promise<(text: string) => Finding[]> {
    const settings = await this.o.settings.get(doc.uri);
    const { engine, policyFile, policyService } = effectiveSettings(settings, this.o.projects.for(doc.uri), this.o.folders, doc.uri);
    const options = { fileName: pathOf(doc.uri), settings: engine, policyFile, ...(policyService ? { policyService } : {}) };
    return (text) => lintDocument(text, options).findings;
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
    this.o.thread.dispose();
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  // One lint per document at a time: changes during a lint do not queue stale lints behind it; the
  // newest version is linted once the running one ends.
  private async run(uri: string): Promise<void> {
    if (this.running.has(uri)) {
      this.again.add(uri);
      return;
    }
    this.running.add(uri);
    try {
      await this.lintAndPublish(uri);
    } finally {
      this.running.delete(uri);
      if (this.again.delete(uri)) this.schedule(uri, 0);
    }
  }

  private async lintAndPublish(uri: string): Promise<void> {
    const doc = this.o.documents.get(uri);
    if (!doc) return;
    // TextDocuments updates a document in place: its version is read now, not after the awaits.
    const version = doc.version;
    const settings = await this.o.settings.get(uri);
    // While the settings came, the document may have changed or closed: that newer event has its own lint.
    if (!this.isCurrent(doc, version)) return;
    const result = await this.lint(doc, settings);
    // The same while the worker linted: a superseded result is dropped, never published.
    if (!this.isCurrent(doc, version)) return;
    const shown = result.kind === 'none' ? [] : result.findings.filter((f) => !reportedByEditor(f, doc.languageId, this.o.editorChecksJson ?? false));
    const diagnostics = shown.map((f) => toDiagnostic(doc, f, this.o.docsBase));
    await this.o.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** The same open document (not one closed and reopened since) at the same version. */
  private isCurrent(doc: TextDocument, version: number): boolean {
    return this.o.documents.get(doc.uri) === doc && doc.version === version;
  }

  private async lint(doc: TextDocument, settings: DocumentSettings): Promise<LintResult> {
    const version = doc.version;
    const { engine, policyFile, policyService } = effectiveSettings(settings, this.o.projects.for(doc.uri), this.o.folders, doc.uri);
    const { kind, findings } = await this.o.thread.lint(doc.getText(), { fileName: pathOf(doc.uri), settings: engine, policyFile, ...(policyService ? { policyService } : {}) });
    const result = { version, kind, findings };
    if (this.isCurrent(doc, version)) this.results.set(doc.uri, result);
    return result;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
