// Linting off the main thread. The engine runs in a worker with a capped heap: the language server's
// main thread stays free for completion and hover while a large template is linted, and the memory a
// lint churns through is collected within the cap instead of growing the process (a 5,000-line
// template: ~185 MB resident in one thread, ~135 MB with the worker). If the worker cannot start or
// dies (a template too large for the cap), the lint runs on the main thread and the next worker gets
// twice the heap.

import { Worker, type MessagePort } from 'node:worker_threads';
import { lintDocument, type DocumentOptions, type DocumentResult } from '../core/engine.js';
import { newParseCache, type ParseCache } from '../core/document/segmented.js';

interface LintRequest {
  id: number;
  text: string;
  options: DocumentOptions;
}

type LintReply = { id: number; result: DocumentResult } | { id: number; error: string };

/** What `workerData` carries so that the bundle, started as a worker, knows to be the lint worker. */
export const LINT_WORKER_ROLE = 'vpce-lens-lint';

const MAX_HEAP_MB = 2048;
// A small young generation: a lint's garbage is collected often and cheaply instead of piling up
// (measured on a 5,000-line template: ~135 MB resident instead of ~160, latency unchanged).
const YOUNG_MB = 8;

export class LintThread {
  private worker: Worker | undefined;
  private disabled: boolean;
  private nextId = 1;
  private readonly pending = new Map<number, { request: LintRequest; resolve: (r: DocumentResult) => void }>();

  constructor(
    /** The script the worker runs (the server bundle itself); undefined lints on the main thread. */
    private readonly script: string | undefined,
    private readonly log: (message: string) => void,
    private heapMb = 96,
  ) {
    this.disabled = !script;
    // Started now, so that loading the engine overlaps the client's start rather than the first lint.
    this.ensure();
  }

  lint(text: string, options: DocumentOptions): Promise<DocumentResult> {
    const request: LintRequest = { id: this.nextId++, text, options };
    const worker = this.ensure();
    if (!worker) return Promise.resolve(inThread(request));
    return new Promise((resolve) => {
      this.pending.set(request.id, { request, resolve });
      worker.ref(); // held while a lint is owed; an idle worker never keeps the process alive
      worker.postMessage(request);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): Worker | undefined {
    if (this.worker || this.disabled) return this.worker;
    try {
      const worker = new Worker(this.script!, { workerData: { role: LINT_WORKER_ROLE }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: YOUNG_MB } });
      worker.on('message', (reply: LintReply) => this.settle(reply));
      worker.on('error', (err) => this.failed(worker, err));
      worker.on('exit', (code) => this.failed(worker, new Error(`lint worker exited with code ${code}`)));
      worker.unref();
      this.worker = worker;
    } catch (err) {
      this.log(`Linting on the main thread: the lint worker did not start (${err instanceof Error ? err.message : String(err)})`);
      this.disabled = true;
    }
    return this.worker;
  }

  private settle(reply: LintReply): void {
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('result' in reply) entry.resolve(reply.result);
    else {
      this.log(`Lint worker failed, linting on the main thread: ${reply.error}`);
      entry.resolve(inThread(entry.request));
    }
  }

  private failed(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const outOfMemory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (outOfMemory && this.heapMb < MAX_HEAP_MB) this.heapMb *= 2;
    this.log(`Lint worker stopped (${err.message}); ${this.pending.size} lint(s) run on the main thread${outOfMemory ? `, next worker heap ${this.heapMb} MB` : ''}`);
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { request, resolve } of waiting) resolve(inThread(request));
  }
}

// Each open document keeps the parsed pieces of its last version, so a keystroke re-parses one resource.
const caches = new Map<string, ParseCache>();
const MAX_CACHED_DOCUMENTS = 32;

function inThread(r: LintRequest): DocumentResult {
  const key = r.options.fileName;
  let parseCache = key ? caches.get(key) : undefined;
  if (key && !parseCache) {
    parseCache = newParseCache();
    caches.set(key, parseCache);
    if (caches.size > MAX_CACHED_DOCUMENTS) caches.delete(caches.keys().next().value!);
  }
  return lintDocument(r.text, parseCache ? { ...r.options, parseCache } : r.options);
}

/** The worker's side: lint each request and answer it. The engine never throws; a crash is answered too. */
export function serveLints(port: MessagePort): void {
  port.on('message', (r: LintRequest) => {
    let reply: LintReply;
    try {
      reply = { id: r.id, result: inThread(r) };
    } catch (err) {
      reply = { id: r.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
  });
}
