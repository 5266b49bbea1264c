// What one Fn::FindInMap reads in each deployment the template tells apart, decided once: the resolver's
// value of the lookup is made from it, and the rules that judge a lookup read it (VPCE0010: an entry it does
// not find; VPCE3001: a Region's entry that names another Region's service).
// The function gives the value assigned to its keys; keys it does not find fail the stack operation
// ("Template error: Unable to get mapping for Map::Top::Second", the answer quoted in
// https://github.com/aws-cloudformation/cfn-lint/issues/2078;
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html).
// A mapping's keys and values are literal: no parameter, pseudo parameter or intrinsic function in the section
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html), so an entry
// read with !Ref AWS::Region is read only in the Region its key names.

import { asMap, valueOf, type MapNode, type Node, type ScalarNode } from '../document/tree.js';

/** What a lookup misses: the mapping itself, the top-level entry, or the entry's second-level key. */
export type Missing = 'mapping' | 'entry' | 'key';

/**
 * One read (a top-level key's, or with a second-level key of AWS::Region the Region's: `second`, its text): the entry's value (with the top-level key as written, where a finding about the entry
 * speaks of its key), what is missing, or neither when the template does not tell (a mapping keyed by YAML numbers
 * or booleans, whose spelling as text is not ours to guess; an entry that is not a mapping where one is looked in).
 */
export type EntryRead = { top: string; region?: string; second?: string } & ({ entry: Node; key: ScalarNode } | { missing: Missing } | { undecided: true });

export interface MapLookup {
  /** The mapping's name, the top-level key and the second-level key (each its text, or AWS::Region). */
  keys: [string, string, string];
  /** A key rests on a parameter's value: the deployment may pass another. */
  byParameter: boolean;
  /**
   * With a key of AWS::Region: `named` when the reads are the Regions the user names (--region, the editor's
   * setting), `entries` when none is named and the reads are the mapping's own Region entries (a top-level key of
   * AWS::Region only: a Region the mapping has no entry for then fails, and is not listed).
   */
  regions?: 'named' | 'entries';
  reads: EntryRead[];
}

/** The read of `mappings[name][top][second]`. */
export function readEntry(mappings: MapNode | undefined, name: string, top: string, second: string): { entry: Node; key: ScalarNode } | { missing: Missing } | { undecided: true } {
  const found = lookup(mappings, name);
  const map = asMap(found);
  if (found === null || (found && !map)) return { undecided: true };
  if (!map) return { missing: 'mapping' };
  const pair = map.pairs.find((p) => p.key.value === top);
  const row = asMap(pair?.value);
  if ((!pair && map.pairs.some((p) => typeof p.key.value !== 'string')) || (pair?.value && !row)) return { undecided: true };
  if (!row) return { missing: 'entry' };
  const cell = lookup(row, second);
  if (cell === null) return { undecided: true };
  return cell ? { entry: cell, key: pair!.key } : { missing: 'key' };
}

/** Why a read finds nothing, in words. */
export function missingWords(keys: [string, string, string], read: { top: string; second?: string; missing: Missing }): string {
  const [name] = keys;
  const second = read.second ?? keys[2];
  if (read.missing === 'mapping') return `the template has no mapping ${name}`;
  return read.missing === 'entry' ? `mapping ${name} has no entry ${read.top}` : `mapping ${name}'s entry ${read.top} has no ${second}`;
}

// An entry by its key as text (CloudFormation compares keys as text): null when a key of the map is not text and
// the one looked for is not there.
function lookup(map: MapNode | undefined, key: string): Node | undefined | null {
  if (!map) return undefined;
  const found = valueOf(map, key);
  if (found === undefined && map.pairs.some((p) => typeof p.key.value !== 'string')) return null;
  return found;
}
