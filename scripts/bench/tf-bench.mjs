// Terraform against CloudFormation, whole CLI process, same run: a generated 5,000-resource .tf tree
// (gen-tf.mjs: 10 modules of 500 resources) and the generated 5,000-resource template (gen-template.mjs,
// the same networks), checked alternately; medians of wall time and of the process's CPU time (user +
// system: steadier than wall time on a shared machine), per resource.
//
//   npm run build && node scripts/bench/tf-bench.mjs [--runs 5] [--append BENCHMARKS.md]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTerraform } from './gen-tf.mjs';
import { generateTemplate } from './gen-template.mjs';

const N = 5000;
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
const tmp = mkdtempSync(join(tmpdir(), 'vpce-tf-bench-'));
generateTerraform(N, join(tmp, 'tf'));
writeFileSync(join(tmp, 'cfn.yaml'), generateTemplate(N));

function once(target) {
  const script = `const t=process.hrtime.bigint();const r=require('child_process').spawnSync(process.execPath,${JSON.stringify(['bin/vpce-lens.js', 'check', '--region', 'eu-west-1', target])},{encoding:'utf8'});const wall=Number(process.hrtime.bigint()-t)/1e6;console.log(JSON.stringify({wall,status:r.status,last:r.stdout.trim().split('\\n').pop()}))`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = { tf: [], cfn: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [k, target] of [['tf', join(tmp, 'tf')], ['cfn', join(tmp, 'cfn.yaml')]]) {
    const r = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time node bin/vpce-lens.js check --region eu-west-1 '${target}' > /dev/null 2>&1 ; } 2>&1`], { encoding: 'utf8' });
    const [user, sys] = r.stdout.trim().split(/\s+/).map(Number);
    const wall = once(target);
    samples[k].push({ wall: wall.wall, cpu: (user + sys) * 1000, last: wall.last });
  }
}
rmSync(tmp, { recursive: true, force: true });

const row = (k, label) => {
  const wall = median(samples[k].map((s) => s.wall));
  const cpu = median(samples[k].map((s) => s.cpu));
  return { label, wall, cpu, perWall: (wall / N) * 1000, perCpu: (cpu / N) * 1000, last: samples[k][0].last };
};
const tf = row('tf', 'Terraform tree (10 folders × 500 resources)');
const cfn = row('cfn', 'CloudFormation template (5,000 resources)');
const ms = (x) => `${Math.round(x)} ms`;
const us = (x) => `${x.toFixed(0)} µs`;
const out = [
  '## Terraform: 5,000 resources, whole CLI process, against CloudFormation in the same run',
  '',
  `\`node scripts/bench/tf-bench.mjs\` (scripts/bench/gen-tf.mjs, gen-template.mjs: the same networks). ${RUNS} runs each, alternating; medians. CPU = user + system time of the CLI process (steadier than wall time on a shared machine).`,
  '',
  '| Input | wall | CPU | wall per resource | CPU per resource | output |',
  '| --- | --- | --- | --- | --- | --- |',
  ...[tf, cfn].map((r) => `| ${r.label} | ${ms(r.wall)} | ${ms(r.cpu)} | ${us(r.perWall)} | ${us(r.perCpu)} | ${r.last} |`),
  '',
  `Terraform / CloudFormation per resource: ${(tf.perWall / cfn.perWall).toFixed(2)}× (wall), ${(tf.perCpu / cfn.perCpu).toFixed(2)}× (CPU).`,
  '',
];
console.log(out.join('\n'));
const appendAt = process.argv.indexOf('--append');
if (appendAt > 0) appendFileSync(process.argv[appendAt + 1], '\n' + out.join('\n'));
