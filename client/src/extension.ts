// The extension's entry points, nothing else: all state lives in Ctx (ctx.ts).
import type { ExtensionContext } from 'vscode';
import { Ctx } from './ctx';
import { createCommands } from './commands';

let ctx: Ctx | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  ctx = new Ctx(context, createCommands());
  context.subscriptions.push(ctx);
  await ctx.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
