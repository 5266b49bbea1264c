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

export const MAP_VIEW_TYPE = 'vpceLens.map';

export class MapPanel {
  private static current: MapPanel | undefined;
  private readonly disposables: Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private view: MapView | undefined;

  static createOrShow(ctx: Ctx, target: MapCommandArgs): void {
    const current = MapPanel.current;
    if (current) {
      current.target = target;
      revealInPlace(current.panel);
      void current.refresh();
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
        if (e.document.uri.toString() !== this.target?.uri) return;
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

  private async request(target: MapCommandArgs, svgText: boolean): Promise<MapResponse | undefined> {
    const client = this.ctx.languageClient;
    if (!client) {
      this.post({ type: 'error', message: 'The VPC Endpoint Lens server is not running.' });
      return undefined;
    }
    return client.sendRequest<MapResponse>(MAP_REQUEST, { ...target, ...(svgText ? { svgText: true } : {}) });
  }

  private async refresh(): Promise<void> {
    const target = this.target;
    if (!target) return this.post({ type: 'error', message: this.problem });
    const { from, to } = target;
    this.panel.title = from && to ? `VPC Map: ${from} → ${to}` : 'VPC Map';
    this.post({ type: 'state', target });
    this.post({ type: 'busy', what: 'Drawing the map' });
    try {
      const answer = await this.request(target, false);
      if (!answer) return;
      if ('error' in answer) return this.post({ type: 'error', message: answer.error });
      this.view = answer.map;
      this.post({ type: 'map', view: answer.map });
    } catch (err) {
      this.post({ type: 'error', message: `The map failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** The picture as the CLI writes it (the engine's SVG text), saved where the user says. */
  private async export(target: MapCommandArgs): Promise<void> {
    const answer = await this.request(target, true);
    if (!answer) return;
    if ('error' in answer || !answer.map.svgText) return this.post({ type: 'error', message: 'error' in answer ? answer.error : 'No picture to export.' });
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
