import type { Finding } from '../findings.js';
import { perBranch } from '../model/list-branches.js';
import type { Fact, IdList, NetworkModel, Span } from '../model/types.js';
import { conditionsNote } from './conditions.js';
import { finding, type Rule, type RuleContext } from './types.js';
import { withDefaultsNote } from '../model/defaults-note.js';
const meta = {
  id: 'VPCE6001',
  severity: 'error',
  title: 'Two endpoint subnets in one Availability Zone',
  why: 'An interface endpoint takes at most one subnet per Availability Zone; a second subnet in the same zone fails the creation of the endpoint.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
  // Terraform: subnet_ids on aws_vpc_endpoint, or aws_vpc_endpoint_subnet_association.
  terraform: {
    why:
      'An interface endpoint takes at most one subnet per Availability Zone: two subnet_ids (or aws_vpc_endpoint_subnet_association resources) whose aws_subnet is in the same availability_zone fail at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
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
      // Where a condition chooses the subnets (Fn::If), each branch is judged and a finding says the conditions it needs.
      const found = perBranch(e.subnets, (list) => sameZone(ctx, model, e.id, list), (f) => `${f.item.at.start}:${f.item.at.end}|${f.message}`);
      for (const { value: f, when } of found) {
        out.push(
          finding(meta, resource.key, `${f.message}${conditionsNote(resource, when)}`, {
            resource,
            span: f.item.at,
            related: [{ ...f.earlier.at, message: `${f.earlier.id} is already listed for this zone` }],
            data: { removeItem: f.item.id, list: 'SubnetIds' },
          }),
        );
      }
    }
    return out;
  },
};

type Member = { id: string; at: Span; when?: string[] };

/** The second subnet of a zone the list already has, with the first, and what to say of them. */
function sameZone(ctx: RuleContext, model: NetworkModel, id: string, list: IdList): { item: Member; earlier: Member; message: string }[] {
  const out: { item: Member; earlier: Member; message: string }[] = [];
  const byZone = new Map<string, Member & { zone: Fact<string> }>();
  for (const item of list.items as Member[]) {
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
      const basis = withDefaultsNote(used);
      // Under an Fn::If of its own the item is the one the condition adds: the finding (and its fix) is there.
      const [first, second] = (earlier.when?.length ?? 0) > (item.when?.length ?? 0) ? [item, earlier] : [earlier, item];
      out.push({ item: second, earlier: first, message: `${id}: subnets ${first.id} and ${second.id} are both in ${shown}${basis}; an interface endpoint takes one subnet per zone` });
    } else byZone.set(zone, { ...item, zone: subnet.zone });
  }
  return out;
}
