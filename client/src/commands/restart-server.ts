// "VPC Endpoint Lens: Restart Server": a fresh server process (and so fresh caches); also starts a stopped one.
import { window } from 'vscode';
import type { CommandFactory } from '.';

export const restartServer: CommandFactory = {
  enabled: (ctx) => async () => {
    ctx.output.info('restarting the language server');
    await ctx.restart();
    window.setStatusBarMessage('VPC Endpoint Lens: server restarted', 3000);
  },
  disabled: (ctx) => async () => {
    ctx.output.info('starting the language server');
    await ctx.start();
  },
};
