// Terraform folders checked in worker threads as well as on the main thread, for a tree big enough to
// pay for the workers' start (each loads the bundle and the parser, and runs cold: workerCount) and only on
// cores the load average leaves free: the workers cut wall time, never CPU time. The main thread
// stays synchronous, as the rest of the CLI is: folders are claimed from one shared counter (the main
// thread claims too, so a worker that starts late or not at all only leaves it more to do), results
// come back by message and are read with receiveMessageOnPort, the wait between them is Atomics.wait.
// Each result is stored at its folder's index, so the merge that follows sees the serial order and
// the output is byte for byte the serial run's. A folder a worker failed on is checked again here.

import { availableParallelism, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import { TF_POOL_WORKER_ENV } from './terraform-signs.js';

/** workerData's key that makes the CLI's `run` serve folders instead of a command line. */
export const TF_WORKER_KEY = 'vpceLensTfWorker';
/** Set in a pool worker's environment, so `run` loads node:worker_threads only where it is one. */
const WORKER_ENV = TF_POOL_WORKER_ENV;

// node:worker_threads takes ~4 ms to load, a tenth of a small check's own time: loaded only where a
// pool is started or served, never by the checks that need none (every CloudFormation run).
function threads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** This thread's pool data when it is a pool worker (undefined on the main thread, without loading the module). */
export function poolWorkerData(): PoolData<unknown> | undefined {
  if (process.env[WORKER_ENV] !== '1') return undefined;
  const { isMainThread, workerData } = threads();
  return isMainThread ? undefined : ((workerData as Record<string, unknown> | undefined)?.[TF_WORKER_KEY] as PoolData<unknown> | undefined);
}

// How much .tf text each worker needs to pay for itself. A worker costs CPU of its own whatever it checks: its
// start (bundle, parser) and its first folders run cold, 0.2-0.5 s of CPU on this project's 2-core machine, while
// the serial check costs 0.4-0.5 s of CPU per further MB of .tf. For that cost to stay within about a tenth of the
// tree's own CPU, a worker needs ~5 MB. Measured on 2 cores (BENCHMARKS.md, "Terraform worker pool: a worker's
// start, and the gate"): 20,000 resources (5.3 MB) gained a fifth in wall time for 12% more CPU before a worker
// took the code cache (70-100 ms less since); 5,000 (1.3 MB) gained little or no wall time for 10-40% more CPU.
// Each worker pays the same start alone, so with more free cores every further worker needs as much again
// (n workers: n × 5 MB).
export const BYTES_PER_WORKER = 5 * 1024 * 1024;
const MAX_WORKERS = 3;

export interface PoolData<Job> {
  jobs: Job[];
  /** Claim order: indices into jobs, largest first, so the last folder claimed is a short one. */
  order: number[];
  /** [next claim, results posted]. */
  control: SharedArrayBuffer;
  port: MessagePort;
  /** What the caller gives every worker besides the jobs (the Terraform parser's compiled WebAssembly module). */
  shared?: unknown;
}

type Reply<Out> = { i: number; out: Out } | { i: number; error: string };

/**
 * VPCE_LENS_TF_WORKERS=n (tests, benchmarks): n workers whatever the tree's size and the load (0: none,
 * all here). VPCE_LENS_TF_WORKERS_ALONE=1: the main thread leaves every folder to them (a test then
 * knows they checked it). VPCE_LENS_TF_POOL_LOG=1: a line on stderr says how many folders they checked.
 */
function forcedCount(): number | undefined {
  const forced = process.env.VPCE_LENS_TF_WORKERS;
  return forced !== undefined && /^\d+$/.test(forced) ? Math.min(Number(forced), 16) : undefined;
}

/**
 * How many workers to start for `jobs` folders of `bytes` of .tf text (0: check them here): one per
 * BYTES_PER_WORKER of text, and per core the load average leaves free (on a busy machine a worker only
 * adds its start-up to the CPU time, measured in BENCHMARKS.md), never more than the folders to share.
 */
export function workerCount(jobs: number, bytes: number, cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  const forced = forcedCount();
  if (forced !== undefined) return Math.min(forced, jobs);
  if (jobs < 2) return 0;
  return Math.max(0, Math.min(Math.floor(bytes / BYTES_PER_WORKER), cores - 1, Math.floor(cores - load), jobs - 1, MAX_WORKERS));
}

/** The script a worker runs: the bundle's launcher (code cache) or the bundle; none when running from source. */
function workerEntry(): string | undefined {
  if (basename(__filename) !== 'cli.js') return undefined;
  const launcher = join(__dirname, '..', 'bin', 'vpce-lens.js');
  return existsSync(launcher) ? launcher : __filename;
}

/**
 * `run` over every job, in workers and here; results in the jobs' order. `shared()`: what each worker gets as
 * PoolData's `shared`, asked only when one starts. `starting(workers)`: told how many workers will start (0: none),
 * before any job runs.
 */
export function runPooled<Job, Out>(jobs: Job[], sizes: number[], run: (job: Job) => Out, shared?: () => unknown, starting?: (workers: number) => void): Out[] {
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const entry = workerEntry();
  const count = entry ? workerCount(jobs.length, bytes) : 0;
  starting?.(count);
  if (count === 0) return jobs.map(run);
  const { MessageChannel, receiveMessageOnPort, Worker } = threads();
  const order = jobs.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const control = new SharedArrayBuffer(8);
  const ctl = new Int32Array(control);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const given = shared?.();
  for (let w = 0; w < count; w++) {
    const { port1, port2 } = new MessageChannel();
    const data: PoolData<Job> = { jobs, order, control, port: port2, shared: given };
    try {
      const worker = new Worker(entry!, { workerData: { [TF_WORKER_KEY]: data }, transferList: [port2], stdout: true, stderr: false, env: { ...process.env, [WORKER_ENV]: '1' } });
      worker.on('error', () => undefined); // its claimed folders are checked here (below)
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    } catch {
      port1.close();
    }
  }
  const out: (Out | undefined)[] = new Array(jobs.length);
  const done: boolean[] = new Array(jobs.length).fill(false);
  let left = jobs.length;
  const alone = process.env.VPCE_LENS_TF_WORKERS_ALONE === '1' && workers.length > 0;
  while (!alone) {
    const k = Atomics.add(ctl, 0, 1);
    if (k >= jobs.length) break;
    const i = order[k]!;
    out[i] = run(jobs[i]!);
    done[i] = true;
    left--;
  }
  const failed: number[] = [];
  let byWorkers = 0;
  while (left > 0) {
    const posted = Atomics.load(ctl, 1);
    let got = false;
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const reply = m.message as Reply<Out>;
        got = true;
        if (done[reply.i]) continue;
        done[reply.i] = true;
        left--;
        if ('out' in reply) (out[reply.i] = reply.out), byWorkers++;
        else failed.push(reply.i);
      }
    }
    // A worker that died without a word (not expected: it answers every folder it claims) would
    // leave its folder unanswered: after a minute without news, the rest are checked here.
    if (!got && Atomics.wait(ctl, 1, posted, 60_000) === 'timed-out' && Atomics.load(ctl, 1) === posted) {
      for (let i = 0; i < jobs.length; i++) if (!done[i]) failed.push(i), (done[i] = true), left--;
    }
  }
  for (const i of failed.sort((a, b) => a - b)) out[i] = run(jobs[i]!);
  if (process.env.VPCE_LENS_TF_POOL_LOG === '1') process.stderr.write(`vpce-lens: tf-pool: ${workers.length} workers checked ${byWorkers} of ${jobs.length} folders\n`);
  for (const port of ports) port.close();
  for (const worker of workers) void worker.terminate();
  return out as Out[];
}

/** A worker's side: claims folders until none are left, answering each. */
export function servePool<Job, Out>(data: PoolData<Job>, run: (job: Job) => Out): void {
  const ctl = new Int32Array(data.control);
  for (;;) {
    const k = Atomics.add(ctl, 0, 1);
    if (k >= data.jobs.length) break;
    const i = data.order[k]!;
    let reply: Reply<Out>;
    try {
      reply = { i, out: run(data.jobs[i]!) };
    } catch (e) {
      reply = { i, error: String(e) };
    }
    try {
      data.port.postMessage(reply);
    } catch (e) {
      data.port.postMessage({ i, error: String(e) });
    }
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
  data.port.close();
}
