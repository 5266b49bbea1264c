// The server links every diagnostic and hover to docs/rules.md#vpce1234 (what any LSP editor can open).
// In VS Code those links open the rule's page beside the editor instead: diagnostics' code links become
// an extension URI (the editor opens those with the extension's UriHandler, without asking; it ignores
// command: links there), hover links a command link that only this command may run.
// No vscode import: the rewriting is tested as plain functions.

import { RULE_DOC_COMMAND } from '../../server/src/protocol/editor';

const DOC_LINK = /^file:\/\/\S*\/docs\/rules\.md#(vpce\d{4})$/i;

/** The rule id a link of the server's points at, or undefined for any other link. */
export function ruleIdOfDocLink(href: string): string | undefined {
  return DOC_LINK.exec(href)?.[1]?.toUpperCase();
}

export function ruleCommandLink(id: string): string {
  return `command:${RULE_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
}

/** A hover's markdown with the server's rule-doc links turned into command links; other links untouched. */
export function rewriteHoverLinks(markdown: string): string {
  return markdown.replace(/\]\((file:\/\/[^)\s]*\/docs\/rules\.md#vpce\d{4})\)/gi, (whole, href: string) => {
    const id = ruleIdOfDocLink(href);
    return id ? `](${ruleCommandLink(id)})` : whole;
  });
}

/** Path and query of the extension URI that shows a rule: `<scheme>://<extension id>/rule?VPCE1002`. */
export const RULE_URI_PATH = '/rule';

/** The rule id an extension URI names, if it is well formed. */
export function ruleIdOfUriQuery(path: string, query: string): string | undefined {
  return path === RULE_URI_PATH && /^VPCE\d{4}$/.test(query) ? query : undefined;
}
