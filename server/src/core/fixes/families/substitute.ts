// VPCE3001/VPCE3002 `{region, replacement}` and VPCE3003 `{replace, with}`: the finding's range is a
// hard-coded region or partition inside a string; it becomes `${AWS::Region}` / `${AWS::Partition}`,
// and the string a `Fn::Sub` when it is not one yet.

import { replaceInString } from '../sub-text.js';
import type { Fix, FixContext, FixFamily } from '../types.js';

export const substituteRegion: FixFamily<{ region: string; replacement: string }> = ({ data, ...ctx }) => substitute(ctx, data.region, data.replacement);

export const substitutePartition: FixFamily<{ replace: string; with: string }> = ({ data, ...ctx }) => substitute(ctx, data.replace, data.with);

function substitute({ root, text, json, finding }: Omit<FixContext, 'data'>, expected: unknown, replacement: unknown): Omit<Fix, 'isPreferred'>[] {
  if (typeof expected !== 'string' || typeof replacement !== 'string') return [];
  const edits = replaceInString(root, text, json, finding.start, finding.end, expected, replacement);
  return edits ? [{ title: `Replace ${expected} with ${replacement}`, edits }] : [];
}
