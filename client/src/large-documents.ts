// Documents over the size limit, in VS Code: the middleware that keeps them from the language server
// (hold-back.ts holds the bookkeeping) and their one finding, shown from the client's own diagnostics
// collection at the start of the file, worded as the server words it (protocol/size-limit.ts).

import { Diagnostic, DiagnosticSeverity, languages, Position, Range, type DiagnosticCollection, type Disposable, type TextDocument, type Uri } from 'vscode';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import { HoldBack } from './hold-back';
import { documentName, oversizeMessage, SIZE_LIMIT_REQUEST, type SizeLimit, type SizeLimitParams } from '../../server/src/protocol/size-limit';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol/messages';

export class LargeDocuments implements Disposable {
  private readonly diagnostics: DiagnosticCollection;
  private readonly uris = new Map<string, Uri>();
  readonly hold: HoldBack<TextDocument>;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    log: (message: string) => void,
    /** Where the finding's rule id links to (the rule's page). */
    ruleTarget: (id: string) => Uri,
  ) {
    this.diagnostics = languages.createDiagnosticCollection('vpce-lens-size');
    this.hold = new HoldBack<TextDocument>({
      uriOf: (doc) => {
        const key = doc.uri.toString();
        this.uris.set(key, doc.uri);
        return key;
      },
      versionOf: (doc) => doc.version,
      // offsetAt clamps to the end; it reads the line-start sums the extension host keeps, not the text.
      lengthOf: (doc) => doc.offsetAt(new Position(doc.lineCount, 0)),
      textOf: (doc) => doc.getText(),
      limitFor: async (uri) => {
        const c = this.client();
        if (!c) throw new Error('no language client');
        return c.sendRequest<SizeLimit>(SIZE_LIMIT_REQUEST, { uri } satisfies SizeLimitParams);
      },
      show: (held) => {
        const uri = this.uris.get(held.uri);
        if (!uri) return;
        const d = new Diagnostic(new Range(0, 0, 0, 0), oversizeMessage(documentName(held.uri), held.size, held.limit.bytes, held.limit.fromProjectFile), DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = { value: 'VPCE0004', target: ruleTarget('VPCE0004') };
        this.diagnostics.set(uri, [d]);
      },
      clear: (key) => {
        const uri = this.uris.get(key);
        if (uri) this.diagnostics.delete(uri);
      },
      // Through the library's own features, so that its set of synced documents stays right.
      openOnServer: (doc) => this.client()?.getFeature(DidOpenTextDocumentNotification.method).getProvider(doc)?.send(doc) ?? Promise.resolve(),
      closeOnServer: (doc) => this.client()?.getFeature(DidCloseTextDocumentNotification.method).getProvider(doc)?.send(doc) ?? Promise.resolve(),
      log,
    });
  }

  /** The language client's middleware for document sync, and for the project files the server watches. */
  middleware(): Pick<Middleware, 'didOpen' | 'didChange' | 'didSave' | 'didClose' | 'workspace'> {
    return {
      didOpen: this.hold.didOpen,
      didChange: this.hold.didChange,
      didSave: this.hold.didSave,
      didClose: (doc, next) =>
        this.hold.didClose(doc, next).finally(() => {
          if (!this.hold.isHeld(doc.uri.toString())) this.uris.delete(doc.uri.toString());
        }),
      workspace: {
        // A project file's maxFileSize may have changed: once the server has been told, ask it again.
        didChangeWatchedFile: async (event, next) => {
          await next(event);
          await this.hold.limitsChanged();
        },
      },
    };
  }

  dispose(): void {
    this.hold.dispose();
    this.diagnostics.dispose();
  }
}
