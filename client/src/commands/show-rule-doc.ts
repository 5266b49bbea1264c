// "VPC Endpoint Lens: Show Rule Documentation": the rule page beside the editor, at the rule given (from a
// diagnostic's code link or a hover), or at the top when run from the command palette.

import type { CommandFactory } from '.';
import { RulePanel } from '../webview/rule-panel';

export const showRuleDoc: CommandFactory = {
  enabled: (ctx) => (id?: unknown) => RulePanel.show(ctx, typeof id === 'string' && /^VPCE\d{4}$/i.test(id) ? id.toUpperCase() : undefined),
};
