// Whole-process CLI against cfn-lint on the two Quick Start VPC templates issue 11 names: the YAML one
// (../shared/corpus, aws-quickstart/quickstart-aws-vpc) and cfn-lint's own 2,695-line JSON fixture
// (scripts/bench/inputs/cfn-lint-quickstart-vpc.json; source and licence in inputs/README.md). Wall time
// from spawn to exit, interpreter start included; the tools run alternately (one untimed warm-up each),
// from an empty temporary directory so that no configuration file is picked up; medians, and the ratio
// cfn-lint median / vpce-lens median of the same run. `--main DIR` also times another build's CLI
// (e.g. main built from `git archive` into DIR), alternating with the others.
//
//   npm run build && node scripts/bench/quickstart-bench.mjs [--runs 7] [--main DIR] [--yaml PATH] [--json PATH]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '7'));
const main = arg('main', '');
const templates = {
  'Quick Start VPC (YAML, 1,765 lines)': resolve(root, arg('yaml', '../shared/corpus/aws-quickstart__quickstart-aws-vpc__templates__aws-vpc.template.yaml')),
  "cfn-lint's Quick Start VPC fixture (JSON, 2,695 lines)": resolve(root, arg('json', 'scripts/bench/inputs/cfn-lint-quickstart-vpc.json')),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cfnLintPath() {
  const r = spawnSync('pyenv', ['which', 'cfn-lint'], { encoding: 'utf8' });
  const p = r.status === 0 ? r.stdout.trim() : '';
  return p && existsSync(p) ? p : 'cfn-lint';
}

const tools = [
  { name: 'vpce-lens', cmd: process.execPath, args: (f) => [join(root, 'bin/vpce-lens.js'), 'check', '--region', 'us-east-1', f] },
  ...(main ? [{ name: 'vpce-lens (main)', cmd: process.execPath, args: (f) => [join(main, 'bin/vpce-lens.js'), 'check', '--region', 'us-east-1', f] }] : []),
  { name: 'cfn-lint', cmd: cfnLintPath(), args: (f) => ['--regions', 'us-east-1', '--', f] },
  // The interpreter's own start in this environment, the floor under every vpce-lens figure: with
  // NODE_EXTRA_CA_CERTS set, Node parses those certificates before running any script.
  { name: 'node -e 0', cmd: process.execPath, args: () => ['-e', '0'] },
];

const cwd = mkdtempSync(join(tmpdir(), 'vpce-qs-bench-'));
try {
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${RUNS} runs each; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'not set'}`);
  for (const [label, file] of Object.entries(templates)) {
    if (!existsSync(file)) throw new Error(`${label}: ${file} not found`);
    const times = new Map(tools.map((t) => [t.name, []]));
    const exits = new Map();
    for (let i = -1; i < RUNS; i++) {
      for (const t of tools) {
        const t0 = performance.now();
        const r = spawnSync(t.cmd, t.args(file), { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const ms = performance.now() - t0;
        if (r.error) throw r.error;
        if (i < 0) exits.set(t.name, `exit ${r.status}; ${(r.stdout.trim().split('\n').pop() ?? '').slice(0, 100)}`);
        else times.get(t.name).push(ms);
      }
    }
    console.log(`\n${label}`);
    for (const t of tools) {
      const xs = times.get(t.name);
      console.log(`  ${t.name.padEnd(17)} median ${median(xs).toFixed(0).padStart(6)} ms  min ${Math.min(...xs).toFixed(0)}  max ${Math.max(...xs).toFixed(0)}  (${exits.get(t.name)})`);
    }
    const ratio = median(times.get('cfn-lint')) / median(times.get('vpce-lens'));
    console.log(`  cfn-lint / vpce-lens (medians): ${ratio.toFixed(1)}x`);
  }
  console.log(`\nload average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
