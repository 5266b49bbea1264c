// The path-trace messages between the client, the server and the webview. Positions are LSP's
// (0-based line/character); everything else is plain data, rendered as text by the webview.

/** `vpceLens/traceOptions` (client → server request): what the active template can trace from and to. */
export const TRACE_OPTIONS_REQUEST = 'vpceLens/traceOptions';
/** `vpceLens/trace` (client → server request): one path, hop by hop. */
export const TRACE_REQUEST = 'vpceLens/trace';
/** `vpceLens/traceMatrix` (client → server request): every source × every destination. */
export const TRACE_MATRIX_REQUEST = 'vpceLens/traceMatrix';
/**
 * `vpceLens/suggestionEdit` (client → server request): the edit that carries out suggestion `index` of
 * the trace `from` → `to` (the same change as the matching code action), checked against a fresh lint.
 */
export const SUGGESTION_EDIT_REQUEST = 'vpceLens/suggestionEdit';
/** The command a trace CodeLens runs (server → client in `textDocument/codeLens`), and the palette command. */
export const TRACE_COMMAND = 'vpceLens.tracePath';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** A place in another file than the document's (a nested stack's template, or the parent that deploys the open one), relative to the document's folder. */
export interface PlaceElsewhere {
  file: string;
  range: LspRange;
}

export interface TraceOptionsParams {
  uri: string;
}

export type TraceOptionsResult = { sources: { id: string; kind: string }[]; targets: string[] } | { error: string };

export interface TraceParams {
  uri: string;
  from: string;
  to: string;
  action?: string;
}

export interface TraceHopView {
  resource: string;
  kind: string;
  decision: 'pass' | 'block' | 'unknown' | 'note';
  reason: string;
  /** Where the hop's resource is in the traced document; absent when it is in another file (`file`). */
  range?: LspRange;
  /**
   * A hop in another template of the stacks the trace reads (a nested stack's, when the document is their
   * parent; the parent's, when the document is a nested template): that file, as a path relative to the traced
   * document's folder, and the 0-based line there.
   */
  file?: string;
  line?: number;
  /** With `file`: the hop's range in that file (the panel opens it there). */
  fileRange?: LspRange;
}

export interface TraceView {
  from: string;
  to: string;
  verdict: 'private' | 'public' | 'blocked' | 'unknown';
  summary: string;
  policy?: string;
  hops: TraceHopView[];
  /**
   * `action`: the title of the edit the panel's Apply button makes; absent when none can be made.
   * `noAction`: why no edit is offered here, where the panel can say so (the change is in a module's files).
   */
  suggestions: { kind: string; message: string; resource: string; action?: string; noAction?: string }[];
  /** When other parameter values change the verdict: the verdict per branch of the conditions. */
  branches?: { when: Record<string, boolean>; verdict: TraceView['verdict']; summary: string }[];
  /** The template has more parameter combinations than were looked at. */
  branchesBounded?: { explored: number; total: number };
  /** Index in `hops` of the hop that decides the verdict. */
  decidingHop?: number;
}

export interface SuggestionEditParams extends TraceParams {
  index: number;
}

/**
 * The edits of one document, for its `version` (the client refuses them if it has moved on). An edit
 * with a `uri` is in that other file (a Terraform module's vpc.tf, as read from disk): the client
 * refuses it when that file has unsaved changes in the editor.
 */
export type SuggestionEditResult = { title: string; version: number; edits: { range: LspRange; newText: string; uri?: string }[] } | { error: string };

/**
 * `version`: the document version the answer was made for (the server adds it on the way out); a panel shows
 * no answer for a version the editor no longer holds.
 */
export type TraceResponse = { result: TraceView; version?: number } | { error: string };

export interface MatrixView {
  /** `absentByDefault`: the source does not exist with the parameters' defaults. */
  sources: { id: string; kind: string; absentByDefault?: true }[];
  targets: string[];
  verdicts: TraceView['verdict'][][];
  /** conditional[i][j]: other parameter values change that cell's verdict. */
  conditional?: boolean[][];
  /** cells[i][j]: why that cell has its verdict (the panel's explanation on hover or focus). */
  cells?: MatrixCellView[][];
}

export interface MatrixCellView {
  summary: string;
  /** The hop that decides the verdict, with the value it turned on (its reason). */
  deciding?: { kind: string; resource: string; decision: TraceHopView['decision']; reason: string };
  /** When other parameter values change the verdict: the verdict per branch. */
  branches?: { when: Record<string, boolean>; verdict: TraceView['verdict'] }[];
}

/** `version`: as TraceResponse's. */
export type MatrixResponse = { matrix: MatrixView; version?: number } | { error: string };

/** Arguments of TRACE_COMMAND when a CodeLens runs it. */
export interface TraceCommandArgs {
  uri: string;
  from: string;
  to?: string;
  /** The likely destinations (the "Trace to …" lens): offered first, each with its verdict. */
  targets?: string[];
}

/**
 * Extension → webview (`postMessage`). Each request the panel makes has an id (1, 2, …) announced by its
 * `loading` message, which clears what the page showed; the page draws only the replies to the latest id.
 * `matrix` on `loading`: the matrix shown is for another document or version, so it is cleared too.
 */
export type ToWebview =
  | { type: 'loading'; id: number; what: string; matrix: boolean }
  | { type: 'trace'; id: number; uri: string; view: TraceView }
  | { type: 'matrix'; id: number; uri: string; matrix: MatrixView }
  | { type: 'error'; id: number; message: string };

/** Webview → extension (`postMessage`). */
export type FromWebview =
  | { type: 'ready' }
  /** Reveal a hop's resource in the editor. */
  | { type: 'reveal'; range: LspRange }
  /**
   * Open the file of hop `hop` (its index in the trace shown) where the hop is: a hop in another file. The
   * extension looks the hop up in the trace it sent; the page never names a file.
   */
  | { type: 'open'; hop: number }
  /** Trace one cell of the matrix. */
  | { type: 'trace'; from: string; to: string }
  | { type: 'matrix' }
  /** Show the path traced on the VPC map. */
  | { type: 'map' }
  /** Apply suggestion `index` of the trace shown (its edit), then trace again. */
  | { type: 'apply'; index: number };
