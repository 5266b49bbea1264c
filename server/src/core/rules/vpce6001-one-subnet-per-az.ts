import type { Finding } from '../findings.js';
import type { Fact } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE6001',
  severity: 'error',
  title: 'Two endpoint subnets in one Availability Zone',
  why: 'An interface endpoint takes at most one subnet per Availability Zone; a second subnet in the same zone fails the creation of the endpoint.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
} as const;

/** The subnet to take out of the list property `list`. */
export type SubnetPerAzData = { removeItem: string; list: string };

export const oneSubnetPerAz: Rule<SubnetPerAzData> = {
  meta,
  check(ctx) {
    const out: Finding<SubnetPerAzData>[] = [];
    if (ctx.endpoints().length === 0) return out;
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Interface') continue;
      const resource = ctx.template.byId.get(e.id)!;
      const byZone = new Map<string, { id: string; at: { start: number; end: number }; zone: Fact<string> }>();
      for (const item of e.subnets.items) {
        const subnet = model.subnets.get(item.id);
        if (!subnet || subnet.condition) continue;
        // Zones known only at deploy time still compare: !Select [0, !GetAZs ''] twice is one zone.
        if (!subnet.zone.known) continue;
        const zone = subnet.zone.value;
        const earlier = byZone.get(zone);
        if (earlier && earlier.id !== item.id) {
          // A zone written relative to the Region (`!Sub '${AWS::Region}a'`) is named in words either format reads.
          const relative = /^\$\{AWS::Region\}(\w+)$/.exec(zone);
          const shown = !subnet.zoneIsName ? 'the same Availability Zone' : relative ? `zone ${relative[1]} of the Region ${ctx.words.deployed} deploys to` : zone;
          // Zones from two parameters' defaults meet only while the deployment keeps those defaults.
          const defaults = [earlier.zone, subnet.zone].map((f) => (f.known ? f.fromDefault : undefined));
          // (Two entries of one mapping picked by the same parameter may part under another value of it.)
          const same = defaults[0] && defaults[1] && defaults[0].parameter === defaults[1].parameter && defaults[0].value === zone && defaults[1].value === zone;
          const used = same ? [] : defaults.filter((d, i): d is NonNullable<typeof d> => d !== undefined && !defaults.slice(0, i).some((x) => x?.parameter === d.parameter));
          const basis = used.length ? ` (with the default${used.length > 1 ? 's' : ''} ${used.map((d) => `${d.parameter} ${d.value}`).join(' and ')})` : '';
          out.push(
            finding(meta, resource.key, `${e.id}: subnets ${earlier.id} and ${item.id} are both in ${shown}${basis}; an interface endpoint takes one subnet per zone${conditionNote(resource, [])}`, {
              resource,
              span: item.at,
              related: [{ ...earlier.at, message: `${earlier.id} is already listed for this zone` }],
              data: { removeItem: item.id, list: 'SubnetIds' },
            }),
          );
        } else byZone.set(zone, { ...item, zone: subnet.zone });
      }
    }
    return out;
  },
};
