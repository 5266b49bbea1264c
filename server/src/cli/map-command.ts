// `vpce-lens map <template> [--vpc ID] [--format svg|mermaid]` and
// `vpce-lens trace <template> --from ID --to T --format svg|mermaid`: the VPC map of one template,
// with the traced path highlighted when one is asked for. The picture is the engine's (core/map), the
// same one the editor's map view draws.

import type { OutsideRules } from '../core/cdk/outside-rules.js';
import type { PassedParameters } from '../core/cfn/template.js';
import { templateNetwork } from '../core/trace/api.js';
import { LineIndex } from '../core/document/line-index.js';
import { networkOrSay } from './template-network.js';
import { networkMap } from '../core/map/map.js';
import { toSvgText } from '../core/map/svg.js';
import { toMermaid } from '../core/map/mermaid.js';
import { escapeLine } from './escape.js';
import type { Network } from '../core/model/network.js';
import type { AcrossStacks } from './nested-trace.js';
import { nestedOrigins } from './nested-place.js';

export type MapFormat = 'svg' | 'mermaid';

export interface MapArgs {
  file: string;
  /** What the map's title names, when not `file` (a folder given as `.`: its own name). */
  title?: string;
  text: string;
  /** The network when another adapter built it (Terraform); otherwise the text is read as CloudFormation. */
  network?: Network;
  /** A parent read with its nested stacks (`network` is theirs): each element from a nested template names its file. */
  across?: AcrossStacks;
  format: MapFormat;
  /** The regions the stack deploys to, as the trace is told them (trace-command.ts). */
  regions?: readonly string[];
  /** Security groups the CDK app's other stacks add rules to, as the trace is told them. */
  outsideRules?: OutsideRules;
  /** Parameters a CDK nested stack's parent sets (the settings' passedParameters). */
  passedParameters?: PassedParameters;
  vpc?: string;
  from?: string;
  to?: string;
  action?: string;
}

export function runMap(args: MapArgs, out: (s: string) => void, err: (s: string) => void): number {
  const net = args.network ?? networkOrSay(templateNetwork(args.text, args.regions, args.outsideRules, args.passedParameters), args.file, new LineIndex(args.text), err);
  if (!net) return 2;
  const answer = networkMap(net, { ...(args.vpc ? { vpc: args.vpc } : {}), ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}), ...(args.action ? { action: args.action } : {}) }, args.title ?? args.file, args.across && nestedOrigins(args.across));
  if (!answer.ok) return err(`vpce-lens: ${escapeLine(`${args.file}: ${answer.error}`)}\n`), 2;
  if (answer.note) err(`vpce-lens: ${escapeLine(`${args.file}: ${answer.note}`)}\n`);
  if (args.format === 'svg') out(toSvgText(answer.svg));
  else out(toMermaid(answer.picture, [answer.subtitle ?? answer.title, answer.note ? `(${answer.note})` : ''].filter(Boolean).join(' ')));
  return 0;
}
