// What dist/server-cached.js (code-cache-boot.ts) tells the server bundle it runs: the script to start
// lint workers with (so that they load through the code cache too) and when the functions a lint needs
// have been compiled (the moment to write the cache). Absent when the bundle was started directly.

export const BOOT_KEY = Symbol.for('vpce-lens.code-cache-boot');

export interface Boot {
  /** The boot script's path: lint workers are started with it. */
  script: string;
  /** The first lint (main thread: its publish; worker: its analysis) is done: write the cache if it is due. */
  warm(): void;
  /** What the cache did for this thread: 'used', 'rejected' by V8, 'missing' (first start), 'off' (no folder). */
  cache: 'used' | 'rejected' | 'missing' | 'off';
}

export function boot(): Boot | undefined {
  return (globalThis as Record<symbol, unknown>)[BOOT_KEY] as Boot | undefined;
}
