// VPCE5001 `{vpc, attributes}`: private DNS needs the VPC's DNS attributes on; the fix turns each
// listed attribute on in that VPC's Properties (replacing `false`, adding what is missing).

import { resourceNodes } from '../tree-path.js';
import { setMembers } from '../set-members.js';
import type { FixFamily } from '../types.js';

export const turnOnVpcDns: FixFamily<{ vpc: string; attributes: string[] }> = ({ root, text, json, data }) => {
  const { vpc, attributes } = data;
  if (typeof vpc !== 'string' || !Array.isArray(attributes) || !attributes.every((a) => typeof a === 'string') || attributes.length === 0) return [];
  const props = resourceNodes(root, vpc)?.properties;
  if (!props) return [];
  const edits = setMembers(text, props, attributes.map((a): [string, boolean] => [a, true]), json);
  return edits?.length ? [{ title: `Turn on ${attributes.join(' and ')} on VPC ${vpc}`, edits }] : [];
};
