import { compatible } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';
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
    if (ctx.endpoints().length < 2) return out;
    const model = ctx.network().judged();
    const seen = new Map<string, { endpoint: string; at: { start: number; end: number }; when: string[] }>();
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Gateway' || !e.service.known || e.broken) continue;
      const service = e.service.value;
      const resource = ctx.template.byId.get(e.id)!;
      const when = e.condition ? [e.condition] : [];
      for (const item of e.routeTables.items) {
        const key = `${item.id}\u0000${service}`;
        const earlier = seen.get(key);
        if (!earlier) {
          seen.set(key, { endpoint: e.id, at: item.at, when });
          continue;
        }
        if (earlier.endpoint === e.id || !compatible(earlier.when, when, ctx.template)) continue;
        out.push(
          finding(meta, resource.key, `${e.id}: route table ${item.id} already routes ${shortName(service)} through gateway endpoint ${earlier.endpoint}${conditionNote(resource, [])}`, {
            resource,
            span: item.at,
            related: [{ ...earlier.at, message: `${earlier.endpoint} uses ${item.id} here` }],
          }),
        );
      }
    }
    return out;
  },
};
