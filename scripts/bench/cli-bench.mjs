// The benchmark: `npm run bench` (builds dist/ first, then runs this). Measures
//   1. whole-process CLI time, vpce-lens against cfn-lint, on the Quick Start VPC template and on a
//      generated 5,000-resource template (target: vpce-lens ≥ 20× faster);
//   2. in-process lintTemplate against a bare yaml parseDocument of the same text (target: ≤ 3×);
//   3. in-process lint time per resource at 500 and 5,000 resources (target: ≤ 1.5×, i.e. linear);
// prints a table and overwrites BENCHMARKS.md at the repository root.
//
//   node scripts/bench/cli-bench.mjs            full run (about 7 minutes on 2 cores, mostly cfn-lint)
//   node scripts/bench/cli-bench.mjs --quick    smoke run: fewer runs, no cfn-lint on 5,000 resources;
//                                               prints only (add --write to overwrite BENCHMARKS.md)
//   --quickstart PATH   another location of the Quick Start template
//   CFN_LINT=/path/to/cfn-lint                  which cfn-lint to run (default: the one on PATH,
//                                               resolved past a pyenv shim so the shim is not timed)
//
// Generated templates and the engine bundle live in a temporary directory, removed at the end.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { generateTemplate } from './gen-template.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const write = !quick || args.includes('--write');
const quickstartArg = args.indexOf('--quickstart');
const quickstart = resolve(root, quickstartArg >= 0 ? args[quickstartArg + 1] : '../shared/corpus/aws-quickstart__quickstart-aws-vpc__templates__aws-vpc.template.yaml');
const REGION = 'us-east-1';
const cliJs = join(root, 'dist/cli.js');
// What `vpce-lens` on a PATH runs: it loads dist/cli.js through the code cache the build leaves.
const cliBin = join(root, 'bin/vpce-lens.js');

const RUNS = quick
  ? { cliSmall: 3, cfnSmall: 3, cliBig: 2, cfnBig: 0, inSmall: [2, 10], in500: [2, 5], inMid: [1, 3], in5000: [1, 3], perRule500: 3, perRule5000: 1 }
  : { cliSmall: 7, cfnSmall: 7, cliBig: 5, cfnBig: 3, inSmall: [5, 30], in500: [5, 21], inMid: [2, 9], in5000: [2, 7], perRule500: 9, perRule5000: 3 };
const SCALE = [500, 1000, 2000, 5000];
const TARGETS = { cliSpeedup: 20, lintOverParse: 3, perResourceGrowth: 1.5 };

// The sections the other benchmarks append after this one (`npm run bench`) are written anew; every
// other section of the old file (figures measured by hand or by slower scripts) is kept, in its order.
const APPENDED = ['## Path trace (in-process)', '## Language server: typing into a large template', '## JSON parse (jsonc-parser) against the YAML fast path'];

function keptSections(file, md) {
  if (!existsSync(file)) return '';
  const ours = new Set([...md.matchAll(/^## .*$/gm)].map((m) => m[0]));
  const sections = readFileSync(file, 'utf8').split(/^(?=## )/m).slice(1);
  const kept = sections.filter((sec) => {
    const heading = sec.split('\n', 1)[0];
    return !ours.has(heading) && !APPENDED.includes(heading);
  });
  return kept.length ? '\n' + kept.join('').trimEnd() + '\n' : '';
}

// ---------------------------------------------------------------------------------------------

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1], runs: s.length };
};
const ms = (x) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const us = (x) => `${(x * 1000).toFixed(1)} µs`;
const ratio = (x) => `${x.toFixed(x >= 10 ? 1 : 2)}×`;
const log = (s) => process.stderr.write(s + '\n');

function sh(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const mem = existsSync('/proc/meminfo') ? /^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] : undefined;
  return {
    node: process.version,
    nproc: sh('nproc', []) ?? String(cpus().length),
    cpu: model.replace(/\s+/g, ' '),
    memory: mem ? `${(Number(mem) / 1024 / 1024).toFixed(1)} GiB` : 'unknown',
    os: `${process.platform} ${sh('uname', ['-r']) ?? ''}`.trim(),
  };
}

function findCfnLint() {
  if (process.env.CFN_LINT) return process.env.CFN_LINT;
  const viaPyenv = sh('pyenv', ['which', 'cfn-lint']);
  return viaPyenv && existsSync(viaPyenv) ? viaPyenv : 'cfn-lint';
}

// One whole-process run: wall time from spawn to exit, as a user at a shell would see it.
function runProcess(cmd, cmdArgs, cwd, okStatus) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 900_000 });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${cmd} failed to run: ${r.error.message}`);
  if (!okStatus(r.status)) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited with ${r.status}:\n${(r.stderr || r.stdout).slice(0, 2000)}`);
  return { ms: elapsed, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// vpce-lens: 0 clean, 1 errors found; 2 is a usage error or unreadable input.
const oursOk = (s) => s === 0 || s === 1;
// cfn-lint: a bit mask of 2 error, 4 warning, 8 informational; 1 is cfn-lint failing itself.
const cfnOk = (s) => s !== null && (s & 1) === 0;

function oursSummary(stdout) {
  const m = /(\d+) errors?, (\d+) warnings?, (\d+) info/.exec(stdout);
  return m ? { errors: +m[1], warnings: +m[2], info: +m[3] } : { raw: stdout.trim().split('\n').pop() };
}

function cfnSummary(stdout) {
  const codes = stdout.split('\n').map((l) => /^([EWI]\d{4}) /.exec(l)?.[1]).filter(Boolean);
  const byCode = {};
  for (const c of codes) byCode[c] = (byCode[c] ?? 0) + 1;
  return { total: codes.length, byCode };
}

/** Runs the two tools alternately (so drift hits both alike), warm-up first when asked. */
function compareCli(label, file, cwd, cfnLint, runsOurs, runsCfn, warmup) {
  const oursArgs = [cliBin, 'check', '--region', REGION, file];
  const cfnArgs = ['--regions', REGION, '--', file];
  if (warmup) {
    runProcess(process.execPath, oursArgs, cwd, oursOk);
    if (runsCfn) runProcess(cfnLint, cfnArgs, cwd, cfnOk);
  }
  const ours = [];
  const cfn = [];
  let oursOut;
  let cfnOut;
  for (let i = 0; i < Math.max(runsOurs, runsCfn); i++) {
    if (i < runsOurs) {
      const r = runProcess(process.execPath, oursArgs, cwd, oursOk);
      ours.push(r.ms);
      oursOut ??= { status: r.status, ...oursSummary(r.stdout) };
      log(`  ${label}: vpce-lens run ${i + 1}/${runsOurs} ${ms(r.ms)}`);
    }
    if (i < runsCfn) {
      const r = runProcess(cfnLint, cfnArgs, cwd, cfnOk);
      cfn.push(r.ms);
      cfnOut ??= { status: r.status, ...cfnSummary(r.stdout) };
      log(`  ${label}: cfn-lint run ${i + 1}/${runsCfn} ${ms(r.ms)}`);
    }
  }
  return { label, ours: stats(ours), cfn: runsCfn ? stats(cfn) : undefined, oursOut, cfnOut };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(cliJs)) throw new Error('dist/cli.js is missing: run `npm run build` (or `npm run bench`, which builds first)');
  if (!existsSync(quickstart)) throw new Error(`Quick Start template not found at ${quickstart} (pass --quickstart PATH)`);
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const tmp = mkdtempSync(join(tmpdir(), 'vpce-bench-'));
  try {
    const env = machine();
    const cfnLint = findCfnLint();
    const cfnVersion = sh(cfnLint, ['--version']) ?? 'not found';
    if (cfnVersion === 'not found') throw new Error(`cfn-lint not runnable (${cfnLint}); set CFN_LINT`);
    log(`vpce-lens bench${quick ? ' (quick)' : ''}: node ${env.node}, ${env.nproc} CPUs, ${env.cpu}; ${cfnVersion} at ${cfnLint}`);
    if (loadBefore > 0.5 * Number(env.nproc)) log(`warning: load average ${loadBefore.toFixed(2)} on ${env.nproc} CPUs; other work on the machine will show in the figures`);

    const generated = {};
    for (const n of SCALE) {
      const file = join(tmp, `generated-${n}.yaml`);
      writeFileSync(file, generateTemplate(n));
      generated[n] = file;
    }

    // 1. Whole process.
    log('1. whole-process CLI');
    const cliSmall = compareCli('Quick Start', quickstart, tmp, cfnLint, RUNS.cliSmall, RUNS.cfnSmall, true);
    const cliBig = compareCli('5,000 resources', generated[5000], tmp, cfnLint, RUNS.cliBig, RUNS.cfnBig, false);
    // Findings on the mid-size templates, once, as a sanity check of the generator.
    const sanity = {};
    for (const n of [500]) {
      sanity[n] = {
        ours: oursSummary(runProcess(process.execPath, [cliBin, 'check', '--region', REGION, generated[n]], tmp, oursOk).stdout),
        cfn: quick ? undefined : cfnSummary(runProcess(cfnLint, ['--regions', REGION, '--', generated[n]], tmp, cfnOk).stdout),
      };
    }

    // 2 and 3. In process, in a fresh node with --expose-gc, on a bundle of the engine.
    log('2-3. in-process lintTemplate vs yaml parseDocument');
    const bundle = join(tmp, 'engine.cjs');
    buildSync({
      stdin: {
        contents: [
          "export { lintTemplate } from './server/src/core/engine.ts';",
          "export { rules } from './server/src/core/rules/index.ts';",
          "export { parseText } from './server/src/core/document/parse.ts';",
          "export { newSchemaGeneration } from './server/src/core/schema/validate.ts';",
          "export { cfnTagNames } from './server/src/core/document/cfn-tags.ts';",
          "export { parseDocument } from 'yaml';",
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
        sourcefile: 'bench-entry.ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'warning',
      define: { VPCE_LENS_VERSION: JSON.stringify('bench') },
    });
    const cases = [
      { name: 'Quick Start', n: undefined, file: quickstart, warmup: RUNS.inSmall[0], runs: RUNS.inSmall[1] },
      ...SCALE.map((n) => {
        const [warmup, runs] = n === 500 ? RUNS.in500 : n === 5000 ? RUNS.in5000 : RUNS.inMid;
        const perRule = n === 500 ? RUNS.perRule500 : n === 5000 ? RUNS.perRule5000 : undefined;
        return { name: `${n} resources`, n, file: generated[n], warmup, runs, perRule };
      }),
    ];
    const casesFile = join(tmp, 'cases.json');
    writeFileSync(casesFile, JSON.stringify({ regions: [REGION], cases }));
    const worker = spawnSync(process.execPath, ['--expose-gc', join(here, 'inprocess.mjs'), bundle, casesFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (worker.status !== 0) throw new Error(`in-process worker failed (${worker.status}):\n${worker.stderr}`);
    const inproc = JSON.parse(worker.stdout);
    const inCases = inproc.cases.map((c, i) => {
      const lint = stats(c.lintMs);
      const parse = stats(c.parseMs);
      const defaults = stats(c.defaultsMs);
      return { ...c, n: cases[i].n, lint, parse, defaults, ratio: lint.median / parse.median };
    });

    const load = { before: loadBefore, after: loadavg()[0] };
    const report = { env, cfnLint, cfnVersion, cliSmall, cliBig, sanity, inproc, inCases, load, seconds: (Date.now() - started) / 1000 };
    const md = render(report);
    process.stdout.write('\n' + md + '\n');
    if (write) {
      writeFileSync(join(root, 'BENCHMARKS.md'), md + keptSections(join(root, 'BENCHMARKS.md'), md));
      log(`wrote ${relative(process.cwd(), join(root, 'BENCHMARKS.md')) || 'BENCHMARKS.md'}`);
    } else log('quick run: BENCHMARKS.md left as it is (add --write to overwrite it)');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function render(r) {
  const pass = (ok) => (ok ? '**PASS**' : '**FAIL**');
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const statCells = (s) => [ms(s.median), ms(s.min), ms(s.max), String(s.runs)];
  const lines = [];
  const push = (...ls) => lines.push(...ls);

  const cliRatio = (c) => (c.cfn ? c.cfn.median / c.ours.median : undefined);
  const smallRatio = cliRatio(r.cliSmall);
  const bigRatio = cliRatio(r.cliBig);
  const byN = Object.fromEntries(r.inCases.filter((c) => c.n).map((c) => [c.n, c]));
  const perRes = (n) => byN[n].lint.median / n;
  const growth = perRes(5000) / perRes(500);

  push('# Benchmarks', '');
  push(`Generated by \`npm run bench\` (scripts/bench/cli-bench.mjs${quick ? ' --quick: a smoke run with fewer runs, not reference figures' : ''}) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ${Math.round(r.seconds)} s.`, '');
  push('## Machine', '');
  push(row(['', '']), row(['---', '---']));
  push(row(['Node.js', r.env.node]), row(['CPUs (`nproc`)', r.env.nproc]), row(['CPU model', r.env.cpu]), row(['Memory', r.env.memory]), row(['OS', r.env.os]));
  push(row(['cfn-lint', `${r.cfnVersion} (\`${r.cfnLint}\`)`]));
  push(row(['Load average (1 min) at start / end', `${r.load.before.toFixed(2)} / ${r.load.after.toFixed(2)}${Math.max(r.load.before, r.load.after) > 0.5 * Number(r.env.nproc) ? ' (machine busy with other work: figures are noisier and slower than on an idle machine)' : ''}`]), '');

  push('## Targets', '');
  push(row(['Target', 'Measured', 'Result']), row(['---', '---', '---']));
  push(row([`Whole-process CLI, Quick Start VPC template: vpce-lens ≥ ${TARGETS.cliSpeedup}× faster than cfn-lint`, `${ratio(smallRatio)} faster`, pass(smallRatio >= TARGETS.cliSpeedup)]));
  push(row([`Whole-process CLI, 5,000 resources: vpce-lens ≥ ${TARGETS.cliSpeedup}× faster than cfn-lint`, bigRatio ? `${ratio(bigRatio)} faster` : 'not measured (--quick)', bigRatio ? pass(bigRatio >= TARGETS.cliSpeedup) : '—']));
  for (const c of r.inCases.filter((c) => c.name === 'Quick Start' || c.n === 5000)) {
    push(row([`In-process, ${c.name}: \`lintTemplate\` ≤ ${TARGETS.lintOverParse}× bare \`yaml.parseDocument\``, `${ratio(c.ratio)}`, pass(c.ratio <= TARGETS.lintOverParse)]));
  }
  push(row([`Per-resource lint time at 5,000 ≤ ${TARGETS.perResourceGrowth}× that at 500`, `${ratio(growth)} (${us(perRes(5000))} vs ${us(perRes(500))})`, pass(growth <= TARGETS.perResourceGrowth)]), '');

  push('## 1. Whole-process CLI: vpce-lens vs cfn-lint', '');
  push('Wall time from spawn to exit, including interpreter start-up. Commands (run from an empty temporary directory so that no configuration file is picked up):', '');
  push('```', `node bin/vpce-lens.js check --region ${REGION} <file>`, `${r.cfnLint.split('/').pop()} --regions ${REGION} -- <file>`, '```', '');
  push('`bin/vpce-lens.js` is what the `vpce-lens` command runs: it loads the bundle `dist/cli.js` with the V8 code cache that `npm run build` leaves beside it (`dist/cli.js.cache`), so a run does not recompile the bundle.', '');
  push('The two tools run alternately within one bench run; the ratio is cfn-lint median / vpce-lens median. On the Quick Start template each tool first gets one untimed warm-up run; on the 5,000-resource template there is no warm-up (cfn-lint takes over a minute per run there), so it gets fewer runs.', '');
  push(row(['Template', 'Tool', 'Median', 'Min', 'Max', 'Runs', 'Findings (first run)']), row(['---', '---', '---:', '---:', '---:', '---:', '---']));
  for (const c of [r.cliSmall, r.cliBig]) {
    const o = c.oursOut;
    push(row([c.label, 'vpce-lens', ...statCells(c.ours), `exit ${o.status}; ${o.errors ?? '?'} errors, ${o.warnings ?? '?'} warnings, ${o.info ?? '?'} info`]));
    if (c.cfn) push(row([c.label, 'cfn-lint', ...statCells(c.cfn), `exit ${c.cfnOut.status}; ${c.cfnOut.total} (${Object.entries(c.cfnOut.byCode).map(([k, v]) => `${k}×${v}`).join(', ') || 'none'})`]));
    else push(row([c.label, 'cfn-lint', '—', '—', '—', '0', 'skipped (--quick)']));
  }
  push('');
  push(row(['Template', 'cfn-lint / vpce-lens (medians)']), row(['---', '---:']));
  push(row(['Quick Start VPC', ratio(smallRatio)]), row(['5,000 resources', bigRatio ? ratio(bigRatio) : '—']), '');
  if (r.cliBig.cfnOut && r.cliBig.cfnOut.total) {
    push('cfn-lint\'s findings on the 5,000-resource template are its template limits (file over 1 MB, more than 500 resources), expected for a template this size; it still validates every resource, which is what its time is spent on.', '');
  }

  push('## 2. In-process: `lintTemplate` vs bare `yaml.parseDocument`', '');
  push(`Both run in one \`node --expose-gc\` process on an esbuild bundle of \`server/src/core/engine.ts\` together with the \`yaml\` package. \`lintTemplate\` parses plain template YAML with its own fast path (\`server/src/core/document/fast-yaml.ts\`, checked against the yaml package on every fixture and on thousands of mutants) and hands anything else to the yaml package, so on these templates it can beat a bare parse. \`lintTemplate(text, { regions: ['${REGION}'] })\` against \`parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: false, customTags: <CloudFormation short-form tags> })\`, the options the engine's fallback parse uses (it finds duplicate keys itself in one pass). The last column times \`parseDocument(text)\` with the yaml defaults, for reference only: there every \`!Ref\` builds a warning object and duplicate keys are checked pairwise, so it is slower on large templates. Warm-up runs first (not timed). Then \`lintTemplate\` alone, after one forced GC, every template's samples spread evenly over the phase (so a burst of other work on the machine hits all sizes alike), each sample without the schema results the engine keeps from earlier lints for the language server (the CLI meets each file once); then the two \`parseDocument\` calls the same way, in a phase of their own so that no lint sample pays for collecting their garbage. No forced GC per sample: a full GC shrinks the heap and the next sample pays to grow it back (2-3× slower samples when tried).`, '');
  push(row(['Template', 'Size', 'Warm-up + runs', 'lintTemplate median', 'min', 'max', 'parseDocument median', 'min', 'max', 'lint / parse', 'Findings', 'parseDocument, yaml defaults (reference)']));
  push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  r.inCases.forEach((c, i) => {
    const [warmup] = i === 0 ? RUNS.inSmall : c.n === 500 ? RUNS.in500 : c.n === 5000 ? RUNS.in5000 : RUNS.inMid;
    push(row([c.name, `${(c.bytes / 1024).toFixed(0)} KiB`, `${warmup} + ${c.lint.runs}`, ...[c.lint, c.parse].flatMap((s) => [ms(s.median), ms(s.min), ms(s.max)]), ratio(c.ratio), String(c.findings), ms(c.defaults.median)]));
  });
  push('');
  push(`First \`lintTemplate\` call in a fresh process (${r.inproc.cold.name}; compiles the resource schemas, warms the JIT): ${ms(r.inproc.cold.ms)}.`, '');

  push('## 3. Scaling: in-process lint time per resource', '');
  push(`Generated templates (\`scripts/bench/gen-template.mjs\`); medians from the table above. The engine parses these with its own fast path, so the yaml package's parse is shown for comparison only.`, '');
  push(row(['Resources', 'lintTemplate / resource', 'vs 500', 'parseDocument / resource', 'vs 500']), row(['---:', '---:', '---:', '---:', '---:']));
  for (const n of SCALE) {
    const c = byN[n];
    const b = byN[500];
    push(row([n.toLocaleString('en-US'), us(c.lint.median / n), ratio(c.lint.median / n / perRes(500)), us(c.parse.median / n), ratio(c.parse.median / n / (b.parse.median / 500))]));
  }
  push('');

  push('## Where the engine spends its time (per rule)', '');
  push(`Each rule's \`check\` wrapped with a timer (separate runs after the timed ones; medians over ${RUNS.perRule500} runs at 500 and ${RUNS.perRule5000} at 5,000 resources). The lazy shared work (\`ctx.endpoints()\`, \`ctx.schemaProblems()\`) is charged to the first rule that asks for it. "Rest" is parse, template model and sorting. Rules are listed by their time at 5,000; growth is per-resource time at 5,000 over that at 500 (1.00× is linear).`, '');
  push(row(['Rule', '500: ms', '5,000: ms', 'share at 5,000', 'per-resource growth']), row(['---', '---:', '---:', '---:', '---:']));
  const perRule = (name) => {
    const samples = r.inproc.perRule[name] ?? [];
    const ids = [...new Set(samples.flatMap((x) => Object.keys(x.rules)))];
    const med = (f) => stats(samples.map(f)).median;
    const out = Object.fromEntries(ids.map((id) => [id, med((x) => x.rules[id] ?? 0)]));
    out.total = med((x) => x.total);
    out.rest = med((x) => x.total - Object.values(x.rules).reduce((a, b) => a + b, 0));
    return out;
  };
  const parseTextCell = (name) => {
    const xs = r.inproc.parseText?.[name];
    return xs?.length ? ms(stats(xs).median) : '—';
  };
  const small = perRule('500 resources');
  const big = perRule('5000 resources');
  const ids = Object.keys(big).filter((k) => k !== 'total' && k !== 'rest').sort((a, b) => big[b] - big[a]);
  const others = ids.slice(10);
  const sum = (o, list) => list.reduce((a, id) => a + (o[id] ?? 0), 0);
  small.others = sum(small, others);
  big.others = sum(big, others);
  const shown = [...ids.slice(0, 10), ...(others.length ? ['others'] : []), 'rest', 'total'];
  for (const id of shown) {
    const label =
      id === 'rest' ? 'rest: parse, template model, sort' : id === 'total' ? '**lintTemplate total**' : id === 'others' ? `${others.length} other rules` : id;
    const grow = small[id] > 0.05 ? ratio(big[id] / 5000 / (small[id] / 500)) : '—';
    push(row([label, small[id].toFixed(1), big[id].toFixed(1), `${((100 * big[id]) / big.total).toFixed(1)} %`, grow]));
  }
  push(row(['(reference) `parseText` alone, separate calls: the engine\'s parse (fast path here)', parseTextCell('500 resources'), parseTextCell('5000 resources'), '', '']));
  push('');

  push('## Generated templates', '');
  push('`node scripts/bench/gen-template.mjs N` writes a template of exactly N resources: a two-AZ VPC network repeated (VPC with DNS support and hostnames, public and private subnets on `!Select [i, !GetAZs \'\']`, route tables, routes and associations, EIPs and NAT gateways, an endpoint security group admitting TCP 443 from the VPC CIDR plus a standalone ingress, S3 and DynamoDB Gateway endpoints on the private route tables, five Interface endpoints with private DNS on the private subnets, some endpoint policies), 30 resources per network, deterministic.', '');
  const s = r.sanity[500];
  push(`Sanity check on 500 resources: vpce-lens reports ${s.ours.errors ?? '?'} errors, ${s.ours.warnings ?? '?'} warnings, ${s.ours.info ?? '?'} info${s.cfn ? `; cfn-lint reports ${s.cfn.total} findings${s.cfn.total ? ` (${Object.entries(s.cfn.byCode).map(([k, v]) => `${k}×${v}`).join(', ')})` : ''}` : ''}.`, '');

  push('## Reproduce', '');
  push('```', 'npm run bench            # build, then the full run (about 7 minutes on 2 cores; writes this file)', 'node scripts/bench/cli-bench.mjs --quick   # smoke run, about a minute; prints only', '```', '');
  return lines.join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
