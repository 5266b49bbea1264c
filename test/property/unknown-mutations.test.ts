// "Unknown is not absent", as a mutation harness over every rule and trace fixture (CloudFormation:
// test/fixtures/rules, test/fixtures/trace; Terraform: test/fixtures/tf/rules and the trace twins in
// test/fixtures/tf). Each value the rules or the trace read (test/helpers/mutation-points.ts: service
// name, endpoint type, private DNS, subnet, group and route table ids, VPC DNS attributes, CIDRs, route
// destinations and targets, security group rules, network ACL entries, associations, attachments; the
// region, as no region configured against the regions it may deploy to) is
// replaced in place by a value the text cannot know — a parameter without default, Fn::ImportValue or a
// custom resource's attribute (in turn); a Terraform variable without default or a data source's
// attribute — and the answers are held to what the text still says (test/helpers/mutation-judge.ts):
//   - every finding then reported is reported for each value the text may deploy with: the original and
//     up to two changed ones (another resource of the same type, another fixture's value of the same
//     property), seeded; a world whose value the lint says fails (an error, VPCE2003) is no deployment;
//   - every definite trace verdict is each such world's verdict; one that becomes unknown names the
//     value (the property, the parameter, the import, the attribute);
//   - under an Fn::If on a condition the text cannot decide (Terraform: a conditional on an unknown
//     variable), each branch's verdict is its value's, and a finding without "only when" holds for both;
//   - with the value unknown, check and trace still give the same advice (the rules' path claims against
//     the trace, test/helpers/rule-trace-agreement.ts) and the hover reads the same TCP 443 admission as
//     VPCE6003 (mutation-judge.ts adviceProblems).
// The world with the value removed (AWS::NoValue, null) is made for each problem, to say whether the
// unknown was read as absent.
//
// What the harness does not count as a value the text may take, and why:
//   - an id from a parameter, an import, a data source or a custom resource that does not depend on the
//     element is never the id of a resource the same stack or module creates (those exist only once it
//     is deployed); such an id is compared with one written outside id (subnet-0a1b…), not the original;
//   - a VpcId has no such world: an outside VPC would put the element in another VPC than the subnets,
//     route tables and gateways it meets, which EC2 refuses (and no rule need say so); only the naming
//     is checked there;
//   - a subnet's block outside its VPC's, or a VPC's block that leaves out its subnets (EC2 refuses both);
//   - unknown answers decided by another value the path meets only once the mutated one has sent it there
//     (mutation-judge.ts OTHER_UNKNOWNS: the client's address family, a workload's public IP address, a
//     regional NAT gateway's missing internet gateway), each named in the answer.
// Each check is shown to fail on a broken engine (an unknown read as absent).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { analyze } from '../../server/src/core/analysis.js';
import { addToPool, rootOf, runCfnFixture, runRegionFixture, settingsOf, type Pool, type Tally } from '../helpers/mutation-run-cfn.js';
import { addTfToPool, runTfFixture } from '../helpers/mutation-run-tf.js';
import { mutationPoints } from '../helpers/mutation-points.js';
import { removedMutant } from '../helpers/mutants-cfn.js';
import { adviceProblems, traceKeys, unknownProblems, worldOf } from '../helpers/mutation-judge.js';
import { filesUnder } from '../helpers/files.js';

const SEED = 20261202;
const FIXTURES = join(__dirname, '..', 'fixtures');

before(() => ensureTerraformParser());


const say = (t: Tally) => t.problems.map((p) => `${p.file.replace(/.*fixtures\//, '')} ${p.point} [${p.variant}] ${p.problem.kind} ${p.problem.key}: ${p.problem.detail}`).join('\n');

test('CloudFormation: no value the template cannot know makes an answer definite that another value contradicts, and every unknown names it', () => {
  const cfn = [...filesUnder(join(FIXTURES, 'rules'), /\.(ya?ml|json)$/), ...filesUnder(join(FIXTURES, 'trace'), /\.ya?ml$/)];
  const pool: Pool = new Map();
  for (const f of cfn) addToPool(pool, rootOf(readFileSync(f, 'utf8')));
  const tally: Tally = { fixtures: 0, points: 0, mutants: 0, problems: [] };
  cfn.forEach((f, i) => runCfnFixture(f, readFileSync(f, 'utf8'), pool, SEED + i, tally));
  assert.equal(say(tally), '');
  // Every fixture that is a template, and enough values and mutants that the answer means something.
  assert.ok(tally.fixtures > 250, `only ${tally.fixtures} fixtures`);
  assert.ok(tally.points > 3000 && tally.mutants > 8000, `only ${tally.points} values, ${tally.mutants} mutants`);
});

test('CloudFormation: with no region configured, every finding and definite verdict holds in each region the template may deploy to', () => {
  const cfn = [...filesUnder(join(FIXTURES, 'rules'), /\.(ya?ml|json)$/), ...filesUnder(join(FIXTURES, 'trace'), /\.ya?ml$/)];
  const tally: Tally = { fixtures: 0, points: 0, mutants: 0, problems: [] };
  for (const f of cfn) runRegionFixture(f, readFileSync(f, 'utf8'), tally);
  assert.equal(say(tally), '');
  assert.ok(tally.points > 250, `only ${tally.points} templates`);
});

test('Terraform: the same over the rule fixtures and the trace twins, with variables and data sources', () => {
  const tf = [...filesUnder(join(FIXTURES, 'tf', 'rules'), /\.tf$/), ...readdirSync(join(FIXTURES, 'tf')).filter((f) => f.endsWith('.tf')).map((f) => join(FIXTURES, 'tf', f))];
  const pool: Pool = new Map();
  for (const f of tf) addTfToPool(pool, readFileSync(f, 'utf8'));
  const tally: Tally = { fixtures: 0, points: 0, mutants: 0, problems: [] };
  tf.forEach((f, i) => runTfFixture(f, readFileSync(f, 'utf8'), pool, SEED + i, tally));
  assert.equal(say(tally), '');
  assert.ok(tally.fixtures >= 35, `only ${tally.fixtures} modules`);
  assert.ok(tally.points > 800 && tally.mutants > 1800, `only ${tally.points} values, ${tally.mutants} mutants`);
});

// The checks have teeth: an engine that reads a value it cannot know as absent (the world with the value
// removed standing in for the unknown one) is caught on the fixtures where that matters.
test('an engine that reads an unknown value as absent is caught (findings and verdicts)', () => {
  const caught = { finding: 0, verdict: 0 };
  for (const [file, at] of [
    ['rules/VPCE5003/good-private-dns-on-another-endpoint.yaml', 'LogsEndpoint.PrivateDnsEnabled'],
    ['rules/VPCE7003/good.yaml', 'AppAssocA.RouteTableId'],
    ['trace/classic.yaml', 'PrivateDefaultA.NatGatewayId'],
    // Without its route tables the S3 endpoint serves no subnet: "public through the NAT gateway", where the
    // unknown list may hold the subnet's table (a subnet left on the main route table is unknown there now).
    ['trace/classic.yaml', 'S3Endpoint.RouteTableIds'],
  ] as const) {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const settings = settingsOf(text);
    const a = analyze(text, { fileName: file, settings });
    const keys = traceKeys(a.network()!);
    const original = worldOf(a.findings, a.network(), keys);
    const p = mutationPoints(rootOf(text)).find((x) => `${x.resource}.${x.path}` === at)!;
    const r = analyze(removedMutant(text, p), { fileName: file, settings });
    for (const problem of unknownProblems(worldOf(r.findings, r.network(), keys), [{ name: 'original', w: original }], original, [])) {
      if (problem.kind === 'finding' || problem.kind === 'verdict') caught[problem.kind]++;
    }
  }
  assert.ok(caught.finding > 0, 'a finding about an absent value was not caught');
  assert.ok(caught.verdict > 0, 'a verdict about an absent value was not caught');
});

test('rules that lose their path findings, or a hover that reads another admission, are caught', () => {
  const file = 'trace/classic.yaml';
  const a = analyze(readFileSync(join(FIXTURES, file), 'utf8'), { fileName: file });
  assert.deepEqual(adviceProblems(file, a), []);
  // VPCE6003 and VPCE7003 dropped: the trace (and the hover) still say what they said.
  const silent = { ...a, findings: a.findings.filter((f) => f.ruleId !== 'VPCE6003' && f.ruleId !== 'VPCE7003') };
  assert.ok(adviceProblems(file, silent).length > 0, 'rules silent where the trace and hover speak were not caught');
});
