// The invariants the generated networks are held to, each a function from judged forms to the problems
// found (none when it holds), so that a test can also show each one catches a deliberately broken
// model (test/property/network-consistency.property.test.ts).

import type { Finding } from '../../server/src/core/findings.js';
import { buildPicture, type Picture } from '../../server/src/core/map/picture.js';
import { assistView } from '../../server/src/lsp/complete/assist-view.js';
import { parseServiceName, servicePorts } from '../../server/src/core/data/catalogue.js';
import { portsAdmission } from '../../server/src/lsp/complete/element-text.js';
import type { NetDesc } from './net-desc.js';
import { meanings, verdicts, type Judged } from './net-judge.js';
import { holdsInDefaults, judge } from './rule-trace-agreement.js';

/** One description's two forms: the same findings by meaning, the same trace verdicts. */
export function formsDisagree(cfn: Judged, tf: Judged): string[] {
  const mc = meanings(cfn);
  const mt = meanings(tf);
  const out = [...mc.filter((x) => !mt.includes(x)).map((x) => `only CloudFormation: ${x}`), ...mt.filter((x) => !mc.includes(x)).map((x) => `only Terraform: ${x}`)];
  const vt = verdicts(tf);
  for (const [k, v] of verdicts(cfn)) if (vt.get(k) !== v) out.push(`${k}: CloudFormation ${v}, Terraform ${vt.get(k)} (${cfn.traces.get(k)!.summary} | ${tf.traces.get(k)!.summary})`);
  return out;
}

/** The rules' path claims against the trace (test/helpers/rule-trace-agreement.ts). */
export function rulesDisagree(j: Judged, findings: readonly Finding[] = j.findings): string[] {
  try {
    judge(j.form, findings, j.net);
    return [];
  } catch (e) {
    return [`${j.form}: ${(e as Error).message.split('\n')[0]}`];
  }
}

/**
 * `after` is `before` with one value of element `key` made unknown: no definite verdict that differs
 * from `before`'s (every definite answer must hold for every value, the old one included), and no
 * error-level finding that `before` did not have. When the old value made the element an error, or
 * another's that names it (an endpoint type its service does not offer, a second gateway endpoint for
 * its service on its route table), the template did not deploy with it, so it is not one of
 * the values a definite answer must hold for: then only the new errors are judged, and only those
 * about other elements.
 */
export function unknownMadeDefinite(before: Judged, after: Judged, key: string): string[] {
  const out: string[] = [];
  const errors = meanings(before, 'error');
  const id = before.rendered.ids.get(key)!;
  // An error about the element, or naming it (a second gateway endpoint on its route table).
  if (before.findings.some((f) => f.severity === 'error' && (f.resource === id || f.message.includes(id)))) {
    for (const m of meanings(after, 'error')) if (!errors.includes(m) && !m.endsWith(` ${key}`)) out.push(`${after.form}: error ${m} appeared when a value of ${key} was made unknown`);
    return out;
  }
  const vb = verdicts(before);
  for (const [k, v] of verdicts(after)) {
    if (v !== 'unknown' && v !== vb.get(k)) out.push(`${after.form} ${k}: ${vb.get(k)} became ${v} when a value was made unknown (${after.traces.get(k)!.summary})`);
  }
  for (const m of meanings(after, 'error')) if (!errors.includes(m)) out.push(`${after.form}: error ${m} appeared when a value was made unknown`);
  return out;
}

/**
 * Every finding and hop inside the text; a finding about an element lies inside that element's
 * declaration, or on the deciding value where a parameter's (variable's) default is it: the project
 * reports a value decided in terraform.tfvars there (test/cli/terraform-tfvars.test.ts), and a
 * default likewise. The generated texts declare their inputs before the first resource.
 */
export function rangesOutside(j: Judged, findings: readonly Finding[] = j.findings): string[] {
  const out: string[] = [];
  const n = j.rendered.text.length;
  const inputsEnd = Math.min(...[...j.rendered.spans.values()].map((s) => s.start));
  const aDefault = (f: Finding) => f.end <= inputsEnd && /^'?(true|false)'?$/.test(j.rendered.text.slice(f.start, f.end));
  for (const f of findings) {
    if (!(f.start >= 0 && f.start <= f.end && f.end <= n)) out.push(`${j.form}: ${f.ruleId} at ${f.start}-${f.end} outside the text (${n})`);
    const span = f.resource === undefined ? undefined : j.rendered.spans.get(f.resource);
    if (span && !(f.start >= span.start && f.end <= span.end) && !aDefault(f)) out.push(`${j.form}: ${f.ruleId} on ${f.resource} points at "${j.rendered.text.slice(f.start, f.end)}", outside its declaration`);
  }
  for (const [k, r] of j.traces) for (const h of r.hops) if (!(h.start >= 0 && h.start <= h.end && h.end <= n)) out.push(`${j.form} ${k}: hop ${h.kind} at ${h.start}-${h.end} outside the text`);
  return out;
}

/**
 * The map draws what the trace walks: the route table a subnet's trace takes is the one the map
 * associates it with, every route the trace takes is an edge from that table, and a default route the
 * map draws to an internet or NAT gateway is one the trace to the internet finds.
 */
export function mapDisagrees(j: Judged, picture: Picture = buildPicture(j.net.judged())): string[] {
  const out: string[] = [];
  const model = j.net.judged();
  const routeIds = new Set([...model.routeTables.values()].flatMap((t) => t.routes.map((r) => r.id)));
  const kind = new Map(picture.nodes.map((n) => [n.id, n.kind]));
  for (const [key, id] of j.rendered.ids) {
    if (!key.startsWith('subnet')) continue;
    const assoc = picture.edges.filter((e) => e.kind === 'association' && e.from === id).map((e) => e.to);
    for (const to of ['s3', 'internet']) {
      const r = j.traces.get(`${key}→${to}`)!;
      // The first route-table hop is the subnet's own (about the subnet itself when it has no association:
      // then the map draws the main route table); a later one is the NAT subnet's.
      const table = r.hops.find((h) => h.kind === 'route table');
      if (table && table.resource !== id && !assoc.includes(table.resource)) out.push(`${j.form} ${key}→${to}: the trace takes route table ${table.resource}, the map associates ${id} with ${assoc.join(', ') || 'nothing'}`);
      if (table?.resource === id && /main route table/.test(table.reason) && !assoc.some((a) => /^(main-route-table|external):/.test(a))) out.push(`${j.form} ${key}→${to}: the trace takes the main route table, the map associates ${id} with ${assoc.join(', ') || 'nothing'}`);
      for (const h of r.hops) {
        if (h.kind !== 'route' || !routeIds.has(h.resource)) continue;
        if (!picture.edges.some((e) => e.kind === 'route' && e.resource === h.resource)) out.push(`${j.form} ${key}→${to}: the trace takes route ${h.resource}, which the map does not draw`);
      }
    }
    const out0 = picture.edges.filter((e) => e.kind === 'route' && assoc.includes(e.from) && e.label === '0.0.0.0/0' && !e.condition && /^(internet|nat)-gateway$/.test(kind.get(e.to) ?? ''));
    const inet = j.traces.get(`${key}→internet`)!;
    if (out0.length && /^no route/.test(inet.summary)) out.push(`${j.form} ${key}: the map draws ${out0.map((e) => e.resource).join(', ')} to ${out0.map((e) => e.to).join(', ')}, the trace to the internet says ${inet.summary}`);
  }
  return out;
}

/**
 * Hover reads the same admission: a security group the hover says admits no TCP 443 from its VPC blocks
 * every trace at an interface endpoint it alone guards, and VPCE6003 is raised on such an endpoint;
 * an endpoint with VPCE6003 has no group the hover says admits 443.
 */
export function hoverDisagrees(j: Judged, view = assistView(j.analysis, { fileName: j.form === 'cfn' ? 'net.yaml' : 'main.tf' })): string[] {
  const out: string[] = [];
  // The hover's answer on the ports each endpoint's service is served on (443, or SES's SMTP ports ...).
  const groupsById = new Map((view.network?.groups ?? []).map((g) => [g.id, g]));
  const admission = (id: string, service: string) => {
    const g = groupsById.get(id);
    return g && portsAdmission(g, servicePorts(service))?.decision;
  };
  const model = j.net.defaults;
  const noHttps = new Set(j.findings.filter((f) => f.ruleId === 'VPCE6003' && holdsInDefaults(f, j.net)).map((f) => f.resource));
  for (const e of model.endpoints.values()) {
    if (!e.type.known || e.type.value !== 'Interface' || e.broken || !e.securityGroups.complete || e.securityGroups.items.length === 0) continue;
    // Only an AWS service is sure to speak HTTPS (a misspelt name may be a provider's service on any port).
    if (!e.service.known || !parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) continue;
    const groups = e.securityGroups.items.map((i) => admission(i.id, e.service.known ? e.service.value : ''));
    if (noHttps.has(e.id) && groups.includes('pass')) out.push(`${j.form}: VPCE6003 on ${e.id}, but the hover says one of its groups admits 443 from the VPC`);
    if (!groups.every((d) => d === 'block')) continue;
    if (!noHttps.has(e.id)) out.push(`${j.form}: the hover says no group of ${e.id} admits 443 from the VPC, but VPCE6003 is silent`);
    for (const [k, r] of j.traces) {
      const hop = r.hops.find((h) => h.kind === 'endpoint security group in' && e.securityGroups.items.some((i) => i.id === h.resource));
      if (hop && hop.decision !== 'block') out.push(`${j.form} ${k}: the hover says no group of ${e.id} admits 443 from the VPC, the trace's ${hop.kind} says ${hop.decision}: ${hop.reason}`);
    }
  }
  return out;
}

/** The ways of making one written value unknown (a parameter without default in its place). */
export function unknownVariants(d: NetDesc): { what: string; key: string; desc: NetDesc }[] {
  const out: { what: string; key: string; desc: NetDesc }[] = [];
  const copy = (): NetDesc => structuredClone(d);
  if (d.dnsSupport !== 'param') out.push({ what: 'VPC DNS support', key: 'vpc', desc: { ...copy(), dnsSupport: 'param' } });
  if (d.dnsHostnames !== 'param') out.push({ what: 'VPC DNS hostnames', key: 'vpc', desc: { ...copy(), dnsHostnames: 'param' } });
  d.subnets.forEach((s, i) => {
    if (s.zone === 'param') return;
    const c = copy();
    c.subnets[i]!.zone = 'param';
    out.push({ what: `subnet${i} zone`, key: `subnet${i}`, desc: c });
  });
  d.tables.forEach((t, ti) =>
    t.routes.forEach((r, ri) => {
      // GatewayId / gateway_id written from a parameter: the same property, its value unknown.
      if (r.target.kind !== 'igw') return;
      const c = copy();
      c.tables[ti]!.routes[ri]!.target = { kind: 'param' };
      out.push({ what: `table${ti} route${ri} gateway`, key: `table${ti}route${ri}`, desc: c });
    }),
  );
  d.subnets.forEach((s, i) => {
    if (!s.dual || s.dns64 === 'param') return;
    const c = copy();
    c.subnets[i]!.dns64 = 'param';
    out.push({ what: `subnet${i} DNS64`, key: `subnet${i}`, desc: c });
  });
  d.sgs.forEach((g, i) => {
    if (g.https === 'param') return;
    const c = copy();
    c.sgs[i]!.https = 'param';
    out.push({ what: `sg${i} port`, key: `sg${i}`, desc: c });
  });
  d.endpoints.forEach((e, i) => {
    const set = (what: string, f: (e: NetDesc['endpoints'][number]) => void) => {
      const c = copy();
      f(c.endpoints[i]!);
      out.push({ what: `endpoint${i} ${what}`, key: `endpoint${i}`, desc: c });
    };
    if (e.service !== 'param') set('service', (x) => (x.service = 'param'));
    if (e.type !== 'param' && e.type !== 'unset') set('type', (x) => (x.type = 'param'));
    if (e.privateDns === 'on' || e.privateDns === 'off' || e.privateDns === 'default-on') set('private DNS', (x) => (x.privateDns = 'param'));
  });
  return out;
}
