import { compatible } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { privateDnsEndpoints, type PrivateDnsEndpoint } from './private-dns.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE5002',
  severity: 'error',
  title: 'Two endpoints with private DNS for one service in one VPC',
  why: 'Private DNS gives the service\'s public name to one endpoint per VPC: a second interface endpoint for the same service with private DNS on fails to create, because the private hosted zone already exists.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
} as const;

export const duplicatePrivateDns: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const first = new Map<string, PrivateDnsEndpoint[]>();
    for (const p of privateDnsEndpoints(ctx)) {
      const service = p.endpoint.services.length === 1 ? p.endpoint.services[0]!.value : undefined;
      if (!p.vpc || !service?.info) continue;
      const key = `${p.vpc}\u0000${service.pattern}`;
      const seen = first.get(key) ?? [];
      const whenOf = (x: PrivateDnsEndpoint) => [...(x.endpoint.resource.condition ? [x.endpoint.resource.condition] : []), ...x.when];
      const earlier = seen.find((o) => o.endpoint !== p.endpoint && compatible(whenOf(o), whenOf(p), ctx.template));
      if (earlier) {
        out.push(
          finding(meta, p.node, `${p.endpoint.resource.id}: ${earlier.endpoint.resource.id} already has private DNS for ${shortName(service.pattern)} in VPC ${p.vpc}; only one endpoint per service and VPC can have private DNS${conditionNote(p.endpoint.resource, p.when)}`, {
            resource: p.endpoint.resource,
            related: [related(earlier.node, `${earlier.endpoint.resource.id} turns private DNS on here`)],
          }),
        );
      }
      seen.push(p);
      first.set(key, seen);
    }
    return out;
  },
};
