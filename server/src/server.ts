// The language server's wiring: capabilities, document sync and handlers. Each handler's work lives in
// server/src/lsp/; the engine in server/src/core. Run as `node dist/server.js --stdio`. The same bundle,
// started as a worker thread, is the lint worker (server/src/lsp/lint-thread.ts).

import { createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LintThread, LINT_WORKER_ROLE, serveLints } from './lsp/lint-thread.js';
import { Linter } from './lsp/linter.js';
import { SettingsStore } from './lsp/settings.js';
import { guarded } from './lsp/guard.js';
import { quickFixes, fixAllAction } from './lsp/code-actions.js';
import { completions } from './lsp/completion.js';
import { hover } from './lsp/hover.js';
import { FIX_ALL_KIND, SETTINGS_SECTION, type InitializationOptions } from './protocol/messages.js';
import { SUGGESTION_EDIT_REQUEST, TRACE_MATRIX_REQUEST, TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type SuggestionEditParams, type SuggestionEditResult, type TraceOptionsParams, type TraceParams } from './protocol/trace.js';
import { TraceService } from './lsp/trace.js';
import { PROJECT_CONFIG_GLOBS, ProjectConfigs } from './lsp/project.js';
import { forgetProjectConfigs } from './project-config.js';
import { editorChecksJson } from './lsp/diagnostics.js';

declare const VPCE_LENS_VERSION: string;

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === LINT_WORKER_ROLE) serveLints(parentPort);
else startServer();

function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  // The rules document ships next to the bundle (dist/server.js → docs/rules.md).
  const docsBase = pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href;

  let linter: Linter | undefined;
  const traces = new TraceService();
  let settings: SettingsStore | undefined;
  let documentChanges = false;
  let canCreateFiles = false;
  let workspaceFolders: string[] = [];
  let canWatch = false;
  const projects = new ProjectConfigs((m) => {
    connection.console.warn(m);
    void connection.window.showWarningMessage(`VPC Endpoint Lens: ${m}`);
  });

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounceMs = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : 150;
    const canPull = caps.workspace?.configuration === true;
    documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    canCreateFiles = documentChanges && (caps.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
    canWatch = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    settings = new SettingsStore(
      canPull ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : undefined,
      (m) => connection.console.warn(m),
    );
    // The worker runs this very bundle; unbundled (no .js file to start), lints stay on this thread.
    const thread = new LintThread(__filename.endsWith('.js') ? __filename : undefined, (m) => connection.console.warn(m));
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders;
    linter = new Linter({ connection, documents, settings, debounceMs, docsBase, thread, folders, projects, editorChecksJson: editorChecksJson(params.clientInfo?.name) });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: [' ', '"'] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'vpce-lens', version: typeof VPCE_LENS_VERSION === 'string' ? VPCE_LENS_VERSION : 'dev' },
    };
  });

  // The project's configuration files: an edit to one re-lints every open document. Clients that
  // cannot watch files (or let the server register watchers) see a change on the next restart.
  connection.onInitialized(() => {
    if (canWatch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: PROJECT_CONFIG_GLOBS.map((globPattern) => ({ globPattern })) });
  });
  connection.onDidChangeWatchedFiles(
    guarded(connection, 'didChangeWatchedFiles', undefined, () => {
      forgetProjectConfigs();
      projects.changed();
      linter?.scheduleAll();
    }),
  );

  documents.onDidOpen((e) => linter?.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => linter?.schedule(e.document.uri));
  documents.onDidClose((e) => {
    linter?.closed(e.document.uri);
    traces.closed(e.document.uri);
  });

  connection.onDidChangeConfiguration(
    guarded(connection, 'didChangeConfiguration', undefined, (params) => {
      const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      settings?.changed(pushed);
      linter?.scheduleAll();
    }),
  );

  connection.onCodeAction(
    guarded(connection, 'codeAction', [], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !linter) return [];
      const opts = { documentChanges, ruleOff: { projects, folders: workspaceFolders, openText: (uri: string) => documents.get(uri), canCreateFiles } };
      const version = doc.version;
      const relint = await linter.relinter(doc);
      if (doc.version !== version) return [];
      const fixes = quickFixes(doc, params, opts, linter.known(doc)?.findings, relint);
      if (!params.context.only) return fixes;
      const result = await linter.current(doc);
      return result ? [...fixes, ...fixAllAction(doc, params, result.findings, opts, relint)] : fixes;
    }),
  );

  connection.onCompletion(
    guarded(connection, 'completion', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? completions(doc, doc.offsetAt(params.position)) : [];
    }),
  );

  connection.onHover(
    guarded(connection, 'hover', null, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !linter) return null;
      const result = await linter.current(doc);
      if (!result || result.kind === 'none') return null;
      return hover(doc, doc.offsetAt(params.position), result.findings, docsBase);
    }),
  );

  connection.onCodeLens(
    guarded(connection, 'codeLens', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? traces.codeLenses(doc) : [];
    }),
  );

  const missing = (uri: string) => ({ error: `${uri} is not open in the editor` });
  connection.onRequest(
    TRACE_OPTIONS_REQUEST,
    guarded(connection, 'traceOptions', { error: 'internal error' }, (params: TraceOptionsParams) => {
      const doc = documents.get(params.uri);
      return doc ? traces.options(doc) : missing(params.uri);
    }),
  );
  connection.onRequest(
    TRACE_REQUEST,
    guarded(connection, 'trace', { error: 'internal error' }, (params: TraceParams) => {
      const doc = documents.get(params.uri);
      return doc ? traces.trace(doc, params) : missing(params.uri);
    }),
  );
  connection.onRequest(
    TRACE_MATRIX_REQUEST,
    guarded(connection, 'traceMatrix', { error: 'internal error' }, (params: TraceOptionsParams) => {
      const doc = documents.get(params.uri);
      return doc ? traces.matrix(doc) : missing(params.uri);
    }),
  );
  connection.onRequest(
    SUGGESTION_EDIT_REQUEST,
    guarded(connection, 'suggestionEdit', { error: 'internal error' }, async (params: SuggestionEditParams): Promise<SuggestionEditResult> => {
      const doc = documents.get(params.uri);
      if (!doc || !linter) return missing(params.uri);
      const relint = await linter.relinter(doc);
      return traces.suggestionEdit(doc, params, relint);
    }),
  );

  // A failure anywhere else is logged, never fatal: the editor keeps its server.
  process.on('uncaughtException', (err) => connection.console.error(`Uncaught: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => connection.console.error(`Unhandled rejection: ${String(err)}`));

  connection.onShutdown(() => linter?.dispose());

  documents.listen(connection);
  connection.listen();
}
