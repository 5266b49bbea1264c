// The VPC map panel: one at a time (createOrShow), restored after a reload with the template and path it
// showed (revive: the page's saved state, checked), drawn again as the template is edited (the server
// answers from the analysis of the version it holds). Data reaches the page only through postMessage;
// the page's messages are checked (map-messages.ts); a node's resource is looked up here, by the
// node's id, in the map this panel was sent, so the page cannot name a place of its own.

import { Disposable, Uri, ViewColumn, window, workspace, type WebviewPanel } from 'vscode';
import type { Ctx } from '../../ctx';
import { MAP_REQUEST, type FromMapWebview, type MapCommandArgs, type MapResponse, type MapView, type ToMapWebview } from '../../../../server/src/protocol/map';
import { mapHtml } from './map-html';
import { nonce } from '../nonce';
import { fromMapWebview, nodePlace, restoredMapTarget } from './map-messages';
import { showPlace } from '../open-place';
import { resolveRestored } from '../restore';
import { revealInPlace } from '../reveal';
import { fileNameOf, LatestRequest } from '../latest-request';
import { askCurrent } from '../ask-current';
import { editorVersion } from '../editor-version';

export const MAP_VIEW_TYPE = 'vpceLens.map';

export class MapPanel {
  private static current: MapPanel | undefined;
  private readonly disposables: Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The map the page shows (its nodes' places): none while a request is under way. */
  private view: MapView | undefined;
  private readonly requests = new LatestRequest();
  /** Answers in a row that came for a version the editor did not hold (again()). */
  private reasked = 0;

  static createOrShow(ctx: Ctx, target: MapCommandArgs): void {
    const current = MapPanel.current;
    if (current) {
      current.target = target;
      // The page is told first (its picture goes), then shown: never the previous map under the new request.
      void current.refresh();
      revealInPlace(current.panel);
      return;
    }
    const panel = window.createWebviewPanel(MAP_VIEW_TYPE, 'VPC Map', { viewColumn: ViewColumn.Beside, preserveFocus: true }, MapPanel.options(ctx));
    MapPanel.current = new MapPanel(ctx, panel, target);
  }

  /** `state` is what the page saved: checked, and its document opened, before use; else the panel says why not. */
  static async revive(ctx: Ctx, panel: WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = MapPanel.options(ctx);
    const restored = await resolveRestored(restoredMapTarget(state), 'VPC map', 'VPC Endpoint Lens: Show VPC Map');
    MapPanel.current?.panel.dispose();
    MapPanel.current = 'target' in restored ? new MapPanel(ctx, panel, restored.target) : new MapPanel(ctx, panel, undefined, restored.problem);
  }

  private static options(ctx: Ctx) {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [Uri.joinPath(ctx.extension.extensionUri, 'dist')] };
  }

  /** `target` undefined: a panel that could not be restored; it shows `problem` until the command gives it a map. */
  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: WebviewPanel,
    private target: MapCommandArgs | undefined,
    private readonly problem = '',
  ) {
    const webview = panel.webview;
    const script = webview.asWebviewUri(Uri.joinPath(ctx.extension.extensionUri, 'dist', 'map-page.js'));
    webview.html = mapHtml(script.toString(), webview.cspSource, nonce());
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((raw: unknown) => {
        const m = fromMapWebview(raw);
        if (m) void this.received(m);
      }),
      workspace.onDidChangeTextDocument((e) => {
        const target = this.target;
        if (e.document.uri.toString() !== target?.uri || !e.contentChanges.length) return;
        // The picture is of the version before the edit: gone at once; drawn again once the typing pauses.
        this.loading(target);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), 300);
      }),
    );
  }

  private async received(m: FromMapWebview): Promise<void> {
    if (m.type === 'ready') return this.refresh();
    if (!this.target) return;
    switch (m.type) {
      case 'clearPath':
        this.target = { uri: this.target.uri, ...(this.target.vpc ? { vpc: this.target.vpc } : {}) };
        return this.refresh();
      case 'export':
        return this.export(this.target);
      case 'reveal': {
        // In this document, or in the nested stack's template the node was drawn from.
        const place = nodePlace(this.view, m.node);
        if (place) await showPlace(this.target.uri, place);
        return;
      }
    }
  }

  private async request(target: MapCommandArgs, svgText: boolean): Promise<MapResponse> {
    const client = this.ctx.languageClient;
    if (!client) return { error: 'The VPC Endpoint Lens server is not running.' };
    return client.sendRequest<MapResponse>(MAP_REQUEST, { ...target, ...(svgText ? { svgText: true } : {}) });
  }

  /** A new request: its id, announced to the page, which clears the picture it shows. */
  private loading(target: MapCommandArgs | undefined): number {
    const id = this.requests.next();
    this.view = undefined;
    const what = target ? `Loading the map of ${fileNameOf(target.uri)}${target.vpc ? ` (${target.vpc})` : ''}${target.from && target.to ? `: ${target.from} → ${target.to}` : ''}…` : 'Loading…';
    this.post({ type: 'loading', id, what });
    return id;
  }

  private async refresh(): Promise<void> {
    const target = this.target;
    const id = this.loading(target);
    if (!target) return this.post({ type: 'error', id, message: this.problem });
    const { from, to } = target;
    this.panel.title = from && to ? `VPC Map: ${from} → ${to}` : 'VPC Map';
    this.post({ type: 'state', target });
    const reply = await askCurrent(this.requests, id, target.uri, 'The map', () => this.request(target, false), editorVersion);
    // Another request since (another template, path, an edit) has its own answer; one for a version the
    // editor has left without an edit's request (closed and opened again) is asked for again.
    if ('dropped' in reply) {
      if (reply.dropped === 'version') this.again(id);
      return;
    }
    const answer = reply.answer;
    this.reasked = 0;
    if ('error' in answer) return this.post({ type: 'error', id, message: answer.error });
    this.view = answer.map;
    this.post({ type: 'map', id, view: answer.map });
  }

  /**
   * Asks again once the editor's edits pause (an answer came for a version it no longer holds), a few times:
   * versions that never agree are said, not asked about for ever.
   */
  private again(id: number): void {
    if (++this.reasked > 3) return this.post({ type: 'error', id, message: 'The map was drawn for another version of the template than the editor holds; edit or reopen it to try again.' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  /** The picture as the CLI writes it (the engine's SVG text), saved where the user says. */
  private async export(target: MapCommandArgs): Promise<void> {
    const id = this.requests.id;
    const answer = await this.request(target, true);
    if ('error' in answer || !answer.map.svgText) {
      // Said on the page only while it still shows what was exported.
      if (id !== undefined && this.requests.isLatest(id)) this.post({ type: 'error', id, message: 'error' in answer ? answer.error : 'No picture to export.' });
      return;
    }
    const source = Uri.parse(target.uri);
    const base = (source.path.split('/').pop() ?? 'template').replace(/\.(ya?ml|json|template)$/i, '');
    const suggested = Uri.joinPath(workspace.getWorkspaceFolder(source)?.uri ?? Uri.joinPath(source, '..'), `${base}${target.from && target.to ? `-${target.from}-to-${target.to}` : ''}-map.svg`);
    const where = await window.showSaveDialog({ defaultUri: suggested, filters: { 'SVG image': ['svg'] }, title: 'Export the VPC map as SVG' });
    if (!where) return;
    await workspace.fs.writeFile(where, new TextEncoder().encode(answer.map.svgText));
    void window.showInformationMessage(`VPC map saved to ${workspace.asRelativePath(where)}.`);
  }

  private post(message: ToMapWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    if (MapPanel.current === this) MapPanel.current = undefined;
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}
