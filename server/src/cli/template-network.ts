// The network trace, matrix and map read from a CloudFormation text, or the one line that says why there
// is none: a syntax error where `check` puts it (file:line:col), or a text that is not a template.

import type { LineIndex } from '../core/document/line-index.js';
import type { Network } from '../core/model/network.js';
import type { TemplateNetwork } from '../core/trace/api.js';
import { escapeFileName, escapeLine } from './escape.js';

/** The template's network, or undefined after saying why there is none. */
export function networkOrSay(n: TemplateNetwork, file: string, lines: Pick<LineIndex, 'positionAt'>, err: (s: string) => void): Network | undefined {
  if (n.ok) return n.network;
  const p = n.at === undefined ? undefined : lines.positionAt(n.at);
  err(`vpce-lens: ${escapeFileName(file)}${p ? `:${p.line + 1}:${p.character + 1}` : ''}: ${escapeLine(n.error)}\n`);
  return undefined;
}
