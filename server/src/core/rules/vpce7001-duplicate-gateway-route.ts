import { definiteType } from '../cfn/endpoints.js';
import { compatible, refList, type RefItem } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import { valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE7001',
  severity: 'error',
  title: 'Two gateway endpoints for one service on one route table',
  why: 'A route table can hold one route per destination prefix list: a second gateway endpoint for the same service on the same route table fails to create.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
} as const;

export const duplicateGatewayRoute: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, { endpoint: string; item: RefItem; when: string[] }>();
    for (const e of ctx.endpoints()) {
      if (definiteType(e)?.type !== 'Gateway' || e.services.length !== 1) continue;
      const service = e.services[0]!.value.pattern;
      for (const item of refList(ctx.template, ctx.values, valueOf(e.props, 'RouteTableIds')).items) {
        if (!item.resource) continue;
        const key = `${item.resource.id}\u0000${service}`;
        const earlier = seen.get(key);
        if (!earlier) {
          seen.set(key, { endpoint: e.resource.id, item, when: [...(e.resource.condition ? [e.resource.condition] : []), ...item.when] });
          continue;
        }
        const when = [...(e.resource.condition ? [e.resource.condition] : []), ...item.when];
        if (earlier.endpoint === e.resource.id || !compatible(earlier.when, when, ctx.template)) continue;
        out.push(
          finding(meta, item.node, `${e.resource.id}: route table ${item.resource.id} already routes ${shortName(service)} through gateway endpoint ${earlier.endpoint}${conditionNote(e.resource, item.when)}`, {
            resource: e.resource,
            related: [related(earlier.item.node, `${earlier.endpoint} uses ${item.resource.id} here`)],
          }),
        );
      }
    }
    return out;
  },
};
