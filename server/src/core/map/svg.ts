// The picture as a standalone SVG file (the CLI's --format svg, the editor's "Export as SVG"): the
// elements of render.ts written as XML, every string escaped, with a stylesheet of fixed colours (a
// file has no editor theme). Deterministic: the same template gives the same bytes.

import type { SvgElement } from './svg-element.js';

// Light colours readable on GitHub and in documents; the webview uses the editor theme's instead.
const STYLE = `
.map-bg { fill: #ffffff; }
text { fill: #1f2328; }
.map-title { font-weight: bold; font-size: 14px; }
.map-subtitle { fill: #59636e; }
.cluster rect { fill: none; stroke: #8c959f; stroke-width: 1; }
.cluster.kind-vpc > rect { fill: #f6f8fa; stroke: #8250df; stroke-width: 1.5; }
.cluster.kind-zone > rect { fill: #ffffff; stroke: #0969da; stroke-dasharray: 2 2; }
.cluster-label { font-weight: bold; fill: #59636e; }
.node rect { fill: #ffffff; stroke: #57606a; stroke-width: 1; }
.node.kind-subnet rect { stroke: #0969da; }
.node.kind-route-table rect, .node.kind-main-route-table rect { stroke: #6e7781; }
.node.kind-nat-gateway rect, .node.kind-internet-gateway rect { stroke: #bc4c00; }
.node.kind-gateway-endpoint rect, .node.kind-interface-endpoint rect, .node.kind-endpoint rect { stroke: #1a7f37; }
.node.kind-service rect, .node.kind-internet rect, .node.kind-destination rect { fill: #f6f8fa; stroke: #8250df; }
.node.kind-external rect { stroke-dasharray: 1 3; }
.node-label { font-weight: bold; }
.node-detail { fill: #59636e; }
.conditional > rect { stroke-dasharray: 6 3; }
.badge-condition { fill: #9a6700; font-size: 10px; }
.badge-unknown { fill: #9a6700; font-weight: bold; }
.edge path { fill: none; stroke: #8c959f; stroke-width: 1.2; }
.edge.kind-placement path, .edge.kind-runs-in path { stroke-dasharray: 2 3; }
.edge.conditional path { stroke-dasharray: 6 3; }
.edge-label { fill: #59636e; font-size: 10px; }
.arrow path { fill: #8c959f; }
.path.node rect { stroke-width: 3; }
.path-pass.node rect, .path-note.node rect, .path-pass.cluster > rect { stroke: #1a7f37; }
.path-block.node rect, .path-block.cluster > rect { stroke: #cf222e; }
.path-unknown.node rect, .path-unknown.cluster > rect { stroke: #9a6700; stroke-dasharray: 5 3; }
.edge.path path { stroke-width: 3; }
.edge.path-pass path, .edge.path-note path { stroke: #1a7f37; }
.edge.path-block path { stroke: #cf222e; }
.edge.path-unknown path { stroke: #9a6700; stroke-dasharray: 6 4; }
.edge.path-block .edge-label { fill: #cf222e; font-weight: bold; }
.edge.path-unknown .edge-label { fill: #9a6700; font-weight: bold; }
.arrow-pass path { fill: #1a7f37; }
.arrow-block path { fill: #cf222e; }
.arrow-unknown path { fill: #9a6700; }
`;

export function toSvgText(root: SvgElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, out, true);
  return out.join('');
}

function write(e: SvgElement, depth: number, out: string[], root = false): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(e.attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (root) {
    // The stylesheet goes first inside the root: CSS text of ours (no user string), in CDATA.
    out.push(`${pad}<svg${attrs}>\n${pad}  <style><![CDATA[${STYLE}]]></style>\n`);
    for (const c of e.children ?? []) write(c, depth + 1, out);
    out.push(`${pad}</svg>\n`);
    return;
  }
  const kids = e.children ?? [];
  if (e.text !== undefined && kids.length === 0) out.push(`${pad}<${e.tag}${attrs}>${escapeXml(e.text)}</${e.tag}>\n`);
  else if (kids.length === 0) out.push(`${pad}<${e.tag}${attrs}/>\n`);
  else if (e.tag === 'text') {
    // tspans on one line: whitespace between them would show as spaces.
    out.push(`${pad}<text${attrs}>${kids.map((k) => `<${k.tag}${Object.entries(k.attrs).map(([a, v]) => ` ${a}="${escapeXml(v)}"`).join('')}>${escapeXml(k.text ?? '')}</${k.tag}>`).join('')}</text>\n`);
  } else {
    out.push(`${pad}<${e.tag}${attrs}>\n`);
    for (const c of kids) write(c, depth + 1, out);
    out.push(`${pad}</${e.tag}>\n`);
  }
}

/** Text for XML content or a quoted attribute; characters XML 1.0 cannot hold become U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
