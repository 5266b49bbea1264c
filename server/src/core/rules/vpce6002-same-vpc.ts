import type { Finding } from '../findings.js';
import type { Fact, NetworkModel } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { twoDefiniteVpcs } from '../model/vpc-identity.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE6002',
  severity: 'error',
  title: 'Subnet or security group of another VPC',
  why: 'An endpoint\'s subnets, security groups and route tables must all belong to the endpoint\'s VPC; one from another VPC fails the deployment.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
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
      const note = conditionNote(resource, []);
      for (const [list, what] of [[e.subnets, 'subnet'], [e.securityGroups, 'security group']] as const) {
        for (const item of list.items) {
          const theirs = what === 'subnet' ? model.subnets.get(item.id)?.vpc : model.securityGroups.get(item.id)?.vpc;
          if (!theirs?.known) continue;
          if (theirs.value === null) {
            // A group without VpcId goes to the account's default VPC, never to one this template creates.
            if (model.vpcs.has(vpc)) out.push(finding(meta, resource.key, `${e.id}: security group ${item.id} has no ${ctx.words.prop('VpcId')}, so it is created in the account's default VPC, not in ${vpc}${note}`, { resource, span: item.at, related: [{ ...spanOf(model, item.id), message: `${item.id} is defined here` }] }));
            continue;
          }
          if (!twoDefiniteVpcs(model, vpc, theirs.value)) continue;
          out.push(
            finding(meta, resource.key, `${e.id}: ${what} ${item.id} belongs to another VPC than the endpoint (${vpc})${restsOn(e.vpc, theirs)}${note}`, {
              resource,
              span: item.at,
              related: [{ ...(theirs.at ?? spanOf(model, item.id)), message: `${item.id}'s VPC` }],
            }),
          );
        }
      }
    }
    return out;
  },
};

/** " (with the default P v)" when either VPC is a parameter's default. */
export function restsOn(...facts: Fact<string | null>[]): string {
  const d = facts.map((f) => (f.known ? f.fromDefault : undefined)).filter((x) => x !== undefined);
  return d.length ? ` (with the default ${d.map((x) => `${x.parameter} ${x.value}`).join(' and ')})` : '';
}

/** The VPC value to compare by, when known (model/vpc-identity.ts says which values name different VPCs). */
export function comparable(f: Fact<string | null>): string | undefined {
  return f.known && f.value !== null ? f.value : undefined;
}

function spanOf(model: NetworkModel, id: string): { start: number; end: number } {
  return model.spans.get(id) ?? { start: 0, end: 0 };
}
