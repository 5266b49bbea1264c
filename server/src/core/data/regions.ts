// Regions and partitions, from the AWS SDK's partition data (compiled by scripts/gen-partitions.mjs).

import data from './partitions.json';

export interface Partition {
  id: string;
  dnsSuffix: string;
  regions: string[];
}

const partitions: Partition[] = data.partitions;
const regionToPartition = new Map<string, Partition>();
for (const p of partitions) for (const r of p.regions) regionToPartition.set(r, p);
const shapes = data.partitions.map((p) => new RegExp(p.regionRegex));

/** Looks like a region name, even one newer than our data (`xx-newplace-1`). */
export function isRegionShaped(name: string): boolean {
  return regionToPartition.has(name) || shapes.some((re) => re.test(name));
}

/** Every region of our partition data. */
export function knownRegions(): string[] {
  return [...regionToPartition.keys()];
}

export function partitionOfRegion(name: string): Partition | undefined {
  return regionToPartition.get(name) ?? partitions.find((_p, i) => shapes[i]!.test(name));
}

/** Every region-shaped token inside a string, with its offset. */
export function regionsIn(text: string): { region: string; index: number }[] {
  const out: { region: string; index: number }[] = [];
  const re = /(?<![a-z0-9-])[a-z]{2}(?:-[a-z]+)+-\d+(?![a-z0-9-])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (isRegionShaped(m[0])) out.push({ region: m[0], index: m.index });
  return out;
}
