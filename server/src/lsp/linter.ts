// When to lint and what to publish. Changes are debounced; a newer version supersedes a pending or
// running lint; diagnostics are published only for the version the server holds at that moment, and
// cleared when the document closes. The last result per document is kept for hovers and fix-all.

import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDocument, type DocumentKind } from '../core/engine.js';
import type { Finding } from '../core/findings.js';
import { toDiagnostic } from './diagnostics.js';
import type { SettingsStore } from './settings.js';

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
}

export class Linter {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, LintResult>();

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

  /** The findings for the document as it is now: the last lint when it is current, else a new one. */
  async current(doc: TextDocument): Promise<LintResult> {
    const known = this.results.get(doc.uri);
    if (known?.version === doc.version) return known;
    const settings = await this.o.settings.get(doc.uri);
    return this.lint(doc, settings.engine);
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const before = this.o.documents.get(uri);
    if (!before) return;
    const settings = await this.o.settings.get(uri);
    // While the settings came, the document may have changed or closed: that newer event has its own lint.
    const doc = this.o.documents.get(uri);
    if (!doc || doc.version !== before.version) return;
    const result = this.lint(doc, settings.engine);
    // Linting is synchronous: nothing can have changed the document since it started.
    const diagnostics = result.kind === 'none' ? [] : result.findings.map((f) => toDiagnostic(doc, f, this.o.docsBase));
    await this.o.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  private lint(doc: TextDocument, engine: Parameters<typeof lintDocument>[1]['settings']): LintResult {
    const { kind, findings } = lintDocument(doc.getText(), { fileName: fileNameOf(doc.uri), settings: engine });
    const result = { version: doc.version, kind, findings };
    if (this.o.documents.get(doc.uri)) this.results.set(doc.uri, result);
    return result;
  }
}

/** The path of a file: URI (the engine uses the name to recognise policy files). */
export function fileNameOf(uri: string): string {
  try {
    const url = new URL(uri);
    return decodeURIComponent(url.pathname);
  } catch {
    return uri;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
