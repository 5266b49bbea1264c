// What the map page posts comes from a webview: each message is rebuilt from its checked fields, never
// only type-cast; anything else is dropped. And what the page is asked to draw is checked before it
// becomes DOM: only the SVG elements and attributes a picture is made of (render.ts), no scripts,
// links, styles or event handlers, whatever a template's names say.

import { SVG_ATTRS, SVG_TAGS, type FromMapWebview, type MapCommandArgs, type MapView, type SvgElement, type ToMapWebview } from '../../../../server/src/protocol/map';
import type { LspRange, PlaceElsewhere } from '../../../../server/src/protocol/trace';
import { isDocumentUri } from '../messages';
import { isRequestId } from '../latest-request';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_ID = 1024;
const MAX_NAME = 512;

const checkers: { [K in FromMapWebview['type']]: (m: Obj) => Extract<FromMapWebview, { type: K }> | undefined } = {
  ready: () => ({ type: 'ready' }),
  export: () => ({ type: 'export' }),
  clearPath: () => ({ type: 'clearPath' }),
  reveal: (m) => (typeof m.node === 'string' && m.node.length > 0 && m.node.length <= MAX_ID ? { type: 'reveal', node: m.node } : undefined),
};

/**
 * Where node `node` of `sent` (the map the panel posted to the page) is declared: a range in the document,
 * or a place in a nested stack's template; undefined for a node of no place or one the map does not have
 * (own keys only: a page's "constructor" or "__proto__" is no node).
 */
export function nodePlace(sent: MapView | undefined, node: string): { range: LspRange } | PlaceElsewhere | undefined {
  if (!sent) return undefined;
  const own = <T>(r: Record<string, T> | undefined) => (r && Object.prototype.hasOwnProperty.call(r, node) ? r[node] : undefined);
  const range = own(sent.ranges);
  if (range) return { range };
  return own(sent.elsewhere) ?? undefined;
}

/** A message from the map page, rebuilt from its checked fields; undefined when it is not one we know. */
export function fromMapWebview(m: unknown): FromMapWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(checkers, m.type)) return undefined;
  return checkers[m.type as FromMapWebview['type']](m);
}

const MAX_TEXT = 100_000;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;

/**
 * A message from the extension as the map page takes it: a known type, a request id where it answers one,
 * its fields of the right kinds (the picture itself is checked by checkedSvg before it is drawn); else undefined.
 */
export function fromMapPanel(m: unknown): ToMapWebview | undefined {
  if (!isObj(m)) return undefined;
  switch (m.type) {
    case 'loading':
      return isRequestId(m.id) && isText(m.what) ? { type: 'loading', id: m.id, what: m.what } : undefined;
    case 'map':
      return isRequestId(m.id) && isObj(m.view) ? { type: 'map', id: m.id, view: m.view as unknown as MapView } : undefined;
    case 'error':
      return isRequestId(m.id) && isText(m.message) ? { type: 'error', id: m.id, message: m.message } : undefined;
    case 'state': {
      const target = restoredMapTarget(m.target);
      return target ? { type: 'state', target } : undefined;
    }
    default:
      return undefined;
  }
}

/** A restored map panel's state: a document URI of a known scheme, a VPC and a path (both ends or neither), or nothing. */
export function restoredMapTarget(state: unknown): MapCommandArgs | undefined {
  if (!isObj(state) || !isDocumentUri(state.uri)) return undefined;
  const name = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
  const target: MapCommandArgs = { uri: state.uri };
  if (state.vpc !== undefined) {
    if (!name(state.vpc)) return undefined;
    target.vpc = state.vpc;
  }
  if (state.from !== undefined || state.to !== undefined) {
    if (!name(state.from) || !name(state.to)) return undefined;
    Object.assign(target, { from: state.from, to: state.to });
  }
  return target;
}

const TAGS = new Set<string>(SVG_TAGS);
const ATTRS = new Set<string>(SVG_ATTRS);
const MAX_DEPTH = 16;
const MAX_ELEMENTS = 200_000;

/**
 * The picture, if every element is one of the picture's tags with only the picture's attributes (string
 * values; `marker-end` only as a local url(#…)), and it is not absurdly large or deep; else undefined.
 */
export function checkedSvg(root: unknown): SvgElement | undefined {
  let count = 0;
  const check = (e: unknown, depth: number): boolean => {
    if (!isObj(e) || typeof e.tag !== 'string' || !TAGS.has(e.tag) || !isObj(e.attrs) || depth > MAX_DEPTH || ++count > MAX_ELEMENTS) return false;
    for (const [k, v] of Object.entries(e.attrs)) {
      if (!ATTRS.has(k) || typeof v !== 'string') return false;
      if (k === 'marker-end' && !/^url\(#[a-z-]+\)$/.test(v)) return false;
    }
    if (e.text !== undefined && typeof e.text !== 'string') return false;
    if (e.children !== undefined && (!Array.isArray(e.children) || !e.children.every((c) => check(c, depth + 1)))) return false;
    return true;
  };
  return isObj(root) && root.tag === 'svg' && check(root, 0) ? (root as unknown as SvgElement) : undefined;
}
