// The path-trace panel: one at a time (createOrShow), restored after a reload with the path it showed
// (revive: the page's saved state, checked; a state that no longer resolves is said in the panel), updated as the
// template is edited. Data reaches the page only through postMessage; the HTML carries none.

import { commands, Disposable, Position, Range, Uri, ViewColumn, window, workspace, WorkspaceEdit, type WebviewPanel } from 'vscode';
import type { Ctx } from '../ctx';
import { SUGGESTION_EDIT_REQUEST, TRACE_MATRIX_REQUEST, TRACE_REQUEST, type FromWebview, type MatrixResponse, type SuggestionEditParams, type SuggestionEditResult, type ToWebview, type TraceResponse, type TraceView } from '../../../server/src/protocol/trace';
import { panelHtml } from './html';
import { MAP_COMMAND } from '../../../server/src/protocol/map';
import { nonce } from './nonce';
import { fromWebview, hopElsewhere, restoredTarget, type TraceTarget } from './messages';
import { showPlace } from './open-place';
import { resolveRestored } from './restore';
import { revealInPlace } from './reveal';
import { fileNameOf, LatestRequest } from './latest-request';
import { askCurrent } from './ask-current';
import { editorVersion } from './editor-version';

export type { TraceTarget } from './messages';

export const TRACE_VIEW_TYPE = 'vpceLens.trace';

export class TracePanel {
  private static current: TracePanel | undefined;
  private readonly disposables: Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private matrixShown = false;
  /** The trace the page was last sent: a hop the page asks to open is looked up here, by index. */
  private sent: TraceView | undefined;
  private readonly requests = new LatestRequest();
  /** The document and version of the matrix the page holds: another makes it go with the next request. */
  private matrixOf: { uri: string; version: number | undefined } | undefined;
  /** Answers in a row that came for a version the editor did not hold (again()). */
  private reasked = 0;

  static createOrShow(ctx: Ctx, target: TraceTarget): void {
    const current = TracePanel.current;
    if (current) {
      current.target = target;
      // The page is told first (what it shows goes), then shown: never the previous trace under the new request.
      void current.refresh();
      revealInPlace(current.panel);
      return;
    }
    const panel = window.createWebviewPanel(TRACE_VIEW_TYPE, 'Trace Path', { viewColumn: ViewColumn.Beside, preserveFocus: true }, TracePanel.options(ctx));
    TracePanel.current = new TracePanel(ctx, panel, target);
  }

  /** `state` is what the page saved: checked, and its document opened, before use; else the panel says why not. */
  static async revive(ctx: Ctx, panel: WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = TracePanel.options(ctx);
    const restored = await resolveRestored(restoredTarget(state), 'trace panel', 'VPC Endpoint Lens: Trace Path…');
    TracePanel.current?.panel.dispose();
    TracePanel.current = 'target' in restored ? new TracePanel(ctx, panel, restored.target) : new TracePanel(ctx, panel, undefined, restored.problem);
  }

  private static options(ctx: Ctx) {
    return { enableScripts: true, localResourceRoots: [Uri.joinPath(ctx.extension.extensionUri, 'dist')] };
  }

  /** `target` undefined: a panel that could not be restored; it shows `problem` until the command gives it a path. */
  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: WebviewPanel,
    private target: TraceTarget | undefined,
    private readonly problem = '',
  ) {
    const webview = panel.webview;
    const script = webview.asWebviewUri(Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview.js'));
    webview.html = panelHtml(script.toString(), webview.cspSource, nonce());
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((raw: unknown) => {
        const m = fromWebview(raw);
        if (m) void this.received(m);
      }),
      workspace.onDidChangeTextDocument((e) => {
        const target = this.target;
        if (e.document.uri.toString() !== target?.uri || !e.contentChanges.length) return;
        // What the page shows is of the version before the edit: gone at once; traced again once the typing pauses.
        this.loading(target);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), 300);
      }),
    );
  }

  private async received(m: FromWebview): Promise<void> {
    if (m.type === 'ready') return this.refresh();
    const target = this.target;
    if (!target) return;
    switch (m.type) {
      case 'trace':
        this.target = { ...target, from: m.from, to: m.to };
        return this.refresh();
      case 'map':
        return void commands.executeCommand(MAP_COMMAND, target);
      case 'matrix': {
        this.matrixShown = true;
        const id = this.requests.id;
        return id === undefined ? undefined : this.sendMatrix(target, id);
      }
      case 'apply':
        return this.apply(target, m.index);
      case 'reveal':
        return showPlace(target.uri, { range: m.range });
      case 'open': {
        const place = hopElsewhere(this.sent, m.hop);
        if (place) await showPlace(target.uri, place);
        return;
      }
    }
  }

  /** A new request: its id, announced to the page, which clears what it shows (the matrix too, when it is of another version). */
  private loading(target: TraceTarget | undefined): number {
    const id = this.requests.next();
    this.sent = undefined;
    const matrix = this.matrixOf !== undefined && (this.matrixOf.uri !== target?.uri || this.matrixOf.version !== (target && editorVersion(target.uri)));
    if (matrix) this.matrixOf = undefined;
    this.post({ type: 'loading', id, what: target ? `Tracing ${target.from} → ${target.to} in ${fileNameOf(target.uri)}…` : 'Loading…', matrix });
    return id;
  }

  private async refresh(): Promise<void> {
    const target = this.target;
    const id = this.loading(target);
    if (!target) return this.post({ type: 'error', id, message: this.problem });
    const client = this.ctx.languageClient;
    if (!client) return this.post({ type: 'error', id, message: 'The VPC Endpoint Lens server is not running.' });
    this.panel.title = `Trace: ${target.from} → ${target.to}`;
    const reply = await askCurrent(this.requests, id, target.uri, 'The trace', () => client.sendRequest<TraceResponse>(TRACE_REQUEST, target), editorVersion);
    // Another request since (another path, template, an edit) has its own answer; one for a version the
    // editor has left without an edit's request (closed and opened again) is asked for again.
    if ('dropped' in reply) return reply.dropped === 'version' ? this.again(id) : undefined;
    this.reasked = 0;
    const answer = reply.answer;
    this.sent = 'error' in answer ? undefined : answer.result;
    this.post('error' in answer ? { type: 'error', id, message: answer.error } : { type: 'trace', id, uri: target.uri, view: answer.result });
    if (this.matrixShown) await this.sendMatrix(target, id);
  }

  /**
   * Asks again once the editor's edits pause (an answer came for a version it no longer holds), a few times:
   * versions that never agree are said, not asked about for ever.
   */
  private again(id: number): void {
    if (++this.reasked > 3) return this.post({ type: 'error', id, message: 'The trace was made for another version of the template than the editor holds; edit or reopen it to try again.' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  /** Suggestion `index` as the server's edit (the same as its code action), applied, then traced again. */
  private async apply(target: TraceTarget, index: number): Promise<void> {
    const client = this.ctx.languageClient;
    if (!client || !Number.isInteger(index) || index < 0) return;
    const params: SuggestionEditParams = { ...target, index };
    const answer = await client.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, params);
    if ('error' in answer) return this.sayError(answer.error);
    const uri = Uri.parse(target.uri);
    const doc = await workspace.openTextDocument(uri);
    // Edits made for another version would land in the wrong place: trace again instead.
    if (doc.version !== answer.version) return this.refresh();
    // An edit in another file of the module was made against that file as saved on disk: where it has
    // unsaved changes in the editor, its offsets may not fit, so the panel says so and changes nothing.
    const others = [...new Set(answer.edits.flatMap((e) => (e.uri && e.uri !== target.uri ? [e.uri] : [])))].map((u) => Uri.parse(u));
    const dirty = others.filter((u) => workspace.textDocuments.some((d) => d.uri.fsPath === u.fsPath && d.isDirty));
    if (dirty.length) return this.sayError(`${answer.title} was not applied: ${dirty.map((u) => workspace.asRelativePath(u)).join(', ')} has unsaved changes; save it and apply again.`);
    const edit = new WorkspaceEdit();
    for (const e of answer.edits) edit.replace(e.uri ? Uri.parse(e.uri) : uri, new Range(new Position(e.range.start.line, e.range.start.character), new Position(e.range.end.line, e.range.end.character)), e.newText);
    if (!(await workspace.applyEdit(edit))) return this.sayError(`${answer.title}: the editor did not apply the edit.`);
    // The module is read from disk: the other files (clean before the edit, so only it is saved) are
    // saved, so that the trace made again sees the change.
    for (const u of others) await workspace.save(u);
    return this.refresh();
  }

  /** A problem with what the page shows now (an Apply that could not be made), said under its latest request. */
  private sayError(message: string): void {
    const id = this.requests.id;
    if (id !== undefined) this.post({ type: 'error', id, message });
  }

  /** The matrix, as part of request `id` (the page's latest): dropped when another request came since. */
  private async sendMatrix(target: TraceTarget, id: number): Promise<void> {
    const client = this.ctx.languageClient;
    if (!client) return;
    const version = editorVersion(target.uri);
    const reply = await askCurrent(this.requests, id, target.uri, 'The matrix', () => client.sendRequest<MatrixResponse>(TRACE_MATRIX_REQUEST, { uri: target.uri }), editorVersion);
    if ('dropped' in reply) return;
    const answer = reply.answer;
    if (!('error' in answer)) this.matrixOf = { uri: target.uri, version };
    this.post('error' in answer ? { type: 'error', id, message: answer.error } : { type: 'matrix', id, uri: target.uri, matrix: answer.matrix });
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    if (TracePanel.current === this) TracePanel.current = undefined;
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}
