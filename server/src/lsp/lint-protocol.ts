// What crosses the lint worker's boundary, both ways. Everything here is plain data (structured-
// cloneable): the Analysis itself stays in the worker, and the main thread gets a view of it — the
// findings, and the little that hover and completion need — plus answers to queries about it.

import type { DocumentKind, DocumentOptions } from '../core/engine.js';
import type { Finding } from '../core/findings.js';
import type { Fix, TextEdit } from '../core/fixes/types.js';
import type { AssistView, ElementKind, NetworkFacts } from './complete/assist-types.js';
import type { VarFileFindings } from './terraform-varfiles.js';
import type { ParentTemplate } from './nested-stacks.js';
import type { CodeLens } from 'vscode-languageserver/node';
import type { MapParams, MapResponse } from '../protocol/map.js';
import type { MatrixResponse, SuggestionEditParams, SuggestionEditResult, TraceOptionsResult, TraceParams, TraceResponse } from '../protocol/trace.js';

/**
 * The entries under `Resources`, for completion: where each key starts and its type (an index into
 * typeNames, -1 for none), in typed arrays because they cross the boundary on every keystroke.
 */
export interface ResourceIndex {
  starts: Uint32Array;
  types: Int32Array;
  typeNames: string[];
  /** Each entry's value range (0, 0 when it has none), for where a new resource may start in JSON. */
  valueStarts: Uint32Array;
  valueEnds: Uint32Array;
  /** The `Resources` key and its value (-1 when there is no such section or value). */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  /** Where the section ends: the next top-level key, Infinity when none follows. */
  end: number;
}

/** A ServiceName value and the services it names (one per `Fn::If` branch), for the hover. */
export interface ServiceSpan {
  start: number;
  end: number;
  services: { pattern: string; custom: boolean }[];
  /** A cross-Region endpoint's service Region resolved against where it is created (model/cross-region.ts crossRegionText). */
  region?: string;
}

/** What the main thread keeps of one document version's Analysis. */
export interface AnalysisView {
  version: number;
  /**
   * Which analysis this is (numbered by the worker that made it; 0: none). Queries name it, so that an
   * answer always comes from the very analysis whose findings the main thread holds, even when the same
   * version was analysed again with other settings.
   */
  analysis: number;
  /** 'too-large': the worker ran out of memory on it; findings hold the one finding that says so. */
  kind: DocumentKind | 'too-large';
  findings: Finding[];
  resources: ResourceIndex;
  services: ServiceSpan[];
  /** A Terraform document's: the folders its module was read from (its own, its local modules'), for file watching. */
  reads?: string[];
  /** A template's: the other templates its findings were judged with (its parents, nested stacks), for file watching. */
  stackReads?: string[];
  /** A Terraform document's: what its module's variables files decide, shown on those files (terraform-varfiles.ts). */
  varFiles?: VarFileFindings[];
  /**
   * A template read across stacks (a parent with the nested stacks it deploys, a nested template with the parents
   * that deploy it): hover asks the worker for an element's facts as read so (query `element`).
   */
  acrossStacks?: true;
  /** What completion and hover across an endpoint read (complete/assist-view.ts); absent on a too-large view. */
  assist?: AssistView;
}

export type Query =
  | { kind: 'fixes'; findings: number[] }
  | { kind: 'fixAll' }
  | { kind: 'traceOptions' }
  | { kind: 'trace'; params: TraceParams }
  | { kind: 'suggestionEdit'; params: SuggestionEditParams }
  | { kind: 'matrix' }
  /** `services`: vpceLens.traceServices, the user's own likely services. */
  | { kind: 'lenses'; services: string[] }
  | { kind: 'map'; params: MapParams }
  /** The network facts completion and hover read, made on the first ask of a version (complete/lazy-facts.ts). */
  | { kind: 'network' }
  /** A subnet, route table or security group of the document (its own name) as the networks across stacks know it. */
  | { kind: 'element'; element: { kind: ElementKind; id: string } }
  | { kind: 'stats' };

export interface QueryAnswers {
  /** Per finding asked about: its verified fixes, and "Ignore VPCExxxx for Resource" when it has a resource. */
  fixes: { fixes: Fix[]; ignore?: Fix }[];
  fixAll: TextEdit[];
  traceOptions: TraceOptionsResult;
  trace: TraceResponse;
  suggestionEdit: SuggestionEditResult;
  matrix: MatrixResponse;
  lenses: CodeLens[];
  map: MapResponse;
  stats: WorkerStats;
  /** `same`: the facts this worker sent last for the document (the lint thread puts them back); neither: none. */
  network: { facts?: NetworkFacts; same?: true };
  /** The hover's text of the element per deployment (one when they agree); null: the document is read alone. */
  element: string[] | null;
}

export interface WorkerStats {
  /** Texts parsed by this worker since it started. */
  parses: number;
  /** Analyses it keeps. */
  kept: number;
  /** Versions whose network facts it made (on a completion's or hover's ask: complete/lazy-facts.ts). */
  facts: number;
}

/** A template's parents (nested-stacks.ts ParentTemplate: the templates that deploy it, found by the main thread) and the folder paths are shown from. */
export interface StacksAround {
  parents: ParentTemplate[];
  base: string;
}

export type WorkerRequest =
  | { id: number; type: 'analyze'; key: string; version: number; text: string; options: DocumentOptions; stacks?: StacksAround }
  | { id: number; type: 'query'; key: string; analysis: number; query: Query }
  | { id: number; type: 'forget'; key: string };

/** `missing`: the worker no longer holds that analysis (evicted, or a newer one replaced it). */
export type WorkerReply = { id: number; view: AnalysisView } | { id: number; answer: unknown } | { id: number; missing: true } | { id: number; error: string };
