// Check and trace give one answer, finding by finding: for every finding of a rule whose claim is about a
// path (an endpoint that cannot be created, its private DNS that misses the VPC's name, its groups that
// admit no client, its policy that allows nothing, a route table that bypasses it), the trace of the
// path the finding is about states the same cause: its deciding hop is the element the finding names,
// for the reason the finding gives. Over every CloudFormation fixture, example and corpus template
// (with and without a Region to deploy to) and every Terraform fixture folder and corpus file; the
// network both read is the analysis's one model (test/consistency.test.ts holds the verdict-level
// agreement the other way round: a trace's claim has its rule's finding).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { traceModel } from '../../../server/src/core/trace/path.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { shortName } from '../../../server/src/core/data/catalogue.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { localModuleFolders } from '../../../server/src/tf-module-files.js';
import type { Finding } from '../../../server/src/core/findings.js';
import type { Deployment, Network } from '../../../server/src/core/model/network.js';
import type { Hop, TraceResult } from '../../../server/src/core/trace/types.js';

const REPO = join(__dirname, '..', '..', '..');
const ROOTS = [join(REPO, 'test', 'fixtures'), join(REPO, 'examples'), join(REPO, '..', 'shared', 'corpus')];

function filesUnder(ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) readdirSync(p).forEach((f) => walk(join(p, f)));
    else if (ext.test(p)) out.push(p);
  };
  ROOTS.forEach(walk);
  return out.sort();
}

/** The rules whose findings say something about a path, and what each says. */
const CANNOT_BE_CREATED = new Set(['VPCE2001', 'VPCE3001', 'VPCE3004', 'VPCE5002', 'VPCE5005']);

interface Tally {
  findings: number;
  traces: number;
  byRule: Record<string, number>;
  /** Paths traced for each rule's findings: a rule whose findings meet no path checks nothing. */
  paths: Record<string, number>;
}

/**
 * The deployments a finding speaks of: the defaults' when it says no condition; else every deployment that
 * meets its "(only when C is true and D is false)" (a condition the defaults leave open is each way there).
 */
function deploymentsOf(f: Finding, net: Network): Deployment[] {
  const note = /\(only when (.*)\)$/.exec(f.message)?.[1];
  if (!note) return net.deployments().filter((d) => d.isDefault);
  const needs = note.split(' and ').map((c) => /^(\S+) is (true|false)$/.exec(c)).filter((m) => m !== null);
  return net.deployments().filter((d) => needs.every((m) => d.when[m[1]!] === (m[2] === 'true')));
}

/** Every claim one analysis's findings make about paths, held against the trace of those paths. */
function judgeCauses(file: string, findings: readonly Finding[], net: Network, tally: Tally): void {
  for (const f of findings) {
    if (!f.resource || /\beither\b|only as nested/.test(f.message)) continue;
    for (const d of deploymentsOf(f, net)) judgeIn(file, f, d, tally);
  }
}

function judgeIn(file: string, f: Finding, d: Deployment, tally: Tally): void {
  const model = d.model;
  const at = (what: string) => `${relative(REPO, file)}${d.isDefault ? '' : ` (${JSON.stringify(d.when)})`}: ${what}`;
  // `region`: the Region whose service the name is (a cross-Region endpoint's), traced from the one the VPC is in.
  const traceOf = (from: string, pattern: string, region?: { target: string; assume?: string }) => {
    tally.traces++;
    tally.paths[f.ruleId] = (tally.paths[f.ruleId] ?? 0) + 1;
    return traceModel(model, from, { kind: 'service', pattern, name: shortName(pattern), ...(region ? { region: region.target } : {}) }, region ? { region } : {});
  };
  {
    const e = model.endpoints.get(f.resource!);
    if (!e || !e.service.known || !e.vpc.known || e.maybe) return;
    const service = e.service.value;
    const vpc = e.vpc.value;
    const target = parseTarget(shortName(service));
    if (target?.kind !== 'service' || target.pattern !== service) return;
    const subnets = [...model.subnets.values()].filter((s) => s.vpc.known && s.vpc.value === vpc && !s.maybe);
    const claim = (what: string) => {
      tally.findings++;
      tally.byRule[f.ruleId] = (tally.byRule[f.ruleId] ?? 0) + 1;
      return what;
    };
    const deciding = (r: TraceResult) => r.hops[r.decidingHop ?? -1];
    const reaches = (r: TraceResult) => r.hops.some((h) => h.kind === 'DNS' && h.resource === e.id && h.decision === 'pass');
    // The endpoint of this service in the VPC that decides first: the trace names the first one that cannot be created.
    if (CANNOT_BE_CREATED.has(f.ruleId)) {
      if (f.ruleId !== 'VPCE5002' && !e.broken) return;
      claim(f.ruleId);
      for (const s of subnets) {
        const r = traceOf(s.id, service);
        const hop = deciding(r);
        assert.equal(r.verdict, 'unknown', at(`${f.ruleId} says ${e.id} cannot be created as written, the trace from ${s.id} says ${r.verdict}: ${r.summary}`));
        assert.ok(hop && hop.kind === 'endpoint' && /cannot be created as written/.test(hop.reason), at(`${f.ruleId} on ${e.id}: the trace from ${s.id} is decided by ${hop?.kind} ${hop?.resource}, not by an endpoint that cannot be created: ${r.summary}`));
        const other = model.endpoints.get(hop.resource);
        // Another endpoint of the service that cannot be created either may be named first; it is then the cause the trace gives.
        assert.ok(hop.resource === e.id || (other?.service.known && other.service.value === service), at(`${f.ruleId} on ${e.id}, the trace from ${s.id} names ${hop.resource}`));
      }
    }
    if (f.ruleId === 'VPCE3005') {
      claim(f.ruleId);
      // The finding is about the service in its service Region: the path to that Region's name (the VPC's own
      // Region's name is not the endpoint's wherever it is created elsewhere).
      const sr = e.serviceRegion?.known ? e.serviceRegion.value : undefined;
      const region = sr ? { target: sr, ...(e.home.regions.length === 1 ? { assume: e.home.regions[0]! } : {}) } : undefined;
      for (const s of subnets) {
        const r = traceOf(s.id, service, region);
        if (e.broken) continue;
        assert.equal(r.verdict, 'unknown', at(`VPCE3005 says ${e.id} may not reach its service from its Region, the trace from ${s.id} says ${r.verdict}: ${r.summary}`));
        assert.equal(deciding(r)?.resource, e.id, at(`VPCE3005 on ${e.id}, the trace from ${s.id} is decided by ${deciding(r)?.resource}`));
      }
    }
    if (f.ruleId === 'VPCE6003') {
      claim(f.ruleId);
      const groups = (f.data as { securityGroups: string[] }).securityGroups;
      for (const s of subnets) {
        const r = traceOf(s.id, service);
        if (!reaches(r)) continue;
        const sg = r.hops.find((h) => h.kind === 'endpoint security group in');
        if (!sg) {
          assert.notEqual(r.verdict, 'private', at(`VPCE6003 on ${e.id}, the trace from ${s.id} is private without meeting its groups`));
          continue;
        }
        assert.equal(sg.decision, 'block', at(`VPCE6003 says ${e.id}'s groups admit no client in the VPC, the trace from ${s.id} says: ${sg.reason}`));
        assert.ok(groups.includes(sg.resource), at(`VPCE6003 names ${groups.join(', ')}, the trace from ${s.id} ${sg.resource}`));
        assert.equal(r.verdict, 'blocked', at(`VPCE6003 on ${e.id}, the trace from ${s.id} says ${r.verdict}: ${r.summary}`));
      }
    }
    if (f.ruleId === 'VPCE5001') {
      claim(f.ruleId);
      const data = f.data as { vpc: string; attributes: string[] };
      const same = (xs: readonly unknown[]) => xs.map((x) => String(x).toLowerCase().replace(/_/g, '')).sort();
      for (const s of subnets) {
        const r = traceOf(s.id, service);
        assert.ok(!reaches(r), at(`VPCE5001 says ${e.id}'s private DNS cannot answer in ${data.vpc}, the trace from ${s.id} resolves to it`));
        if (r.hops.some((h) => h.kind === 'endpoint' && /cannot be created/.test(h.reason))) continue;
        const ask = r.suggestions.find((x) => x.kind === 'enable-vpc-dns');
        assert.ok(ask, at(`VPCE5001 on ${e.id} asks for ${data.attributes.join(', ')} on ${data.vpc}, the trace from ${s.id} does not: ${r.summary}`));
        assert.equal(ask.data.vpc, data.vpc, at(`VPCE5001 names VPC ${data.vpc}, the trace from ${s.id} ${String(ask.data.vpc)}`));
        assert.deepEqual(same(ask.data.attributes as unknown[]), same(data.attributes), at(`VPCE5001 asks for ${data.attributes.join(', ')}, the trace from ${s.id} for ${String(ask.data.attributes)}`));
      }
    }
    if (f.ruleId === 'VPCE5003') {
      claim(f.ruleId);
      for (const s of subnets) {
        const r = traceOf(s.id, service);
        assert.ok(!reaches(r), at(`VPCE5003 says ${e.id}'s private DNS is off, the trace from ${s.id} resolves the default name to it`));
        // Where the fix turns private DNS on, the trace asks for the same change, unless it stops before the name (an endpoint that cannot be created).
        if (!f.data || r.hops.some((h) => h.kind === 'endpoint' && /cannot be created/.test(h.reason))) continue;
        const dns = r.hops.find((h) => h.kind === 'DNS');
        if (dns && dns.resource !== e.id && dns.decision === 'pass' && model.endpoints.has(dns.resource)) continue;
        assert.ok(r.suggestions.some((x) => x.kind === 'enable-private-dns' && x.resource === e.id), at(`VPCE5003 turns on private DNS of ${e.id}, the trace from ${s.id} does not suggest it: ${r.summary}`));
      }
    }
    if (f.ruleId === 'VPCE9016') {
      claim(f.ruleId);
      for (const s of subnets) {
        const r = traceOf(s.id, service);
        const policy: Hop | undefined = r.hops.find((h) => h.kind === 'endpoint policy' && h.resource === e.id);
        if (!policy) continue;
        assert.equal(policy.decision, 'block', at(`VPCE9016 says ${e.id}'s policy allows nothing, the trace from ${s.id} says: ${policy.reason}`));
        assert.equal(r.verdict, 'blocked', at(`VPCE9016 on ${e.id}, the trace from ${s.id} says ${r.verdict}`));
      }
    }
    if (f.ruleId === 'VPCE7003') {
      claim(f.ruleId);
      const subnet = /\(subnet (\S+)\)/.exec(f.message)?.[1];
      const via = /goes out through (NAT gateway|internet gateway) (\S+);/.exec(f.message);
      const table = (f.data as { ref: string }).ref;
      assert.ok(subnet, at(`VPCE7003 on ${e.id} names no subnet: ${f.message}`));
      const r = traceOf(subnet, service);
      assert.equal(r.verdict, 'public', at(`VPCE7003 says ${subnet} bypasses ${e.id}, the trace says ${r.verdict}: ${r.summary}`));
      assert.ok(r.suggestions.some((x) => x.kind === 'associate-route-table' && x.resource === e.id), at(`VPCE7003 adds ${table} to ${e.id}, the trace from ${subnet} does not suggest it`));
      assert.ok(r.hops.some((h) => h.kind === 'route table' && h.resource === table), at(`VPCE7003 names route table ${table}, the trace from ${subnet} takes another: ${r.hops.map((h) => `${h.kind} ${h.resource}`).join(', ')}`));
      if (via) assert.ok(r.hops.some((h) => h.kind === via[1] && h.resource === via[2] && h.decision === 'pass'), at(`VPCE7003 says ${subnet} goes out through ${via[1]} ${via[2]}, the trace does not`));
    }
    if (f.ruleId === 'VPCE7001') {
      claim(f.ruleId);
      const m = /route table (\S+) already routes \S+ through gateway endpoint (\S+)/.exec(f.message);
      for (const s of subnets) {
        if (!m || !s.routeTable.known || s.routeTable.value !== m[1]) continue;
        const r = traceOf(s.id, service);
        // A subnet with IPv6 is traced each way its flow may take (the address family decides): the route hop of each way states the cause.
        const hop = deciding(r)?.kind === 'address family' ? r.hops.find((h) => h.kind === 'route' && h.decision === 'unknown') : deciding(r);
        assert.equal(r.verdict, 'unknown', at(`VPCE7001 says ${m[1]} cannot hold ${e.id}, the trace from ${s.id} says ${r.verdict}: ${r.summary}`));
        if (deciding(r)?.kind === 'address family') assert.ok(!r.hops.some((h) => h.kind === 'route' && h.decision === 'pass' && (h.resource === e.id || h.resource === m[2])), at(`VPCE7001 says ${m[1]} cannot hold both ${e.id} and ${m[2]}, a way of the trace from ${s.id} takes one's route: ${r.summary}`));
        assert.ok(hop?.kind === 'route' && hop.reason.includes(e.id) && hop.reason.includes(m[2]!), at(`VPCE7001 says ${m[1]} cannot hold both ${e.id} and ${m[2]}, the trace from ${s.id} is decided by ${hop?.kind} ${hop?.resource}: ${hop?.reason}`));
      }
    }
  }
}

const RULES_WITH_PATHS = ['VPCE2001', 'VPCE3001', 'VPCE3004', 'VPCE3005', 'VPCE5001', 'VPCE5002', 'VPCE5003', 'VPCE5005', 'VPCE6003', 'VPCE7001', 'VPCE7003', 'VPCE9016'];

test('every CloudFormation finding about a path: the trace of that path gives the same cause', () => {
  const tally: Tally = { findings: 0, traces: 0, byRule: {}, paths: {} };
  const files = filesUnder(/\.(ya?ml|json|template)$/);
  assert.ok(files.length > 300, `only ${files.length} templates found`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const regions of [[], ['eu-west-1']]) {
      const a = analyze(text, { fileName: file, settings: { regions } });
      const net = a.network();
      if (!net) continue;
      judgeCauses(file, a.findings, net, tally);
    }
  }
  // Enough claims of each kind that the agreement means something (counts as of this test's writing, rounded down).
  for (const id of RULES_WITH_PATHS) assert.ok((tally.paths[id] ?? 0) > 0, `no path of a ${id} finding was traced: ${JSON.stringify(tally.paths)}`);
  assert.ok(tally.findings > 80 && tally.traces > 150, JSON.stringify(tally));
});

test('every Terraform finding about a path: the trace of that path gives the same cause', async () => {
  await ensureTerraformParser();
  const tally: Tally = { findings: 0, traces: 0, byRule: {}, paths: {} };
  const dirs = new Set(filesUnder(/\.tf$/).map((f) => dirname(f)));
  for (const dir of dirs) {
    const tfs = readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
    // The corpus's files are each a configuration of its own; a fixture folder is one module.
    const modules = dir.includes(`${join('shared', 'corpus')}`) || dir.endsWith(join('fixtures', 'tf')) ? tfs.map((t) => [t]) : [tfs];
    for (const files of modules) {
      const r = analyzeTerraform(files, { settings: { regions: ['eu-west-1'] } }, localModuleFolders(dir, dirname(dir)));
      const net = r.analysis.network();
      if (net) judgeCauses(files.length === 1 ? files[0]!.path : dir, r.analysis.findings, net, tally);
    }
  }
  assert.ok(tally.findings > 20 && tally.traces > 20, JSON.stringify(tally));
});
