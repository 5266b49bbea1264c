// One lint worker: a thread with a capped heap that keeps the analyses of its documents and answers
// requests about them in order (server/src/lsp/analysis-store.ts). The language server's main thread
// never lints a document a worker could not: if the worker dies (a template too large for its heap),
// the analysis it was making is answered `died` — the caller tells the user to run the CLI — and the
// other requests it held go to a new worker. Only where no worker can start at all (an unbundled run)
// is a document analysed on the calling thread, and then only one below the size limit the caller sets.

import { boot } from '../boot-hook.js';
import { Worker, type MessagePort } from 'node:worker_threads';
import { AnalysisStore } from './analysis-store.js';
import { ensureTerraformParser } from '../tf-parser.js';
import { hclLoaded } from '../core/tf/hcl.js';
import { isTerraformFile } from './terraform-doc.js';
import type { QueryAnswers, WorkerReply, WorkerRequest } from './lint-protocol.js';
import type { NetworkFacts } from './complete/assist-types.js';

/** What `workerData` carries so that the bundle, started as a worker, knows to be the lint worker. */
export const LINT_WORKER_ROLE = 'vpce-lens-lint';

// A small young generation: a lint's garbage is collected often and cheaply instead of piling up
// (measured on a 5,000-line template: ~135 MB resident instead of ~160, latency unchanged).
const YOUNG_MB = 8;

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
/** `died`: the worker ran out of memory (or crashed) on this very request. */
export type Reply = WorkerReply | { id: number; died: string };

export class LintThread {
  private worker: Worker | undefined;
  /** Without a worker: this thread's store, its requests kept in order while the Terraform parser loads. */
  private inThread: ((r: WorkerRequest) => Promise<Reply>) | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { request: WorkerRequest; resolve: (r: Reply) => void }>();
  /** Each document's network facts as last received: the worker sends them only when they change. */
  private readonly facts = new Map<string, NetworkFacts>();
  /** Workers started, for the log and the tests. */
  started = 0;
  /** The current worker has loaded the engine (a death before that is not any document's fault). */
  private ready = false;
  /** performance.now() when a worker of this lane first said it had loaded the engine (the cold-start log). */
  firstReadyAt: number | undefined;
  private startFailures = 0;

  constructor(
    /** The script the worker runs (the server bundle itself); undefined analyses on the calling thread. */
    private readonly script: string | undefined,
    private readonly log: (message: string) => void,
    private readonly heapMb = 96,
    /** Without a worker, the largest text analysed on the calling thread; a larger one is answered `died`. */
    private readonly maxLocalChars = Infinity,
    /** Start the worker now, so that loading the engine overlaps the client's start rather than the first lint. */
    eager = true,
  ) {
    if (eager) this.ensure();
  }

  /** Whether requests run on the calling thread (no worker could start). */
  get local(): boolean {
    return !!this.inThread;
  }

  send(r: Request): Promise<Reply> {
    const request = { ...r, id: this.nextId++ } as WorkerRequest;
    const worker = this.ensure();
    if (!worker) {
      if (request.type === 'analyze' && request.text.length > this.maxLocalChars) return Promise.resolve({ id: request.id, died: 'no lint worker could start' });
      return this.inThread!(request).then((reply) => ('died' in reply ? reply : this.received(request, reply)));
    }
    return new Promise((resolve) => {
      this.pending.set(request.id, { request, resolve });
      worker.ref(); // held while an answer is owed; an idle worker never keeps the process alive
      worker.postMessage(request);
    });
  }

  /** Whether requests are waiting on the worker (a lane with nothing pending and no documents may be stopped). */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.facts.clear();
    void worker?.terminate();
    for (const { request, resolve } of this.pending.values()) resolve({ id: request.id, error: 'the lint worker was stopped' });
    this.pending.clear();
  }

  private ensure(): Worker | undefined {
    if (this.worker || this.inThread) return this.worker;
    if (!this.script) {
      this.inThread = localLane();
      return undefined;
    }
    try {
      const worker = new Worker(this.script, { workerData: { role: LINT_WORKER_ROLE }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: YOUNG_MB } });
      this.ready = false;
      worker.on('message', (reply: WorkerReply | { ready: true }) => {
        if ('ready' in reply) {
          this.ready = true;
          this.firstReadyAt ??= performance.now();
          this.startFailures = 0;
        } else this.settle(reply);
      });
      worker.on('error', (err) => this.failed(worker, err));
      worker.on('exit', (code) => this.failed(worker, new Error(`lint worker exited with code ${code}`)));
      worker.unref();
      this.worker = worker;
      this.started++;
    } catch (err) {
      this.log(`The lint worker did not start (${err instanceof Error ? err.message : String(err)}): small documents are checked on the main thread`);
      this.inThread = localLane();
    }
    return this.worker;
  }

  private settle(reply: WorkerReply): void {
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    entry.resolve(this.received(entry.request, reply));
  }

  // Replies come in the order the store made them, so this map follows the store's own (sentFacts):
  // network facts the worker did not send again (`same`) are the ones last received for the document.
  private received(request: WorkerRequest, reply: WorkerReply): WorkerReply {
    if (request.type === 'forget') this.facts.delete(request.key);
    if (request.type !== 'query' || request.query.kind !== 'network' || !('answer' in reply)) return reply;
    const answer = reply.answer as QueryAnswers['network'];
    const network = answer.same ? this.facts.get(request.key) : answer.facts;
    if (network) this.facts.set(request.key, network);
    else this.facts.delete(request.key);
    return { ...reply, answer: network ? { facts: network } : {} };
  }

  // The worker handles its requests in order, so the oldest one unanswered is the one it died on.
  private failed(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    // The next worker has sent nothing yet: it sends every document's facts anew.
    this.facts.clear();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    // A worker that dies before it has loaded the engine says nothing about the documents: try a few
    // times, then check small documents on this thread rather than call every document too large.
    if (!this.ready && ++this.startFailures >= 3) {
      this.log(`The lint worker could not start (${err.message}): small documents are checked on the main thread`);
      this.inThread = localLane();
    }
    const culprit = this.ready ? waiting.shift() : undefined;
    this.log(`Lint worker stopped (${err.message})${culprit && culprit.request.type === 'analyze' ? ` while checking ${culprit.request.key}` : ''}; starting a new one`);
    if (culprit) culprit.resolve({ id: culprit.request.id, died: err.message });
    // The new worker holds no analyses: queries among these are answered `missing`, and their callers ask again.
    for (const { request, resolve } of waiting) {
      const { id: _id, ...rest } = request;
      void this.send(rest as Request).then((r) => resolve({ ...r, id: request.id }));
    }
    // Restarted now, not on the next keystroke: loading the engine takes a while.
    this.ensure();
  }
}

/** Requests answered on the calling thread, in the order they came. */
function localLane(): (r: WorkerRequest) => Promise<Reply> {
  const store = new AnalysisStore();
  const pending = new Map<number, (reply: Reply) => void>();
  const inOrder = terraformGate((r) => {
    const reply = store.handle(r);
    pending.get(r.id)?.(reply);
    pending.delete(r.id);
  });
  return (r) =>
    new Promise((resolve) => {
      pending.set(r.id, resolve);
      inOrder(r);
    });
}

/** The worker's side: answer each request in order. The store never throws; a crash is answered too. */
export function serveLints(port: MessagePort): void {
  const store = new AnalysisStore();
  const inOrder = terraformGate((r) => {
    port.postMessage(store.handle(r));
    if (r.type === 'analyze') boot()?.warm();
  });
  port.on('message', inOrder);
  port.postMessage({ ready: true });
}

/**
 * Hands each request to `answer` in the order they came. The Terraform parser (WebAssembly: ~6 MB
 * resident, and a third of a worker's start) loads when the first Terraform document comes, not before:
 * a thread that only ever sees templates never loads it. Requests that come while it loads wait for it,
 * in order; afterwards each is answered at once. One that fails to load leaves Terraform documents with
 * an error finding (terraform-doc.ts), not the thread without answers.
 */
export function terraformGate(answer: (r: WorkerRequest) => void): (r: WorkerRequest) => void {
  let queue: Promise<void> | undefined;
  let waiting = 0;
  return (r) => {
    if (!queue && r.type === 'analyze' && isTerraformFile(r.options.fileName) && !hclLoaded()) queue = ensureTerraformParser().catch(() => undefined);
    if (!queue) return answer(r);
    waiting++;
    queue = queue.then(() => {
      answer(r);
      if (--waiting === 0) queue = undefined;
    });
  };
}
