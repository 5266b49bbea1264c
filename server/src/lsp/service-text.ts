// How a catalogue entry reads in a hover or a completion's documentation: endpoint types and the
// features that decide how an endpoint behaves, "unknown" where the catalogue has no fact, and each
// known fact linked to the AWS page it comes from, so a user can check it.

import { citation, type ServiceInfo } from '../core/data/catalogue.js';
import { codeSpan, escapeMarkdown } from '../core/util/markdown.js';

export function describeService(s: ServiceInfo): string {
  const yesNo = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
  const source = (fact: string, known: boolean) => {
    const url = known ? citation(s, fact) : undefined;
    return url && /^https:\/\/[^\s()<>]+$/.test(url) ? ` ([source](${url}))` : '';
  };
  const ipv6Known = s.types.some((t) => typeof s.ipv6[t] === 'boolean');
  const ipv6 = s.types.map((t) => `${t}: ${yesNo(s.ipv6[t])}`).join(', ');
  return [
    `**${escapeMarkdown(s.title)}** — ${codeSpan(s.pattern.replace('{region}', '${AWS::Region}'))}`,
    '',
    `- Endpoint types: ${s.types.join(', ')}${source('types', true)}`,
    `- Endpoint policy: ${yesNo(s.policy)}${source('policy', typeof s.policy === 'boolean')}`,
    `- Private DNS: ${yesNo(s.privateDns)}${source('privateDns', typeof s.privateDns === 'boolean')}`,
    `- IPv6: ${ipv6 || 'unknown'}${source('ipv6', ipv6Known)}`,
  ].join('\n');
}
