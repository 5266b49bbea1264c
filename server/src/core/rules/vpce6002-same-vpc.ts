import type { Finding } from '../findings.js';
import type { Fact, NetworkModel } from '../model/types.js';
import { conditionsNote } from './conditions.js';
import { perBranch } from '../model/list-branches.js';
import { twoDefiniteVpcs } from '../model/vpc-identity.js';
import { finding, type Rule } from './types.js';
import { withDefaultsNote } from '../model/defaults-note.js';
const meta = {
  id: 'VPCE6002',
  severity: 'error',
  title: 'Subnet or security group of another VPC',
  why: 'An endpoint\'s subnets, security groups and route tables must all belong to the endpoint\'s VPC; one from another VPC fails the deployment.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
  // Terraform: vpc_id, subnet_ids and security_group_ids on aws_vpc_endpoint.
  terraform: {
    why:
      'An aws_vpc_endpoint\'s subnet_ids, security_group_ids and route_table_ids must all belong to its vpc_id; one of another VPC fails at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

// Reads the model: the VPC of the endpoint, its subnets and its groups as the adapter resolved them.
export const sameVpc: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.endpoints().length === 0) return out;
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      const vpc = comparable(e.vpc);
      if (!vpc) continue;
      const resource = ctx.template.byId.get(e.id)!;
      for (const [list, what] of [[e.subnets, 'subnet'], [e.securityGroups, 'security group']] as const) {
        // Where a condition chooses the list (Fn::If), each branch's members are judged, and a finding says the conditions it needs.
        const judged = perBranch(list, (l) => l.items.flatMap((item) => {
          const theirs = what === 'subnet' ? model.subnets.get(item.id)?.vpc : model.securityGroups.get(item.id)?.vpc;
          if (!theirs?.known) return [];
          if (theirs.value === null) {
            // A group without VpcId goes to the account's default VPC, never to one this template creates.
            if (!model.vpcs.has(vpc)) return [];
            return [{ item, message: `${e.id}: security group ${item.id} has no ${ctx.words.prop('VpcId')}, so it is created in the account's default VPC, not in ${vpc}`, related: [{ ...spanOf(model, item.id), message: `${item.id} is defined here` }] }];
          }
          if (!twoDefiniteVpcs(model, vpc, theirs.value)) return [];
          return [{ item, message: `${e.id}: ${what} ${item.id} belongs to another VPC than the endpoint (${vpc})${restsOn(e.vpc, theirs)}`, related: [{ ...(theirs.at ?? spanOf(model, item.id)), message: `${item.id}'s VPC` }] }];
        }), (f) => `${f.item.at.start}:${f.item.at.end}|${f.message}`);
        for (const { value: f, when } of judged) out.push(finding(meta, resource.key, `${f.message}${conditionsNote(resource, when)}`, { resource, span: f.item.at, related: f.related }));
      }
    }
    return out;
  },
};

/** " (with the default P v)" when either VPC is a parameter's default. */
export function restsOn(...facts: Fact<string | null>[]): string {
  return withDefaultsNote(facts.map((f) => (f.known ? f.fromDefault : undefined)));
}

/** The VPC value to compare by, when known (model/vpc-identity.ts says which values name different VPCs). */
export function comparable(f: Fact<string | null>): string | undefined {
  return f.known && f.value !== null ? f.value : undefined;
}

function spanOf(model: NetworkModel, id: string): { start: number; end: number } {
  return model.spans.get(id) ?? { start: 0, end: 0 };
}
