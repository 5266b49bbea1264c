// What a drawn picture is made of: SVG elements as plain data, and the only tags and attributes it
// uses. Imports nothing, so that the webview's bundle can check a picture without the layout code.

export interface SvgElement {
  tag: SvgTag;
  attrs: Record<string, string>;
  text?: string;
  children?: SvgElement[];
}

/** The only elements a picture is made of (the webview refuses any other). */
export const SVG_TAGS = ['svg', 'g', 'rect', 'path', 'text', 'tspan', 'title', 'defs', 'marker', 'desc'] as const;
export type SvgTag = (typeof SVG_TAGS)[number];

/** The only attributes a picture uses (no event handlers, no links, no styles). */
export const SVG_ATTRS = ['xmlns', 'width', 'height', 'viewBox', 'class', 'x', 'y', 'rx', 'd', 'id', 'role', 'aria-label', 'tabindex', 'data-node', 'data-edge', 'marker-end', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient', 'markerUnits', 'text-anchor', 'font-size', 'font-family', 'dy'] as const;
