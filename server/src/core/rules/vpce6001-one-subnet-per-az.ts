import { definiteType } from '../cfn/endpoints.js';
import { compatible, refList } from '../cfn/refs.js';
import { subnetFacts } from '../cfn/subnets.js';
import { literal } from '../cfn/values.js';
import { valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';
import type { RefItem } from '../cfn/refs.js';

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
    for (const e of ctx.endpoints()) {
      if (definiteType(e)?.type !== 'Interface') continue;
      const byZone = new Map<string, RefItem>();
      for (const item of refList(ctx.template, ctx.values, valueOf(e.props, 'SubnetIds')).items) {
        if (item.resource?.type !== 'AWS::EC2::Subnet' || item.resource.condition) continue;
        const az = subnetFacts(ctx.template, ctx.values, item.resource).az;
        // Zones known only at deploy time still compare: !Select [0, !GetAZs ''] twice is one zone.
        const zone = literal(az) ?? (az.kind === 'unknown' ? az.identity : undefined);
        if (!zone) continue;
        const earlier = byZone.get(zone);
        if (earlier?.resource && earlier.resource !== item.resource && compatible(earlier.when, item.when)) {
          const shown = literal(az) ?? 'the same Availability Zone';
          out.push(
            finding(meta, item.node, `${e.resource.id}: subnets ${earlier.resource.id} and ${item.resource.id} are both in ${shown}; an interface endpoint takes one subnet per zone${conditionNote(e.resource, [...earlier.when, ...item.when])}`, {
              resource: e.resource,
              related: [related(earlier.node, `${earlier.resource.id} is already listed for this zone`)],
              data: { removeItem: item.resource.id, list: 'SubnetIds' },
            }),
          );
        } else byZone.set(zone, item);
      }
    }
    return out;
  },
};
