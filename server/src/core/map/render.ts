// A laid-out picture as SVG elements, as plain data: the CLI writes them as XML text (svg.ts), the
// webview makes DOM elements of them (every string set as an attribute value or as text, never
// parsed as markup). One drawing, two ways to write it down, so both show the same picture.
// Colours are not here: elements carry classes; the CLI's stylesheet and the webview's theme colour them.

import { CHAR_WIDTH, CLUSTER_HEAD, fit, FONT_SIZE, type Scene, type SceneEdge, type SceneNode } from './layout.js';
import type { SvgElement, SvgTag } from './svg-element.js';
import { originText } from './picture.js';

export type { SvgElement, SvgTag } from './svg-element.js';

const KIND_TEXT: Record<string, string> = {
  vpc: 'VPC',
  zone: 'Availability Zone',
  subnet: 'subnet',
  'route-table': 'route table',
  'main-route-table': 'main route table',
  'nat-gateway': 'NAT gateway',
  'internet-gateway': 'internet gateway',
  'gateway-endpoint': 'gateway endpoint',
  'interface-endpoint': 'interface endpoint',
  endpoint: 'VPC endpoint',
  service: 'AWS service',
  internet: 'the internet',
  workload: 'workload',
  external: 'outside this template',
  destination: 'destination',
};

const DECISION_TEXT: Record<string, string> = { pass: 'on the path', block: 'blocked here', unknown: 'unknown here', note: 'on the path (note)' };

export interface RenderOptions {
  /** The picture's name (the SVG's accessible label and <title>). */
  title: string;
  /** One line under the title: the path's verdict. */
  subtitle?: string;
}

const TITLE_H = 24;

export function renderScene(scene: Scene, options: RenderOptions): SvgElement {
  const width = Math.max(scene.width, 480);
  const sub = options.subtitle ? wrap(options.subtitle, Math.floor((width - 32) / CHAR_WIDTH), 4) : [];
  const top = TITLE_H + sub.length * 16 + (sub.length ? 8 : 0);
  const height = scene.height + top;
  const el = (tag: SvgTag, attrs: Record<string, string>, children?: SvgElement[], text?: string): SvgElement => ({ tag, attrs, ...(children ? { children } : {}), ...(text !== undefined ? { text } : {}) });
  const markers = ['plain', 'pass', 'block', 'unknown'].map((m) => el('marker', { id: `arrow-${m}`, class: `arrow arrow-${m}`, markerWidth: '10', markerHeight: '8', refX: '9', refY: '4', orient: 'auto', markerUnits: 'userSpaceOnUse' }, [el('path', { d: 'M0,0 L10,4 L0,8 z' })]));
  const heading = [el('text', { class: 'map-title', x: '16', y: '17' }, undefined, options.title), ...sub.map((line, i) => el('text', { class: 'map-subtitle', x: '16', y: String(TITLE_H + 12 + i * 16) }, undefined, line))];
  const shift = (v: number) => String(Math.round((v + top) * 10) / 10);
  const clusters = scene.nodes.filter((n) => n.cluster).map((n) => clusterEl(n, shift, el));
  const edges = scene.edges.map((e) => edgeEl(e, shift, el));
  const nodes = scene.nodes.filter((n) => !n.cluster).map((n) => nodeEl(n, shift, el));
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', width: String(width), height: String(height), viewBox: `0 0 ${width} ${height}`, class: 'vpce-map', role: 'img', 'aria-label': options.title, 'font-family': 'monospace', 'font-size': String(FONT_SIZE) }, [
    el('title', {}, undefined, options.title),
    ...(options.subtitle ? [el('desc', {}, undefined, options.subtitle)] : []),
    el('defs', {}, markers),
    el('rect', { class: 'map-bg', x: '0', y: '0', width: String(width), height: String(height) }),
    el('g', { class: 'map-heading' }, heading),
    el('g', { class: 'clusters' }, clusters),
    el('g', { class: 'edges' }, edges),
    el('g', { class: 'nodes' }, nodes),
  ]);
}

type Make = (tag: SvgTag, attrs: Record<string, string>, children?: SvgElement[], text?: string) => SvgElement;

function classes(n: { kind: string; path?: string; condition?: string; unknown?: string; origin?: unknown }, base: string): string {
  return [base, `kind-${n.kind}`, n.path ? `path path-${n.path}` : '', n.condition ? 'conditional' : '', n.unknown ? 'has-unknown' : '', n.origin ? 'nested' : ''].filter(Boolean).join(' ');
}

function tooltip(n: SceneNode): string {
  const head = `${KIND_TEXT[n.kind] ?? n.kind} ${n.label}${n.detail ? ` (${n.detail})` : ''}`;
  const origin = n.origin ? `${originText(n.origin.file)}, line ${n.origin.line + 1} (a nested stack's template)` : '';
  return [head, origin, n.condition ? `exists only when condition ${n.condition} is true` : '', n.unknown ? `unknown: ${n.unknown}` : '', n.path ? DECISION_TEXT[n.path]! : '', ...n.notes].filter(Boolean).join('\n');
}

function clusterEl(n: SceneNode, shift: (v: number) => string, el: Make): SvgElement {
  // The name is cut to the cluster's width; the whole of it is in the tooltip.
  const name = fit([...n.lines, n.condition ? `if ${n.condition}` : '', n.unknown ? '?' : ''].filter(Boolean).join(' · '), Math.max(4, Math.floor((n.w - 12) / CHAR_WIDTH)));
  return el('g', { class: classes(n, 'cluster'), 'data-node': n.id, role: 'button', tabindex: '0', 'aria-label': tooltip(n).replace(/\n/g, '; ') }, [
    el('title', {}, undefined, tooltip(n)),
    el('rect', { x: String(n.x), y: shift(n.y), width: String(n.w), height: String(n.h), rx: '6' }),
    el('text', { class: 'cluster-label', x: String(n.x + 8), y: shift(n.y + CLUSTER_HEAD - 7) }, undefined, name),
  ]);
}

function nodeEl(n: SceneNode, shift: (v: number) => string, el: Make): SvgElement {
  const lines = [...n.lines];
  const spans = lines.map((line, i) => el('tspan', { class: i === 0 ? 'node-label' : 'node-detail', x: String(n.x + 10), y: shift(n.y + 18 + i * 16) }, undefined, line));
  const badges: SvgElement[] = [];
  if (n.condition) badges.push(el('text', { class: 'badge badge-condition', x: String(n.x + n.w - 4), y: shift(n.y - 4), 'text-anchor': 'end' }, undefined, `if ${n.condition}`));
  if (n.unknown) badges.push(el('text', { class: 'badge badge-unknown', x: String(n.x + n.w - 6), y: shift(n.y + 14), 'text-anchor': 'end' }, undefined, '?'));
  return el('g', { class: classes(n, 'node'), 'data-node': n.id, role: 'button', tabindex: '0', 'aria-label': tooltip(n).replace(/\n/g, '; ') }, [
    el('title', {}, undefined, tooltip(n)),
    el('rect', { x: String(n.x), y: shift(n.y), width: String(n.w), height: String(n.h), rx: n.kind === 'service' || n.kind === 'internet' ? '14' : '3' }),
    el('text', {}, spans),
    ...badges,
  ]);
}

function edgeEl(e: SceneEdge, shift: (v: number) => string, el: Make): SvgElement {
  const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${shift(p.y)}`).join(' ');
  const label = e.path === 'unknown' && e.decides ? `? ${e.decides}` : e.path === 'block' ? `✗ ${e.label ?? 'blocked'}` : e.label;
  const cls = ['edge', `kind-${e.kind}`, e.path ? `path path-${e.path}` : '', e.condition ? 'conditional' : ''].filter(Boolean).join(' ');
  const title = [`${e.from} → ${e.to}${e.label ? `: ${e.label}` : ''}`, e.condition ? `exists only when condition ${e.condition} is true` : '', e.path ? DECISION_TEXT[e.path]! : '', ...e.notes].filter(Boolean).join('\n');
  const at = e.labelAt ?? e.points[Math.floor(e.points.length / 2)];
  return el('g', { class: cls, 'data-edge': e.id }, [
    el('title', {}, undefined, title),
    el('path', { d, 'marker-end': `url(#arrow-${e.path ?? 'plain'})` }),
    ...(label && at ? [el('text', { class: 'edge-label', x: String(at.x), y: shift(at.y + 4), 'text-anchor': 'middle' }, undefined, e.condition ? `${label} (if ${e.condition})` : label)] : []),
  ]);
}

/** Text in lines of at most `width` characters, broken at spaces; the last line says when more was cut. */
function wrap(text: string, width: number, most: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= most) return lines.map((l) => fit(l, width));
  return [...lines.slice(0, most - 1), fit(`${lines[most - 1]} ${lines.slice(most).join(' ')}`, width)];
}
