// What the unknown-value mutation harness compares (test/property/unknown-mutations.test.ts): one text's
// findings by meaning and its trace verdicts (a "world"), and the checks between the world where a value
// is unknown and the worlds where it is known.
//
// A definite answer given while a value is unknown must hold for every value the template may deploy
// with: the original one and the changed ones. A world whose value makes the template fail (an error the
// original world does not have, or the original when an error is about the mutated element) is not one
// the template deploys with, and is left out.

import type { Finding } from '../../server/src/core/findings.js';
import type { Network } from '../../server/src/core/model/network.js';
import { trace } from '../../server/src/core/trace/trace.js';
import { parseTarget, traceSources } from '../../server/src/core/trace/targets.js';
import type { TraceResult, TraceTarget } from '../../server/src/core/trace/types.js';
import { parseServiceName, servicePorts, shortName } from '../../server/src/core/data/catalogue.js';
import { portsAdmission } from '../../server/src/lsp/complete/element-text.js';
import type { Analysis } from '../../server/src/core/analysis.js';
import { endpointIpTypes } from '../../server/src/core/model/endpoint-family.js';
import { assistView } from '../../server/src/lsp/complete/assist-view.js';
import { holdsInDefaults, judge } from './rule-trace-agreement.js';

export interface World {
  findings: readonly Finding[];
  /** `rule resource` of every finding. */
  meanings: Set<string>;
  /** `rule resource message` of every premise finding (errors, VPCE2003). */
  errors: Set<string>;
  traces: Map<string, TraceResult>;
}

/** A finding that says the template does not deploy as written: an error, or a service name no one offers (VPCE2003). */
const premise = (f: Finding) => f.severity === 'error' || f.ruleId === 'VPCE2003';

export const meaningOf = (f: Finding) => `${f.ruleId} ${f.resource ?? '-'}`;

/** The paths every world of one fixture is traced on: its sources to its endpoints' services and the internet. */
export function traceKeys(net: Network): { from: string; to: TraceTarget; key: string }[] {
  const model = net.judged();
  const targets: TraceTarget[] = [];
  const seen = new Set<string>();
  for (const e of model.endpoints.values()) {
    if (!e.service.known || seen.has(e.service.value)) continue;
    if (!parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) continue;
    const t = parseTarget(shortName(e.service.value));
    if (t?.kind === 'service' && t.pattern === e.service.value) {
      seen.add(e.service.value);
      targets.push(t);
    }
  }
  targets.push({ kind: 'internet' });
  const out: { from: string; to: TraceTarget; key: string }[] = [];
  for (const s of traceSources(net)) for (const to of targets) out.push({ from: s.id, to, key: `${s.id}→${to.kind === 'service' ? to.name : to.kind}` });
  return out;
}

export function worldOf(findings: readonly Finding[], net: Network | undefined, keys: ReturnType<typeof traceKeys>): World {
  const traces = new Map<string, TraceResult>();
  if (net) for (const k of keys) if (net.spanOf(k.from)) traces.set(k.key, trace(net, k.from, k.to));
  return {
    findings,
    meanings: new Set(findings.map(meaningOf)),
    // Errors by message too: another value can break the element in another way under the same rule.
    errors: new Set(findings.filter(premise).map((f) => `${meaningOf(f)} ${f.message}`)),
    traces,
  };
}

/** An error about the element, naming it, or about no element (a syntax error, an undeclared name): the text does not deploy with this value. */
export const failsOn = (w: World, ids: readonly string[]) => w.findings.some((f) => premise(f) && (f.resource === undefined || ids.some((id) => f.resource === id || f.message.includes(id))));

/** The worlds a definite answer must hold in: the original (unless it fails on the element) and each changed one that adds no error. */
export function deployable(original: World, changed: World[], ids: readonly string[], labels: readonly string[] = []): { name: string; w: World }[] {
  const out: { name: string; w: World }[] = [];
  if (!failsOn(original, ids)) out.push({ name: 'original', w: original });
  changed.forEach((w, i) => {
    if (!failsOn(w, ids) && [...w.errors].every((e) => original.errors.has(e))) out.push({ name: labels[i] ?? `changed#${i + 1}`, w });
  });
  return out;
}

/** A trace's verdict where the template's conditions are as `when` says (the defaults' verdict when it has no branches). */
function onBranch(r: TraceResult, when: Record<string, boolean>): string | undefined {
  if (!r.branches) return r.verdict;
  // Branches `when` does not tell apart must agree, else the world gives no one verdict there.
  const vs = new Set(r.branches.filter((b) => Object.entries(b.when).every(([k, v]) => when[k] === undefined || when[k] === v)).map((b) => b.verdict));
  return vs.size === 1 ? [...vs][0] : undefined;
}

/** Every text a trace result shows a user: where the deciding value must be named. */
const traceText = (r: TraceResult) => [r.summary, ...r.hops.map((h) => `${h.resource} ${h.reason}`), ...(r.branches ?? []).map((b) => b.summary)].join('\n');

/**
 * Unknown answers whose deciding value is another one, named in the answer, which the path meets only
 * once the mutated value (decided for every value it may take) has sent it there: not a failure to name
 * the mutated value.
 */
const OTHER_UNKNOWNS: { test: RegExp; why: string }[] = [
  // A dual-stack client's IPv6 and IPv4 ways now differ: the address family hop names what decides (whether
  // the name has IPv6 addresses), and the mutated value decided the one way it is on.
  { test: /the way depends on/, why: 'the client address family decides' },
  // An endpoint (or route) the value put elsewhere sends the flow out through the internet gateway, where
  // whether the workload has a public IP address decides, named in the hop.
  { test: /if the workload has a public IP address/, why: "the workload's public IP address decides" },
  // A regional NAT gateway leaves through its VPC's internet gateway; an outside value attaches an outside
  // gateway (or this one to another VPC), so the answer names what is missing: the VPC's gateway.
  // A nested stack that receives the VPC may create an endpoint for the service: what it does is known
  // only once it is deployed, and the answer names it; the mutated value sent the path to where it decides.
  { test: /nested stack \S+ receives \S+ and may create/, why: 'the nested stack decides' },
  { test: /regional NAT gateway: it leaves through the VPC's internet gateway, which .* does not attach/, why: "the VPC's internet gateway decides" },
  // A subnet without a route table association routes by its VPC's main route table, whose routes beyond the
  // local one the template does not manage: the mutated value sent the path there (off an endpoint, say).
  { test: /uses the main route table of .*: AWS creates it with the local route only/, why: "the VPC's main route table decides" },
];

export interface Problem {
  kind: 'finding' | 'verdict' | 'unnamed' | 'branch' | 'advice';
  key: string;
  detail: string;
}

/**
 * The world with the value unknown against the worlds it may deploy as: each finding it reports is
 * reported in each of them, each definite verdict is theirs, and a verdict that became unknown names
 * the value (`name`, or the element and property that hold it).
 */
export function unknownProblems(unknown: World, worlds: { name: string; w: World }[], original: World, names: readonly string[], removedOf?: () => World): Problem[] {
  const out: Problem[] = [];
  // The world with the value removed, made only to explain a problem (reported there too: read as absent).
  let kept: World | undefined;
  const removedWorld = () => (kept ??= removedOf?.());
  for (const m of unknown.meanings) {
    const missing = worlds.filter(({ w }) => !w.meanings.has(m)).map((x) => x.name);
    const removed = missing.length ? removedWorld() : undefined;
    if (missing.length) out.push({ kind: 'finding', key: m, detail: `reported while the value is unknown, not with ${missing.join(', ')}${removed ? ` (removed: ${removed.meanings.has(m) ? 'reported' : 'not reported'})` : ''}: ${unknown.findings.find((f) => meaningOf(f) === m)!.message}` });
  }
  for (const [k, r] of unknown.traces) {
    if (r.verdict !== 'unknown') {
      const differ = worlds.filter(({ w }) => w.traces.get(k) && w.traces.get(k)!.verdict !== r.verdict).map(({ name, w }) => `${name}: ${w.traces.get(k)!.verdict}`);
      const removed = differ.length ? removedWorld() : undefined;
      if (differ.length) out.push({ kind: 'verdict', key: k, detail: `${r.verdict} while the value is unknown (${r.summary}), but ${differ.join(', ')}${removed?.traces.get(k) ? ` (removed: ${removed.traces.get(k)!.verdict})` : ''}` });
      continue;
    }
    const before = original.traces.get(k);
    if (!before || before.verdict === 'unknown' || r.branches) continue;
    // Every value it may take gives unknown too (an outside group id leaves the default group's rules
    // unshown): what decides is that world's, not the mutated value.
    if (worlds.length && worlds.every(({ w }) => w.traces.get(k)?.verdict === 'unknown')) continue;
    const text = traceText(r);
    const deciding = `${r.summary}\n${r.hops[r.decidingHop ?? -1]?.reason ?? ''}`;
    if (OTHER_UNKNOWNS.some((o) => o.test.test(deciding))) continue;
    if (!names.some((n) => text.includes(n))) out.push({ kind: 'unnamed', key: k, detail: `unknown (was ${before.verdict}) without naming ${names.join(' or ')}: ${r.summary} | ${r.hops.filter((h) => h.decision === 'unknown').map((h) => `${h.kind}: ${h.reason}`).join(' | ')}` });
  }
  return out;
}

/**
 * The world with the value under `Fn::If` on an undecided condition (true: the original, false: the
 * changed value): a verdict per branch, each the verdict of the world it stands for, or one that holds
 * in both; a finding without "only when" holds in both.
 */
export function ifProblems(cond: string, ifWorld: World, original: World, changed: World, both: boolean): Problem[] {
  const out: Problem[] = [];
  for (const f of ifWorld.findings) {
    // "only when", or "with the parameters' defaults": the finding says it holds on some branches.
    if (/only when|with the parameters' defaults/.test(f.message) || !both) continue;
    const m = meaningOf(f);
    if (!original.meanings.has(m) || !changed.meanings.has(m)) out.push({ kind: 'finding', key: m, detail: `reported without a condition while ${cond} decides the value, not with ${!original.meanings.has(m) ? 'the original' : 'the changed'} value: ${f.message}` });
  }
  for (const [k, r] of ifWorld.traces) {
    const o = original.traces.get(k)?.verdict;
    const c = changed.traces.get(k)?.verdict;
    if (!o || !c) continue;
    if (r.branches) {
      for (const b of r.branches) {
        const side = b.when[cond];
        if (side === undefined || b.verdict === 'unknown') continue;
        // The template's own conditions take the same values in the world the branch stands for.
        const want = onBranch((side ? original : changed).traces.get(k)!, b.when);
        // The world it stands for is itself unknown (another value decides it): a branch may know more.
        if (want === undefined || want === 'unknown') continue;
        if (both && b.verdict !== want) out.push({ kind: 'branch', key: k, detail: `branch ${cond}=${side} says ${b.verdict}, the value it stands for gives ${want}: ${b.summary}` });
      }
      continue;
    }
    if (r.verdict === 'unknown') continue;
    if (both ? r.verdict !== o || r.verdict !== c : r.verdict !== o) out.push({ kind: 'verdict', key: k, detail: `${r.verdict} on both branches of ${cond} (${r.summary}), but the original gives ${o} and the changed value ${c}` });
  }
  return out;
}

/**
 * Check and trace give the same advice, and the hover reads the same admission, in a world with a value
 * made unknown: the rules' path claims against the trace (test/helpers/rule-trace-agreement.ts), and an
 * IPv4 interface endpoint of an AWS service whose every group the hover says admits no TCP 443 from its
 * VPC has VPCE6003, while one with VPCE6003 has no group the hover says admits it.
 */
export function adviceProblems(file: string, a: Analysis): Problem[] {
  const net = a.network();
  if (!net) return [];
  const out: Problem[] = [];
  try {
    judge(file, a.findings, net);
  } catch (e) {
    out.push({ kind: 'advice', key: 'rules and trace', detail: (e as Error).message.split('\n')[0]! });
  }
  const view = assistView(a, { fileName: file });
  // The hover's answer on the ports each endpoint's service is served on (443, or SES's SMTP ports ...).
  const groupsById = new Map((view.network?.groups ?? []).map((g) => [g.id, g]));
  const admission = (id: string, service: string) => {
    const g = groupsById.get(id);
    return g && portsAdmission(g, servicePorts(service))?.decision;
  };
  const model = net.defaults;
  const noHttps = new Set(a.findings.filter((f) => f.ruleId === 'VPCE6003' && holdsInDefaults(f, net)).map((f) => f.resource));
  for (const e of model.endpoints.values()) {
    if (!e.type.known || e.type.value !== 'Interface' || e.broken || !e.securityGroups.complete || e.securityGroups.items.length === 0) continue;
    if (!e.service.known || !parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) continue;
    if (endpointIpTypes(model, e).join() !== 'ipv4' || e.condition || e.maybe) continue;
    const groups = e.securityGroups.items.map((i) => admission(i.id, e.service.known ? e.service.value : ''));
    if (noHttps.has(e.id) && groups.includes('pass')) out.push({ kind: 'advice', key: e.id, detail: `VPCE6003 on ${e.id}, but the hover says one of its groups admits 443 from the VPC` });
    if (groups.every((d) => d === 'block') && !noHttps.has(e.id)) out.push({ kind: 'advice', key: e.id, detail: `the hover says no group of ${e.id} admits 443 from the VPC, but VPCE6003 is silent` });
  }
  return out;
}
