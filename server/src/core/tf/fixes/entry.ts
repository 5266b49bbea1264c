// Where an endpoint's arguments are written: its `resource "aws_vpc_endpoint"` block, or its entry in
// the `endpoints = { key = { ... } }` map of a terraform-aws-modules/vpc `vpc-endpoints` module call.
// An entry's object is read as a block body (its keys as arguments) so the same layout edits serve both.
//
// The module's keys (modules/vpc-endpoints/main.tf, resource "aws_vpc_endpoint" "this"): service_type
// (default "Interface") is vpc_endpoint_type; route_table_ids (Gateway only), subnet_ids and
// security_group_ids (Interface only, after the module's own var.subnet_ids / var.security_group_ids),
// private_dns_enabled (Interface only) and policy are the resource's arguments of the same names.
// https://github.com/terraform-aws-modules/terraform-aws-vpc/blob/master/modules/vpc-endpoints/main.tf

import { attr, type Attribute, type Block, type Body, type Expr } from '../hcl-ast.js';
import { VPC_ENDPOINTS_SOURCE } from '../vpc-endpoints-module.js';
import type { FixTarget } from './target.js';

type ObjectExpr = Extract<Expr, { k: 'object' }>;

/** The entry keys the module reads, by the resource argument they set. */
const ENTRY_KEYS: Readonly<Record<string, string>> = {
  vpc_endpoint_type: 'service_type',
  service_name: 'service_name',
  route_table_ids: 'route_table_ids',
  subnet_ids: 'subnet_ids',
  security_group_ids: 'security_group_ids',
  private_dns_enabled: 'private_dns_enabled',
  policy: 'policy',
};

export interface EntryAt {
  /** The module call (`module "endpoints" { ... }`). */
  call: Block;
  key: string;
}

export interface EndpointAt {
  /** The resource block, or the entry's object as a block whose arguments are its keys. */
  block: Block;
  entry?: EntryAt;
  /** The name this form writes a resource argument as; undefined where it has none (the module sets it). */
  arg(tf: string): string | undefined;
}

const ENTRY_ADDRESS = /^module\.([A-Za-z_][\w-]*)\.aws_vpc_endpoint\.this\[("(?:[^"\\]|\\.)*")\]$/;

/** The entry an address names (`module.endpoints.aws_vpc_endpoint.this["s3"]`): call name and key. */
export function entryAddress(address: unknown): { call: string; key: string } | undefined {
  const hit = typeof address === 'string' ? ENTRY_ADDRESS.exec(address) : null;
  if (!hit) return undefined;
  try {
    return { call: hit[1]!, key: JSON.parse(hit[2]!) as string };
  } catch {
    return undefined;
  }
}

/** The endpoint `address` is written as in this module (a resource, or a vpc-endpoints module entry). */
export function endpointAt(m: FixTarget, address: unknown): EndpointAt | undefined {
  if (typeof address !== 'string') return undefined;
  if (!address.startsWith('module.')) {
    const block = m.blockOf(address.replace(/\[[^\]]*\]$/, ''));
    return block && { block, arg: (tf) => tf };
  }
  const at = entryAddress(address);
  const call = at && m.calls?.get(at.call);
  const block = call && at && entryBlock(call, at.key);
  return block && at && call ? { block, entry: { call, key: at.key }, arg: (tf) => ENTRY_KEYS[tf] } : undefined;
}

/** The block of `address` in a body parsed again (a fix's later step): a resource or an entry. */
export function blockIn(body: Body, address: string): Block | undefined {
  const call = /^module\.([A-Za-z_][\w-]*)$/.exec(address)?.[1];
  if (call) return body.blocks.find((b) => b.type === 'module' && b.labels[0]?.value === call);
  const at = entryAddress(address);
  if (at) {
    const call = body.blocks.find((b) => b.type === 'module' && b.labels[0]?.value === at.call);
    return call && entryBlock(call, at.key);
  }
  const [type, name] = address.replace(/\[[^\]]*\]$/, '').split('.');
  return body.blocks.find((b) => b.type === 'resource' && b.labels[0]?.value === type && b.labels[1]?.value === name);
}

/** The entry `key` of a vpc-endpoints module call's literal `endpoints` map, as a block. */
function entryBlock(call: Block, key: string): Block | undefined {
  const source = attr(call.body, 'source')?.value;
  if (source?.k !== 'literal' || typeof source.value !== 'string' || !VPC_ENDPOINTS_SOURCE.test(source.value)) return undefined;
  const map = attr(call.body, 'endpoints')?.value;
  if (map?.k !== 'object') return undefined;
  const item = map.items.find((i) => i.name === key);
  if (item?.value.k !== 'object') return undefined;
  return objectBlock(item.value, item.start, item.key.end);
}

/**
 * An object expression read as a block: its items as arguments. `start` is where the block's line
 * begins its text (the entry's key, so that its indent is the line's), `typeEnd` where its `{` is
 * searched from.
 */
export function objectBlock(obj: ObjectExpr, start = obj.start, typeEnd = obj.start): Block {
  const attributes: Attribute[] = obj.items.map((i) => ({ name: i.name ?? '', nameAt: { start: i.key.start, end: i.key.end }, value: i.value, start: i.start, end: i.end }));
  return { type: '', typeAt: { start, end: typeEnd }, labels: [], body: { attributes, blocks: [] }, start, end: obj.end };
}

/** The module call's own argument (shared by every entry): `subnet_ids`, `security_group_ids`, `create_security_group`. */
export function callArg(at: EndpointAt, name: string): Attribute | undefined {
  return at.entry && attr(at.entry.call.body, name);
}

/** The argument that names the service: `service_name`, or a module entry's `service_endpoint` (which wins), `service_name` or `service`. */
export function serviceArg(at: EndpointAt): Attribute | undefined {
  if (at.entry) return attr(at.block.body, 'service_endpoint') ?? attr(at.block.body, 'service_name') ?? attr(at.block.body, 'service');
  return attr(at.block.body, 'service_name');
}
