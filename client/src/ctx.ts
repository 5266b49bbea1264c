// The client's lifecycle: one LanguageClient at a time, its output channels, and the
// commands, whose implementations are re-created from their factories whenever the client starts or stops
// (so a command never holds a stale client).
import { commands, window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, documentSelector } from './config';
import type { CommandFactories } from './commands';

export class Ctx implements Disposable {
  /** The server's log (window/logMessage) and the client's own lines. */
  readonly output: LogOutputChannel;
  /**
   * vpceLens.trace.server's messages, apart from the log. vscode-languageclient 10 writes them at the channel's
   * "trace" level: set this channel's log level to Trace (gear icon in the Output view) to see them.
   */
  private readonly traceOutput: LogOutputChannel;
  private client: LanguageClient | undefined;
  private commandDisposables: Disposable[] = [];

  constructor(
    readonly extension: ExtensionContext,
    private readonly commandFactories: CommandFactories,
  ) {
    this.output = window.createOutputChannel(CLIENT_NAME, { log: true });
    this.traceOutput = window.createOutputChannel(`${CLIENT_NAME} (LSP trace)`, { log: true });
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
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      // Sends workspace/didChangeConfiguration on every change of vpceLens.*: settings apply without a restart.
      // No file watchers: the server lints only the documents the editor sends it and reads no other file.
      synchronize: { configurationSection: CONFIG_SECTION },
      outputChannel: this.output,
      traceOutputChannel: this.traceOutput,
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
