// "VPC Endpoint Lens: Show VPC Map": the map of the active template (or of the one a CodeLens or the
// trace panel names, with the path it shows).

import { window } from 'vscode';
import type { CommandFactory } from '.';
import { MapPanel } from '../webview/map/map-panel';
import type { MapCommandArgs } from '../../../server/src/protocol/map';
import { TOO_LARGE_TO_TRACE } from '../../../server/src/protocol/size-limit';

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;

export const showMap: CommandFactory = {
  enabled: (ctx) => (args?: unknown) => {
    const given = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
    const uri = typeof given.uri === 'string' ? given.uri : window.activeTextEditor?.document.uri.toString();
    if (!uri) return void window.showInformationMessage('Open a CloudFormation template to see its VPC map.');
    if (ctx.isHeldBack(uri)) return void window.showWarningMessage(`VPC Endpoint Lens: ${TOO_LARGE_TO_TRACE}`);
    const target: MapCommandArgs = { uri };
    if (isName(given.vpc)) target.vpc = given.vpc;
    if (isName(given.from) && isName(given.to)) Object.assign(target, { from: given.from, to: given.to });
    MapPanel.createOrShow(ctx, target);
  },
  disabled: () => () => void window.showWarningMessage('VPC Endpoint Lens: the language server is not running.'),
};
