// `{removeItem, list}`: an item that must leave a list property (VPCE6001: a second subnet in a zone
// the endpoint already has). The finding's range is the item; it must be a direct item of the list
// `list` of a mapping, or of a list that is a branch of an Fn::If there (the finding holds on that branch),
// not one an Fn::If item or a parameter produces, or there is no fix. Its line goes
// in a block list; in a flow list or JSON the item goes with one comma. A comment that would go with
// it (other than one on the item's own line) means no fix: nothing of the user's text is lost.

import { lineStart } from '../map-edits.js';
import { exactNode, type Step } from '../tree-path.js';
import type { FixFamily, TextEdit } from '../types.js';

export const removeListItem: FixFamily<{ removeItem: string; list: string }> = ({ root, text, json, finding, data }) => {
  const { removeItem: label, list: property } = data;
  if (typeof label !== 'string' || typeof property !== 'string') return [];
  const found = exactNode(root, finding.start, finding.end);
  // The step of the list: its node, and the pair of the mapping it is the value of.
  const list = found?.path[found.path.length - 2];
  const seq = list?.node;
  if (!found || seq?.kind !== 'seq' || !listOf(found.path, found.path.length - 2, property)) return [];
  const index = seq.items.indexOf(found.node);
  if (index < 0 || seq.items.length < 2) return [];
  const edit = seq.flow || json ? flowRemoval(text, seq.items, index) : blockRemoval(text, found.node.start, found.node.end);
  return edit ? [{ title: `Remove ${label} from ${property}`, edits: [edit] }] : [];
};

/**
 * Whether the list at `path[i]` is the value of `property`, or a branch of an Fn::If (nested ones too) that
 * is: the item then leaves that branch only, as the finding (which names the branch's conditions) asks.
 */
function listOf(path: readonly Step[], i: number, property: string): boolean {
  for (;;) {
    const step = path[i];
    if (!step) return false;
    if (step.pair) return step.pair.key.value === property && step.pair.value === step.node;
    // A branch: the second or third argument of the Fn::If, a mapping of that one key.
    const args = path[i - 1];
    const fn = path[i - 2];
    if (args?.node.kind !== 'seq' || args.pair?.key.value !== 'Fn::If' || args.node.items.indexOf(step.node) < 1 || fn?.node.kind !== 'map' || fn.node.pairs.length !== 1) return false;
    i -= 2;
  }
}

function blockRemoval(text: string, start: number, end: number): TextEdit | undefined {
  const dash = text.lastIndexOf('-', start);
  const from = lineStart(text, dash);
  // Only the dash and spaces before the item: `- - x` and the like are left alone.
  if (dash < 0 || text.slice(from, dash).trim() !== '' || text.slice(dash + 1, start).trim() !== '') return undefined;
  const newline = text.indexOf('\n', end);
  const to = newline < 0 ? text.length : newline + 1;
  // The item's lines go, with a comment at the end of its last line; comment lines around it stay.
  return { start: from, end: to, newText: '' };
}

function flowRemoval(text: string, items: readonly { start: number; end: number }[], index: number): TextEdit | undefined {
  const item = items[index]!;
  // With the comma before it, or (the first item) the one after it.
  const [start, end] = index > 0 ? [items[index - 1]!.end, item.end] : [item.start, items[1]!.start];
  const around = text.slice(start, item.start) + text.slice(item.end, end);
  if (around.includes('#')) return undefined;
  return { start, end, newText: '' };
}
