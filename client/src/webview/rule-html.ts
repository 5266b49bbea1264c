// The rule page's HTML shell: structure only, no data. Strict CSP: our own script and style by nonce.

import { pageShell } from './page-shell.js';

export function rulePageHtml(scriptUri: string, nonce: string): string {
  return pageShell({
    title: 'VPC Endpoint Lens: Rules',
    nonce,
    scriptUri,
    style: `  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.5; padding: 0 20px 40vh; max-width: 60em; }
  h1 { font-size: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
  h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
  h3 { font-size: 1.1em; margin: 0; font-family: var(--vscode-editor-font-family); }
  article { padding: 8px 12px; margin: 12px 0; border-left: 3px solid transparent; }
  article.current { border-left-color: var(--vscode-focusBorder); background: var(--vscode-textBlockQuote-background); }
  .meta { color: var(--vscode-descriptionForeground); }
  .severity-error { color: var(--vscode-editorError-foreground); }
  .severity-warning { color: var(--vscode-editorWarning-foreground); }
  .severity-info { color: var(--vscode-editorInfo-foreground); }
  code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
  a { color: var(--vscode-textLink-foreground); }
  a:hover { color: var(--vscode-textLink-activeForeground); }
  a:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  p { margin: 4px 0; }
`,
    body: `<h1>VPC Endpoint Lens rules</h1>
<p class="meta">Change a rule's severity with the <code>vpceLens.rules</code> setting or in <code>.vpce-lens.yaml</code> (<code>rules: {VPCE5003: off}</code>); silence it for one resource with <code>Metadata: {vpce-lens: {ignore: [VPCE5003]}}</code>.</p>
<main id="rules" aria-live="polite"><p>Loading…</p></main>
`,
  });
}
