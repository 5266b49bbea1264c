// "VPC Endpoint Lens: Trace Path…": pick a source (a subnet or workload of the active template) and a
// destination (the template's endpoint services, common AWS services, the internet), then show the
// path in the trace panel. A CodeLens runs it with both already chosen.

import { window, type QuickPickItem } from 'vscode';
import type { CommandFactory } from '.';
import { TracePanel } from '../webview/trace-panel';
import { TRACE_OPTIONS_REQUEST, type TraceCommandArgs, type TraceOptionsResult } from '../../../server/src/protocol/trace';

export const tracePath: CommandFactory = {
  enabled: (ctx) => async (args?: unknown) => {
    const given = args as TraceCommandArgs | undefined;
    const uri = given?.uri ?? window.activeTextEditor?.document.uri.toString();
    if (!uri) return void window.showInformationMessage('Open a CloudFormation template to trace a path in it.');
    const client = ctx.languageClient;
    if (!client) return;
    if (given?.from && given.to) return TracePanel.createOrShow(ctx, { uri, from: given.from, to: given.to });
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
