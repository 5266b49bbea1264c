// Conditions evaluated from the Conditions section, per deployment: the defaults, each value the
// conditions compare, "another value"; undecided where a value is not known; bounded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { anyDeployment, defaultScenario, planScenarios, MAX_SCENARIOS } from '../../../server/src/core/cfn/scenarios.js';
import type { MapNode } from '../../../server/src/core/document/tree.js';

function template(conditions: string, params = '', resources = '') {
  const text = `Parameters:\n  Env: {Type: String, Default: prod, AllowedValues: [prod, dev, test]}\n  NoDefault: {Type: String}\n  Subnets: {Type: CommaDelimitedList, Default: ""}\n${params}Conditions:\n${conditions}Resources:\n  Vpc: {Type: AWS::EC2::VPC, Condition: IsProd, Properties: {CidrBlock: !If [HasSubnets, 10.0.0.0/16, 10.1.0.0/16]}}\n${resources}`;
  return buildTemplate(text, parseText(text).root as MapNode);
}

const CONDITIONS = [
  '  IsProd: !Equals [!Ref Env, prod]',
  '  IsDev: !Equals [dev, !Ref Env]',
  '  NotProd: !Not [!Condition IsProd]',
  '  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]',
  '  ProdAndKnown: !And [!Condition IsProd, !Equals [!Ref NoDefault, x]]',
  '  HasSubnets: !Not [!Equals [!Join ["", !Ref Subnets], ""]]',
  '  InVirginia: !Equals [!Ref AWS::Region, us-east-1]',
  '  Always: !Equals [a, a]',
].join('\n') + '\n';

test('the defaults deployment: conditions over defaults decided, over unknown values open', () => {
  const s = defaultScenario(template(CONDITIONS));
  const truth = Object.fromEntries(s.truth);
  assert.deepEqual(truth, { IsProd: true, IsDev: false, NotProd: false, ProdOrDev: true, ProdAndKnown: undefined, HasSubnets: false, InVirginia: undefined, Always: true });
});

test('what rules judge decides only the conditions that hold whatever the parameters are', () => {
  const truth = Object.fromEntries(anyDeployment(template(CONDITIONS)).truth);
  assert.equal(truth['Always'], true);
  assert.equal(truth['IsProd'], undefined);
  assert.equal(truth['HasSubnets'], undefined);
});

test('deployments: each compared value and another one, the used conditions only, deduplicated', () => {
  const plan = planScenarios(template(CONDITIONS));
  // The Vpc uses IsProd (its Condition) and HasSubnets (an Fn::If); Env and Subnets decide them.
  assert.deepEqual([...plan.used].sort(), ['HasSubnets', 'IsProd']);
  const seen = plan.scenarios.map((s) => `${s.truth.get('IsProd')}/${s.truth.get('HasSubnets')}`);
  assert.deepEqual(seen, ['true/false', 'true/true', 'false/false', 'false/true']);
  assert.equal(plan.bounded, undefined);
  assert.ok(plan.scenarios[0]!.isDefault);
});

test('past the bound: the defaults and each single change, and the plan says how many there were', () => {
  const n = 8;
  const params = Array.from({ length: n }, (_, i) => `  P${i}: {Type: String, Default: a}\n`).join('');
  const conds = Array.from({ length: n }, (_, i) => `  C${i}: !Equals [!Ref P${i}, a]\n`).join('');
  const resources = Array.from({ length: n }, (_, i) => `  S${i}: {Type: AWS::EC2::Subnet, Condition: C${i}, Properties: {VpcId: !Ref Vpc}}\n`).join('');
  const plan = planScenarios(template(`  IsProd: !Equals [a, a]\n  HasSubnets: !Equals [a, a]\n${conds}`, params, resources));
  assert.equal(plan.scenarios.length, MAX_SCENARIOS);
  assert.deepEqual(plan.bounded, { explored: MAX_SCENARIOS, total: 2 ** n });
  // The defaults, then every single change: each condition's false branch is seen alone.
  for (let i = 0; i < n; i++) {
    const s = plan.scenarios[i + 1]!;
    assert.deepEqual(Array.from({ length: n }, (_, j) => s.truth.get(`C${j}`)), Array.from({ length: n }, (_, j) => j !== i));
  }
});

test('past the bound: each used condition is seen true and false, even one that needs three parameters set', () => {
  // Twelve switches fill the bound with single changes and pairs before three are ever set together.
  const n = 12;
  const params = Array.from({ length: n }, (_, i) => `  P${i}: {Type: String, Default: off}\n`).join('');
  const conds = Array.from({ length: n }, (_, i) => `  C${i}: !Equals [!Ref P${i}, on]\n`).join('') + '  All3: !And [!Condition C9, !Condition C10, !Condition C11]\n';
  const resources =
    Array.from({ length: n }, (_, i) => `  S${i}: {Type: AWS::EC2::Subnet, Condition: C${i}, Properties: {VpcId: !Ref Vpc}}\n`).join('') +
    '  Public: {Type: AWS::EC2::Subnet, Condition: All3, Properties: {VpcId: !Ref Vpc}}\n';
  const plan = planScenarios(template(`  IsProd: !Equals [a, a]\n  HasSubnets: !Equals [a, a]\n${conds}`, params, resources));
  assert.ok(plan.bounded);
  assert.ok(plan.scenarios.length <= MAX_SCENARIOS);
  assert.ok(plan.scenarios.some((s) => s.truth.get('All3') === true), 'the subnet that needs three switches is never there');
});

test('past the bound: a branch that needs two parameters set together is still seen', () => {
  // Seven independent switches (128 settings) and a route that exists only when two of them are on,
  // as a NAT route in a firewall subnet that needs both the firewall and the NAT switched on.
  const n = 7;
  const params = Array.from({ length: n }, (_, i) => `  P${i}: {Type: String, Default: off}\n`).join('');
  const conds = Array.from({ length: n }, (_, i) => `  C${i}: !Equals [!Ref P${i}, on]\n`).join('') + '  Both: !And [!Condition C5, !Condition C6]\n';
  const resources =
    Array.from({ length: n }, (_, i) => `  S${i}: {Type: AWS::EC2::Subnet, Condition: C${i}, Properties: {VpcId: !Ref Vpc}}\n`).join('') +
    '  R: {Type: AWS::EC2::Route, Condition: Both, Properties: {RouteTableId: x, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: y}}\n';
  const plan = planScenarios(template(`  IsProd: !Equals [a, a]\n  HasSubnets: !Equals [a, a]\n${conds}`, params, resources));
  assert.ok(plan.bounded);
  assert.ok(plan.scenarios.length <= MAX_SCENARIOS);
  assert.ok(plan.scenarios.some((s) => s.truth.get('Both') === true), 'no deployment with both switches on');
});
