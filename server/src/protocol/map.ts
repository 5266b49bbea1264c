// The VPC map's messages between the client, the server and the map webview. The picture arrives
// drawn (SVG elements as plain data, made by the engine: core/map/render.ts); the webview only turns
// them into DOM elements, every string as text or an attribute value.

import type { LspRange, PlaceElsewhere } from './trace.js';
import type { SvgElement } from '../core/map/svg-element.js';

export type { SvgElement, SvgTag } from '../core/map/svg-element.js';
export { SVG_ATTRS, SVG_TAGS } from '../core/map/svg-element.js';

/** `vpceLens/map` (client → server request): the map of a template, with a path when from/to are given. */
export const MAP_REQUEST = 'vpceLens/map';
/** The command that opens the map (palette, the CodeLens on a VPC, the trace panel's Map button). */
export const MAP_COMMAND = 'vpceLens.showMap';

export interface MapParams {
  uri: string;
  /** Only this VPC. */
  vpc?: string;
  /** A path to highlight: both or neither. */
  from?: string;
  to?: string;
  /** Answer the standalone SVG file's text too (Export as SVG). */
  svgText?: boolean;
}

/** Arguments of MAP_COMMAND. */
export type MapCommandArgs = Omit<MapParams, 'svgText'>;

export interface MapView {
  title: string;
  /** The path's verdict, when a path is drawn. */
  subtitle?: string;
  /** Why the map shows less than was asked for (one VPC of a very large network). */
  note?: string;
  verdict?: 'private' | 'public' | 'blocked' | 'unknown';
  svg: SvgElement;
  /** Where each node's resource is declared (null: a node that stands for nothing in the file, or one in `elsewhere`). */
  ranges: Record<string, LspRange | null>;
  /**
   * The nodes written in a nested stack's template (the map reads the parent with the stacks it deploys):
   * that file, relative to the document's folder, and the range there. Opened by the extension, by node id.
   */
  elsewhere?: Record<string, PlaceElsewhere>;
  /** With `svgText` asked for. */
  svgText?: string;
  /** Layout time in the worker, ms (shown nowhere; for the benchmarks). */
  layoutMs?: number;
}

/** `version`: the document version the map was drawn for (the server adds it); the panel shows no other. */
export type MapResponse = { map: MapView; version?: number } | { error: string };

/**
 * Extension → map webview. Each request has an id (1, 2, …) announced by its `loading` message, which clears
 * the picture shown; the page draws only the replies to the latest id.
 */
export type ToMapWebview =
  | { type: 'loading'; id: number; what: string }
  | { type: 'map'; id: number; view: MapView }
  | { type: 'error'; id: number; message: string }
  /** What the panel shows, for the page to save: the panel is restored from it after a reload. */
  | { type: 'state'; target: MapCommandArgs };

/** Map webview → extension. */
export type FromMapWebview =
  | { type: 'ready' }
  /** Reveal the resource of node `node` in the editor. */
  | { type: 'reveal'; node: string }
  /** Save the picture as an SVG file. */
  | { type: 'export' }
  /** Show the whole map again (drop the path). */
  | { type: 'clearPath' };
