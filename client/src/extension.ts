// The extension's entry points, nothing else: all state lives in Ctx (ctx.ts).
import { commands, window, type ExtensionContext } from 'vscode';
import { TRACE_VIEW_TYPE, TracePanel } from './webview/trace-panel';
import { MAP_VIEW_TYPE, MapPanel } from './webview/map/map-panel';
import { Ctx } from './ctx';
import { createCommands } from './commands';
import { ruleIdOfUriQuery } from './rule-links';
import { RULE_DOC_COMMAND } from '../../server/src/protocol/editor';

/** When the bundle started running: the extension's own share of a cold start is measured from here. */
const loadedAt = performance.now();
let ctx: Ctx | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  ctx = new Ctx(context, createCommands(), loadedAt);
  context.subscriptions.push(ctx);
  const owner = ctx;
  // A trace or map panel left open is restored after a reload, with the template and path it showed
  // (activationEvents: onWebviewPanel:<view type>, so a reload with only a panel open activates us).
  context.subscriptions.push(
    window.registerWebviewPanelSerializer(TRACE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => TracePanel.revive(owner, panel, state),
    }),
    window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => MapPanel.revive(owner, panel, state),
    }),
  );
  // Diagnostics' code links: <scheme>://<extension id>/rule?VPCE1002 opens the rule's page (ctx.ruleUri).
  context.subscriptions.push(
    window.registerUriHandler({
      handleUri: (uri) => {
        const id = ruleIdOfUriQuery(uri.path, uri.query);
        if (id) void commands.executeCommand(RULE_DOC_COMMAND, id);
      },
    }),
  );
  await ctx.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
