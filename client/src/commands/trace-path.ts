// "VPC Endpoint Lens: Trace Path…": pick a source (a subnet or workload of the active template) and a
// destination (the template's endpoint services, common AWS services, the internet), then show the
// path in the trace panel. A CodeLens runs it with both already chosen.

import { QuickPickItemKind, window, workspace, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandFactory } from '.';
import { TracePanel } from '../webview/trace-panel';
import { editorVersion } from '../webview/editor-version';
import { LikelyVerdicts, type LikelyItem } from './likely-verdicts';
import { TOO_LARGE_TO_TRACE } from '../../../server/src/protocol/size-limit';
import { TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type TraceCommandArgs, type TraceOptionsResult, type TraceResponse } from '../../../server/src/protocol/trace';

/** One trace for the pick; asked again once when the document changed while it was traced. */
async function traceOnce(client: LanguageClient, uri: string, from: string, to: string): Promise<TraceResponse | undefined> {
  const ask = () => client.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from, to }).catch(() => undefined);
  const first = await ask();
  return first && 'error' in first && /changed while/.test(first.error) ? ask() : first;
}

/**
 * The "Trace to …" lens: its likely services first, each with its verdict and why (traced as the pick
 * opens, and again after each edit of the document while it is open: likely-verdicts.ts), then every other
 * destination of the template. Returns the one chosen.
 */
async function pickLikely(client: LanguageClient, uri: string, from: string, likely: string[]): Promise<string | undefined> {
  const pick = window.createQuickPick<QuickPickItem>();
  pick.title = `Trace Path: from ${from} to`;
  pick.placeholder = 'A likely service (with its verdict), or any other destination';
  pick.matchOnDescription = true;
  let others: string[] = [];
  let open = true;
  const show = (items: readonly LikelyItem[], busy: boolean) => {
    if (!open) return;
    const active = pick.activeItems[0]?.label;
    pick.items = [...items, ...(others.length ? [{ label: 'other destinations', kind: QuickPickItemKind.Separator }, ...others.map((t): QuickPickItem => ({ label: t }))] : [])];
    if (active) pick.activeItems = pick.items.filter((i) => i.label === active);
    pick.busy = busy;
  };
  const verdicts = new LikelyVerdicts(likely, (to) => traceOnce(client, uri, from, to), () => editorVersion(uri), show);
  show(verdicts.items, true);
  pick.show();
  const chosen = new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label));
    pick.onDidHide(() => resolve(undefined));
  });
  // An edit while the pick is open: the verdicts shown are the earlier version's; they are marked and traced again.
  const edits = workspace.onDidChangeTextDocument((e) => {
    if (open && e.document.uri.toString() === uri && e.contentChanges.length > 0) void verdicts.refresh();
  });
  void client.sendRequest<TraceOptionsResult>(TRACE_OPTIONS_REQUEST, { uri }).then(
    (options) => {
      others = options && 'targets' in options ? options.targets.filter((t) => !likely.includes(t)) : [];
      if (others.length) show(verdicts.items, pick.busy);
    },
    () => undefined,
  );
  void verdicts.refresh();
  const to = await chosen;
  open = false;
  edits.dispose();
  pick.dispose();
  return to;
}

export const tracePath: CommandFactory = {
  enabled: (ctx) => async (args?: unknown) => {
    const given = args as TraceCommandArgs | undefined;
    const uri = given?.uri ?? window.activeTextEditor?.document.uri.toString();
    if (!uri) return void window.showInformationMessage('Open a CloudFormation template to trace a path in it.');
    const client = ctx.languageClient;
    if (!client) return;
    // Kept from the server (over the size limit): it would answer that it has no such document.
    if (ctx.isHeldBack(uri)) return void window.showWarningMessage(`VPC Endpoint Lens: ${TOO_LARGE_TO_TRACE}`);
    if (given?.from && given.to) return TracePanel.createOrShow(ctx, { uri, from: given.from, to: given.to });
    if (given?.from && Array.isArray(given.targets)) {
      const to = await pickLikely(client, uri, given.from, given.targets.filter((t): t is string => typeof t === 'string'));
      if (to) TracePanel.createOrShow(ctx, { uri, from: given.from, to });
      return;
    }
    const options = await client.sendRequest<TraceOptionsResult>(TRACE_OPTIONS_REQUEST, { uri });
    if ('error' in options) return void window.showWarningMessage(`VPC Endpoint Lens: ${options.error}`);
    if (options.sources.length === 0) return void window.showInformationMessage('This template has no subnets or workloads to trace from.');
    const from =
      given?.from ??
      (await window.showQuickPick(
        options.sources.map((s): QuickPickItem => ({ label: s.id, description: s.kind })),
        { title: 'Trace Path: from', placeHolder: 'A subnet or workload of this template' },
      ))?.label;
    if (!from) return;
    const to = (await window.showQuickPick(options.targets.map((t): QuickPickItem => ({ label: t })), { title: `Trace Path: from ${from} to`, placeHolder: 'An AWS service, or the internet' }))?.label;
    if (!to) return;
    TracePanel.createOrShow(ctx, { uri, from, to });
  },
  disabled: () => () => void window.showWarningMessage('VPC Endpoint Lens: the language server is not running.'),
};
