// The client's lifecycle: one LanguageClient at a time, the disposables that live with it, and the
// commands, whose implementations are re-created from their factories whenever the client starts or stops
// (so a command never holds a stale client).
import { commands, window, workspace, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, DEFAULT_POLICY_FILES, documentSelector, watchedGlobs } from './config';
import type { CommandFactories } from './commands';

export class Ctx implements Disposable {
  readonly output: LogOutputChannel;
  private client: LanguageClient | undefined;
  /** Disposed when the client stops: file watchers and the like. */
  private clientDisposables: Disposable[] = [];
  private commandDisposables: Disposable[] = [];

  constructor(
    readonly extension: ExtensionContext,
    private readonly commandFactories: CommandFactories,
  ) {
    this.output = window.createOutputChannel(CLIENT_NAME, { log: true });
    this.registerCommands();
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    if (this.client) return;
    const serverModule = this.extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.stdio },
      debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const policyFiles = workspace.getConfiguration(CONFIG_SECTION).get<string[]>('policyFiles', DEFAULT_POLICY_FILES);
    const watchers = watchedGlobs(policyFiles).map((glob) => workspace.createFileSystemWatcher(glob));
    this.clientDisposables.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      // Sends workspace/didChangeConfiguration on every change of vpceLens.*: settings apply without a restart.
      synchronize: { configurationSection: CONFIG_SECTION, fileEvents: watchers },
      outputChannel: this.output,
      traceOutputChannel: this.output,
      diagnosticCollectionName: 'vpce-lens',
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    this.registerCommands();
    try {
      await client.start();
      this.output.info(`language server started (${serverModule})`);
    } catch (err) {
      this.output.error(`language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
      void window.showErrorMessage(`${CLIENT_NAME}: the language server failed to start. See the "${CLIENT_NAME}" output.`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.clientDisposables.forEach((d) => d.dispose());
    this.clientDisposables = [];
    this.registerCommands();
    if (client?.needsStop()) await client.stop();
    else await client?.dispose();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    this.commandDisposables.forEach((d) => d.dispose());
    this.clientDisposables.forEach((d) => d.dispose());
    this.output.dispose();
    void this.client?.dispose();
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
