// VPCE5003 `{…, vpcDns}`: private DNS turned on where the VPC's DNS support or hostnames are off would
// leave a template EC2 refuses (VPCE5001). The fix turns on private DNS and those attributes in one change,
// as the trace's "turn on private DNS" suggestion does (fixes/suggestions.ts).

import { turnOnVpcDns } from './vpc-dns.js';
import type { FamilyFix, FixFamily } from '../types.js';
import type { FindingData } from '../../findings.js';

type VpcDns = { vpc: string; attributes: string[] };

/** Each fix of `family` with the VPC's attributes of `data.vpcDns` turned on too; none when that part cannot be written. */
export function withVpcDns<D extends FindingData>(family: FixFamily<D>): FixFamily<D & { vpcDns?: VpcDns }> {
  return (ctx) => {
    const fixes = family(ctx);
    const v = ctx.data.vpcDns;
    if (!v || !fixes.length) return fixes;
    const [dns] = turnOnVpcDns({ ...ctx, data: v });
    return dns ? fixes.map((f) => joined(f, dns)) : [];
  };
}

export function joined(f: FamilyFix, dns: FamilyFix): FamilyFix {
  return { ...f, title: `${f.title} and ${dns.title.charAt(0).toLowerCase()}${dns.title.slice(1)}`, edits: [...f.edits, ...dns.edits] };
}
