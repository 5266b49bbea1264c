// The rules' claims about paths against the trace's verdicts over one network (see
// test/consistency.test.ts for the list): shared by the fixture test and the generated networks'
// property test (test/property/network-consistency.property.test.ts).

import assert from 'node:assert/strict';
import { trace } from '../../server/src/core/trace/trace.js';
import { parseTarget } from '../../server/src/core/trace/targets.js';
import { shortName } from '../../server/src/core/data/catalogue.js';
import type { Finding } from '../../server/src/core/findings.js';
import type { Network } from '../../server/src/core/model/network.js';
import { knownValue } from '../../server/src/core/model/types.js';

/**
 * Whether a finding's "only when ..." conditions are ones the defaults' deployment meets: a finding on a branch
 * it does not take (an Fn::If list's other branch) says nothing of the defaults' trace, hover or map.
 */
export function holdsInDefaults(f: Finding, net: Network): boolean {
  const note = /\(only when (.*)\)$/.exec(f.message)?.[1];
  if (!note) return true;
  if (/\beither\b/.test(note)) return false;
  const defaults = net.deployments().find((d) => d.isDefault)?.when ?? {};
  return note.split(' and ').every((c) => {
    const m = /^(\S+) is (true|false)$/.exec(c);
    return !m || !(m[1]! in defaults) || defaults[m[1]!] === (m[2] === 'true');
  });
}

/** The agreement of one analysis's findings with the trace over its network. */
export function judge(file: string, findings: readonly Finding[], net: Network): { checked: number; claims: number } {
  const lint = { findings };
  const model = net.defaults;
  const by = (id: string) => lint.findings.filter((f) => f.ruleId === id);
  const bypass = new Set(by('VPCE7003').map((f) => `${f.resource}|${(f.data as { ref: string }).ref}`));
  // The rule names one subnet per route table: its claim is about that subnet.
  const bypassFrom = new Set(by('VPCE7003').map((f) => `${f.resource}|${/\(subnet (\S+)\)/.exec(f.message)?.[1]}`));
  // VPCE6003 on a branch the defaults do not take (groups an Fn::If chooses there) is no claim about the defaults' trace.
  const noHttps = new Set(by('VPCE6003').filter((f) => holdsInDefaults(f, net)).map((f) => f.resource!));
  // VPCE5001 may hold on another branch only; the defaults' claim is the one without "only when".
  const noDns = new Set(by('VPCE5001').filter((f) => !/only when/.test(f.message)).map((f) => f.resource!));
  const brokenType = new Set(by('VPCE2001').map((f: Finding) => f.resource!));
  // Errors that say an endpoint does not deploy as written (another region than the stack's, a second
  // gateway endpoint for the service on one route table): no trace is private through it.
  const regionWrong = new Set(by('VPCE3001').filter((f) => !/only when/.test(f.message)).map((f) => f.resource!));
  const twinRoute = new Set(by('VPCE7001').filter((f) => !/only when/.test(f.message)).map((f) => f.resource!));
  // Private DNS off (VPCE5003): the default name does not resolve to that endpoint.
  const dnsOff = new Set(by('VPCE5003').filter((f) => !/only when/.test(f.message)).map((f) => f.resource!));
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
        // A path that stops before the endpoint's groups (no NAT64 to an IPv4-only endpoint) is not private through it either.
        if (!sg) assert.notEqual(r.verdict, 'private', at(`VPCE6003 says ${e.id} admits no 443 from the VPC, the trace from ${subnet.id} is private without meeting its groups`));
        else assert.equal(sg.decision, 'block', at(`VPCE6003 says ${e.id} admits no 443 from the VPC, the trace from ${subnet.id} says ${r.verdict}: ${r.summary}`));
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
          const fact = same([a])[0] === 'enablednssupport' ? vpc?.dnsSupport : vpc?.dnsHostnames;
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
      const through = r.verdict === 'private' && r.hops.some((h) => h.resource === e.id && h.decision === 'pass' && (h.kind === 'route' || h.kind === 'DNS'));
      if (regionWrong.has(e.id)) assert.ok(!through, at(`VPCE3001 says ${e.id}'s service is in another region than the stack's, the trace from ${subnet.id} is private through it: ${r.summary}`));
      if (twinRoute.has(e.id)) {
        const twins = by('VPCE7001').filter((f) => f.resource === e.id).map((f) => /route table (\S+) already routes .* through gateway endpoint (\S+)$/.exec(f.message)).filter((m) => m !== null);
        for (const m of twins) if (table === m[1]) assert.notEqual(r.verdict, 'private', at(`VPCE7001 says ${m[1]} cannot hold both ${e.id} and ${m[2]}, the trace from ${subnet.id} is private: ${r.summary}`));
      }
      // VPCE4002 and a dual-stack subnet's IPv6 way: the route the rule names is the one the trace takes over
      // IPv6, and a trace whose IPv4 way goes through the gateway endpoint and whose IPv6 way passes it by is
      // what the rule reports.
      const v6Route = r.hops.find((h) => h.kind === 'route' && h.decision === 'pass' && h.reason.startsWith('over IPv6'));
      // Through it for sure: a route hop that may or may not be the endpoint's (its route tables known only at deploy time) is no claim.
      const v4Through = r.hops.some((h) => h.kind === 'route' && h.resource === e.id && h.decision === 'pass' && h.reason.includes('over IPv4'));
      const v6Dropped = r.hops.some((h) => h.kind === 'route' && h.decision === 'block' && h.reason.startsWith('over IPv6'));
      const v6Named = by('VPCE4002').filter((f) => f.resource === e.id && !/only when/.test(f.message) && f.message.includes(`subnet ${subnet.id} uses`)).map((f) => /bypasses the endpoint \(route (\S+):/.exec(f.message)?.[1]);
      if (v6Route && v6Named[0]) assert.equal(v6Route.resource, v6Named[0], at(`VPCE4002 says ${subnet.id}'s IPv6 traffic takes route ${v6Named[0]} past ${e.id}, the trace takes ${v6Route.resource}`));
      const past = (v6Route && v6Route.resource !== e.id) || v6Dropped;
      if (v4Through && past && knownValue(subnet.hasIpv6) === true && !e.condition && !e.maybe) assert.ok(v6Named.length, at(`the trace from ${subnet.id} goes through ${e.id} over IPv4 and not over IPv6 (${v6Route?.resource ?? 'no route'}), but VPCE4002 is silent`));
      if (dnsOff.has(e.id)) assert.ok(!throughE, at(`VPCE5003 says ${e.id}'s private DNS is off, the trace from ${subnet.id} resolves the default name to it`));
      if (brokenType.has(e.id) && e.broken) {
        assert.ok(!r.suggestions.some((s) => s.kind === 'associate-route-table' || s.kind === 'create-endpoint'), at(`VPCE2001 on ${e.id}, but the trace from ${subnet.id} suggests ${r.suggestions.map((s) => s.kind).join(', ')}`));
        assert.ok(![...bypass].some((k) => k.startsWith(`${e.id}|`)), at(`VPCE7003 rests on ${e.id}, whose type is wrong`));
      }
    }
  }
  return { checked, claims: claims + [...noHttps, ...noDns, ...brokenType, ...regionWrong, ...twinRoute, ...dnsOff].length };
}
