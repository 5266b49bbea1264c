// Documents over the size limit never cross the wire. The server would only give such a document one finding
// (server/src/lsp/size-guard.ts), but first it must read and JSON-parse the whole didOpen on its main thread:
// 0.3 s for 20 MB on a quiet machine, seconds under load, while every request behind it waits. So the client
// keeps the text to itself and shows that one finding on its own (large-documents.ts), and other LSP editors
// still get the server's.
//
// This is the bookkeeping, free of vscode so that it is tested with fakes (test/unit/client/hold-back.test.ts).
// It is vscode-languageclient middleware for didOpen/didChange/didSave/didClose, which may skip `next`: the
// library adds a document to its synced set only once its didOpen was sent, and it sends didChange, didSave and
// didClose only through this middleware. A document that comes under the limit is opened on the server with its
// whole text through the library's own didOpen feature (so its bookkeeping stays right); one that grows over it
// is closed there the same way.

import { DEFAULT_MAX_FILE_SIZE, MB, sizeText, type SizeLimit } from '../../server/src/protocol/size-limit';

/**
 * Documents up to this many UTF-16 units are sent without asking the server for their limit: sending one costs a
 * few milliseconds, and the server still applies a smaller `maxFileSize` itself.
 */
export const ASK_ABOVE = 1 * MB;

export interface HeldDocument {
  uri: string;
  size: number;
  limit: SizeLimit;
}

export interface HoldBackHost<D> {
  uriOf(doc: D): string;
  versionOf(doc: D): number;
  /** The length in UTF-16 units, without joining the text where that can be avoided. */
  lengthOf(doc: D): number;
  textOf(doc: D): string;
  /** The limit the server applies to the document (its project file's maxFileSize, else the default). */
  limitFor(uri: string): Promise<SizeLimit>;
  /** Shows (or replaces) the document's one finding; `clear` takes it away. */
  show(held: HeldDocument): void;
  clear(uri: string): void;
  /** Sends didOpen (the whole text) or didClose through the language client, which calls this middleware back. */
  openOnServer(doc: D): Promise<void>;
  closeOnServer(doc: D): Promise<void>;
  log(message: string): void;
}

interface Entry<D> {
  doc: D;
  /** The server has the document open. */
  onServer: boolean;
  /** The version the server was opened with: changes up to it are in the text it got. */
  openedVersion?: number;
  limit?: SizeLimit;
  held?: HeldDocument;
  /**
   * An upper bound of its UTF-8 size at `version`, kept from the changes while the document is on the server, where
   * its length alone cannot decide (between a third of the limit and the limit): typing in a 15 MB document need
   * not join and count the whole text on every keystroke.
   */
  bytes?: { upper: number; version: number };
}

/** The part of a change event the size bound needs (vscode's TextDocumentContentChangeEvent has it). */
export interface ContentChange {
  rangeLength: number;
  text: string;
}

type Next<T> = (data: T) => Promise<void>;

export class HoldBack<D> {
  private readonly entries = new Map<string, Entry<D>>();
  /** Per document, the step still running: its notifications are handled one after another, in order. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Documents whose didOpen/didClose this class is sending itself: the middleware lets those through. */
  private readonly forwarding = new Set<string>();

  constructor(private readonly host: HoldBackHost<D>) {}

  /** The documents kept from the server, with their size and limit. */
  held(): HeldDocument[] {
    return [...this.entries.values()].flatMap((e) => (e.held ? [e.held] : []));
  }

  isHeld(uri: string): boolean {
    return this.entries.get(uri)?.held !== undefined;
  }

  readonly didOpen = (doc: D, next: Next<D>): Promise<void> => {
    const uri = this.host.uriOf(doc);
    if (this.forwarding.has(uri)) return next(doc);
    return this.serial(uri, async () => {
      // Also a second didOpen for an open document: the library re-opens every document when the server restarts.
      const before = this.entries.get(uri);
      const entry: Entry<D> = { doc, onServer: false, limit: before?.limit, held: before?.held };
      this.entries.set(uri, entry);
      const over = await this.over(entry);
      if (this.entries.get(uri) !== entry) return; // closed while the limit was asked for
      if (over) return this.hold(entry, over);
      this.release(entry);
      entry.onServer = true;
      entry.openedVersion = this.host.versionOf(doc);
      await next(doc);
    });
  };

  readonly didChange = <E extends { document: D; contentChanges: readonly ContentChange[] }>(event: E, next: Next<E>): Promise<void> => {
    const uri = this.host.uriOf(event.document);
    // The document is live: its version now is this change's (a later step reads a later text).
    const version = this.host.versionOf(event.document);
    return this.serial(uri, async () => {
      const entry = this.entries.get(uri);
      if (!entry) return next(event); // not opened through this middleware: left to the library
      if (entry.onServer && entry.openedVersion !== undefined && version <= entry.openedVersion) return; // in the text the server got
      if (entry.bytes && version > entry.bytes.version) {
        // A removed UTF-16 unit was at least one byte.
        for (const c of event.contentChanges) entry.bytes.upper += Buffer.byteLength(c.text, 'utf8') - c.rangeLength;
        entry.bytes.version = version;
      }
      await this.settle(entry, () => next(event));
    });
  };

  readonly didSave = (doc: D, next: Next<D>): Promise<void> => {
    const uri = this.host.uriOf(doc);
    return this.serial(uri, async () => {
      if (this.entries.get(uri)?.onServer === false) return;
      await next(doc);
    });
  };

  readonly didClose = (doc: D, next: Next<D>): Promise<void> => {
    const uri = this.host.uriOf(doc);
    if (this.forwarding.has(uri)) return next(doc);
    return this.serial(uri, async () => {
      const entry = this.entries.get(uri);
      this.entries.delete(uri);
      if (entry?.held) this.host.clear(uri);
      if (!entry || entry.onServer) await next(doc);
    });
  };

  /** A project file changed: limits are asked for again, and every large document is sent or held anew. */
  async limitsChanged(): Promise<void> {
    const steps = [...this.entries].map(([uri, entry]) => {
      entry.limit = undefined;
      return this.serial(uri, () => (this.entries.get(uri) === entry ? this.settle(entry, async () => undefined) : Promise.resolve()));
    });
    await Promise.all(steps);
  }

  dispose(): void {
    for (const e of this.entries.values()) if (e.held) this.host.clear(e.held.uri);
    this.entries.clear();
  }

  /**
   * Sends or holds the document as its size now says: held and now under the limit, it is opened on the server;
   * on the server and now over it, closed there. `unchanged` runs when it stays on the server.
   */
  private async settle(entry: Entry<D>, unchanged: () => Promise<void>): Promise<void> {
    const uri = this.host.uriOf(entry.doc);
    const over = await this.over(entry);
    if (this.entries.get(uri) !== entry) return; // closed while the limit was asked for
    if (over) {
      const wasOnServer = entry.onServer;
      entry.onServer = false;
      this.hold(entry, over);
      if (wasOnServer) await this.forward(uri, () => this.host.closeOnServer(entry.doc));
      return;
    }
    if (entry.onServer) return unchanged();
    // Within the limit again: the server gets the whole text now, not the change that brought it there.
    this.release(entry);
    entry.onServer = true;
    entry.openedVersion = this.host.versionOf(entry.doc);
    this.host.log(`${uri} is within the size limit: sent to the language server`);
    await this.forward(uri, () => this.host.openOnServer(entry.doc));
  }

  private async over(entry: Entry<D>): Promise<{ size: number; limit: SizeLimit } | undefined> {
    const { doc } = entry;
    if (this.host.lengthOf(doc) <= ASK_ABOVE) return undefined;
    entry.limit ??= await this.host.limitFor(this.host.uriOf(doc)).catch(() => ({ bytes: DEFAULT_MAX_FILE_SIZE, fromProjectFile: false }));
    const limit = entry.limit;
    // Measured after the answer: the document may have changed meanwhile, and it is its text now that is sent or not.
    const length = this.host.lengthOf(doc);
    // The length alone decides where it can (a UTF-16 unit is 1 to 3 bytes), as on the server (overLimit).
    if (length > limit.bytes) return { size: length, limit };
    if (length * 3 <= limit.bytes) return undefined;
    if (entry.onServer && entry.bytes && entry.bytes.upper <= limit.bytes) return undefined;
    const bytes = Buffer.byteLength(this.host.textOf(doc), 'utf8');
    entry.bytes = { upper: bytes, version: this.host.versionOf(doc) };
    return bytes > limit.bytes ? { size: bytes, limit } : undefined;
  }

  private hold(entry: Entry<D>, over: { size: number; limit: SizeLimit }): void {
    const uri = this.host.uriOf(entry.doc);
    if (!entry.held) this.host.log(`${uri} is ${over.size} bytes, over the ${over.limit.bytes}-byte limit: not sent to the language server`);
    // Shown again only when what it says changes (sizes are shown to 0.1 MB), not on every keystroke.
    if (entry.held && sizeText(entry.held.size) === sizeText(over.size) && entry.held.limit.bytes === over.limit.bytes && entry.held.limit.fromProjectFile === over.limit.fromProjectFile) return;
    entry.held = { uri, size: over.size, limit: over.limit };
    this.host.show(entry.held);
  }

  private release(entry: Entry<D>): void {
    if (!entry.held) return;
    entry.held = undefined;
    this.host.clear(this.host.uriOf(entry.doc));
  }

  /** Runs `send`, whose middleware call (made synchronously by the library) passes straight to the server. */
  private async forward(uri: string, send: () => Promise<void>): Promise<void> {
    this.forwarding.add(uri);
    let sent: Promise<void>;
    try {
      sent = send();
    } finally {
      this.forwarding.delete(uri);
    }
    await sent;
  }

  /** Runs `step` after the document's earlier steps (at once when there are none). */
  private serial(uri: string, step: () => Promise<void>): Promise<void> {
    const before = this.pending.get(uri);
    const run = before ? before.then(step, step) : step();
    const tracked = run.then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(uri, tracked);
    void tracked.then(() => {
      if (this.pending.get(uri) === tracked) this.pending.delete(uri);
    });
    return run;
  }
}
