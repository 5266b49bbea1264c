// One question, one answer: over every fixture, example and corpus template, the rules' claims about
// paths and the trace's verdicts agree. For every subnet and every service with an endpoint:
// - VPCE7003 (bypass) is raised exactly where the trace says "public" and suggests that endpoint;
// - VPCE6003 (no 443 from the VPC): every trace that reaches the endpoint is blocked at its groups;
// - VPCE5001 (private DNS without VPC DNS): no trace resolves to the endpoint, and the trace suggests
//   turning on exactly the attributes the rule names (never one already on), and its DNS hop is no pass;
//   where the trace says the VPC lacks DNS for an endpoint, VPCE5001 is raised;
// - a blocked trace's deciding hop is marked as failing;
// - VPCE2001 (type not offered): no trace suggests a route table or a new endpoint for that service,
//   and no VPCE7003 rests on the broken endpoint.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../server/src/core/engine.js';
import { networkOf } from '../server/src/core/trace/api.js';
import { ensureTerraformParser } from '../server/src/tf-parser.js';
import { analyzeTerraform } from '../server/src/core/tf/analysis.js';
import { localModuleFolders } from '../server/src/tf-module-files.js';
import { judge } from './helpers/rule-trace-agreement.js';

const ROOTS = [join(__dirname, 'fixtures'), join(__dirname, '..', 'examples'), join(__dirname, '..', '..', 'shared', 'corpus')];

function templates(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(f)) out.push(p);
    }
  };
  ROOTS.forEach(walk);
  return out.sort();
}

function check(file: string): { checked: number; claims: number } {
  const text = readFileSync(file, 'utf8');
  const lint = lintTemplate(text);
  if (!lint.isTemplate) return { checked: 0, claims: 0 };
  const net = networkOf(text);
  if (!net) return { checked: 0, claims: 0 };
  return judge(file, lint.findings, net);
}

test('rules and trace agree on every fixture, example and corpus template', () => {
  const files = templates();
  assert.ok(files.length > 100, `only ${files.length} templates found`);
  let checked = 0;
  let claims = 0;
  for (const f of files) {
    const c = check(f);
    checked += c.checked;
    claims += c.claims;
  }
  // Enough subnet × endpoint pairs, and rule claims among them, that the agreement means something.
  assert.ok(checked > 200, `only ${checked} traces checked`);
  assert.ok(claims > 30, `only ${claims} claims checked`);
});

test('rules and trace agree on every Terraform fixture and corpus file', async () => {
  await ensureTerraformParser();
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.tf')) files.push(p);
    }
  };
  [join(__dirname, 'fixtures', 'tf'), join(__dirname, '..', '..', 'shared', 'corpus')].forEach(walk);
  assert.ok(files.length >= 25, `only ${files.length} Terraform files found`);
  let checked = 0;
  let claims = 0;
  for (const f of files) {
    const r = analyzeTerraform([{ path: f, text: readFileSync(f, 'utf8') }]);
    const net = r.analysis.network();
    if (!net) continue;
    const c = judge(f, r.analysis.findings, net);
    checked += c.checked;
    claims += c.claims;
  }
  assert.ok(checked > 40, `only ${checked} traces checked`);
  assert.ok(claims > 5, `only ${claims} claims checked`);
});

test('rules and trace agree on a root module with its local modules read (test/fixtures/tf/modules)', async () => {
  await ensureTerraformParser();
  const fixture = join(__dirname, 'fixtures', 'tf', 'modules');
  const dir = join(fixture, 'root');
  const r = analyzeTerraform([{ path: join(dir, 'main.tf'), text: readFileSync(join(dir, 'main.tf'), 'utf8') }], { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, fixture));
  const net = r.analysis.network()!;
  // The module instances' subnets and endpoints are in the model the trace walks, under their addresses.
  assert.ok(net.judged().subnets.has('module.network.aws_subnet.private["a"]'));
  const c = judge(dir, r.analysis.findings, net);
  assert.ok(c.checked >= 4, `only ${c.checked} traces checked`);
  assert.ok(c.claims >= 1, `only ${c.claims} claims checked`);
});
