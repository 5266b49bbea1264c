// How a subnet, route table or security group reads in a hover or a completion's documentation: its
// facts from the network model, "unknown" with the reason where the template cannot know one, and
// conditional parts marked. Every value from the template is escaped: it is text, never markdown.

import { codeSpan, escapeMarkdown as esc } from '../../core/util/markdown.js';
import type { GroupFacts, NetworkFacts, RouteTableFacts, Shown, SubnetFacts } from './assist-types.js';

export function showFact<T>(f: Shown<T>, text: (v: T) => string = (v) => String(v)): string {
  return 'value' in f ? esc(text(f.value)) : `unknown — ${esc(f.unknown)}`;
}

function heading(kind: string, e: { id: string; condition?: string }): string {
  return `**${kind}** ${codeSpan(e.id)}${e.condition ? ` — conditional: exists only when ${codeSpan(e.condition)} is true` : ''}`;
}

export function subnetText(s: SubnetFacts): string {
  return [
    heading('Subnet', s),
    '',
    `- Availability Zone: ${s.zoneIsName || !('value' in s.zone) ? showFact(s.zone) : `chosen at deploy time: ${codeSpan(s.zone.value)} (the same zone as other subnets written so)`}`,
    `- VPC: ${showFact(s.vpc)}`,
    `- IPv4 CIDR: ${showFact(s.cidr)}`,
    `- Route table: ${showFact(s.routeTable, (v) => v ?? "the VPC's main route table (no association in the template)")}`,
  ].join('\n');
}

export function routeTableText(t: RouteTableFacts): string {
  const routes = t.routes.length
    ? t.routes.map((r) => `  - ${esc(r.destination)} → ${esc(r.target)}${r.condition ? ` (conditional: ${codeSpan(r.condition)})` : ''}`)
    : ['  - only the local route (none declared in the template)'];
  return [
    heading('Route table', t),
    '',
    `- VPC: ${showFact(t.vpc)}`,
    `- Associated subnets: ${t.subnets.length ? t.subnets.map(codeSpan).join(', ') : 'none in the template'}`,
    '- Routes:',
    ...routes,
  ].join('\n');
}

export function groupText(g: GroupFacts): string {
  const rules = (list: GroupFacts['ingress'], complete: boolean) => {
    const lines = list.map((r) => `  - ${esc(r.text)} — TCP 443: ${r.tcp443 === true ? 'admitted' : r.tcp443 === false ? 'not admitted' : 'unknown'}`);
    if (!complete) lines.push('  - more rules are defined elsewhere or known only at deploy time');
    return lines.length ? lines : ['  - none'];
  };
  const https = g.https.decision === 'pass' ? 'yes' : g.https.decision === 'block' ? 'no' : 'unknown';
  return [
    heading('Security group', g),
    '',
    `- VPC: ${showFact(g.vpc, (v) => v ?? 'none given: the default VPC')}`,
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
    return s && subnetText(s);
  }
  if (kind === 'routeTable') {
    const t = facts.routeTables.find((x) => x.id === id);
    return t && routeTableText(t);
  }
  const g = facts.groups.find((x) => x.id === id);
  return g && groupText(g);
}
