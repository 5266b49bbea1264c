// The extension's entry points, nothing else: all state lives in Ctx (ctx.ts).
import { window, type ExtensionContext } from 'vscode';
import { TRACE_VIEW_TYPE, TracePanel, type TraceTarget } from './webview/trace-panel';
import { Ctx } from './ctx';
import { createCommands } from './commands';

let ctx: Ctx | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  ctx = new Ctx(context, createCommands());
  context.subscriptions.push(ctx);
  const owner = ctx;
  // A trace panel left open is restored after a reload, with the path it showed.
  context.subscriptions.push(
    window.registerWebviewPanelSerializer(TRACE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => TracePanel.revive(owner, panel, state as TraceTarget | undefined),
    }),
  );
  await ctx.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
