// "Unknown is not absent" on real code: the mutation harness of unknown-mutations.test.ts (every value the
// rules or the trace read made unknown, removed, changed, put under an undecided condition; judged by
// test/helpers/mutation-judge.ts) run over real templates and configurations instead of the small,
// regular rule fixtures: test/fixtures/real-cfn3..6 (with their templates/), the CDK cloud assemblies'
// templates, examples/, the Terraform folders of real-tf4/5 and tf-plan (each folder a root module with its
// local modules read), and the third-party corpus at ../shared/corpus, read in place (skipped, saying so,
// when that folder is absent).
//
// A real template has hundreds of values, so each file gives a seeded sample of at most BUDGET of them
// (REAL_MUTATION_BUDGET=100000 runs every value); the seed is fixed so a failure reproduces.
//
// Figures (2026-12-02). Default budget (24 values a file): real CloudFormation 58 templates, 1,093 values,
// ~3,200 mutants; real Terraform 16 modules, 193 values, 335 mutants; corpus 24 templates / 371 values /
// 1,166 mutants and 4 modules / 45 values / 90 mutants. Every value: 1,811 + 334 + 1,061 + 63 values,
// 5,533 + 605 + 3,562 + 129 mutants. Found and fixed (each with its own test): two definite answers a
// deployable value contradicts — a ServiceNetwork/Resource endpoint written with an AWS service's name
// taken for Lattice DNS (lattice-type-with-service-name.test.ts), a private hosted zone trusted while its
// VPC's DNS attributes are unknown (zone-vpc-dns-unknown.test.ts) — and four unknowns that did not name
// their value: a subnet carved by Fn::Cidr from an unknown block, an unknown MapPublicIpOnLaunch, a zone
// record aliasing an endpoint of unknown service, a network ACL rule against an endpoint subnet of
// unknown range (unknown-named.test.ts).
//
// What the harness learnt from real code (test/helpers): a VPC's DefaultSecurityGroup / DefaultNetworkAcl
// is an element the stack creates, so no outside value is its id; a Terraform value written once for every
// for_each/count instance is not judged (one unknown in its place is one value for all: no world the
// original is); a folder that reads variables it does not declare gets data sources, not declared
// variables (VPCE0005 judges variables only where a folder declares some); a nested stack that may create
// the endpoint decides on its own; an unknown answer every value the mutant may take also gives is right.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { localModuleFolders, readModuleFiles } from '../../server/src/tf-module-files.js';
import { addToPool, rootOf, runCfnFixture, type Pool, type Tally } from '../helpers/mutation-run-cfn.js';
import { addTfToPool, runTfModule } from '../helpers/mutation-run-tf.js';
import { filesUnder } from '../helpers/files.js';

const SEED = 20261202;
const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const BUDGET = Number(process.env.REAL_MUTATION_BUDGET ?? 24);

before(() => ensureTerraformParser());


const say = (t: Tally) => t.problems.map((p) => `${relative(ROOT, p.file)} ${p.point} [${p.variant}] ${p.problem.kind} ${p.problem.key}: ${p.problem.detail}`).join('\n');

const REAL_CFN = [
  ...['real-cfn3', 'real-cfn4', 'real-cfn5', 'real-cfn6'].flatMap((d) => filesUnder(join(FIXTURES, d), /\.(ya?ml|json)$/)),
  ...filesUnder(join(FIXTURES, 'cdk'), /\.template\.json$/),
  ...filesUnder(join(ROOT, 'examples'), /\.ya?ml$/),
];

/** The folders that hold a module's `.tf` files, each analysed as a root module with its local modules. */
const tfFolders = (top: string) => [...new Set(filesUnder(top, /\.tf$/).map((f) => join(f, '..')))].map((dir) => ({ dir, top }));
const REAL_TF = [
  ...['real-tf4', 'real-tf5', 'real-tf6', 'tf-plan'].flatMap((d) => tfFolders(join(FIXTURES, d))),
  ...tfFolders(join(ROOT, 'examples', 'terraform')),
];

function poolOf(cfn: string[]): Pool {
  const pool: Pool = new Map();
  for (const f of [...filesUnder(join(FIXTURES, 'rules'), /\.(ya?ml|json)$/), ...filesUnder(join(FIXTURES, 'trace'), /\.ya?ml$/), ...cfn]) addToPool(pool, rootOf(readFileSync(f, 'utf8')));
  return pool;
}

function tfPool(): Pool {
  const pool: Pool = new Map();
  for (const f of [...filesUnder(join(FIXTURES, 'tf', 'rules'), /\.tf$/), ...readdirSync(join(FIXTURES, 'tf')).filter((f) => f.endsWith('.tf')).map((f) => join(FIXTURES, 'tf', f))]) addTfToPool(pool, readFileSync(f, 'utf8'));
  return pool;
}

function runCfn(list: string[]): Tally {
  const pool = poolOf(list);
  const tally: Tally = { fixtures: 0, points: 0, mutants: 0, problems: [] };
  list.forEach((f, i) => runCfnFixture(f, readFileSync(f, 'utf8'), pool, SEED + i, tally, BUDGET));
  return tally;
}

function runTf(folders: { dir: string; top: string }[], singles: string[] = []): Tally {
  const pool = tfPool();
  const tally: Tally = { fixtures: 0, points: 0, mutants: 0, problems: [] };
  folders.forEach(({ dir, top }, i) => runTfModule(dir, readModuleFiles(dir).files, localModuleFolders(dir, top), pool, SEED + i, tally, BUDGET));
  singles.forEach((f, i) => runTfModule(f, [{ path: f, text: readFileSync(f, 'utf8') }], undefined, pool, SEED + 1000 + i, tally, BUDGET));
  return tally;
}

const report = (what: string, t: Tally) => console.log(`${what}: ${t.fixtures} files, ${t.points} values, ${t.mutants} mutants, ${t.problems.length} problems`);

test('CloudFormation, real templates (real-cfn3..6, CDK assemblies, examples): no unknown value makes a definite answer another value contradicts, and every unknown names it', () => {
  const tally = runCfn(REAL_CFN);
  report('real CloudFormation', tally);
  assert.equal(say(tally), '');
  assert.ok(tally.fixtures >= 30, `only ${tally.fixtures} templates`);
  assert.ok(tally.mutants > 1500, `only ${tally.mutants} mutants`);
});

test('Terraform, real configurations (real-tf4..6, tf-plan, examples): the same, a value edited in the file of the module that writes it', () => {
  const tally = runTf(REAL_TF);
  report('real Terraform', tally);
  assert.equal(say(tally), '');
  assert.ok(tally.fixtures >= 10, `only ${tally.fixtures} modules`);
  assert.ok(tally.mutants > 300, `only ${tally.mutants} mutants`);
});

test('the third-party corpus (../shared/corpus, read in place): CloudFormation and Terraform', (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`no corpus at ${CORPUS}: the third-party templates are not in this checkout`);
    return;
  }
  const cfn = runCfn(filesUnder(CORPUS, /\.(ya?ml|json)$/));
  report('corpus CloudFormation', cfn);
  const tf = runTf([], filesUnder(CORPUS, /\.tf$/));
  report('corpus Terraform', tf);
  assert.equal([say(cfn), say(tf)].filter(Boolean).join('\n'), '');
  assert.ok(cfn.fixtures >= 15 && cfn.mutants > 800, `only ${cfn.fixtures} templates, ${cfn.mutants} mutants`);
  assert.ok(tf.fixtures >= 2, `only ${tf.fixtures} modules`);
});
