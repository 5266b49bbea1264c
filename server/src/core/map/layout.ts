// Where each node and edge of a picture goes, worked out by @dagrejs/dagre (layered layout with
// nested clusters: VPC ⊃ zone ⊃ subnet), left to right in the direction traffic flows. Runs in the
// engine, synchronously, so the CLI and the editor's webview draw one set of coordinates. Text is
// measured by a fixed width per character: the picture is drawn in a monospace font everywhere, so
// no browser is needed to know how wide a label is.

import { graphlib, layout } from '@dagrejs/dagre';
import { originText, type MapEdge, type MapNode, type Picture } from './picture.js';

export interface Point {
  x: number;
  y: number;
}

export interface SceneNode extends MapNode {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Labels as drawn (shortened to fit; the whole text is in the tooltip). */
  lines: string[];
}

export interface SceneEdge extends MapEdge {
  points: Point[];
  labelAt?: Point;
}

export interface Scene {
  width: number;
  height: number;
  nodes: SceneNode[];
  edges: SceneEdge[];
}

export const FONT_SIZE = 12;
export const CHAR_WIDTH = 7.3;
const LINE = 16;
const PAD_X = 12;
const MAX_CHARS = 34;
const MARGIN = 16;
/** Room at the top of a cluster for its name. */
export const CLUSTER_HEAD = 22;

export function fit(text: string, max = MAX_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function textWidth(text: string): number {
  return [...text].length * CHAR_WIDTH;
}

export function layoutPicture(picture: Picture): Scene {
  const g = new graphlib.Graph({ compound: true, multigraph: true, directed: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, edgesep: 12, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const parents = new Set(picture.nodes.map((n) => n.parent).filter((p): p is string => Boolean(p)));
  const ids = new Set(picture.nodes.map((n) => n.id));
  const lines = new Map<string, string[]>();
  for (const n of picture.nodes) {
    // An element of a nested stack's template says which file on its face, not only in its tooltip.
    const text = [fit(n.label), ...(n.detail ? [fit(n.detail)] : []), ...(n.origin ? [fit(originText(n.origin.file))] : [])];
    lines.set(n.id, text);
    if (parents.has(n.id)) g.setNode(n.id, {});
    else g.setNode(n.id, { width: Math.max(96, Math.ceil(Math.max(...text.map(textWidth)) + 2 * PAD_X)), height: 10 + text.length * LINE });
  }
  for (const n of picture.nodes) if (n.parent && ids.has(n.parent)) g.setParent(n.id, n.parent);
  for (const e of picture.edges) {
    const label = e.label ? fit(e.label, 24) : undefined;
    g.setEdge(e.from, e.to, label ? { width: textWidth(label) + 6, height: LINE, labelpos: 'c' } : { width: 0, height: 0 }, e.id);
  }
  layout(g);

  // Each cluster gets room for its name above its contents: grown upward, and every enclosing cluster
  // with it, so that names never sit on the boxes inside.
  const box = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const n of picture.nodes) {
    const l = g.node(n.id) as { x: number; y: number; width: number; height: number };
    box.set(n.id, { x: l.x - l.width / 2, y: l.y - l.height / 2, w: l.width, h: l.height });
  }
  const parentOf = new Map(picture.nodes.map((n) => [n.id, n.parent]));
  const depth = (id: string): number => {
    let d = 0;
    for (let p = parentOf.get(id); p; p = parentOf.get(p)) d++;
    return d;
  };
  const children = new Map<string, string[]>();
  for (const n of picture.nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n.id]);
  const clusters = picture.nodes.filter((n) => parents.has(n.id)).sort((a, b) => depth(b.id) - depth(a.id));
  for (const c of clusters) {
    const b = box.get(c.id)!;
    const inner = (children.get(c.id) ?? []).map((id) => box.get(id)!);
    const top = Math.min(...inner.map((i) => i.y)) - CLUSTER_HEAD - 6;
    const left = Math.min(b.x, ...inner.map((i) => i.x - 8));
    const right = Math.max(b.x + b.w, ...inner.map((i) => i.x + i.w + 8));
    const bottom = Math.max(b.y + b.h, ...inner.map((i) => i.y + i.h + 8));
    const y = Math.min(b.y, top);
    box.set(c.id, { x: left, y, w: right - left, h: bottom - y });
  }

  const nodes: SceneNode[] = picture.nodes.map((n) => {
    const b = box.get(n.id)!;
    return { ...n, x: round(b.x), y: round(b.y), w: round(b.w), h: round(b.h), lines: lines.get(n.id)!, cluster: parents.has(n.id) };
  });
  const edges: SceneEdge[] = picture.edges.map((e) => {
    const l = g.edge({ v: e.from, w: e.to, name: e.id }) as { points: Point[]; x?: number; y?: number };
    const points = (l.points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) }));
    return { ...e, points, ...(e.label && l.x !== undefined && l.y !== undefined ? { labelAt: { x: round(l.x), y: round(l.y) } } : {}) };
  });
  // Growing the clusters may have moved content above the origin: shift everything back in.
  const minX = Math.min(MARGIN, ...nodes.map((n) => n.x)) - MARGIN;
  const minY = Math.min(MARGIN, ...nodes.map((n) => n.y)) - MARGIN;
  for (const n of nodes) (n.x = round(n.x - minX)), (n.y = round(n.y - minY));
  for (const e of edges) {
    e.points = e.points.map((p) => ({ x: round(p.x - minX), y: round(p.y - minY) }));
    if (e.labelAt) e.labelAt = { x: round(e.labelAt.x - minX), y: round(e.labelAt.y - minY) };
  }
  const width = round(Math.max(0, ...nodes.map((n) => n.x + n.w), ...edges.flatMap((e) => e.points.map((p) => p.x))) + MARGIN);
  const height = round(Math.max(0, ...nodes.map((n) => n.y + n.h), ...edges.flatMap((e) => e.points.map((p) => p.y))) + MARGIN);
  return { width, height, nodes, edges };
}

/** Coordinates to a tenth of a pixel: the SVG text stays short and the same on every machine. */
function round(v: number): number {
  return Math.round(v * 10) / 10;
}
