import { compatible } from '../cfn/refs.js';
import { serviceByPattern, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionsNote, mergedAlternatives } from './conditions.js';
import { privateDnsEndpoints, type PrivateDnsEndpoint } from './private-dns.js';
import { nameRegionKey } from '../model/name-region.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE5002',
  severity: 'error',
  title: 'Two endpoints with private DNS for one service in one VPC',
  why: 'Private DNS gives the service\'s public name to one endpoint per VPC: a second interface endpoint for the same service with private DNS on fails to create, because the private hosted zone already exists.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
} as const;

// Endpoint type, service, VPC and private DNS are the network model's facts (private-dns.ts).
export const duplicatePrivateDns: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const first = new Map<string, PrivateDnsEndpoint[]>();
    for (const p of privateDnsEndpoints(ctx)) {
      const service = p.endpoint.service.known ? p.endpoint.service.value : undefined;
      if (!p.vpc || !service || !serviceByPattern(service)) continue;
      // Private DNS names are per Region: names whose Regions may differ (model/name-region.ts) do not collide.
      const key = `${p.vpc}\u0000${service}\u0000${nameRegionKey(p.endpoint)}`;
      const seen = first.get(key) ?? [];
      const whenOf = (x: PrivateDnsEndpoint) => [...(x.resource.condition ? [x.resource.condition] : []), ...x.when];
      const earlier = seen.find((o) => o.endpoint !== p.endpoint && compatible(whenOf(o), whenOf(p), ctx.template));
      if (earlier) {
        // Both exist with private DNS on only where both endpoints' conditions hold: the earlier one's are said too.
        const own = p.resource.condition ? [p.resource.condition] : [];
        const when = mergedAlternatives(seen.filter((o) => o.endpoint === earlier.endpoint && compatible(whenOf(o), whenOf(p), ctx.template)).map((o) => [...whenOf(o), ...p.when].filter((c) => !own.includes(c))));
        out.push(
          finding(meta, p.resource.key, `${p.resource.id}: ${earlier.resource.id} already has private DNS for ${shortName(service)}${nameRegionKey(p.endpoint) ? ` (both named for whatever Region ${p.endpoint.nameRegion!.decides} names)` : ''} in VPC ${p.vpc}; only one endpoint per service and VPC can have private DNS${conditionsNote(p.resource, when)}`, {
            resource: p.resource,
            span: p.at,
            related: [{ ...earlier.at, message: `${earlier.resource.id} turns private DNS on here` }],
          }),
        );
      }
      seen.push(p);
      first.set(key, seen);
    }
    return out;
  },
};
