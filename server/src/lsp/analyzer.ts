// Where each document is analysed: two lint workers, so that a large document never holds up the
// others. Documents under LARGE_CHARS go to the main lane (96 MB heap, the worker every keystroke
// uses); larger ones to their own lane, started when one opens and stopped when none is left, with a
// larger heap. A document that kills its worker is not tried again in the editor until it shrinks: it
// gets one finding that says to run the CLI, which has no such limit.

import type { DocumentOptions } from '../core/engine.js';
import type { Finding } from '../core/findings.js';
import { LintThread, type Reply } from './lint-thread.js';
import type { AnalysisView, Query, QueryAnswers, StacksAround } from './lint-protocol.js';
import { resourceIndex } from './template-position.js';

/** Above this many characters a document is checked in the large lane (CloudFormation's own limit is 1 MB). */
export const LARGE_CHARS = 512 * 1024;

export interface AnalyzerOptions {
  /** The server bundle the workers run; undefined: analyse on this thread (small documents only). */
  script: string | undefined;
  log: (message: string) => void;
  /** Heap caps in MB: the main lane's and the large lane's. */
  heapMb?: number;
  largeHeapMb?: number;
}

export class Analyzer {
  private readonly small: LintThread;
  private large: LintThread | undefined;
  /** Which lane holds each document's analysis. */
  private readonly lane = new Map<string, LintThread>();
  /** Documents that killed a worker, with the size they had then. */
  private readonly tooLarge = new Map<string, number>();
  /** Workers the stopped large lanes had started (for workersStarted). */
  private retired = 0;

  constructor(private readonly o: AnalyzerOptions) {
    this.small = new LintThread(o.script, o.log, o.heapMb ?? 96, LARGE_CHARS);
  }

  async analyze(uri: string, version: number, text: string, options: DocumentOptions, stacks?: StacksAround): Promise<AnalysisView> {
    const killedAt = this.tooLarge.get(uri);
    if (killedAt !== undefined && text.length >= killedAt / 2) return tooLargeView(version, uri, 'it was too large for the editor\'s checker before');
    this.tooLarge.delete(uri);
    const lane = this.laneFor(text.length);
    const before = this.lane.get(uri);
    this.lane.set(uri, lane);
    if (before && before !== lane) this.release(before, uri);
    const reply = await lane.send({ type: 'analyze', key: uri, version, text, options, ...(stacks ? { stacks } : {}) });
    if ('view' in reply) return reply.view;
    if ('died' in reply) {
      this.tooLarge.set(uri, text.length);
      this.lane.delete(uri);
      this.o.log(`${uri} (${text.length} characters) is too large to check in the editor: ${reply.died}`);
      return tooLargeView(version, uri, /memory/i.test(reply.died) ? 'checking it ran out of the memory the editor allows' : `the editor's checker stopped: ${reply.died}`);
    }
    throw new Error('error' in reply ? reply.error : `unexpected reply to an analysis of ${uri}`);
  }

  /** A question about the analysis a view came from; undefined when the worker no longer holds it. */
  async query<K extends Query['kind']>(uri: string, analysis: number, query: Extract<Query, { kind: K }>): Promise<QueryAnswers[K] | undefined> {
    const lane = this.lane.get(uri);
    if (!lane) return undefined;
    const reply: Reply = await lane.send({ type: 'query', key: uri, analysis, query });
    if ('answer' in reply) return reply.answer as QueryAnswers[K];
    if ('missing' in reply || 'died' in reply) return undefined;
    throw new Error('error' in reply ? reply.error : `unexpected reply to a query about ${uri}`);
  }

  forget(uri: string): void {
    this.tooLarge.delete(uri);
    const lane = this.lane.get(uri);
    this.lane.delete(uri);
    if (lane) this.release(lane, uri);
  }

  /** The lane no longer holds the document; the large lane's heap is only worth keeping while it has some. */
  private release(lane: LintThread, uri: string): void {
    if (lane === this.large && ![...this.lane.values()].includes(lane)) {
      this.large = undefined;
      this.retired += lane.started;
      lane.dispose();
    } else void lane.send({ type: 'forget', key: uri });
  }

  /** Workers started so far (both lanes), for the tests. */
  /** When the first lint worker had loaded the engine (performance.now()); undefined: not yet, or none. */
  get workerReadyAt(): number | undefined {
    return this.small.firstReadyAt;
  }

  get workersStarted(): number {
    return this.small.started + this.retired + (this.large?.started ?? 0);
  }

  /** Whether the large documents' worker is running. */
  get largeLane(): boolean {
    return !!this.large;
  }

  /** What the main lane's worker has parsed and keeps (for the one-parse-per-version test). */
  async stats(): Promise<QueryAnswers['stats'] | undefined> {
    const reply = await this.small.send({ type: 'query', key: '', analysis: 0, query: { kind: 'stats' } });
    return 'answer' in reply ? (reply.answer as QueryAnswers['stats']) : undefined;
  }

  dispose(): void {
    this.small.dispose();
    this.large?.dispose();
    this.large = undefined;
    this.lane.clear();
  }

  private laneFor(chars: number): LintThread {
    if (chars < LARGE_CHARS) return this.small;
    // Never on the main thread: without a worker, a large document is answered `died`.
    return (this.large ??= new LintThread(this.o.script, this.o.log, this.o.largeHeapMb ?? 256, 0, false));
  }
}

const CLI_HINT = 'run the CLI on it: vpce-lens check <file>';

/** The one finding a document gets when the editor will not check it. */
export function tooLargeView(version: number, uri: string, why: string): AnalysisView {
  const name = decodeURIComponent(uri.replace(/^.*\//, ''));
  const finding: Finding = {
    ruleId: 'VPCE0004',
    severity: 'warning',
    message: `${name} is too large to check in the editor (${why}); ${CLI_HINT.replace('<file>', name)}`,
    start: 0,
    end: 0,
  };
  return { version, analysis: 0, kind: 'too-large', findings: [finding], resources: resourceIndex(null), services: [] };
}
