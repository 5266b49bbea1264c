// Commands as a factory map (after rust-analyzer's createCommands): Ctx re-registers every command with
// `enabled(ctx)` while the language client runs and `disabled(ctx)` (or `enabled`) while it does not.
// Command ids must match contributes.commands in package.json.
import type { Ctx } from '../ctx';
import { restartServer } from './restart-server';
import { addYamlCustomTags } from './add-yaml-custom-tags';
import { tracePath } from './trace-path';
import { TRACE_COMMAND } from '../../../server/src/protocol/trace';
import { RULE_DOC_COMMAND } from '../../../server/src/protocol/editor';
import { showRuleDoc } from './show-rule-doc';
import { showMap } from './map';
import { MAP_COMMAND } from '../../../server/src/protocol/map';

export type Cmd = (...args: unknown[]) => unknown;

export interface CommandFactory {
  enabled: (ctx: Ctx) => Cmd;
  /** While the client is stopped; when absent, `enabled` serves both states. */
  disabled?: (ctx: Ctx) => Cmd;
}

export type CommandFactories = Record<string, CommandFactory>;

export function createCommands(): CommandFactories {
  return {
    'vpceLens.restartServer': restartServer,
    'vpceLens.addYamlCustomTags': addYamlCustomTags,
    [TRACE_COMMAND]: tracePath,
    [RULE_DOC_COMMAND]: showRuleDoc,
    [MAP_COMMAND]: showMap,
  };
}
