// What a quick fix is: a title and minimal text edits, as offsets into the text the finding came from.
// Faces turn the offsets into their own positions (the language server into LSP ranges).

import type { Finding, FindingData } from '../findings.js';
import type { Node } from '../document/tree.js';
import type { Position } from '../document/line-index.js';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * Set by a face for an edit in another file than the document's (a Terraform module's vpc.tf): that
   * file's path, and the edit's place in it; `start`/`end` are then offsets into that file.
   */
  file?: { path: string; start: Position; end: Position };
}

export interface Fix {
  title: string;
  /** The fix to apply without asking: it is what the finding plainly calls for. */
  isPreferred: boolean;
  edits: TextEdit[];
  /** Rules whose findings the fix knowingly leaves (its title says what is left to choose). */
  leaves?: string[];
}

/** What a fix family gets: the text, its located tree (parsed once per request) and the finding. */
export interface FixContext<Data extends FindingData = FindingData> {
  text: string;
  root: Node | null;
  /** True for a JSON document: inserted keys and values are then written as JSON. */
  json: boolean;
  finding: Finding;
  /**
   * The finding's data in its rule's declared shape. Families still check each field at run time:
   * the data may come back from an editor (diagnostic data) rather than from this lint.
   */
  data: Data;
}

/**
 * A fix family: one way to repair findings, by reading `finding.data` (never the message). `Data` is
 * the least the family reads; the registry accepts it only for rules whose data has those fields.
 */
export type FixFamily<Data extends FindingData = FindingData> = (ctx: FixContext<Data>) => FamilyFix[];

/** A family's fix; `isPreferred` only where it differs from the registry entry's (one of several ways). */
export type FamilyFix = Omit<Fix, 'isPreferred'> & { isPreferred?: boolean };

export interface RegistryEntry {
  // Erased once registered: `fixesFor` looks entries up by rule id, the types were checked at registration.
  family: FixFamily<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Whether the fixes of this rule go into "fix all" and are offered first. */
  preferred: boolean;
}
