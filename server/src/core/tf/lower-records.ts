// `aws_route53_record`: a record of a private hosted zone the configuration makes (its name, and the
// interface endpoint whose DNS name it gives), lowered as CloudFormation's AWS::Route53::RecordSet so
// that cfn/network-zones.ts reads both formats. An endpoint's DNS name is written in Terraform as
// `aws_vpc_endpoint.x.dns_entry[0].dns_name` (a value AWS gives at apply); it is lowered as the
// `Fn::GetAtt [x, DnsEntries]` CloudFormation writes, which names the endpoint and nothing more.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_record

import type { Node } from '../document/tree.js';
import type { Expr } from './hcl-ast.js';
import { lower, type Scope } from './eval.js';
import { fn, map, pair, scalar, seq } from './nodes.js';
import { props } from './lower-resources.js';
import { NAME_IN_ZONE } from '../cfn/network-zones.js';
import type { Lowerer } from './lower.js';

export const route53Record: Lowerer = (f, address, scope, emit) => {
  const out = props(f, { zone_id: 'HostedZoneId', name: 'Name', type: 'Type' }, scope);
  // The provider adds the zone's name to a name that does not end with it ("www" → www.<zone>).
  const name = f.get('name');
  if (name) out.push(pair(NAME_IN_ZONE, name.nameAt, scalar(true, name.nameAt, 'plain')));
  const records = f.get('records');
  if (records) out.push(pair('ResourceRecords', records.nameAt, dnsValues(records.value, f.scope ?? scope)));
  const alias = f.nested('alias', scope);
  const a = Array.isArray(alias) ? alias[0] : undefined;
  const target = a?.get('name');
  if (a && target) out.push(pair('AliasTarget', a.typeAt, map([pair('DNSName', target.nameAt, dnsValue(target.value, a.scope ?? scope)), ...props(a, { zone_id: 'HostedZoneId' }, scope)], a.at)));
  emit({ address, type: 'AWS::Route53::RecordSet', at: f.at, typeAt: f.typeAt, props: out, tfType: '' });
};

/** `records = [...]`: each written element read as dnsValue; any other list as it evaluates. */
export function dnsValues(e: Expr, scope: Scope): Node {
  if (e.k === 'tuple') return seq(e.items.map((i) => dnsValue(i, scope)), e);
  return lower(e, scope);
}

/**
 * `<endpoint>.dns_entry[…]…`: the endpoint's DNS name as `Fn::GetAtt [address, DnsEntries]`, where the
 * part before `dns_entry` names an endpoint the configuration makes (`aws_vpc_endpoint.x[each.key]`,
 * `each.value` of a for_each over the endpoints, a vpc-endpoints module's `endpoints["ssm"]`): its `.id`
 * evaluates to that endpoint's address. Any other value is lowered as it is.
 */
export function dnsValue(e: Expr, scope: Scope): Node {
  const inner = e.k === 'template' && !e.heredoc && e.parts.length === 1 && 'expr' in e.parts[0]! ? e.parts[0].expr : e;
  const at = inner.k === 'traversal' ? inner.steps.findIndex((s) => 'attr' in s && s.attr === 'dns_entry') : -1;
  if (inner.k !== 'traversal' || at < 0) return lower(e, scope);
  const step = inner.steps[at]!;
  const id: Expr = { ...inner, end: step.end, steps: [...inner.steps.slice(0, at), { attr: 'id', start: step.start, end: step.end }] };
  const ref = lower(id, scope);
  const target = ref.kind === 'map' && ref.pairs.length === 1 && ref.pairs[0]!.key.value === 'Ref' && ref.pairs[0]!.value?.kind === 'scalar' ? String(ref.pairs[0]!.value.value) : undefined;
  if (!target) return lower(e, scope);
  return fn('Fn::GetAtt', seq([scalar(target, inner, 'plain'), scalar('DnsEntries', step, 'plain')], e), e);
}

