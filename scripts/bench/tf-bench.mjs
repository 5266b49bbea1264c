// Terraform against CloudFormation, whole CLI process, same run: a generated 5,000-resource .tf tree
// (gen-tf.mjs: gen-template.mjs's networks in Terraform, whole networks per folder of at most 500 resources) and the generated 5,000-resource template (gen-template.mjs,
// the same networks), checked alternately, and the same resources as CloudFormation deploys them: one template per
// Terraform folder, of that folder's size (gen-tf.mjs's folderSizes, 10 × 480 + 200 for 5,000; a stack takes at most
// 500 resources, and CloudFormation's cost per resource grows with a template's size, so this is the like-for-like
// input: 11 root modules against 11 stacks); medians of wall time and of the process's CPU time (user +
// system: steadier than wall time on a shared machine), per resource. `--baseline DIR`: another build
// (a checkout with `npm run build` done) measured in the same rounds, for before/after figures.
// `--tiers`: this build also with the Terraform parser on Liftoff alone and with V8's tier-up (VPCE_LENS_TF_PARSER_TIER), in
// the same rounds (where the CLI's threshold between them lies: server/src/cli/parser-tier.ts).
// `--serial`: this build also with VPCE_LENS_TF_WORKERS=0 (its folders all on the main thread), in the
// same rounds: what the worker threads change in wall time and in CPU. `--workers N`: this build and the baseline with
// VPCE_LENS_TF_WORKERS=N (N workers check every folder, whatever the load and the tree's size; by default the CLI
// starts workers only for a tree big enough to pay for them, on cores the load average leaves free). `--resources N`: N resources instead of 5,000 (the worker
// pool's gate is about the tree's size). `--tf-only`: the Terraform tree alone (what the pool changes), without
// the CloudFormation inputs.
//
//   npm run build && node scripts/bench/tf-bench.mjs [--runs 5] [--resources 5000] [--tf-only] [--baseline DIR] [--serial] [--tiers] [--workers N] [--append BENCHMARKS.md]

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { folderSizes, generateTerraform } from './gen-tf.mjs';
import { generateTemplate } from './gen-template.mjs';

const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const N = Number(arg('--resources') ?? 5000);
const tfOnly = process.argv.includes('--tf-only');
const count = N.toLocaleString('en-US');
const RUNS = Number(arg('--runs') ?? 5);
const baseline = arg('--baseline');
const tmp = mkdtempSync(join(tmpdir(), 'vpce-tf-bench-'));
const folders = generateTerraform(N, join(tmp, 'tf'));
const sizes = folderSizes(N);
if (!tfOnly) {
  writeFileSync(join(tmp, 'cfn.yaml'), generateTemplate(N));
  mkdirSync(join(tmp, 'cfn-split'));
  sizes.forEach((size, i) => writeFileSync(join(tmp, 'cfn-split', `stack${String(i).padStart(2, '0')}.yaml`), generateTemplate(size)));
}

/** [480, 480, 200] → "2 × 480 + 200". */
function splitText(xs) {
  const runs = [];
  for (const x of xs) {
    if (runs.length && runs[runs.length - 1][0] === x) runs[runs.length - 1][1]++;
    else runs.push([x, 1]);
  }
  return runs.map(([x, k]) => (k > 1 ? `${k} × ${x}` : `${x}`)).join(' + ');
}

const builds = [
  { name: 'this build', dir: resolve('.'), env: arg('--workers') ? { VPCE_LENS_TF_WORKERS: arg('--workers') } : {} },
  ...(process.argv.includes('--serial') ? [{ name: 'this build, serial', dir: resolve('.'), env: { VPCE_LENS_TF_WORKERS: '0' } }] : []),
  // The Terraform parser's two tiers (server/src/cli/parser-tier.ts), whatever the tree's size: where the threshold lies.
  ...(process.argv.includes('--tiers')
    ? ['baseline', 'tiered'].map((tier) => ({ name: `this build, ${tier === 'baseline' ? 'Liftoff alone' : 'tier-up'}`, dir: resolve('.'), env: { ...(arg('--workers') ? { VPCE_LENS_TF_WORKERS: arg('--workers') } : {}), VPCE_LENS_TF_PARSER_TIER: tier } }))
    : []),
  ...(baseline ? [{ name: 'baseline', dir: resolve(baseline), env: arg('--workers') ? { VPCE_LENS_TF_WORKERS: arg('--workers') } : {} }] : []),
];
const inputs = [
  { key: 'tf', label: `Terraform tree (${folders.length} folders, whole networks)`, target: join(tmp, 'tf') },
  ...(tfOnly
    ? []
    : [
        { key: 'cfn', label: `CloudFormation template (${count} resources)`, target: join(tmp, 'cfn.yaml') },
        { key: 'split', label: `CloudFormation, ${sizes.length} templates (${splitText(sizes)})`, target: join(tmp, 'cfn-split') },
      ]),
];

/** One CLI run: wall, user and system time by bash's `time`, and the summary line it printed. */
function once(dir, target, env = {}) {
  const cmd = `TIMEFORMAT='%R %U %S'; { time node '${join(dir, 'bin/vpce-lens.js')}' check --region eu-west-1 '${target}' > '${tmp}/out.txt' 2>&1 ; } 2>&1`;
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, ...env } });
  const [real, user, sys] = r.stdout.trim().split(/\s+/).slice(-3).map(Number);
  const out = spawnSync('tail', ['-1', `${tmp}/out.txt`], { encoding: 'utf8' }).stdout.trim();
  return { wall: real * 1000, cpu: (user + sys) * 1000, last: out };
}

const loadBefore = loadavg()[0];
const samples = new Map();
for (let i = 0; i < RUNS; i++) {
  for (const b of builds) {
    for (const input of inputs) {
      const k = `${b.name}/${input.key}`;
      if (!samples.has(k)) samples.set(k, []);
      samples.get(k).push(once(b.dir, input.target, b.env));
    }
  }
}
const loadAfter = loadavg()[0];
rmSync(tmp, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (b, input) => {
  const s = samples.get(`${b.name}/${input.key}`);
  const wall = median(s.map((x) => x.wall));
  const cpu = median(s.map((x) => x.cpu));
  return { label: builds.length > 1 ? `${input.label}, ${b.name}` : input.label, wall, cpu, perWall: (wall / N) * 1000, perCpu: (cpu / N) * 1000, last: s[0].last };
};
const ms = (x) => `${Math.round(x)} ms`;
const us = (x) => `${x.toFixed(0)} µs`;
const out = [
  `## Terraform: ${count} resources, whole CLI process${tfOnly ? '' : ', against CloudFormation in the same run'}`,
  '',
  `\`node scripts/bench/tf-bench.mjs${process.argv.slice(2).filter((a, i, all) => a !== '--append' && all[i - 1] !== '--append').map((a) => ` ${a}`).join('')}\` (scripts/bench/gen-tf.mjs, gen-template.mjs: the same networks). ${RUNS} runs each, alternating${builds.length > 1 ? ' (this build and the baseline in the same rounds)' : ''}; medians. CPU = user + system time of the CLI process (steadier than wall time on a shared machine). Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${availableParallelism()} cores.`,
  '',
  '| Input | wall | CPU | wall per resource | CPU per resource | output |',
  '| --- | --- | --- | --- | --- | --- |',
];
for (const b of builds) {
  const rows = inputs.map((input) => row(b, input));
  out.splice(out.length, 0, ...rows.map((r) => `| ${r.label} | ${ms(r.wall)} | ${ms(r.cpu)} | ${us(r.perWall)} | ${us(r.perCpu)} | ${r.last} |`));
  if (tfOnly) continue;
  const [tf, cfn, split] = rows;
  const ratio = (other) => `${(tf.perWall / other.perWall).toFixed(2)}× (wall), ${(tf.perCpu / other.perCpu).toFixed(2)}× (CPU)`;
  b.ratio = `Terraform / CloudFormation per resource${builds.length > 1 ? ` (${b.name})` : ''}: against the one template ${ratio(cfn)}; against the ${sizes.length} templates ${ratio(split)}.`;
}
out.push('', ...builds.filter((b) => b.ratio).map((b) => b.ratio), '');
console.log(out.join('\n'));
const append = arg('--append');
if (append) appendFileSync(append, '\n' + out.join('\n'));
