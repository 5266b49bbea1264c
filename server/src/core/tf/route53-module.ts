// terraform-aws-modules' Route 53 modules: the records they make (and the private zone the 6.x layout
// makes with them), lowered as aws_route53_record / aws_route53_zone are (lower-records.ts), so that a
// record aliasing or CNAMEing an interface endpoint's DNS name sends the trace through that endpoint.
// Findings and hops are on the module's entries. The layouts, as each module's main.tf makes them:
//
// - `//modules/records` (1.x–5.x): `records = [{ name, type, alias = { name, zone_id }, records, ttl,
//   full_name_override, set_identifier, key }]` in the zone `zone_id` (or `zone_name`, `private_zone`) names,
//   looked up with data "aws_route53_zone"; record name "${name}.${zone}", the zone itself for "",
//   `name` as written with full_name_override; for_each key `key`, else "${name} ${type}" (+ " ${set_identifier}").
//   https://registry.terraform.io/modules/terraform-aws-modules/route53/aws/latest/submodules/records
//   https://github.com/terraform-aws-modules/terraform-aws-route53/blob/v5.0.0/modules/records/main.tf
// - 6.x (`//modules/zone`, then the root module): the module makes the zone (`name`, VPCs from
//   `vpc = { k = { vpc_id, vpc_region } }`, private when given; the root module looks an existing zone up
//   instead when `create_zone = false`) and `records = { key = { name, full_name, type, alias, records } }`
//   in it: "${name}.${zone}" when name is set, else full_name as written, else "${key}.${zone}" (the root
//   module takes full_name before name).
//   https://github.com/terraform-aws-modules/terraform-aws-route53/releases/tag/v6.0.0
//   https://github.com/terraform-aws-modules/terraform-aws-route53/blob/master/main.tf
// A zone the configuration does not make (looked up by name, another module's output) is not tied to a
// record: the zone's answer stays unknown, never guessed.

import type { MapNode, Node, Pair } from '../document/tree.js';
import { attr, type Block, type Expr, type Located } from './hcl-ast.js';
import { lower, type Scope } from './eval.js';
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';
import type { ModuleDecls } from './module.js';
import type { Lowered } from './lower-resources.js';
import { dnsValue, dnsValues } from './lower-records.js';
import { NAME_IN_ZONE, NAME_PREFIXES_ZONE } from '../cfn/network-zones.js';

const REGISTRY = /^(registry\.terraform\.io\/)?terraform-aws-modules\/route53\/aws(\/\/modules\/(records|zone))?$/;
const GITHUB = /^(git::)?(https:\/\/)?github\.com\/terraform-aws-modules\/terraform-aws-route53(\.git)?(\/\/modules\/(records|zone))?(\?.*)?$/;

export type Route53Layout = 'records' | 'zone' | 'root';

/** Which of the module's layouts a call uses, if it calls one whose records are read. */
export function route53Layout(block: Block, decls: ModuleDecls): Route53Layout | undefined {
  const source = attr(block.body, 'source');
  const v = source && lower(source.value, { decls });
  if (v?.kind !== 'scalar' || typeof v.value !== 'string') return undefined;
  const m = REGISTRY.exec(v.value) ?? GITHUB.exec(v.value);
  if (!m) return undefined;
  const sub = m[3] ?? m[5];
  // Before 6.0 the root module made nothing: only a call with the 6.x arguments makes a zone.
  if (!sub) return attr(block.body, 'records') || attr(block.body, 'vpc') ? 'root' : undefined;
  return sub === 'records' ? 'records' : 'zone';
}

/** Lowers a call of one of the modules into `into`; false when the call is not one that is read. */
export function lowerRegistryRoute53(name: string, block: Block, decls: ModuleDecls, into: Lowered[]): boolean {
  const layout = route53Layout(block, decls);
  const out = layout && lowerRoute53Module(name, block, decls, layout);
  if (!out) return false;
  into.push(...out);
  return true;
}

/** A value of an entry: written (its expression, read as the record resources read theirs) or evaluated. */
type Val = { expr: Expr; scope: Scope; at: Located } | { node: Node; at: Located };

interface Entry {
  key: string | undefined;
  keyAt: Located;
  get(name: string): Val | undefined;
}

/** The module call's records (and 6.x zone), lowered; undefined when the call is not read (count, for_each). */
export function lowerRoute53Module(name: string, block: Block, decls: ModuleDecls, layout: Route53Layout): Lowered[] | undefined {
  // One instance per key or index is not expanded: the call stays opaque, as other registry modules are.
  if (attr(block.body, 'count') || attr(block.body, 'for_each')) return undefined;
  const scope: Scope = { decls };
  const arg = (key: string) => {
    const a = attr(block.body, key);
    return a ? lower(a.value, scope) : undefined;
  };
  const off = (n: Node | undefined) => n?.kind === 'scalar' && n.value === false;
  if (off(arg('create'))) return [];
  const base = `${decls.prefix}module.${name}`;
  const out: Lowered[] = [];
  let zoneId: Node | undefined;
  if (layout === 'records') {
    const id = attr(block.body, 'zone_id');
    if (!id && !attr(block.body, 'zone_name')) return [];
    zoneId = id ? lower(id.value, scope) : unknownNode(`module.${name}'s zone is looked up by zone_name when applied`, `module.${name}.zone_name`, block.typeAt);
  } else if (layout === 'zone' || !off(arg('create_zone'))) {
    const zone = lowerZone(base, block, scope);
    if (zone) out.push(zone);
    zoneId = zone ? fn('Ref', scalar(zone.address, block.typeAt, 'plain'), block.typeAt) : undefined;
  }
  const records = attr(block.body, 'records');
  if (!records || !zoneId) return out;
  entries(records.value, scope).forEach((e, i) => {
    const rec = lowerRecord(e, i, layout, zoneId, scope);
    if (rec) out.push({ ...rec, address: `${base}.aws_route53_record.this[${JSON.stringify(rec.address)}]` });
  });
  return out;
}

/** The 6.x module's zone: `name`, and VPCs from `vpc` (none: a public zone, which no VPC's resolver reads). */
function lowerZone(base: string, block: Block, scope: Scope): Lowered | undefined {
  const vpc = attr(block.body, 'vpc');
  const v = vpc && lower(vpc.value, scope);
  if (!vpc || !v || (v.kind === 'scalar' && v.value === null)) return undefined;
  let vpcs: Node;
  if (v.kind === 'map' && !isIntrinsic(v)) {
    const items = v.pairs.map((p) => {
      const id = p.value?.kind === 'map' ? p.value.pairs.find((q) => q.key.value === 'vpc_id') : undefined;
      return map(id?.value ? [pair('VPCId', id.key, id.value)] : [], p.value ?? p.key);
    });
    if (!items.length) return undefined;
    vpcs = seq(items, vpc.value);
  } else vpcs = v;
  const nameAttr = attr(block.body, 'name');
  const props: Pair[] = [pair('Name', nameAttr?.nameAt ?? block.typeAt, nameAttr ? lower(nameAttr.value, scope) : scalar('', block.typeAt)), pair('VPCs', vpc.nameAt, vpcs)];
  const header = { start: block.start, end: block.labels[block.labels.length - 1]?.end ?? block.typeAt.end };
  return { address: `${base}.aws_route53_zone.this[0]`, type: 'AWS::Route53::HostedZone', at: header, typeAt: block.typeAt, props, tfType: 'aws_route53_zone' };
}

/** One record entry as AWS::Route53::RecordSet; its address is its for_each key (the caller completes it). */
function lowerRecord(e: Entry, index: number, layout: Route53Layout, zoneId: Node, scope: Scope): Lowered | undefined {
  const value = (v: Val | undefined): Node | undefined => v && ('node' in v ? v.node : lower(v.expr, v.scope));
  const text = (v: Val | undefined): string | undefined => {
    const n = value(v);
    return n?.kind === 'scalar' && n.value !== null ? String(n.value) : undefined;
  };
  const nameV = e.get('name');
  const typeV = e.get('type');
  const props: Pair[] = [pair('HostedZoneId', e.keyAt, zoneId)];
  if (typeV) props.push(pair('Type', typeV.at, value(typeV)!));
  const nameProps = recordName(e, layout, nameV, value, text);
  props.push(...nameProps);
  const records = e.get('records');
  if (records) props.push(pair('ResourceRecords', records.at, 'node' in records ? records.node : dnsValues(records.expr, records.scope)));
  const alias = e.get('alias');
  const aliasFields = alias && fieldsOf(alias, scope);
  const target = aliasFields?.get('name');
  if (alias && aliasFields && target) {
    const zone = aliasFields.get('zone_id');
    props.push(pair('AliasTarget', alias.at, map([pair('DNSName', target.at, 'node' in target ? target.node : dnsValue(target.expr, target.scope)), ...(zone ? [pair('HostedZoneId', zone.at, value(zone)!)] : [])], alias.at)));
  }
  // The module's for_each key: the map's key (6.x), or the entry's `key`, else "${name} ${type}" with the set identifier (records).
  const set = text(e.get('set_identifier'));
  const listKey = text(e.get('key')) ?? (text(nameV) !== undefined && text(typeV) !== undefined ? [`${text(nameV)} ${text(typeV)}`, set].filter(Boolean).join(' ') : String(index));
  const key = layout === 'records' ? listKey : (e.key ?? String(index));
  return { address: key, type: 'AWS::Route53::RecordSet', at: e.keyAt, typeAt: e.keyAt, props, tfType: 'aws_route53_record' };
}

/** The record's Name and how the zone's name completes it (network-zones.ts), as each layout writes it. */
function recordName(e: Entry, layout: Route53Layout, nameV: Val | undefined, value: (v: Val | undefined) => Node | undefined, text: (v: Val | undefined) => string | undefined): Pair[] {
  const asWritten = (v: Val) => [pair('Name', v.at, value(v)!), pair(NAME_IN_ZONE, v.at, scalar(true, v.at, 'plain'))];
  const prefixed = (n: Node, at: Located) => [pair('Name', at, n), pair(NAME_IN_ZONE, at, scalar(NAME_PREFIXES_ZONE, at, 'plain'))];
  const full = e.get('full_name');
  if (layout === 'records') {
    if (!nameV) return [];
    const override = value(e.get('full_name_override'));
    if (override && !(override.kind === 'scalar' && (override.value === true || override.value === false || override.value === null))) return [pair('Name', nameV.at, unknownNode('whether the name is completed with the zone\'s depends on full_name_override, which is not known statically', 'full_name_override', nameV.at))];
    // "" is the zone's own name; full_name_override keeps the name as written (the provider completes it).
    return text(nameV) === '' || (override?.kind === 'scalar' && override.value === true) ? asWritten(nameV) : prefixed(value(nameV)!, nameV.at);
  }
  if (layout === 'root' && full && value(full)?.kind !== 'scalar') return [pair('Name', full.at, value(full)!)];
  if (layout === 'root' && full && text(full) !== undefined) return asWritten(full);
  if (nameV && text(nameV) !== undefined) return prefixed(value(nameV)!, nameV.at);
  if (nameV) return [pair('Name', nameV.at, value(nameV)!)];
  if (full) return asWritten(full);
  return e.key === undefined ? [] : prefixed(scalar(e.key, e.keyAt), e.keyAt);
}

/** The entries of `records`: a list (records) or a map (6.x), written out (a local's too) or evaluated. */
function entries(e: Expr, scope: Scope): Entry[] {
  const written = e.k === 'traversal' && e.root === 'local' && e.steps.length === 1 && 'attr' in e.steps[0]! ? (scope.decls.locals.get(e.steps[0].attr) ?? e) : e;
  if (written.k === 'tuple') return written.items.map((i) => entryOf(undefined, i, i, scope));
  if (written.k === 'object') {
    return written.items.map((i) => {
      const k = i.name ?? (() => { const n = lower(i.key, scope); return n.kind === 'scalar' && n.value !== null ? String(n.value) : undefined; })();
      return entryOf(k, i.key, i.value, scope);
    });
  }
  const n = lower(e, scope);
  if (n.kind === 'seq') return n.items.map((item) => nodeEntry(undefined, item, item));
  if (n.kind === 'map' && !isIntrinsic(n)) return n.pairs.map((p) => nodeEntry(String(p.key.value), p.key, p.value));
  return [];
}

function entryOf(key: string | undefined, keyAt: Located, v: Expr, scope: Scope): Entry {
  if (v.k !== 'object') return nodeEntry(key, keyAt, lower(v, scope));
  const at = key === undefined ? (v.items.find((i) => i.name === 'name')?.key ?? v) : keyAt;
  return { key, keyAt: { start: at.start, end: at.end }, get: (name) => writtenField(v, name, scope) };
}

function writtenField(o: Extract<Expr, { k: 'object' }>, name: string, scope: Scope): Val | undefined {
  const i = o.items.find((x) => x.name === name);
  // A null argument is as if unset (the module's optional() and lookup() read it so).
  return i && !(i.value.k === 'literal' && i.value.value === null) ? { expr: i.value, scope, at: i.key } : undefined;
}

function nodeEntry(key: string | undefined, keyAt: Located, v: Node | null | undefined): Entry {
  const m = v?.kind === 'map' && !isIntrinsic(v) ? v : undefined;
  return { key, keyAt: { start: keyAt.start, end: keyAt.end }, get: (name) => m && nodeField(m, name) };
}

function nodeField(m: MapNode, name: string): Val | undefined {
  const p = m.pairs.find((x) => x.key.value === name);
  return p?.value && !(p.value.kind === 'scalar' && p.value.value === null) ? { node: p.value, at: p.key } : undefined;
}

/** An alias object's fields, written or evaluated. */
function fieldsOf(v: Val, scope: Scope): { get(name: string): Val | undefined } | undefined {
  if ('expr' in v) {
    if (v.expr.k === 'object') { const o = v.expr; return { get: (n) => writtenField(o, n, v.scope) }; }
    return fieldsOf({ node: lower(v.expr, scope), at: v.at }, scope);
  }
  const m = v.node.kind === 'map' && !isIntrinsic(v.node) ? v.node : undefined;
  return m && { get: (n) => nodeField(m, n) };
}

function isIntrinsic(n: MapNode): boolean {
  return n.pairs.length === 1 && /^(Ref|Fn::)/.test(String(n.pairs[0]!.key.value));
}
