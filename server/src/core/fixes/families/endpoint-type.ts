// VPCE2001 `{type, defaulted}`: an endpoint whose type the service does not offer. Without a
// VpcEndpointType (CloudFormation then makes a Gateway) the type is added to its Properties;
// otherwise the written type is replaced.

import { pairOf } from '../../document/tree.js';
import { insertPairs } from '../map-edits.js';
import { replaceScalarContent } from '../render.js';
import { exactNode, inFlow, resourceNodes } from '../tree-path.js';
import type { FixFamily } from '../types.js';

export const setEndpointType: FixFamily<{ type: string; defaulted: boolean }> = ({ root, text, json, finding, data }) => {
  const type = data.type;
  if (typeof type !== 'string') return [];
  const title = `Set VpcEndpointType to ${type}`;
  if (data.defaulted === true) {
    const props = finding.resource ? resourceNodes(root, finding.resource)?.properties : undefined;
    if (!props || pairOf(props, 'VpcEndpointType')) return [];
    const edit = insertPairs(text, props, [['VpcEndpointType', type]], json);
    return edit ? [{ title, edits: [edit] }] : [];
  }
  const at = exactNode(root, finding.start, finding.end);
  const pair = at?.path[at.path.length - 1]?.pair;
  // Only a written type is replaced; a type computed by !If or !Ref is the author's to change.
  if (!at || at.node.kind !== 'scalar' || pair?.value !== at.node || pair.key.value !== 'VpcEndpointType') return [];
  const edit = replaceScalarContent(at.node, type, inFlow(at.path));
  return edit ? [{ title, edits: [edit] }] : [];
};
