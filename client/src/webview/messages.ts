// What the trace page posts, and what VS Code hands back when it restores a panel, come from a
// webview: a page that renders a workspace's template. Both are checked field by field before use,
// never only type-cast; anything else is dropped.

import type { FromWebview, LspRange, MatrixView, PlaceElsewhere, ToWebview, TraceView } from '../../../server/src/protocol/trace';
import { isRequestId } from './latest-request';

/** What a panel traces; restored from the page's saved state after a reload. */
export interface TraceTarget {
  uri: string;
  from: string;
  to: string;
}

const MAX_NAME = 512;
const MAX_URI = 8192;
const MAX_HOPS = 100_000;
/** Schemes of documents the panel can trace: a restored state cannot name a command: or http: link. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
const isPosition = (v: unknown) => isObj(v) && isCount(v.line) && isCount(v.character);

function isRange(v: unknown): v is LspRange {
  if (!isObj(v) || !isPosition(v.start) || !isPosition(v.end)) return false;
  const s = v.start as Obj;
  const e = v.end as Obj;
  return (s.line as number) < (e.line as number) || (s.line === e.line && (s.character as number) <= (e.character as number));
}

// One checker per message type: a type added to FromWebview without one does not compile.
const checkers: { [K in FromWebview['type']]: (m: Obj) => Extract<FromWebview, { type: K }> | undefined } = {
  ready: () => ({ type: 'ready' }),
  matrix: () => ({ type: 'matrix' }),
  map: () => ({ type: 'map' }),
  reveal: (m) => (isRange(m.range) ? { type: 'reveal', range: { start: { line: m.range.start.line, character: m.range.start.character }, end: { line: m.range.end.line, character: m.range.end.character } } } : undefined),
  trace: (m) => (isName(m.from) && isName(m.to) ? { type: 'trace', from: m.from, to: m.to } : undefined),
  apply: (m) => (isCount(m.index) && m.index < 1000 ? { type: 'apply', index: m.index } : undefined),
  // Only an index: the file and range are the extension's own, looked up in the trace it sent (hopElsewhere).
  open: (m) => (isCount(m.hop) && m.hop < MAX_HOPS ? { type: 'open', hop: m.hop } : undefined),
};

/** A message from the page, rebuilt from its checked fields; undefined when it is not one we know. */
export function fromWebview(m: unknown): FromWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(checkers, m.type)) return undefined;
  return checkers[m.type as FromWebview['type']](m);
}

/** A document URI of a scheme the panels show (never a command: or http: link), not absurdly long. */
export function isDocumentUri(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > MAX_URI) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase();
  return scheme !== undefined && SCHEMES.has(scheme);
}

const MAX_TEXT = 100_000;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;

/**
 * A message from the extension as the trace page takes it: a known type, its request id, fields of the right
 * kinds (every string is drawn as text); else undefined.
 */
export function fromTracePanel(m: unknown): ToWebview | undefined {
  if (!isObj(m) || !isRequestId(m.id)) return undefined;
  const id = m.id;
  switch (m.type) {
    case 'loading':
      return isText(m.what) && typeof m.matrix === 'boolean' ? { type: 'loading', id, what: m.what, matrix: m.matrix } : undefined;
    case 'trace':
      return isDocumentUri(m.uri) && isObj(m.view) && Array.isArray(m.view.hops) ? { type: 'trace', id, uri: m.uri, view: m.view as unknown as TraceView } : undefined;
    case 'matrix':
      return isDocumentUri(m.uri) && isObj(m.matrix) ? { type: 'matrix', id, uri: m.uri, matrix: m.matrix as unknown as MatrixView } : undefined;
    case 'error':
      return isText(m.message) ? { type: 'error', id, message: m.message } : undefined;
    default:
      return undefined;
  }
}

/** A restored panel's state: a document URI of a known scheme and two names, or nothing. */
export function restoredTarget(state: unknown): TraceTarget | undefined {
  if (!isObj(state) || !isDocumentUri(state.uri) || !isName(state.from) || !isName(state.to)) return undefined;
  return { uri: state.uri, from: state.from, to: state.to };
}

/**
 * Where hop `index` of `sent` (the trace the panel posted to the page) is, when it is in another file (a
 * nested stack's template): the server's file and range for it, never a place the page names.
 */
export function hopElsewhere(sent: TraceView | undefined, index: number): PlaceElsewhere | undefined {
  const hop = sent && Number.isInteger(index) && index >= 0 && index < sent.hops.length ? sent.hops[index] : undefined;
  return hop?.file !== undefined && hop.fileRange ? { file: hop.file, range: hop.fileRange } : undefined;
}
