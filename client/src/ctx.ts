// The client's lifecycle: one LanguageClient at a time, its output channels, and the
// commands, whose implementations are re-created from their factories whenever the client starts or stops
// (so a command never holds a stale client).
import { commands, env, Hover, workspace, MarkdownString, Uri, window, type Diagnostic, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, documentSelector } from './config';
import type { CommandFactories } from './commands';
import { RegionStatus } from './status';
import { LargeDocuments } from './large-documents';
import { rewriteHoverLinks, ruleIdOfDocLink, RULE_URI_PATH } from './rule-links';
import { RULE_DOC_COMMAND, SETTINGS_IN_EFFECT_NOTIFICATION, type SettingsInEffect } from '../../server/src/protocol/editor';
import { WORKSPACE_TRUSTED_NOTIFICATION, type InitializationOptions, type LensSettings } from '../../server/src/protocol/messages';

export class Ctx implements Disposable {
  /** The server's log (window/logMessage) and the client's own lines. */
  readonly output: LogOutputChannel;
  /**
   * vpceLens.trace.server's messages, apart from the log. vscode-languageclient 10 writes them at the channel's
   * "trace" level: set this channel's log level to Trace (gear icon in the Output view) to see them.
   */
  private readonly traceOutput: LogOutputChannel;
  private client: LanguageClient | undefined;
  /** Documents over the size limit, kept from the server: one per client, with its middleware. */
  private large: LargeDocuments | undefined;
  private commandDisposables: Disposable[] = [];
  private readonly regions = new RegionStatus();
  private firstDiagnostics = false;

  constructor(
    readonly extension: ExtensionContext,
    private readonly commandFactories: CommandFactories,
    /** performance.now() when the extension's bundle started running (cold-start figure in BENCHMARKS.md). */
    private readonly loadedAt = performance.now(),
  ) {
    this.output = window.createOutputChannel(CLIENT_NAME, { log: true });
    this.traceOutput = window.createOutputChannel(`${CLIENT_NAME} (LSP trace)`, { log: true });
    this.registerCommands();
    extension.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void this.client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION)));
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** The document is over the size limit and kept from the server (large-documents.ts). */
  isHeldBack(uri: string): boolean {
    return this.large?.hold.isHeld(uri) ?? false;
  }

  async start(): Promise<void> {
    if (this.client) return;
    // Started through V8's code cache (server-cached.js), kept in the extension's global storage: after the
    // first start, the server and its lint worker skip compiling the bundle (BENCHMARKS.md, cold start).
    const serverModule = this.extension.asAbsolutePath('dist/server-cached.js');
    // MALLOC_TRIM_THRESHOLD_ (glibc; other C libraries ignore it): set, it stops glibc from raising its trim
    // and mmap thresholds after each large free, so the memory of the lint's large short-lived buffers goes
    // back to the system instead of staying resident (5,000-line template: ~20 MB less; BENCHMARKS.md).
    const env = { MALLOC_TRIM_THRESHOLD_: '131072', ...process.env, VPCE_LENS_CODE_CACHE_DIR: Uri.joinPath(this.extension.globalStorageUri, 'code-cache').fsPath };
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.stdio, options: { env } },
      debug: { module: this.extension.asAbsolutePath('dist/server.js'), transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const large = new LargeDocuments(() => this.client, (m) => this.output.info(m), (id) => this.ruleUri(id));
    this.large = large;
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      initializationOptions: initialSettings(),
      // Sends workspace/didChangeConfiguration on every change of vpceLens.*: settings apply without a restart.
      // No file watchers here: the server registers the ones it needs (project configuration, Terraform modules,
      // parent and nested templates) itself, through dynamic registration.
      synchronize: { configurationSection: CONFIG_SECTION },
      outputChannel: this.output,
      traceOutputChannel: this.traceOutput,
      diagnosticCollectionName: 'vpce-lens',
      // Rule links open the rule's page beside the editor (rule-links.ts), not docs/rules.md over the user's tab.
      middleware: {
        // Documents over the size limit are not sent (large-documents.ts).
        ...large.middleware(),
        handleDiagnostics: (uri, diagnostics, next) => {
          if (!this.firstDiagnostics && diagnostics.length) {
            this.firstDiagnostics = true;
            this.output.info(`first diagnostics ${Math.round(performance.now() - this.loadedAt)} ms after activation (${diagnostics.length} in ${uri.path.split('/').pop()})`);
          }
          next(uri, diagnostics.map((d) => this.withRuleTarget(d)));
        },
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          return hover ? new Hover(hover.contents.map((c) => (c instanceof MarkdownString ? trustedRuleLinks(c) : c)), hover.range) : hover;
        },
      },
    };
    const startedAt = performance.now();
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    this.registerCommands();
    try {
      await client.start();
      client.onNotification(SETTINGS_IN_EFFECT_NOTIFICATION, (settings: SettingsInEffect) => this.regions.update(settings));
      this.output.info(`language server started in ${Math.round(performance.now() - startedAt)} ms (${serverModule})`);
    } catch (err) {
      this.output.error(`language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
      void window.showErrorMessage(`${CLIENT_NAME}: the language server failed to start. See the "${CLIENT_NAME}" output.`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.large?.dispose();
    this.large = undefined;
    this.registerCommands();
    // dispose() stops a running server and also frees the diagnostics collection the next client re-creates.
    await client?.dispose();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    this.commandDisposables.forEach((d) => d.dispose());
    this.output.dispose();
    this.traceOutput.dispose();
    this.regions.dispose();
    this.large?.dispose();
    void this.client?.dispose();
  }

  /** The extension URI that shows the rule's page (handled by the UriHandler extension.ts registers). */
  ruleUri(id: string): Uri {
    return Uri.from({ scheme: env.uriScheme, authority: this.extension.extension.id, path: RULE_URI_PATH, query: id });
  }

  private withRuleTarget(d: Diagnostic): Diagnostic {
    const code = d.code;
    if (typeof code !== 'object' || !code.target) return d;
    const id = ruleIdOfDocLink(code.target.toString(true));
    if (id) d.code = { value: code.value, target: this.ruleUri(id) };
    return d;
  }

  /** (Re-)registers every command with the implementation for the client's current state. */
  private registerCommands(): void {
    this.commandDisposables.forEach((d) => d.dispose());
    const running = this.client !== undefined;
    this.commandDisposables = Object.entries(this.commandFactories).map(([id, factory]) => {
      const make = running ? factory.enabled : (factory.disabled ?? factory.enabled);
      return commands.registerCommand(id, make(this));
    });
  }
}

/** The hover's markdown with rule links that run the rule-page command, the only command it may run. */
function trustedRuleLinks(md: MarkdownString): MarkdownString {
  const out = new MarkdownString(rewriteHoverLinks(md.value), md.supportThemeIcons);
  out.isTrusted = { enabledCommands: [RULE_DOC_COMMAND] };
  return out;
}

/**
 * The settings the server would pull for any document, sent with initialize so that the first lint
 * need not wait for workspace/configuration. Only where one answer holds for every document (one
 * workspace folder or none); with several folders, each may set its own, and the server pulls them.
 */
function initialSettings(): InitializationOptions {
  const folders = workspace.workspaceFolders ?? [];
  // In Restricted Mode the server reads no workspace file it did not read before (parent templates: trusted only).
  if (folders.length > 1) return { workspaceTrusted: workspace.isTrusted };
  const c = workspace.getConfiguration(CONFIG_SECTION, folders[0]?.uri);
  const settings: LensSettings = { regions: c.get('regions'), rules: c.get('rules'), policyFiles: c.get('policyFiles'), traceServices: c.get('traceServices') };
  return { vpceLens: JSON.parse(JSON.stringify(settings)) as LensSettings, settingsForEveryDocument: true, workspaceTrusted: workspace.isTrusted };
}
