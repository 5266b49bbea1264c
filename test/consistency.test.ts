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
import { trace } from '../server/src/core/trace/trace.js';
import { parseTarget } from '../server/src/core/trace/targets.js';
import { shortName } from '../server/src/core/data/catalogue.js';
import type { Finding } from '../server/src/core/findings.js';
import type { Network } from '../server/src/core/model/network.js';
import { ensureTerraformParser } from '../server/src/tf-parser.js';
import { analyzeTerraform } from '../server/src/core/tf/analysis.js';
import { localModuleFolders } from '../server/src/tf-module-files.js';

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

/** The agreement of one analysis's findings with the trace over its network. */
function judge(file: string, findings: readonly Finding[], net: Network): { checked: number; claims: number } {
  const lint = { findings };
  const model = net.defaults;
  const by = (id: string) => lint.findings.filter((f) => f.ruleId === id);
  const bypass = new Set(by('VPCE7003').map((f) => `${f.resource}|${(f.data as { ref: string }).ref}`));
  // The rule names one subnet per route table: its claim is about that subnet.
  const bypassFrom = new Set(by('VPCE7003').map((f) => `${f.resource}|${/\(subnet (\S+)\)/.exec(f.message)?.[1]}`));
  const noHttps = new Set(by('VPCE6003').map((f) => f.resource!));
  // VPCE5001 may hold on another branch only; the defaults' claim is the one without "only when".
  const noDns = new Set(by('VPCE5001').filter((f) => !/only when/.test(f.message)).map((f) => f.resource!));
  const brokenType = new Set(by('VPCE2001').map((f: Finding) => f.resource!));
  const at = (what: string) => `${file.replace(/.*\/(fixtures|examples|corpus)\//, '$1/')}: ${what}`;
  let checked = 0;
  let claims = 0;
  for (const e of model.endpoints.values()) {
    if (!e.service.known) continue;
    const target = parseTarget(shortName(e.service.value));
    if (target?.kind !== 'service' || target.pattern !== e.service.value) continue;
    for (const subnet of model.subnets.values()) {
      if (!subnet.vpc.known || !e.vpc.known || subnet.vpc.value !== e.vpc.value) continue;
      const r = trace(net, subnet.id, target);
      checked++;
      const table = subnet.routeTable.known ? subnet.routeTable.value : null;
      const suggestsThis = r.suggestions.some((s) => s.kind === 'associate-route-table' && s.resource === e.id);
      if (table && e.type.known && e.type.value === 'Gateway') {
        const traced = r.verdict === 'public' && suggestsThis;
        if (bypassFrom.has(`${e.id}|${subnet.id}`)) assert.ok(traced, at(`VPCE7003 says ${subnet.id} bypasses ${e.id}, the trace says ${r.verdict}: ${r.summary}`));
        if (traced) assert.ok(bypass.has(`${e.id}|${table}`), at(`the trace from ${subnet.id} says public past ${e.id}, but VPCE7003 is silent`));
        claims++;
      }
      const throughE = r.hops.some((h) => h.kind === 'DNS' && h.resource === e.id && h.decision === 'pass' && /resolves the default/.test(h.reason));
      if (noHttps.has(e.id) && throughE) {
        const sg = r.hops.find((h) => h.kind === 'endpoint security group in');
        assert.equal(sg?.decision, 'block', at(`VPCE6003 says ${e.id} admits no 443 from the VPC, the trace from ${subnet.id} says ${r.verdict}: ${r.summary}`));
      }
      if (noDns.has(e.id)) {
        assert.ok(!throughE, at(`VPCE5001 says ${e.id}'s private DNS cannot work, the trace from ${subnet.id} resolves to it`));
        assert.ok(r.verdict === 'unknown' || r.suggestions.some((s) => s.kind === 'enable-vpc-dns'), at(`VPCE5001 on ${e.id}, but the trace from ${subnet.id} does not suggest VPC DNS: ${r.summary}`));
      }
      // The trace asks for exactly the attributes VPCE5001 names, never one already on, and its DNS hop
      // for that endpoint is no pass: the name misses the endpoint.
      const vpcDnsAsk = r.suggestions.find((s) => s.kind === 'enable-vpc-dns');
      if (vpcDnsAsk) {
        const ruled = by('VPCE5001').find((f) => f.resource === e.id && !/only when/.test(f.message));
        // The same attributes, whichever format names them (EnableDnsHostnames, enable_dns_hostnames).
        const same = (xs: unknown) => (xs as string[]).map((x) => x.toLowerCase().replace(/_/g, ''));
        if (ruled) assert.deepEqual(same(vpcDnsAsk.data.attributes), same((ruled.data as { attributes: string[] }).attributes), at(`the trace from ${subnet.id} asks for ${String(vpcDnsAsk.data.attributes)}, VPCE5001 on ${e.id} for ${String((ruled.data as { attributes: string[] }).attributes)}`));
        const vpc = model.vpcs.get(String(vpcDnsAsk.data.vpc));
        for (const a of vpcDnsAsk.data.attributes as string[]) {
          const fact = a === 'EnableDnsSupport' ? vpc?.dnsSupport : vpc?.dnsHostnames;
          assert.ok(fact?.known && fact.value === false, at(`the trace from ${subnet.id} asks to turn on ${a} of ${vpc?.id}, which is not off`));
        }
        const dnsHop = r.hops.find((h) => h.kind === 'DNS');
        assert.notEqual(dnsHop?.decision, 'pass', at(`the trace from ${subnet.id} suggests VPC DNS but marks its DNS hop as passing: ${dnsHop?.reason}`));
      }
      if (r.suggestions.some((s) => s.kind === 'enable-private-dns' && s.resource === e.id)) {
        assert.ok(e.privateDns.known && e.privateDns.value === false, at(`the trace from ${subnet.id} asks to turn on private DNS of ${e.id}, which is not off`));
      }
      // A failed path names its deciding hop, and that hop is marked as failing.
      if (r.verdict === 'blocked') assert.equal(r.hops[r.decidingHop ?? -1]?.decision, 'block', at(`the trace from ${subnet.id} to ${target.name} is blocked, but its deciding hop is not marked as failing`));
      const lacks = r.hops.some((h) => h.kind === 'DNS' && h.resource === e.id && /lacks DNS/.test(h.reason));
      if (lacks) assert.ok(by('VPCE5001').some((f) => f.resource === e.id), at(`the trace says ${e.id}'s VPC lacks DNS, but VPCE5001 is silent`));
      if (brokenType.has(e.id) && e.broken) {
        assert.ok(!r.suggestions.some((s) => s.kind === 'associate-route-table' || s.kind === 'create-endpoint'), at(`VPCE2001 on ${e.id}, but the trace from ${subnet.id} suggests ${r.suggestions.map((s) => s.kind).join(', ')}`));
        assert.ok(![...bypass].some((k) => k.startsWith(`${e.id}|`)), at(`VPCE7003 rests on ${e.id}, whose type is wrong`));
      }
    }
  }
  return { checked, claims: claims + [...noHttps, ...noDns, ...brokenType].length };
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
