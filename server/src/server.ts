// The language server's wiring: capabilities, document sync and handlers. Each handler's work lives in
// server/src/lsp/; the engine in server/src/core. Run as `node dist/server.js --stdio`. The same bundle,
// started as a worker thread, is the lint worker (server/src/lsp/lint-thread.ts).

import { CodeLensRefreshRequest, createConnection, DidChangeWatchedFilesNotification, StreamMessageReader, StreamMessageWriter, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind, CodeActionKind, type InitializeError, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LINT_WORKER_ROLE, serveLints } from './lsp/lint-thread.js';
import { Analyzer } from './lsp/analyzer.js';
import { indexedDocuments } from './lsp/text-document.js';
import { Linter } from './lsp/linter.js';
import { SettingsStore } from './lsp/settings.js';
import { guarded } from './lsp/guard.js';
import { fixAllAction, quickFixes, requestedFindings, wantsFixAll } from './lsp/code-actions.js';
import { completions, resolveCompletion } from './lsp/completion.js';
import { elementMark, hover } from './lsp/hover.js';
import { FIX_ALL_KIND, SETTINGS_SECTION, WORKSPACE_TRUSTED_NOTIFICATION, type InitializationOptions } from './protocol/messages.js';
import { SUGGESTION_EDIT_REQUEST, TRACE_MATRIX_REQUEST, TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type SuggestionEditParams, type SuggestionEditResult, type TraceParams } from './protocol/trace.js';
import type { Query } from './lsp/lint-protocol.js';
import { PROJECT_CONFIG_GLOBS, ProjectConfigs, isProjectConfigFile } from './lsp/project.js';
import { TERRAFORM_WATCH_GLOBS, isWatchedTerraformFile, terraformDependents } from './lsp/terraform-watch.js';
import { TEMPLATE_WATCH_GLOBS, templateDependents } from './lsp/template-watch.js';
import { ParentIndex } from './lsp/parent-index.js';
import { forgetProjectConfigs } from './project-config.js';
import { editorChecksJson } from './lsp/diagnostics.js';
import { SettingsReporter } from './lsp/settings-in-effect.js';
import { RULE_DOCS_REQUEST, SETTINGS_IN_EFFECT_NOTIFICATION } from './protocol/editor.js';
import { ruleDocs } from './lsp/rule-docs.js';
import { MAP_REQUEST, type MapParams } from './protocol/map.js';
import { DEFAULT_MAX_FILE_SIZE, SIZE_LIMIT_REQUEST, TOO_LARGE_TO_TRACE, type SizeLimit, type SizeLimitParams } from './protocol/size-limit.js';
import { boot } from './boot-hook.js';

declare const VPCE_LENS_VERSION: string;

/** The workers' heap caps: the defaults, or (for tests of a worker running out of memory) the environment's. */
function heapLimits(): { heapMb?: number; largeHeapMb?: number } {
  const mb = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  const heapMb = mb(process.env.VPCE_LENS_LINT_HEAP_MB);
  const largeHeapMb = mb(process.env.VPCE_LENS_LARGE_LINT_HEAP_MB);
  return { ...(heapMb ? { heapMb } : {}), ...(largeHeapMb ? { largeHeapMb } : {}) };
}

/** performance.now() (ms since the process started) when this bundle began to run: the cold-start log. */
const bundleRunningAt = performance.now();

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === LINT_WORKER_ROLE) serveLints(parentPort);
else startServer();

function startServer(): void {
  // Over stdio (what every client here uses) the reader is ours, to watch its framing; other
  // transports (--node-ipc, --socket) are left to the library.
  const stdio = process.argv.includes('--stdio');
  const reader = stdio ? new StreamMessageReader(process.stdin) : undefined;
  const connection = reader ? createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout)) : createConnection(ProposedFeatures.all);
  // A frame whose header cannot be read leaves the stream at an unknown place: every later message
  // would be misread and the server would go silent. Exit instead, so that the client restarts it.
  // (A well-framed message that is not JSON is a SyntaxError; the reader is still in step after it.)
  reader?.onError((err) => {
    if (err instanceof SyntaxError) return;
    process.stderr.write(`vpce-lens: the message stream is out of step (${err.message.split('\n')[0]}); exiting so that the client restarts the server\n`);
    process.exit(1);
  });
  const documents = new TextDocuments(indexedDocuments);
  // The rules document ships next to the bundle (dist/server.js → docs/rules.md).
  const docsBase = pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href;

  let linter: Linter | undefined;
  let analyzer: Analyzer | undefined;
  const reporter = new SettingsReporter((m) => connection.console.info(m), (s) => void connection.sendNotification(SETTINGS_IN_EFFECT_NOTIFICATION, s));
  let settings: SettingsStore | undefined;
  let documentChanges = false;
  let canCreateFiles = false;
  let workspaceFolders: string[] = [];
  let sharedCompletionDefaults = false;
  let canWatch = false;
  let codeLensRefresh = false;
  let trusted = true;
  let parents: ParentIndex | undefined;
  const projects = new ProjectConfigs((m) => {
    connection.console.warn(m);
    void connection.window.showWarningMessage(`VPC Endpoint Lens: ${m}`);
  });

  // The cold start's steps, logged once at the first diagnostics (test/e2e/cold-start.mjs reads the line).
  let initializeAt: number | undefined;
  let openedAt: number | undefined;
  let published = false;
  const firstPublish = () => {
    if (published) return;
    published = true;
    const ms = (t: number | undefined) => (t === undefined ? '?' : String(Math.round(t)));
    connection.console.info(`server: first diagnostics ${ms(performance.now())} ms after the process started (bundle running ${ms(bundleRunningAt)}, initialize ${ms(initializeAt)}, document opened ${ms(openedAt)}, lint worker ready ${ms(analyzer?.workerReadyAt)}; code cache ${boot()?.cache ?? 'off'})`);
    boot()?.warm();
  };

  connection.onInitialize((params): InitializeResult | ResponseError<InitializeError> => {
    initializeAt = performance.now();
    // LSP allows one initialize per connection; a second one would start a second set of workers.
    if (linter) return new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.', { retry: false });
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounceMs = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : 150;
    const canPull = caps.workspace?.configuration === true;
    documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    canCreateFiles = documentChanges && (caps.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
    canWatch = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
    const defaults = caps.textDocument?.completion?.completionList?.itemDefaults ?? [];
    sharedCompletionDefaults = defaults.includes('editRange') && defaults.includes('insertTextFormat');
    settings = new SettingsStore(
      canPull ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : undefined,
      (m) => connection.console.warn(m),
      options[SETTINGS_SECTION],
      options.settingsForEveryDocument === true,
      (uri) => linter?.relint(uri),
      { line: (m) => connection.console.warn(m), window: (m) => void connection.window.showWarningMessage(`VPC Endpoint Lens: ${m}`) },
    );
    // The worker runs this very bundle; unbundled (no .js file to start), lints stay on this thread.
    analyzer = new Analyzer({ script: boot()?.script ?? (__filename.endsWith('.js') ? __filename : undefined), log: (m) => connection.console.warn(m), ...heapLimits() });
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders;
    trusted = options.workspaceTrusted !== false;
    parents = new ParentIndex(() => folders.filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f)), () => trusted, (m) => connection.console.info(`VPC Endpoint Lens: ${m}`));
    linter = new Linter({ connection, documents, settings, debounceMs, docsBase, analyzer, folders, projects, parents, editorChecksJson: editorChecksJson(params.clientInfo?.name), inEffect: (s) => reporter.report(s), published: () => firstPublish() });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: [' ', '"'], resolveProvider: true },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'vpce-lens', version: typeof VPCE_LENS_VERSION === 'string' ? VPCE_LENS_VERSION : 'dev' },
    };
  });

  // The project's configuration files: an edit to one re-lints every open document. Terraform files
  // changed on disk re-check the open .tf documents whose module read them (lsp/terraform-watch.ts).
  // Clients that cannot watch files (or let the server register watchers) see a change on the next
  // restart (configuration) or when the file is saved in the editor (Terraform).
  // Templates changed on disk re-check the open templates judged with them (a parent, a nested stack) or whose
  // parents they change (lsp/template-watch.ts).
  connection.onInitialized(() => {
    if (canWatch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [...PROJECT_CONFIG_GLOBS, ...TERRAFORM_WATCH_GLOBS, ...TEMPLATE_WATCH_GLOBS].map((globPattern) => ({ globPattern })) });
  });
  connection.onDidChangeWatchedFiles(
    guarded(connection, 'didChangeWatchedFiles', undefined, async (params) => {
      const changed = params.changes.map((c) => c.uri);
      if (changed.some(isProjectConfigFile)) {
        forgetProjectConfigs();
        projects.changed();
        linter?.scheduleAll();
        return;
      }
      const open = documents.all().map((d) => ({ uri: d.uri, reads: linter?.known(d)?.reads }));
      for (const uri of terraformDependents(changed, open)) linter?.relint(uri);
      await templatesChanged(changed);
    }),
  );
  const templatesChanged = async (changed: readonly string[]) => {
    if (!linter) return;
    const l = linter;
    const open = documents.all().map((d) => ({ uri: d.uri, stackReads: l.known(d)?.stackReads }));
    for (const uri of await templateDependents(changed, open, parents)) l.relint(uri);
  };
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    if (trusted) return;
    trusted = true;
    linter?.scheduleAll();
  });

  documents.onDidOpen((e) => {
    openedAt ??= performance.now();
    linter?.schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    linter?.schedule(e.document.uri);
    terraformEdited(e.document.uri);
  });
  // An open Terraform file's text is what the other open documents of its module read (saved or not):
  // an edit re-checks those that read its folder, as a change on disk does; closed, the file on disk counts again.
  const terraformEdited = (uri: string) => {
    if (!isWatchedTerraformFile(uri)) return;
    const open = documents.all().map((d) => ({ uri: d.uri, reads: linter?.known(d)?.reads }));
    for (const dependant of terraformDependents([uri], open)) if (dependant !== uri) linter?.moduleChanged(dependant);
  };
  // A client that cannot watch files: a template saved in the editor is the change it can tell.
  documents.onDidSave((e) => {
    if (!canWatch) void templatesChanged([e.document.uri]).catch((err: unknown) => connection.console.error(`didSave: ${String(err)}`));
  });
  documents.onDidClose((e) => {
    terraformEdited(e.document.uri);
    linter?.closed(e.document.uri);
    reporter.forget(e.document.uri);
  });

  connection.onDidChangeConfiguration(
    guarded(connection, 'didChangeConfiguration', undefined, (params) => {
      const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      settings?.changed(pushed);
      linter?.scheduleAll();
      // vpceLens.traceServices changes what the "Trace to …" lenses offer.
      if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }),
  );

  connection.onRequest(RULE_DOCS_REQUEST, guarded(connection, 'ruleDocs', [], () => ruleDocs()));
  // The VS Code client asks before it sends a large document: over this limit it keeps the text to itself.
  const defaultLimit: SizeLimit = { bytes: DEFAULT_MAX_FILE_SIZE, fromProjectFile: false };
  connection.onRequest(
    SIZE_LIMIT_REQUEST,
    guarded(connection, 'sizeLimit', defaultLimit, (params: SizeLimitParams): SizeLimit => {
      const bytes = typeof params?.uri === 'string' ? projects.for(params.uri, workspaceFolders)?.maxFileSize : undefined;
      return bytes === undefined ? defaultLimit : { bytes, fromProjectFile: true };
    }),
  );

  connection.onCodeAction(
    guarded(connection, 'codeAction', [], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !linter) return [];
      const opts = { documentChanges, ruleOff: { projects, folders: workspaceFolders, openText: (uri: string) => documents.get(uri), canCreateFiles } };
      const version = doc.version;
      const view = await linter.view(doc);
      if (!view) return [];
      const requested = requestedFindings(doc, params, view.findings);
      const fixes = requested.length ? await linter.query(doc, { kind: 'fixes', findings: requested.map((r) => r.index) }) : [];
      // An edit meanwhile: no edit made from the asked version's findings is placed in the new text.
      if (doc.version !== version) return [];
      const actions = quickFixes(doc, requested, fixes ?? [], opts);
      if (!wantsFixAll(params)) return actions;
      const all = await linter.query(doc, { kind: 'fixAll' });
      return doc.version === version ? [...actions, ...fixAllAction(doc, all ?? [], opts)] : [];
    }),
  );

  connection.onCompletion(
    guarded(connection, 'completion', [], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      // Terraform completion is the HashiCorp extension's: none from here.
      if (!doc || !linter || doc.languageId === 'terraform' || /\.tf\.json$/i.test(doc.uri)) return [];
      const version = doc.version;
      const view = await linter.view(doc);
      // A document over the size limit is not indexed by line for a completion either.
      if (!view || view.kind === 'too-large') return [];
      const offset = doc.offsetAt(params.position);
      const withFacts = await linter.withNetwork(doc, view);
      // An edit meanwhile: the asked version's analysis is not read against the new text (the editor asks again).
      return doc.version === version ? completions(doc, offset, withFacts, sharedCompletionDefaults) : [];
    }),
  );

  connection.onCompletionResolve((item) => {
    try {
      return resolveCompletion(item);
    } catch {
      return item;
    }
  });

  connection.onHover(
    guarded(connection, 'hover', null, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !linter) return null;
      const version = doc.version;
      const view = await linter.view(doc);
      if (!view || view.kind === 'none' || view.kind === 'too-large') return null;
      const offset = doc.offsetAt(params.position);
      const withFacts = await linter.withNetwork(doc, view);
      // An edit while the facts were made: the asked version's analysis must not be read against the new text.
      if (doc.version !== version) return null;
      // Read across stacks (a nested template with its parents): the element's facts as they make it.
      const mark = withFacts.acrossStacks ? elementMark(doc, offset, withFacts) : undefined;
      const across = mark ? await linter.query(doc, { kind: 'element', element: { kind: mark.kind, id: mark.id } }) : undefined;
      return doc.version === version ? hover(doc, offset, withFacts, docsBase, across) : null;
    }),
  );

  connection.onCodeLens(
    guarded(connection, 'codeLens', [], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !linter || !settings) return [];
      const { traceServices } = await settings.get(doc.uri);
      return (await linter.query(doc, { kind: 'lenses', services: traceServices })) ?? [];
    }),
  );

  // The trace requests ask the lint worker about the version's analysis. No answer: the document
  // changed meanwhile (the client asks again on the new version) or is too large for the editor.
  const missing = (uri: string) => ({ error: `${uri} is not open in the editor` });
  const unanswered = (doc: TextDocument) =>
    linter?.known(doc)?.kind === 'too-large' ? { error: TOO_LARGE_TO_TRACE } : { error: 'The file changed while it was being traced; try again.' };
  // The version an answer was made for goes with it: the panels show none for a version the editor has left.
  const withVersion = <A extends object>(answer: A, version: number): A | (A & { version: number }) => ('error' in answer ? answer : { ...answer, version });
  const traceRequest = <K extends 'traceOptions' | 'trace' | 'matrix'>(name: string, query: (params: TraceParams) => Extract<Query, { kind: K }>) =>
    guarded(connection, name, { error: 'internal error' }, async (params: TraceParams) => {
      const doc = documents.get(params.uri);
      if (!doc || !linter) return missing(params.uri);
      // The query answers for the version held when it was asked, or not at all (linter.query).
      const version = doc.version;
      const answer = await linter.query(doc, query(params));
      return answer ? withVersion(answer, version) : unanswered(doc);
    });
  connection.onRequest(TRACE_OPTIONS_REQUEST, traceRequest('traceOptions', () => ({ kind: 'traceOptions' })));
  connection.onRequest(TRACE_REQUEST, traceRequest('trace', (params) => ({ kind: 'trace', params: { uri: params.uri, from: params.from, to: params.to, ...(params.action === undefined ? {} : { action: params.action }) } })));
  connection.onRequest(TRACE_MATRIX_REQUEST, traceRequest('traceMatrix', () => ({ kind: 'matrix' })));
  connection.onRequest(
    MAP_REQUEST,
    guarded(connection, 'map', { error: 'internal error' }, async (params: MapParams) => {
      const doc = documents.get(params.uri);
      if (!doc || !linter) return missing(params.uri);
      const { uri, vpc, from, to, svgText } = params;
      const version = doc.version;
      const answer = await linter.query(doc, { kind: 'map', params: { uri, ...(vpc ? { vpc } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(svgText ? { svgText: true } : {}) } });
      return answer ? withVersion(answer, version) : unanswered(doc);
    }),
  );
  // A trace suggestion's edit, made and checked (a lint of the edited text) in the worker.
  connection.onRequest(
    SUGGESTION_EDIT_REQUEST,
    guarded(connection, 'suggestionEdit', { error: 'internal error' }, async (params: SuggestionEditParams): Promise<SuggestionEditResult> => {
      const doc = documents.get(params.uri);
      if (!doc || !linter) return missing(params.uri);
      const { uri, from, to, action, index } = params;
      return (await linter.query(doc, { kind: 'suggestionEdit', params: { uri, from, to, index, ...(action === undefined ? {} : { action }) } })) ?? unanswered(doc);
    }),
  );

  // For the tests of the one-analysis-per-version invariant only: what the lint worker has parsed.
  if (process.env.VPCE_LENS_TEST_STATS === '1') connection.onRequest('vpceLens/test/stats', async () => (await analyzer?.stats()) ?? null);

  // A failure anywhere else is logged, never fatal: the editor keeps its server.
  process.on('uncaughtException', (err) => connection.console.error(`Uncaught: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => connection.console.error(`Unhandled rejection: ${String(err)}`));

  connection.onShutdown(() => linter?.dispose());

  documents.listen(connection);
  connection.listen();
}
