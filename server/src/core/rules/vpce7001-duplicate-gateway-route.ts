import { compatible } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { listChoices } from '../model/list-branches.js';
import { conditionsNote, mergedAlternatives } from './conditions.js';
import { nameRegionKey } from '../model/name-region.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE7001',
  severity: 'error',
  title: 'Two gateway endpoints for one service on one route table',
  why: 'A route table can hold one route per destination prefix list: a second gateway endpoint for the same service on the same route table fails to create.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
} as const;

interface Routed {
  endpoint: string;
  table: string;
  at: { start: number; end: number };
  /** The conditions it is there under: its endpoint's Condition and the branch of the list (Fn::If) that names it. */
  when: string[];
}

export const duplicateGatewayRoute: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.endpoints().length < 2) return out;
    const model = ctx.network().judged();
    const seen = new Map<string, Routed[]>();
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Gateway' || !e.service.known || e.broken) continue;
      // One prefix list per service and Region: names whose Regions may differ are not one destination.
      const service = `${e.service.value}\u0000${nameRegionKey(e)}`;
      const resource = ctx.template.byId.get(e.id)!;
      const own = e.condition ? [e.condition] : [];
      // Each route table this endpoint may be given (on each branch of an Fn::If that chooses them), against the
      // earlier endpoints' for the same service: both routes exist only where both endpoints' conditions hold.
      const found = new Map<string, { item: { id: string; at: { start: number; end: number } }; earlier: Routed; when: string[][] }>();
      const mine: Routed[] = [];
      for (const choice of listChoices(e.routeTables)) {
        const when = [...own, ...choice.when];
        for (const item of choice.list.items) {
          for (const earlier of seen.get(`${item.id}\u0000${service}`) ?? []) {
            if (!compatible(earlier.when, when, ctx.template)) continue;
            const key = `${item.at.start}:${item.at.end}|${earlier.endpoint}`;
            const f = found.get(key) ?? { item, earlier, when: [] };
            f.when.push([...earlier.when, ...choice.when].filter((c) => !own.includes(c)));
            found.set(key, f);
          }
          mine.push({ endpoint: e.id, table: item.id, at: item.at, when });
        }
      }
      for (const { item, earlier, when } of found.values()) {
        out.push(
          finding(meta, resource.key, `${e.id}: route table ${item.id} already routes ${shortName(e.service.value)} through gateway endpoint ${earlier.endpoint}${conditionsNote(resource, mergedAlternatives(when))}`, {
            resource,
            span: item.at,
            related: [{ ...earlier.at, message: `${earlier.endpoint} uses ${item.id} here` }],
          }),
        );
      }
      for (const r of mine) seen.set(`${r.table}\u0000${service}`, [...(seen.get(`${r.table}\u0000${service}`) ?? []), r]);
    }
    return out;
  },
};
