// How a subnet, route table or security group reads in a hover or a completion's documentation: its
// facts from the network model, "unknown" with the reason where the template cannot know one, and
// conditional parts marked. Every value from the template is escaped: it is text, never markdown.

import { httpsOnly } from '../../core/data/catalogue.js';
import { codeSpan, escapeMarkdown as esc } from '../../core/util/markdown.js';
import type { GroupFacts, NetworkFacts, PortsAdmission, RouteTableFacts, Shown, SubnetFacts } from './assist-types.js';

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
  const routes = t.routes.map((r) => `  - ${esc(r.destination)} → ${esc(r.target)}${r.condition ? ` (conditional: ${codeSpan(r.condition)})` : ''}${r.refused ? ` — ${esc(r.refused)}` : ''}`);
  // Routes another stack may add are not judged here, as the trace does not judge them: unknown, and why.
  if (t.unseen) routes.push(`  - ${routes.length ? 'any other route' : 'the local route; any other'}: unknown — ${esc(t.unseen)}`);
  else if (!routes.length) routes.push('  - only the local route (none declared in the template)');
  return [
    heading('Route table', t),
    '',
    `- VPC: ${vpcText(t.vpc, net)}`,
    `- Associated subnets: ${t.subnets.length ? t.subnets.map(codeSpan).join(', ') : 'none in the template'}`,
    '- Routes:',
    ...routes,
  ].join('\n');
}

/** What services served on other ports than 443 are called in a line: `email-smtp's ports`. */
export function portsLabel(p: Pick<PortsAdmission, 'services'>): string {
  return `${p.services.join(' and ')}'s ports`;
}

/**
 * A group's admission from its VPC on the ports an endpoint of these services is reached on: 443's, or
 * the entry for that set of ports (undefined: the facts were made without it).
 */
export function portsAdmission(g: GroupFacts, ports: readonly number[]): GroupFacts['https'] | PortsAdmission | undefined {
  if (httpsOnly(ports)) return g.https;
  return g.servicePorts?.find((p) => p.ports.join() === ports.join());
}

export function groupText(g: GroupFacts, net: NetworkFacts): string {
  const word = (v: boolean | undefined) => (v === true ? 'admitted' : v === false ? 'not admitted' : 'unknown');
  const rules = (list: GroupFacts['ingress'], complete: boolean) => {
    const lines = list.map((r) => `  - ${esc(r.text)} — TCP 443: ${word(r.tcp443)}${(g.servicePorts ?? []).map((p, i) => `; ${esc(portsLabel(p))}: ${word(r.servicePorts?.[i])}`).join('')}`);
    if (!complete) lines.push('  - more rules are defined elsewhere or known only at deploy time');
    return lines.length ? lines : ['  - none'];
  };
  const answer = (d: GroupFacts['https']['decision']) => (d === 'pass' ? 'yes' : d === 'block' ? 'no' : 'unknown');
  return [
    heading('Security group', g),
    '',
    `- VPC: ${vpcText(g.vpc, net)}`,
    `- Admits TCP 443 from its VPC: ${answer(g.https.decision)} — ${esc(g.https.reason)}`,
    // The template's services served on other ports (SES's SMTP interface): an endpoint of theirs is reached on these.
    ...(g.servicePorts ?? []).map((p) => `- Admits ${esc(portsLabel(p))} (${p.ports.join(', ')}) from its VPC: ${answer(p.decision)} — ${esc(p.reason)}`),
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
