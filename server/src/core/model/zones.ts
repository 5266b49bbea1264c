// Whether two subnets are in one Availability Zone, in another, or the template cannot say. A zone fact
// is comparable text: a literal name (eu-west-1a), a zone ID (euw1-az1), a name relative to the stack's
// Region (${AWS::Region}a), or a deploy-time zone's description (azs()[0], an imported value). Equal texts
// are one zone; unequal ones are different zones only when both are written the same way: a zone ID maps
// to a different name in each account (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html),
// and which zone Fn::GetAZs lists first is the account's, so a name never rules out an ID or a GetAZs pick.

import type { Subnet } from './types.js';

/** true: one zone; false: different zones; undefined: the template cannot say. */
export function sameZone(a: Subnet, b: Subnet): boolean | undefined {
  if (!a.zone.known || !b.zone.known) return undefined;
  if (a.zone.value === b.zone.value) return true;
  const [ka, kb] = [zoneForm(a), zoneForm(b)];
  return ka !== undefined && ka === kb ? false : undefined;
}

function zoneForm(s: Subnet): string | undefined {
  if (!s.zone.known) return undefined;
  const z = s.zone.value;
  const azs = /^(azs\([^)]*\))\[\d+\]$/.exec(z);
  if (azs) return azs[1];
  if (!s.zoneIsName) return undefined;
  if (z.includes('${AWS::Region}')) return 'relative';
  return /-az\d+$/.test(z) ? 'id' : 'name';
}
