// The picture as a Mermaid flowchart, for pull-request comments (GitHub renders ```mermaid blocks).
// Clusters become subgraphs; the traced path is coloured (blocked red, unknown dashed) with the
// deciding value in the edge's label. Ids are generated (n0, n1 …) and every label is quoted with
// its risky characters written as Mermaid entity codes (#60; …), so no name can break the text.

import { originText, type MapNode, type Picture } from './picture.js';

export function toMermaid(picture: Picture, title?: string): string {
  const ids = new Map(picture.nodes.map((n, i) => [n.id, `n${i}`]));
  const kids = new Map<string | undefined, MapNode[]>();
  const known = new Set(picture.nodes.map((n) => n.id));
  for (const n of picture.nodes) {
    const p = n.parent && known.has(n.parent) ? n.parent : undefined;
    kids.set(p, [...(kids.get(p) ?? []), n]);
  }
  const lines: string[] = [];
  // Front matter is YAML: a JSON string is a YAML double-quoted scalar, escapes and all.
  if (title) lines.push('---', `title: ${JSON.stringify(title).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`, '---');
  lines.push('flowchart LR');
  const write = (parent: string | undefined, depth: number) => {
    for (const n of kids.get(parent) ?? []) {
      const pad = '  '.repeat(depth);
      const label = labelOf(n);
      if (kids.has(n.id)) {
        lines.push(`${pad}subgraph ${ids.get(n.id)}["${label}"]`);
        write(n.id, depth + 1);
        lines.push(`${pad}end`);
      } else {
        const [open, close] = n.kind === 'service' || n.kind === 'internet' || n.kind === 'destination' ? ['([', '])'] : n.kind === 'route-table' || n.kind === 'main-route-table' ? ['[/', '/]'] : ['[', ']'];
        lines.push(`${pad}${ids.get(n.id)}${open}"${label}"${close}`);
      }
    }
  };
  write(undefined, 1);
  const styles: string[] = [];
  picture.edges.forEach((e, i) => {
    const text = e.path === 'unknown' && e.decides ? `? ${e.decides}` : e.path === 'block' ? `blocked${e.label ? `: ${e.label}` : ''}` : e.label;
    const cond = e.condition ? ` (if ${e.condition})` : '';
    const arrow = e.path === 'unknown' || e.condition || e.kind === 'placement' || e.kind === 'runs-in' ? '-.->' : e.path ? '==>' : '-->';
    const label = text || cond ? `|"${entities(`${text ?? ''}${cond}`.trim())}"|` : '';
    lines.push(`  ${ids.get(e.from)} ${arrow}${label} ${ids.get(e.to)}`);
    if (e.path) styles.push(`  linkStyle ${i} stroke:${COLOUR[e.path]},stroke-width:3px${e.path === 'unknown' ? ',stroke-dasharray:6 4' : ''}`);
  });
  lines.push(...styles);
  lines.push('  classDef pass stroke:#1a7f37,stroke-width:3px', '  classDef block stroke:#cf222e,stroke-width:3px', '  classDef unknown stroke:#9a6700,stroke-width:3px,stroke-dasharray:5 3', '  classDef conditional stroke-dasharray:6 3');
  for (const decision of ['pass', 'block', 'unknown'] as const) {
    const on = picture.nodes.filter((n) => (n.path === 'note' ? 'pass' : n.path) === decision).map((n) => ids.get(n.id)!);
    if (on.length) lines.push(`  class ${on.join(',')} ${decision}`);
  }
  const conditional = picture.nodes.filter((n) => n.condition && !n.path).map((n) => ids.get(n.id)!);
  if (conditional.length) lines.push(`  class ${conditional.join(',')} conditional`);
  return lines.join('\n') + '\n';
}

const COLOUR = { pass: '#1a7f37', note: '#1a7f37', block: '#cf222e', unknown: '#9a6700' } as const;

function labelOf(n: MapNode): string {
  const parts = [n.label, n.detail, n.origin ? originText(n.origin.file) : undefined, n.condition ? `if ${n.condition}` : undefined, n.unknown ? `? ${n.unknown}` : undefined].filter((p): p is string => Boolean(p));
  return parts.map(entities).join('<br/>');
}

/** A label's text with everything but plain letters, digits and a few safe marks as entity codes. */
export function entities(s: string): string {
  let out = '';
  for (const ch of s) out += /[A-Za-z0-9 .,:/_\-+*()\u00b7\u2192?]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}
