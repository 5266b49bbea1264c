// The map panel's HTML shell: structure only, no data. The same strict CSP as the trace panel: our
// script and style by nonce, nothing else. The picture's colours come from the editor theme.

import { pageShell } from '../page-shell.js';

export function mapHtml(scriptUri: string, cspSource: string, nonce: string): string {
  return pageShell({
    title: 'VPC Endpoint Lens: VPC Map',
    nonce,
    scriptUri,
    imgSource: cspSource,
    style: `  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px; }
  .toolbar { display: flex; gap: 8px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
  .toolbar button { background: var(--vscode-button-secondaryBackground, var(--vscode-button-background)); color: var(--vscode-button-secondaryForeground, var(--vscode-button-foreground)); border: none; padding: 3px 10px; cursor: pointer; font: inherit; }
  .toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-hoverBackground)); }
  button:focus-visible, [data-node]:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
  #message { color: var(--vscode-descriptionForeground); }
  #message.error { color: var(--vscode-errorForeground); }
  #message.loading { font-style: italic; }
  #canvas { overflow: auto; border: 1px solid var(--vscode-panel-border); }
  #canvas.fit svg { width: 100%; height: auto; }
  svg.vpce-map text { fill: var(--vscode-foreground); font-family: var(--vscode-editor-font-family, monospace); }
  .map-bg { fill: var(--vscode-editor-background); }
  .map-title { font-weight: bold; }
  .map-subtitle, .node-detail, .edge-label, .cluster-label { fill: var(--vscode-descriptionForeground) !important; }
  .cluster > rect { fill: none; stroke: var(--vscode-panel-border); }
  .cluster.kind-vpc > rect { fill: var(--vscode-sideBar-background, transparent); stroke: var(--vscode-charts-purple); stroke-width: 1.5; }
  .cluster.kind-zone > rect { stroke: var(--vscode-charts-blue); stroke-dasharray: 2 2; }
  .cluster-label { font-weight: bold; }
  .node rect { fill: var(--vscode-editor-background); stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
  .node.kind-subnet rect { stroke: var(--vscode-charts-blue); }
  .node.kind-nat-gateway rect, .node.kind-internet-gateway rect { stroke: var(--vscode-charts-orange); }
  .node.kind-gateway-endpoint rect, .node.kind-interface-endpoint rect, .node.kind-endpoint rect { stroke: var(--vscode-charts-green); }
  .node.kind-service rect, .node.kind-internet rect, .node.kind-destination rect { fill: var(--vscode-textBlockQuote-background, var(--vscode-editor-background)); stroke: var(--vscode-charts-purple); }
  .node.kind-external rect { stroke-dasharray: 1 3; }
  .node-label { font-weight: bold; }
  [data-node] { cursor: pointer; }
  .node:hover rect, .cluster:hover > rect { stroke: var(--vscode-focusBorder); }
  .conditional > rect { stroke-dasharray: 6 3; }
  .badge-condition, .badge-unknown { fill: var(--vscode-editorWarning-foreground) !important; font-size: 10px; }
  .badge-unknown { font-weight: bold; font-size: 12px; }
  .edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.2; opacity: 0.8; }
  .edge.kind-placement path, .edge.kind-runs-in path { stroke-dasharray: 2 3; }
  .edge.conditional path { stroke-dasharray: 6 3; }
  .edge-label { font-size: 10px; }
  .arrow path { fill: var(--vscode-descriptionForeground); }
  .path.node rect { stroke-width: 3; }
  .path-pass.node rect, .path-note.node rect { stroke: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  .path-block.node rect, .path-block.cluster > rect { stroke: var(--vscode-editorError-foreground); }
  .path-unknown.node rect, .path-unknown.cluster > rect { stroke: var(--vscode-editorWarning-foreground); stroke-dasharray: 5 3; }
  .edge.path path { stroke-width: 3; opacity: 1; }
  .edge.path-pass path, .edge.path-note path { stroke: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  .edge.path-block path { stroke: var(--vscode-editorError-foreground); }
  .edge.path-unknown path { stroke: var(--vscode-editorWarning-foreground); stroke-dasharray: 6 4; }
  .edge.path-block .edge-label { fill: var(--vscode-editorError-foreground) !important; font-weight: bold; }
  .edge.path-unknown .edge-label { fill: var(--vscode-editorWarning-foreground) !important; font-weight: bold; }
  .arrow-pass path { fill: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  .arrow-block path { fill: var(--vscode-editorError-foreground); }
  .arrow-unknown path { fill: var(--vscode-editorWarning-foreground); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`,
    body: `<div class="toolbar" role="toolbar" aria-label="VPC map">
  <button id="export" type="button" title="Save the picture as an SVG file">Export as SVG</button>
  <button id="fit" type="button" aria-pressed="false" title="Fit the picture to the panel's width">Fit to width</button>
  <button id="clear-path" type="button" hidden title="Show the map without the path">Whole map</button>
  <span id="message" aria-live="polite">Drawing the map…</span>
</div>
<div id="canvas"></div>
<div id="status" class="sr-only" role="status" aria-live="polite"></div>
`,
  });
}
