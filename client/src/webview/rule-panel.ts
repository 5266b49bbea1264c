// The rule documentation view: one panel, opened beside the editor without taking focus (the user's
// tab stays where it was, in its own group), rendered from the rules' metadata the server holds, and
// scrolled to the rule asked for. A later rule reuses the panel.

import { Disposable, Uri, ViewColumn, window, type WebviewPanel } from 'vscode';
import type { Ctx } from '../ctx';
import { RULE_DOCS_REQUEST, type FromRulePage, type RuleDoc, type ToRulePage } from '../../../server/src/protocol/editor';
import { rulePageHtml } from './rule-html';
import { nonce } from './nonce';

export const RULE_VIEW_TYPE = 'vpceLens.rules';

export class RulePanel {
  private static current: RulePanel | undefined;
  private readonly disposables: Disposable[] = [];
  private ready = false;

  static show(ctx: Ctx, id: string | undefined): void {
    const current = RulePanel.current;
    if (current) {
      current.id = id;
      current.panel.title = RulePanel.title(id);
      current.panel.reveal(current.panel.viewColumn ?? ViewColumn.Beside, true);
      if (current.ready && id) current.post({ type: 'show', id });
      return;
    }
    const panel = window.createWebviewPanel(RULE_VIEW_TYPE, RulePanel.title(id), { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [Uri.joinPath(ctx.extension.extensionUri, 'dist')],
    });
    RulePanel.current = new RulePanel(ctx, panel, id);
  }

  private static title(id: string | undefined): string {
    return id ? `Rule ${id}` : 'VPC Endpoint Lens rules';
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: WebviewPanel,
    private id: string | undefined,
  ) {
    const script = panel.webview.asWebviewUri(Uri.joinPath(ctx.extension.extensionUri, 'dist', 'rule-page.js'));
    panel.webview.html = rulePageHtml(script.toString(), nonce());
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromRulePage) => {
        if (m?.type === 'ready') void this.load();
      }),
    );
  }

  private async load(): Promise<void> {
    const client = this.ctx.languageClient;
    if (!client) return;
    const rules = await client.sendRequest<RuleDoc[]>(RULE_DOCS_REQUEST);
    this.ready = true;
    this.post(this.id ? { type: 'rules', rules, show: this.id } : { type: 'rules', rules });
  }

  private post(message: ToRulePage): void {
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    if (RulePanel.current === this) RulePanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}
