// Fixes that reach the endpoint's network: the VPC's DNS attributes, a second subnet in one zone, HTTPS
// into the endpoint's security group, a route table the Gateway endpoint misses.

import type { TextEdit } from '../../fixes/types.js';
import { TF_WORDS } from '../../rules/words.js';
import { attr, traversalNames, type Block, type Expr } from '../hcl-ast.js';
import { indentOf, nextLineStart } from './layout.js';
import { editsIn, jsonValue } from './json-edits.js';
import { blockAt, refTo, str, type FixTarget, type TfFamily } from './target.js';
import { callArg, endpointAt, serviceArg } from './entry.js';

const DNS_ARGS = new Set(['enable_dns_support', 'enable_dns_hostnames']);

/** VPCE5001 `{vpc, attributes}`: the VPC's DNS arguments the endpoint's private DNS needs, set to true. */
export const turnOnVpcDns: TfFamily = ({ m, data }) => {
  const vpc = str(data, 'vpc');
  const block = blockAt(m, vpc);
  const names = (Array.isArray(data.attributes) ? data.attributes : []).map((a) => (typeof a === 'string' ? TF_WORDS.prop(a) : '')).filter((a) => DNS_ARGS.has(a));
  if (!block || names.length === 0) return [];
  const title = `Set ${names.map((n) => `${n} = true`).join(' and ')} on ${vpc}`;
  const ed = editsIn(m);
  // In JSON each argument is set (replaced or added) in one change of the VPC's object.
  if (ed.isJson(block.start)) {
    const edits = ed.insertArguments(block, names.map((n) => [n, 'true']), attr(block.body, 'cidr_block') ?? block.body.attributes[0]);
    return edits ? [{ title, edits }] : [];
  }
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
    const added = ed.insertArguments(block, missing, anchor);
    if (!added) return [];
    edits.push(...added);
  }
  return [{ title, edits }];
};

/**
 * VPCE6001 `{removeItem}`: the second subnet in a zone, out of `subnet_ids` (the author picks which: not
 * preferred); in a vpc-endpoints module call, out of the entry's list or the call's own, which every
 * Interface entry shares (the title says so).
 */
export const removeSubnet: TfFamily = ({ m, finding, data }) => {
  const at = endpointAt(m, finding.resource);
  const label = str(data, 'removeItem');
  if (!at || !label) return [];
  for (const [list, where] of [[attr(at.block.body, 'subnet_ids'), 'subnet_ids'], [callArg(at, 'subnet_ids'), `module.${at.entry?.call.labels[0]?.value}'s subnet_ids (every Interface endpoint's)`]] as const) {
    // In `test ? [a, b] : [a]` the finding is on one branch's list (it says which value of the test): that list only.
    for (const tuple of list ? branchTuples(list.value) : []) {
      const index = tuple.items.findIndex((i) => i.start === finding.start && i.end === finding.end);
      const edits = index < 0 ? undefined : editsIn(m).removeTupleItem(tuple, index);
      if (edits) return [{ title: `Remove ${label} from ${where}`, edits }];
    }
  }
  return [];
};

/** The lists a value is: itself, or each branch of a conditional (nested ones too). */
function branchTuples(e: Expr): Extract<Expr, { k: 'tuple' }>[] {
  if (e.k === 'tuple') return [e];
  if (e.k === 'cond') return [...branchTuples(e.then), ...branchTuples(e.else)];
  return [];
}

/**
 * VPCE7003 `{ref}`: the route table added to the Gateway endpoint: to its `route_table_ids`, or, where
 * its associations are resources of their own, as one more of them (an argument beside them would
 * fight them on every apply).
 */
export const addRouteTable: TfFamily = ({ m, finding, data }) => {
  const at = endpointAt(m, finding.resource);
  const table = str(data, 'ref');
  const ref = refTo(m, table, 'id');
  const endpoint = finding.resource;
  if (!at || !ref || !endpoint || !table) return [];
  const block = at.block;
  const list = attr(block.body, 'route_table_ids');
  const title = `Add ${table} to ${endpoint}'s route tables`;
  const associations = at.entry ? [] : rulesFor(m, 'aws_vpc_endpoint_route_table_association', 'vpc_endpoint_id', endpoint);
  const last = associations.map(([, b]) => b).sort((x, y) => x.end - y.end).pop();
  if (!list && last) {
    const taken = new Set(associations.map(([a]) => a));
    const base = table.replace(/^[^.]*\./, '').replace(/\W+/g, '_').replace(/_+$/, '');
    let name = base;
    for (let i = 2; m.resourceBlocks.has(`aws_vpc_endpoint_route_table_association.${name}`) || taken.has(name); i++) name = `${base}${i}`;
    const at = nextLineStart(m.text, last.end);
    const endpointRef = refTo(m, endpoint, 'id');
    if (!endpointRef) return [];
    if (editsIn(m).isJson(last.start)) {
      const edits = editsIn(m).addJsonResource(last.start, 'aws_vpc_endpoint_route_table_association', name, { vpc_endpoint_id: jsonValue(endpointRef), route_table_id: jsonValue(ref) });
      return edits ? [{ title, edits }] : [];
    }
    if (indentOf(m.text, last.start) !== '') return [];
    const text = `\nresource "aws_vpc_endpoint_route_table_association" "${name}" {\n  vpc_endpoint_id = ${endpointRef}\n  route_table_id  = ${ref}\n}\n`;
    return [{ title, edits: [{ start: at, end: at, newText: m.text[at - 1] === '\n' ? text : `\n${text}` }] }];
  }
  const edits = list ? (list.value.k === 'tuple' ? editsIn(m).appendTupleItem(list.value, ref) : undefined) : editsIn(m).setArgument(block, 'route_table_ids', `[${ref}]`, attr(block.body, at.arg('vpc_endpoint_type') ?? '') ?? serviceArg(at));
  return edits ? [{ title, edits }] : [];
};

/**
 * VPCE6003 `{admitHttpsIn, vpc, vpcCidr}`: TCP 443 from the VPC's range (`aws_vpc.main.cidr_block`
 * when the VPC is a resource here, so the rule follows it) into the endpoint's first group: an inline
 * `ingress` block, or, where the group's rules are resources of their own, one more resource of the
 * kind it uses (inline rules beside them would fight them on every apply: the provider's note on
 * aws_security_group).
 */
export const admitHttps: TfFamily = ({ m, data }) => {
  // A service served on other ports than HTTPS (VPCE6003's `ports`): an HTTPS rule would not help.
  if (Array.isArray(data.ports)) return [];
  // The rule names no group to add an inline rule to where the first one's rules are resources.
  const groups = Array.isArray(data.securityGroups) ? data.securityGroups : [];
  const group = str(data, 'admitHttpsIn') ?? (typeof groups[0] === 'string' ? groups[0] : undefined);
  const block = blockAt(m, group);
  // In Terraform's JSON, `"ingress": [{...}]` is how the blocks are written: one more object joins them.
  const listed = block && editsIn(m).isJson(block.start) ? attr(block.body, 'ingress') : undefined;
  if (!group || !block || !group.startsWith('aws_security_group.') || (attr(block.body, 'ingress') && listed?.value.k !== 'tuple')) return [];
  const vpcBlock = blockAt(m, data.vpc);
  const plainVpc = vpcBlock && !attr(vpcBlock.body, 'count') && !attr(vpcBlock.body, 'for_each');
  const source = plainVpc ? refTo(m, data.vpc, 'cidr_block') : typeof data.vpcCidr === 'string' && /^[\d./]+$/.test(data.vpcCidr) ? JSON.stringify(data.vpcCidr) : undefined;
  const groupRef = refTo(m, group, 'id');
  if (!source || !groupRef) return [];
  const from = plainVpc ? `${data.vpc}'s CIDR` : data.vpcCidr;
  const title = `Allow HTTPS (TCP 443) from ${from} in ${group}`;
  const modern = rulesFor(m, 'aws_vpc_security_group_ingress_rule', 'security_group_id', group);
  const legacy = rulesFor(m, 'aws_security_group_rule', 'security_group_id', group);
  const separate = [...modern, ...legacy, ...rulesFor(m, 'aws_vpc_security_group_egress_rule', 'security_group_id', group)];
  if (separate.length === 0) {
    const cidr = jsonValue(source);
    // In JSON, `"ingress": [{...}]` may be read as the attribute (attributes as blocks), whose objects
    // take every argument (null: unset); so written, it is valid read either way.
    // https://developer.hashicorp.com/terraform/language/attr-as-blocks
    const listItem = { cidr_blocks: [cidr], description: null, from_port: 443, ipv6_cidr_blocks: null, prefix_list_ids: null, protocol: 'tcp', security_groups: null, self: null, to_port: 443 };
    const edits = cidr === undefined ? undefined : listed?.value.k === 'tuple' ? editsIn(m).appendJsonObject(listed.value, listItem) : editsIn(m).addNestedBlock(block, 'ingress', ['ingress {', '  from_port   = 443', '  to_port     = 443', '  protocol    = "tcp"', `  cidr_blocks = [${source}]`, '}'], listItem);
    return edits ? [{ title, edits }] : [];
  }
  const last = separate.map(([, b]) => b).sort((x, y) => x.end - y.end).pop()!;
  const type = modern.length || !legacy.length ? 'aws_vpc_security_group_ingress_rule' : 'aws_security_group_rule';
  const base = `${group.replace(/^[^.]*\./, '').replace(/\W+/g, '_')}_https`;
  let name = base;
  for (let i = 2; m.resourceBlocks.has(`${type}.${name}`); i++) name = `${base}${i}`;
  if (editsIn(m).isJson(last.start)) {
    const rule = type === 'aws_security_group_rule'
      ? { type: 'ingress', security_group_id: jsonValue(groupRef), from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: [jsonValue(source)] }
      : { security_group_id: jsonValue(groupRef), cidr_ipv4: jsonValue(source), from_port: 443, to_port: 443, ip_protocol: 'tcp' };
    const edits = editsIn(m).addJsonResource(last.start, type, name, rule);
    return edits ? [{ title, edits }] : [];
  }
  if (indentOf(m.text, last.start) !== '') return [];
  const body =
    type === 'aws_security_group_rule'
      ? ['  type              = "ingress"', `  security_group_id = ${groupRef}`, '  from_port         = 443', '  to_port           = 443', '  protocol          = "tcp"', `  cidr_blocks       = [${source}]`]
      : [`  security_group_id = ${groupRef}`, `  cidr_ipv4         = ${source}`, '  from_port         = 443', '  to_port           = 443', '  ip_protocol       = "tcp"'];
  const at = nextLineStart(m.text, last.end);
  const text = `\nresource "${type}" "${name}" {\n${body.join('\n')}\n}\n`;
  return [{ title, edits: [{ start: at, end: at, newText: m.text[at - 1] === '\n' ? text : `\n${text}` }] }];
};

/** The blocks of `type` whose `argument` refers to `address` (`aws_security_group.ep.id`), by address. */
function rulesFor(m: FixTarget, type: string, argument: string, address: string): [string, Block][] {
  const out: [string, Block][] = [];
  for (const [a, b] of m.resourceBlocks) {
    if (!a.startsWith(`${type}.`)) continue;
    const v = attr(b.body, argument);
    const names = v && traversalNames(v.value);
    if (names && names.slice(0, 2).join('.') === address.replace(/\[[^\]]*\]$/, '')) out.push([a, b]);
  }
  return out;
}

/**
 * VPCE5003 `{…, vpcDns}`: the flag's fix with the VPC's DNS arguments private DNS needs turned on in the
 * same change (private DNS alone, in a VPC without them, does not deploy: VPCE5001).
 */
export function withTfVpcDns(family: TfFamily): TfFamily {
  return (ctx) => {
    const fixes = family(ctx);
    const v = ctx.data.vpcDns as Record<string, unknown> | undefined;
    if (!v || typeof v !== 'object' || !fixes.length) return fixes;
    const [dns] = turnOnVpcDns({ ...ctx, data: v });
    return dns ? fixes.map((f) => ({ ...f, title: `${f.title} and ${dns.title.charAt(0).toLowerCase()}${dns.title.slice(1)}`, edits: [...f.edits, ...dns.edits] })) : [];
  };
}
