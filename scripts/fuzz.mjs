// `npm run fuzz [-- --count N --seed S --workers W --process-every K --out FILE --seconds T]`: N seeded mutants
// (default 100,000) of the fixtures, the examples and the corpus (../shared/corpus, when present),
// each checked through the CLI's main() and the editor's path (scripts/fuzz-worker.ts): exit code in
// 0/1/2, no stack trace, valid JSON, ranges inside the file, CLI and editor findings equal, quick
// fixes and the trace sound; a mutant that takes over 10 s is a hang (its worker is killed and
// replaced), a worker over 300 MB RSS is reported. Every K-th mutant also runs the real CLI process.
// Reproduce one case with `--only ID --seed S`. Prints a summary; exit 1 when anything was found.

import { fork } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const count = Number(opt('count', 100_000));
const seed = Number(opt('seed', 20261201));
const workers = Number(opt('workers', 2));
const processEvery = Number(opt('process-every', 1000));
const only = opt('only', undefined);
const outFile = opt('out', undefined);
// A time budget (seconds): no new mutant is started after it; those under way finish, and the summary
// counts what was done. SIGINT and SIGTERM stop the same way.
const budget = Number(opt('seconds', Infinity));
const HANG_MS = 10_000;
const RSS_LIMIT = 300 * 1024 * 1024;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ya?ml|json|template)$/i.test(e.name) ? [p] : [];
  });
}
const corpus = resolve(ROOT, '..', 'shared', 'corpus');
const sources = [...files(join(ROOT, 'test', 'fixtures')), ...files(join(ROOT, 'examples')), ...(existsSync(corpus) ? files(corpus) : [])].sort();
if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  console.error('fuzz: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}

const ids = only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => i);
const work = join(tmpdir(), `vpce-fuzz-${process.pid}`);
const found = { crash: [], hang: [], diff: [], rss: [], other: [] };
let done = 0;
let next = 0;
const times = [];
let maxRss = 0;
const started = Date.now();
let stopping = false;
const stop = () => {
  if (!stopping) console.error(`fuzz: stopping after the mutants under way (${done} done)`);
  stopping = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (Number.isFinite(budget)) setTimeout(stop, budget * 1000).unref();

function classify(id, name, problem) {
  const entry = `#${id} ${name}: ${problem}`;
  if (/threw|crash|stack trace|internal error|exit code/.test(problem)) found.crash.push(entry);
  else if (/did not finish/.test(problem)) found.hang.push(entry);
  else if (/CLI and editor differ|other JSON/.test(problem)) found.diff.push(entry);
  else found.other.push(entry);
}

function startWorker(n) {
  return new Promise((resolveDone) => {
    let child;
    let current;
    let timer;
    const spawn = () => {
      child = fork(join(ROOT, 'scripts', 'fuzz-worker.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.on('message', (m) => {
        if (m.ready) return feed();
        clearTimeout(timer);
        done++;
        times.push(m.ms);
        maxRss = Math.max(maxRss, m.rss);
        if (m.rss > RSS_LIMIT) found.rss.push(`#${m.id} ${m.name}: worker RSS ${(m.rss / 1048576).toFixed(0)} MB`);
        for (const p of m.problems) classify(m.id, m.name, p);
        if (done % 1000 === 0) progress();
        feed();
      });
      child.on('exit', (code, signal) => {
        if (current === undefined) return;
        clearTimeout(timer);
        // The worker died on this mutant (out of memory, a crash no try could catch): record, go on.
        if (signal !== 'SIGKILL') found.crash.push(`#${current} worker exited (${signal ?? code})`);
        done++;
        current = undefined;
        spawn();
      });
      child.send({ init: { sources, seed, dir: join(work, String(n)), root: ROOT, processEvery } });
    };
    const feed = () => {
      if (next >= ids.length || stopping) {
        current = undefined;
        child.kill();
        return resolveDone();
      }
      current = ids[next++];
      timer = setTimeout(() => {
        found.hang.push(`#${current}: over ${HANG_MS / 1000} s`);
        child.kill('SIGKILL');
      }, HANG_MS);
      child.send({ task: { id: current } });
    };
    spawn();
  });
}

function median(a) {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function progress() {
  const secs = (Date.now() - started) / 1000;
  console.error(`fuzz: ${done}/${ids.length} in ${secs.toFixed(0)} s; crashes ${found.crash.length}, hangs ${found.hang.length}, CLI/editor differences ${found.diff.length}, other ${found.other.length}, over 300 MB ${found.rss.length}`);
}

await Promise.all(Array.from({ length: Math.min(workers, ids.length) }, (_, n) => startWorker(n)));
rmSync(work, { recursive: true, force: true });
const summary = {
  mutants: done,
  ...(stopping ? { requested: ids.length, stoppedEarly: true } : {}),
  sources: sources.length,
  seed,
  seconds: Math.round((Date.now() - started) / 1000),
  medianMsPerMutant: Number(median(times).toFixed(1)),
  maxWorkerRssMB: Math.round(maxRss / 1048576),
  crashes: found.crash.length,
  hangs: found.hang.length,
  cliEditorDifferences: found.diff.length,
  otherProblems: found.other.length,
  overRss: found.rss.length,
};
console.log(JSON.stringify(summary, null, 2));
for (const [kind, list] of Object.entries(found)) for (const line of list.slice(0, 15)) console.log(`${kind}: ${line}`);
if (outFile) writeFileSync(outFile, JSON.stringify({ summary, found }, null, 2));
process.exit(Object.values(found).some((l) => l.length) ? 1 : 0);
