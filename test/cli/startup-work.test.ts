// A CLI run pays for everything its modules do when they load, before it reads a byte of the template.
// Two costly things crept into module load once (a grapheme Intl.Segmenter for Terraform's length(),
// ~18 ms, and node:worker_threads for the Terraform pool, ~4 ms): a CloudFormation check needs neither,
// so neither may happen on its path. A preload records both; the first test shows the record works.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vpce-lens.js');

const HOOK = `
const Module = require('node:module');
const seen = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'node:worker_threads' || request === 'worker_threads') seen.push('worker_threads');
  return load.call(this, request, ...rest);
};
const Segmenter = Intl.Segmenter;
Intl.Segmenter = function (...args) { seen.push('Segmenter'); return new Segmenter(...args); };
process.on('exit', () => process.stderr.write('startup-work: ' + JSON.stringify(seen) + '\\n'));
`;

function recorded(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-startup-'));
  try {
    const hook = join(dir, 'hook.cjs');
    writeFileSync(hook, HOOK);
    const run = spawnSync(process.execPath, ['--require', hook, ...args], { cwd: dir, encoding: 'utf8' });
    const line = run.stderr.split('\n').find((l) => l.startsWith('startup-work: '));
    assert.ok(line, `no record on stderr: ${run.stderr}`);
    return JSON.parse(line.slice('startup-work: '.length)) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the record sees a Segmenter made and worker_threads loaded', () => {
  assert.deepEqual(recorded(['-e', "require('node:worker_threads'); new Intl.Segmenter('en')"]).sort(), ['Segmenter', 'worker_threads']);
});

test('a CloudFormation check, JSON or YAML, makes no Segmenter and loads no worker_threads', () => {
  for (const file of ['scripts/bench/inputs/cfn-lint-quickstart-vpc.json', 'examples/endpoints-with-mistakes.yaml']) {
    assert.deepEqual(recorded([BIN, 'check', '--region', 'us-east-1', join(ROOT, file)]), [], file);
  }
});

// What a CloudFormation check never calls is loaded on first use (cli.ts, analysis.ts, json-parse.ts,
// yaml-lib.ts): evaluating it at start was part of every run. esbuild bundles such a module as an init
// function named by the module's path, run when the module is first required; V8's coverage
// (NODE_V8_COVERAGE) records whether it ran. A module imported statically again has no such function
// of its own (it is evaluated with the bundle) and fails the test as surely as one that ran.
const LAZY = [
  'server/src/cli/terraform.ts',
  'server/src/cli/tf-pool.ts',
  'server/src/tf-parser.ts',
  'node_modules/web-tree-sitter/tree-sitter.cjs',
  'server/src/cli/plan.ts',
  'server/src/core/tf/plan/analysis.ts',
  'server/src/cli/trace-command.ts',
  'server/src/cli/map-command.ts',
  'server/src/cli/nested-trace.ts',
  'server/src/core/cdk/nested-inline.ts',
  'node_modules/@dagrejs/dagre/dist/dagre.esm.js',
  'server/src/cli/format-json.ts',
  'server/src/cli/format-sarif.ts',
  'server/src/cli/format-rules.ts',
  'server/src/core/fixes/index.ts',
  'node_modules/jsonc-parser/lib/esm/main.js',
];

/** How often each module's init function ran in a CLI run (keyed by the module's path). */
function moduleInits(args: string[], files: Record<string, string> = {}): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lazy-'));
  try {
    const coverage = join(dir, 'coverage');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_V8_COVERAGE: coverage } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const inits = new Map<string, number>();
    for (const f of readdirSync(coverage)) {
      const { result } = JSON.parse(readFileSync(join(coverage, f), 'utf8')) as { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] };
      for (const script of result) {
        if (!script.url.endsWith('/dist/cli.js')) continue;
        for (const fn of script.functions) if (/^(server|node_modules)\//.test(fn.functionName)) inits.set(fn.functionName, fn.ranges[0]!.count);
      }
    }
    return inits;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the coverage record sees a module loaded on first use: SARIF output, JSON with a comment', () => {
  const inits = moduleInits(['check', '--format', 'sarif', 'policy.json'], { 'policy.json': '// a comment\n{"Statement": []}\n' });
  assert.ok((inits.get('server/src/cli/format-sarif.ts') ?? 0) > 0, 'format-sarif.ts ran');
  assert.ok((inits.get('node_modules/jsonc-parser/lib/esm/main.js') ?? 0) > 0, 'jsonc-parser ran');
  assert.equal(inits.get('server/src/cli/terraform.ts'), 0);
});

test('a CloudFormation check, JSON or YAML, evaluates no Terraform, plan, trace, map, fix or other-format module', () => {
  for (const file of ['scripts/bench/inputs/cfn-lint-quickstart-vpc.json', 'examples/endpoints-with-mistakes.yaml']) {
    const inits = moduleInits(['check', '--region', 'us-east-1', join(ROOT, file)]);
    for (const m of LAZY) {
      assert.ok(inits.has(m), `${m} is not bundled to load on first use (imported statically again?)`);
      assert.equal(inits.get(m), 0, `${file}: ${m} was evaluated`);
    }
  }
  // Strict JSON is read without the yaml library (yaml-lib.ts) too.
  assert.equal(moduleInits(['check', join(ROOT, 'scripts/bench/inputs/cfn-lint-quickstart-vpc.json')]).get('node_modules/yaml/dist/index.js'), 0);
});

test('a folder of CloudFormation templates loads no Terraform parser; a folder with a .tf file does', () => {
  const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';
  const parser = ['server/src/tf-parser.ts', 'node_modules/web-tree-sitter/tree-sitter.cjs'];
  const cfn = moduleInits(['check', '--region', 'us-east-1', '.'], { 'network.yaml': template });
  for (const m of parser) assert.equal(cfn.get(m), 0, `${m} was evaluated for a folder without Terraform`);
  const tf = moduleInits(['check', '--region', 'us-east-1', '.'], { 'network.yaml': template, 'main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
  for (const m of parser) assert.ok((tf.get(m) ?? 0) > 0, `${m} was not evaluated for a folder with a .tf file`);
});
