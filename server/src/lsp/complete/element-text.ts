// How a subnet, route table or security group reads in a hover or a completion's documentation: its
// facts from the network model, "unknown" with the reason where the template cannot know one, and
// conditional parts marked. Every value from the template is escaped: it is text, never markdown.

import { codeSpan, escapeMarkdown as esc } from '../../core/util/markdown.js';
import type { GroupFacts, NetworkFacts, RouteTableFacts, Shown, SubnetFacts } from './assist-types.js';

export function showFact<T>(f: Shown<T>, text: (v: T) => string = (v) => String(v)): string {
  return 'value' in f ? esc(text(f.value)) : `unknown — ${esc(f.unknown)}`;
}

/** A VPC the template creates by its id; another (a parameter, an import) as what decides it at deploy time. */
function vpcText(f: Shown<string | null>, net: NetworkFacts, none = 'none given: the default VPC'): string {
  if (!('value' in f)) return showFact(f);
  const v = f.value;
  return v === null ? none : net.vpcs.some((x) => x.id === v) ? esc(v) : `outside the template, given at deploy time (${esc(v)})`;
}

function heading(kind: string, e: { id: string; condition?: string }): string {
  return `**${kind}** ${codeSpan(e.id)}${e.condition ? ` — conditional: exists only when ${codeSpan(e.condition)} is true` : ''}`;
}

export function subnetText(s: SubnetFacts, net: NetworkFacts): string {
  return [
    heading('Subnet', s),
    '',
    `- Availability Zone: ${s.zoneIsName || !('value' in s.zone) ? showFact(s.zone) : `chosen at deploy time: ${codeSpan(s.zone.value)} (the same zone as other subnets written so)`}`,
    `- VPC: ${vpcText(s.vpc, net)}`,
    `- IPv4 CIDR: ${showFact(s.cidr)}`,
    `- Address families: ${showFact(s.families)}`,
    `- Route table: ${'value' in s.routeTable && s.routeTable.value === null ? "the VPC's main route table (no association in the template)" : showFact(s.routeTable)}`,
  ].join('\n');
}

export function routeTableText(t: RouteTableFacts, net: NetworkFacts): string {
  const routes = t.routes.length
    ? t.routes.map((r) => `  - ${esc(r.destination)} → ${esc(r.target)}${r.condition ? ` (conditional: ${codeSpan(r.condition)})` : ''}`)
    : ['  - only the local route (none declared in the template)'];
  return [
    heading('Route table', t),
    '',
    `- VPC: ${vpcText(t.vpc, net)}`,
    `- Associated subnets: ${t.subnets.length ? t.subnets.map(codeSpan).join(', ') : 'none in the template'}`,
    '- Routes:',
    ...routes,
  ].join('\n');
}

export function groupText(g: GroupFacts, net: NetworkFacts): string {
  const rules = (list: GroupFacts['ingress'], complete: boolean) => {
    const lines = list.map((r) => `  - ${esc(r.text)} — TCP 443: ${r.tcp443 === true ? 'admitted' : r.tcp443 === false ? 'not admitted' : 'unknown'}`);
    if (!complete) lines.push('  - more rules are defined elsewhere or known only at deploy time');
    return lines.length ? lines : ['  - none'];
  };
  const https = g.https.decision === 'pass' ? 'yes' : g.https.decision === 'block' ? 'no' : 'unknown';
  return [
    heading('Security group', g),
    '',
    `- VPC: ${vpcText(g.vpc, net)}`,
    `- Admits TCP 443 from its VPC: ${https} — ${esc(g.https.reason)}`,
    '- Ingress:',
    ...rules(g.ingress, g.ingressComplete),
    '- Egress:',
    ...rules(g.egress, g.egressComplete),
  ].join('\n');
}

/** The text of the element with this id and kind, if the facts have it. */
export function elementText(facts: NetworkFacts, kind: 'subnet' | 'routeTable' | 'group', id: string): string | undefined {
  if (kind === 'subnet') {
    const s = facts.subnets.find((x) => x.id === id);
    return s && subnetText(s, facts);
  }
  if (kind === 'routeTable') {
    const t = facts.routeTables.find((x) => x.id === id);
    return t && routeTableText(t, facts);
  }
  const g = facts.groups.find((x) => x.id === id);
  return g && groupText(g, facts);
}
