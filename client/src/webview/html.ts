// The trace panel's HTML shell: no data in it, only structure. Strict CSP: nothing but our own script
// (by nonce) and style (by nonce); no remote resources, no inline handlers.

import { pageShell } from './page-shell.js';

export function panelHtml(scriptUri: string, cspSource: string, nonce: string): string {
  return pageShell({
    title: 'VPC Endpoint Lens: Trace',
    nonce,
    scriptUri,
    imgSource: cspSource,
    style: `  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px; }
  [role=tablist] { display: flex; gap: 4px; border-bottom: 1px solid var(--vscode-panel-border); margin: 8px 0; }
  [role=tab] { background: none; color: var(--vscode-foreground); border: none; border-bottom: 2px solid transparent; padding: 6px 10px; cursor: pointer; font: inherit; }
  [role=tab][aria-selected=true] { border-bottom-color: var(--vscode-focusBorder); font-weight: bold; }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
  .verdict { border-left: 4px solid var(--vscode-descriptionForeground); padding: 8px 12px; margin: 12px 0; background: var(--vscode-textBlockQuote-background); }
  .verdict.private { border-left-color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  .verdict.public { border-left-color: var(--vscode-editorWarning-foreground); }
  .verdict.blocked, .verdict.error { border-left-color: var(--vscode-editorError-foreground); }
  .verdict p { margin: 4px 0 0; }
  .verdict.loading strong { font-weight: normal; font-style: italic; color: var(--vscode-descriptionForeground); }
  ol.hops { list-style: none; padding: 0; margin: 0; }
  .hop { position: relative; padding: 4px 0 8px 24px; border-left: 2px solid var(--vscode-panel-border); margin-left: 8px; }
  .hop-button { background: none; border: none; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; padding: 0; display: flex; gap: 8px; align-items: baseline; }
  .hop-nowhere { color: inherit; cursor: default; }
  .hop-elsewhere .file { color: var(--vscode-descriptionForeground); text-decoration: underline; }
  .hop-nowhere .file { text-decoration: none; }
  .mark { position: absolute; left: -9px; width: 16px; text-align: center; background: var(--vscode-editor-background); font-weight: bold; }
  .hop.pass .mark { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  .hop.block .mark { color: var(--vscode-editorError-foreground); }
  .hop.unknown .mark, .hop.note .mark { color: var(--vscode-editorWarning-foreground); }
  .kind { font-weight: bold; color: var(--vscode-foreground); }
  .resource { font-family: var(--vscode-editor-font-family); }
  .reason { margin: 2px 0 0; color: var(--vscode-descriptionForeground); }
  .suggestions { padding-left: 16px; color: var(--vscode-foreground); }
  .apply-button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 1px 8px; cursor: pointer; font: inherit; }
  .apply-button:hover { background: var(--vscode-button-hoverBackground); }
  .apply-button:disabled { opacity: 0.6; cursor: default; }
  .decides { font-size: 0.85em; border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; color: var(--vscode-descriptionForeground); }
  .hop.deciding .reason { color: var(--vscode-foreground); }
  .legend { margin: 4px 0; color: var(--vscode-descriptionForeground); }
  /* The matrix scrolls inside its box at any panel width; its headers stick to the box's edges. */
  .matrix-scroll { overflow: auto; max-width: 100%; max-height: calc(100vh - 110px); border: 1px solid var(--vscode-panel-border); }
  table.matrix { border-collapse: separate; border-spacing: 0; }
  .matrix caption { text-align: left; padding: 4px 6px; color: var(--vscode-descriptionForeground); }
  .matrix th, .matrix td { border-right: 1px solid var(--vscode-panel-border); border-bottom: 1px solid var(--vscode-panel-border); padding: 2px 6px; text-align: left; white-space: nowrap; background: var(--vscode-editor-background); }
  .matrix thead th { position: sticky; top: 0; z-index: 2; }
  .matrix tbody th { position: sticky; left: 0; z-index: 1; font-weight: normal; font-family: var(--vscode-editor-font-family); }
  .matrix thead th.corner { left: 0; z-index: 3; }
  .cell { background: none; border: none; font: inherit; cursor: pointer; color: var(--vscode-foreground); display: inline-flex; gap: 4px; padding: 0; }
  .cell .cond-mark { font-weight: bold; }
  .cell-tip { position: absolute; z-index: 10; padding: 6px 8px; background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground)); border: 1px solid var(--vscode-editorHoverWidget-border, var(--vscode-panel-border)); box-shadow: 0 2px 8px var(--vscode-widget-shadow); pointer-events: none; }
  .cell-tip p { margin: 4px 0 0; }
  .cell.private { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  .cell.public { color: var(--vscode-editorWarning-foreground); }
  .cell.blocked { color: var(--vscode-editorError-foreground); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`,
    body: `<div id="tabs" role="tablist" aria-label="Trace views">
  <button id="tab-path" role="tab" aria-selected="true" aria-controls="panel-path" type="button">Path</button>
  <button id="tab-matrix" role="tab" aria-selected="false" aria-controls="panel-matrix" tabindex="-1" type="button">Matrix</button>
</div>
<button id="open-map" type="button" title="Show this path on the VPC map">Show on VPC map</button>
<section id="panel-path" role="tabpanel" aria-labelledby="tab-path">
  <div id="verdict" class="verdict" aria-live="polite"><strong>Tracing…</strong></div>
  <div id="hops"></div>
</section>
<section id="panel-matrix" role="tabpanel" aria-labelledby="tab-matrix" hidden>
  <div id="matrix"><p>Computing every source × every destination…</p></div>
</section>
<div id="status" class="sr-only" role="status" aria-live="polite"></div>
`,
  });
}
