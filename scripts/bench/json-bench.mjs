// JSON parsing against the YAML fast path, on the same template written both ways (issue 11: a JSON
// template should get a located parse as fast as the YAML fast path), and the whole-process CLI on
// the JSON template against cfn-lint. The template is the generated benchmark network cut to about
// cfn-lint's 2,695-line Quick Start JSON fixture (not shipped with cfn-lint's package), written as
// YAML and as the JSON of the very same tree; the JSON files of ../shared/corpus are timed too.
//
//   npm run build && node scripts/bench/json-bench.mjs [--append BENCHMARKS.md]
//
// In-process figures come from a bundle of the engine's parser made here, each in a fresh process:
// "first parse" is what a CLI run pays (nothing compiled yet), "warm" the median of 50 parses after 20.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { generateTemplate } from './gen-template.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), 'vpce-json-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const bundle = join(dir, 'parse.cjs');
  buildSync({
    stdin: { contents: "export { parseText } from './server/src/core/document/parse.ts'; export { toPlain } from './server/src/core/document/tree.ts';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error',
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  });
  const require = (await import('node:module')).createRequire(import.meta.url);
  const { parseText, toPlain } = require(bundle);
  const yaml = generateTemplate(140);
  const json = JSON.stringify(toPlain(parseText(yaml).root), null, 2) + '\n';
  const files = { yaml: join(dir, 'network.yaml'), json: join(dir, 'network.json') };
  writeFileSync(files.yaml, yaml);
  writeFileSync(files.json, json);

  // One fresh process per sample: [first parse ms, warm median ms].
  const probe = join(dir, 'probe.cjs');
  writeFileSync(probe, `const { parseText } = require(${JSON.stringify(bundle)});
const text = require('fs').readFileSync(process.argv[2], 'utf8'); const json = process.argv[3] === 'json';
let t = performance.now(); const r = parseText(text, { json }); const first = performance.now() - t;
if (r.problems.some((p) => p.code !== 'duplicate-key')) throw new Error('problems: ' + r.problems[0].message);
const warm = []; for (let i = 0; i < 70; i++) { t = performance.now(); parseText(text, { json }); if (i >= 20) warm.push(performance.now() - t); }
warm.sort((a, b) => a - b); console.log(JSON.stringify([first, warm[25]]));`);
  const sample = (file, json) => {
    const firsts = [], warms = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [probe, file, json ? 'json' : 'yaml'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      const [f, w] = JSON.parse(r.stdout);
      firsts.push(f);
      warms.push(w);
    }
    return { first: median(firsts), warm: median(warms) };
  };
  const rows = [];
  const lines = (t) => t.split('\n').length - 1;
  const j = sample(files.json, true);
  const y = sample(files.yaml, false);
  rows.push([`Generated network template as JSON (${lines(json)} lines, ${(json.length / 1024).toFixed(0)} KB)`, j]);
  rows.push([`The same template as YAML, fast path (${lines(yaml)} lines, ${(yaml.length / 1024).toFixed(0)} KB)`, y]);
  const corpus = resolve(root, '../shared/corpus');
  if (existsSync(corpus)) {
    for (const f of readdirSync(corpus).filter((n) => n.endsWith('.json') && !n.includes('endpoint_policy')).sort()) {
      const text = readFileSync(join(corpus, f), 'utf8');
      rows.push([`corpus ${f.replace(/^.*__/, '')} (${lines(text)} lines)`, sample(join(corpus, f), true)]);
    }
  }

  // Whole process: the CLI on each twin, and cfn-lint on the JSON (its peer for this question).
  const timeProcess = (cmd, args) => {
    const ts = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = spawnSync(cmd, args, { encoding: 'utf8' });
      if (r.status !== 0 && r.status !== 1 && r.status !== 2 && r.status !== 4 && r.status !== 6 && r.status !== 8) throw new Error(`${cmd}: ${r.stderr}`);
      ts.push(performance.now() - t);
    }
    return median(ts);
  };
  const cli = join(root, 'bin/vpce-lens.js');
  const cliJson = timeProcess(process.execPath, [cli, '--region', 'us-east-1', files.json]);
  const cliYaml = timeProcess(process.execPath, [cli, '--region', 'us-east-1', files.yaml]);
  const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  const cfnJson = hasCfnLint ? timeProcess('cfn-lint', ['--regions', 'us-east-1', '--', files.json]) : undefined;

  const ms = (x) => `${x.toFixed(1)} ms`;
  const out = [
    '## JSON parse (jsonc-parser) against the YAML fast path',
    '',
    `\`scripts/bench/json-bench.mjs\`: the generated network template (140 resources) written as YAML and as JSON of the same tree, and the corpus's JSON templates; ${RUNS} fresh processes each, medians. "First parse" is what one CLI run pays; "warm" is the median of 50 parses after 20.`,
    '',
    '| Text | First parse | Warm parse |',
    '| --- | --- | --- |',
    ...rows.map(([label, r]) => `| ${label} | ${ms(r.first)} | ${ms(r.warm)} |`),
    '',
    `JSON against the YAML fast path on the same tree: first parse ${(j.first / y.first).toFixed(2)}x, warm ${(j.warm / y.warm).toFixed(2)}x.`,
    '',
    '| Whole process (median) | Time |',
    '| --- | --- |',
    `| vpce-lens on the JSON template | ${ms(cliJson)} |`,
    `| vpce-lens on the YAML template | ${ms(cliYaml)} |`,
    cfnJson === undefined ? '| cfn-lint on the JSON template | not installed |' : `| cfn-lint on the JSON template | ${ms(cfnJson)} (vpce-lens ${(cfnJson / cliJson).toFixed(1)}x faster) |`,
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
  const appendAt = process.argv.indexOf('--append');
  if (appendAt > 0) appendFileSync(process.argv[appendAt + 1], '\n' + out.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
