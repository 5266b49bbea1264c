// Fixes that reach the endpoint's network: the VPC's DNS attributes, a second subnet in one zone, HTTPS
// into the endpoint's security group, a route table the Gateway endpoint misses.

import type { TextEdit } from '../../fixes/types.js';
import { TF_WORDS } from '../../rules/words.js';
import { attr, traversalNames, type Block } from '../hcl-ast.js';
import { insertArguments, setArgument } from './layout.js';
import { addNestedBlock, appendTupleItem, removeTupleItem } from './lists.js';
import { blockAt, refTo, str, type FixTarget, type TfFamily } from './target.js';

const DNS_ARGS = new Set(['enable_dns_support', 'enable_dns_hostnames']);

/** VPCE5001 `{vpc, attributes}`: the VPC's DNS arguments the endpoint's private DNS needs, set to true. */
export const turnOnVpcDns: TfFamily = ({ m, data }) => {
  const vpc = str(data, 'vpc');
  const block = blockAt(m, vpc);
  const names = (Array.isArray(data.attributes) ? data.attributes : []).map((a) => (typeof a === 'string' ? TF_WORDS.prop(a) : '')).filter((a) => DNS_ARGS.has(a));
  if (!block || names.length === 0) return [];
  const edits: TextEdit[] = [];
  const missing: [string, string][] = [];
  for (const name of names) {
    const existing = attr(block.body, name);
    if (existing) edits.push({ start: existing.value.start, end: existing.value.end, newText: 'true' });
    else missing.push([name, 'true']);
  }
  if (missing.length) {
    // After the other DNS argument where there is one, else after the range.
    const anchor = attr(block.body, 'enable_dns_support') ?? attr(block.body, 'enable_dns_hostnames') ?? attr(block.body, 'cidr_block') ?? block.body.attributes[0];
    const added = insertArguments(m.text, block, missing, anchor);
    if (!added) return [];
    edits.push(...added);
  }
  return [{ title: `Set ${names.map((n) => `${n} = true`).join(' and ')} on ${vpc}`, edits }];
};

/** VPCE6001 `{removeItem}`: the second subnet in a zone, out of `subnet_ids` (the author picks which: not preferred). */
export const removeSubnet: TfFamily = ({ m, finding, data }) => {
  const block = blockAt(m, finding.resource);
  const label = str(data, 'removeItem');
  const list = block && attr(block.body, 'subnet_ids');
  if (!label || !list || list.value.k !== 'tuple') return [];
  const index = list.value.items.findIndex((i) => i.start === finding.start && i.end === finding.end);
  const edits = index < 0 ? undefined : removeTupleItem(m.text, list.value, index);
  return edits ? [{ title: `Remove ${label} from subnet_ids`, edits }] : [];
};

/** VPCE7003 `{ref}`: the route table added to the Gateway endpoint's `route_table_ids`. */
export const addRouteTable: TfFamily = ({ m, finding, data }) => {
  const block = blockAt(m, finding.resource);
  const table = str(data, 'ref');
  const ref = refTo(m, table, 'id');
  if (!block || !ref || !finding.resource) return [];
  const list = attr(block.body, 'route_table_ids');
  let edits: TextEdit[] | undefined;
  if (list) edits = list.value.k === 'tuple' ? appendTupleItem(m.text, list.value, ref) : undefined;
  // Associations written as their own resources: another of them, not an argument that would fight them.
  else if (rulesFor(m, 'aws_vpc_endpoint_route_table_association', 'vpc_endpoint_id', finding.resource).length) edits = undefined;
  else edits = setArgument(m.text, block, 'route_table_ids', `[${ref}]`, attr(block.body, 'vpc_endpoint_type') ?? attr(block.body, 'service_name'));
  return edits ? [{ title: `Add ${table} to ${finding.resource}'s route_table_ids`, edits }] : [];
};

const SEPARATE_RULES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

/**
 * VPCE6003 `{admitHttpsIn, vpc, vpcCidr}`: an inline `ingress` block, TCP 443 from the VPC's range
 * (`aws_vpc.main.cidr_block` when the VPC is a resource here, so the rule follows it). A group whose
 * rules are resources of their own gets none: an inline rule beside them makes Terraform fight itself
 * on every apply (the provider's note on aws_security_group), and which resource type to add is the
 * author's style.
 */
export const admitHttps: TfFamily = ({ m, data }) => {
  const group = str(data, 'admitHttpsIn');
  const block = blockAt(m, group);
  if (!group || !block || m.tfTypes.get(group) !== 'aws_security_group' && !group.startsWith('aws_security_group.')) return [];
  if (attr(block.body, 'ingress') || SEPARATE_RULES.some((t) => rulesFor(m, t, 'security_group_id', group).length)) return [];
  const vpcBlock = blockAt(m, data.vpc);
  const plainVpc = vpcBlock && !attr(vpcBlock.body, 'count') && !attr(vpcBlock.body, 'for_each');
  const source = plainVpc ? refTo(m, data.vpc, 'cidr_block') : typeof data.vpcCidr === 'string' && /^[\d./]+$/.test(data.vpcCidr) ? JSON.stringify(data.vpcCidr) : undefined;
  if (!source) return [];
  const edits = addNestedBlock(m.text, block, 'ingress', ['ingress {', '  from_port   = 443', '  to_port     = 443', '  protocol    = "tcp"', `  cidr_blocks = [${source}]`, '}']);
  const from = plainVpc ? `${data.vpc}'s CIDR` : data.vpcCidr;
  return edits ? [{ title: `Allow HTTPS (TCP 443) from ${from} in ${group}`, edits }] : [];
};

/** The blocks of `type` whose `argument` refers to `address` (`aws_security_group.ep.id`). */
function rulesFor(m: FixTarget, type: string, argument: string, address: string): Block[] {
  const out: Block[] = [];
  for (const [a, t] of m.tfTypes) {
    if (t !== type) continue;
    const b = blockAt(m, a);
    const v = b && attr(b.body, argument);
    const names = v && traversalNames(v.value);
    if (b && names && names.slice(0, 2).join('.') === address.replace(/\[[^\]]*\]$/, '')) out.push(b);
  }
  return out;
}
