// How a catalogue entry reads in a hover or a completion's documentation: endpoint types and the
// features that decide how an endpoint behaves, "unknown" where the catalogue has no fact.

import type { ServiceInfo } from '../core/data/catalogue.js';
import { codeSpan, escapeMarkdown } from '../core/util/markdown.js';

export function describeService(s: ServiceInfo): string {
  const yesNo = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
  const ipv6 = s.types.map((t) => `${t}: ${yesNo(s.ipv6[t])}`).join(', ');
  return [
    `**${escapeMarkdown(s.title)}** — ${codeSpan(s.pattern.replace('{region}', '${AWS::Region}'))}`,
    '',
    `- Endpoint types: ${s.types.join(', ')}`,
    `- Endpoint policy: ${yesNo(s.policy)}`,
    `- Private DNS: ${yesNo(s.privateDns)}`,
    `- IPv6: ${ipv6 || 'unknown'}`,
  ].join('\n');
}
