// Each IAM action's description, for completion in endpoint policies. The table (1.7 MB, from
// scripts/gen-iam-descriptions.mjs) sits next to the server bundle as a data file and is read on the
// first description asked for, on the main thread only: the lint workers, which load the same bundle,
// never carry it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let table: Record<string, string> | null | undefined;

/** The service's packed descriptions (`Name\tLevel\tText` lines), '' when the table or the service is missing. */
export function packedDescriptions(prefix: string): string {
  if (table === undefined) {
    try {
      // dist/server.js is CommonJS: the data file was copied beside it by the build.
      table = JSON.parse(readFileSync(join(__dirname, 'iam-descriptions.json'), 'utf8')) as Record<string, string>;
    } catch {
      table = null;
    }
  }
  return table && prefix !== 'source' && Object.hasOwn(table, prefix) ? table[prefix]! : '';
}
