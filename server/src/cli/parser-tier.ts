// How the CLI has V8 compile the Terraform parser (the static WebAssembly module, core/tf/hcl-module.ts) for
// one run. V8 runs a WebAssembly function first as Liftoff's quick code, and sends the functions that stay hot
// to TurboFan on background threads; the parser's hot functions are large (LTO inlined tree-sitter's parse loop
// into one 22 KB function), so TurboFan takes 200-260 ms of CPU to compile them, and a short parse ends before
// that is paid back. Liftoff alone then costs less CPU for about the same wall time; a larger text runs long
// enough on TurboFan's code to earn its compile back. The language server parses again and again and keeps the
// default (tier-up). The threshold (BENCHMARKS.md, "Terraform parse: Liftoff alone for a small tree"): one
// parse of the benchmark trees, main thread (wall time on a free core) and whole process (CPU), Liftoff alone
// against tier-up: 0.27 MB +0 / -190 ms, 0.66 MB +10 / -240 ms, 1.3 MB +10-25 / -120-180 ms, 2.6 MB +70 / -75
// ms, 5.2 MB +190-230 / +10-60 ms. Wall time grows from ~1.5 MB on, so tier-up from there.

/** 'baseline': Liftoff alone (V8's --liftoff-only, set before the module compiles: tf-parser.ts); 'tiered': V8's default tier-up. */
export type ParserTier = 'baseline' | 'tiered';

/** Below this much .tf text (bytes, the files a run checks) the parse runs on Liftoff's code alone. */
export const BASELINE_BELOW_BYTES = 1.5 * 1024 * 1024;

/**
 * The tier for a run that will parse `bytes` of Terraform text with `workers` worker threads besides the main
 * thread (tf-pool.ts). With workers, always tier-up: Liftoff alone is a process-wide V8 flag, under which V8
 * refuses the code cache a worker loads its bundle with (bin/vpce-lens.js), and the pool starts only for a tree
 * well above the threshold anyway (BYTES_PER_WORKER).
 */
export function parserTier(bytes: number, workers = 0): ParserTier {
  return workers === 0 && bytes < BASELINE_BELOW_BYTES ? 'baseline' : 'tiered';
}
