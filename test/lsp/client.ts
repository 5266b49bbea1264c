// A small LSP client for the protocol tests and the benchmark's shape: spawns the BUILT server
// (`node dist/server.js --stdio`), speaks JSON-RPC over its stdio, answers workspace/configuration
// from `settings`, and records every publishDiagnostics so tests can wait for the one they expect.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER = `${ROOT}dist/server.js`;

export interface Published extends PublishDiagnosticsParams {
  /** Order of arrival, across all documents. */
  seq: number;
}

export class LspClient {
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  /** The `client/registerCapability` requests the server sent, in order. */
  readonly registrations: unknown[] = [];
  /** What `workspace/configuration` answers for section vpceLens; tests change it. */
  settings: Record<string, unknown> = {};
  private waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly rpc: MessageConnection,
  ) {}

  /**
   * `configuration: false`: a client that cannot answer workspace/configuration (Neovim 0.7); `watch`:
   * one that lets the server register file watchers (VS Code); `root`: the workspace folder (the repository's by default).
   */
  static async start(initializationOptions: Record<string, unknown> = {}, clientInfo?: { name: string }, env: Record<string, string> = {}, { configuration = true, watch = false, root = ROOT } = {}): Promise<LspClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const rpc = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, rpc);
    proc.stderr!.on('data', (d: Buffer) => client.logs.push(d.toString()));
    rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push({ ...p, seq: client.published.length });
      client.waiters.splice(0).forEach((w) => w());
    });
    rpc.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    rpc.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'vpceLens' ? client.settings : null)));
    rpc.onRequest('client/registerCapability', (p: unknown) => {
      client.registrations.push(p);
      return null;
    });
    rpc.listen();
    await rpc.sendRequest('initialize', initializeParams(initializationOptions, clientInfo, configuration, watch, root));
    await rpc.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, languageId = 'yaml'): void {
    this.versions.set(uri, 1);
    void this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends one didChange with the given (incremental) changes; returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    void this.rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first publish (already received or to come) for `uri` that passes `test`. */
  async waitFor(uri: string, test: (p: Published) => boolean = () => true, timeoutMs = 10_000, after = -1): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published.find((p) => p.seq > after && p.uri === uri && test(p));
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).map((p) => ({ v: p.version, n: p.diagnostics.length })))}\n${this.logs.join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The publishes for `uri`, in order of arrival. */
  publishedFor(uri: string): Published[] {
    return this.published.filter((p) => p.uri === uri);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.rpc.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.rpc.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.rpc.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.rpc.sendNotification('exit');
    } catch {
      // the server may be gone already
    }
    await new Promise((r) => setTimeout(r, 50));
    this.rpc.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** What this client says about itself in `initialize`. */
export function initializeParams(initializationOptions: Record<string, unknown> = {}, clientInfo?: { name: string }, configuration = true, watch = false, root = ROOT): Record<string, unknown> {
  return {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    initializationOptions,
    ...(clientInfo ? { clientInfo } : {}),
    capabilities: {
      workspace: { configuration, didChangeConfiguration: { dynamicRegistration: false }, workspaceEdit: { documentChanges: true }, codeLens: { refreshSupport: true }, ...(watch ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) },
      textDocument: {
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
        completion: { completionItem: { snippetSupport: false } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  };
}

export function fileUri(name: string): string {
  return pathToFileURL(`${ROOT}${name}`).href;
}

/** Applies LSP text edits (non-overlapping, as a WorkspaceEdit carries them) to a text. */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : starts[p.line]! + p.character);
  const sorted = edits.map((e, i) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText, i })).sort((a, b) => a.s - b.s || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.s) + e.t;
    at = e.e;
  }
  return out + text.slice(at);
}

/**
 * Opens `marked` at `uri` with the cursor where `cursor` stands (the mark is taken out of the text), asks
 * for completion there and closes the document: the text as opened, and the items (none for a null answer).
 */
export async function completeAt(client: LspClient, marked: string, uri: string, language: string, cursor = '|'): Promise<{ text: string; items: CompletionItem[] }> {
  const offset = marked.indexOf(cursor);
  const text = marked.slice(0, offset) + marked.slice(offset + cursor.length);
  client.open(uri, text, language);
  const r = await client.request<CompletionItem[] | { items: CompletionItem[] } | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) });
  client.close(uri);
  return { text, items: r === null ? [] : Array.isArray(r) ? r : r.items };
}

/** The LSP position (line, UTF-16 character) of an offset in a text. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  return { line: text.slice(0, offset).split('\n').length - 1, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}
