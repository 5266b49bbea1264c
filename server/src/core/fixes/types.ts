// What a quick fix is: a title and minimal text edits, as offsets into the text the finding came from.
// Faces turn the offsets into their own positions (the language server into LSP ranges).

import type { Finding } from '../findings.js';
import type { Node } from '../document/tree.js';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** The fix to apply without asking: it is what the finding plainly calls for. */
  isPreferred: boolean;
  edits: TextEdit[];
}

/** What a fix family gets: the text, its located tree (parsed once per request) and the finding. */
export interface FixContext {
  text: string;
  root: Node | null;
  /** True for a JSON document: inserted keys and values are then written as JSON. */
  json: boolean;
  finding: Finding;
  /** The finding's data, never undefined, so families read fields without guards. */
  data: Record<string, unknown>;
}

/** A fix family: one way to repair findings, by reading `finding.data` (never the message). */
export type FixFamily = (ctx: FixContext) => Omit<Fix, 'isPreferred'>[];

export interface RegistryEntry {
  family: FixFamily;
  /** Whether the fixes of this rule go into "fix all" and are offered first. */
  preferred: boolean;
}
