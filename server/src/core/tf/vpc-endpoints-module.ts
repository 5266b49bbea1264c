// The module most VPC endpoints are written with: terraform-aws-modules/vpc/aws//modules/vpc-endpoints.
// Its `endpoints = { key = { service, service_type, ... } }` map becomes one endpoint per entry, as the
// module's own main.tf makes them, with findings on the map's entries:
//   service_name       = service_endpoint as given (5.x and later), else data "aws_vpc_endpoint_service"
//                        (service → com.amazonaws.<region>.<service>, or service_name as given)
//   vpc_endpoint_type  = service_type, default "Interface" (the module's default, not the resource's)
//   security_group_ids = Interface: var.security_group_ids ++ entry's security_group_ids
//   subnet_ids         = Interface: var.subnet_ids ++ entry's subnet_ids
//   route_table_ids    = Gateway: entry's route_table_ids (other types: dropped by the module; kept here for VPCE2002)
//   policy, private_dns_enabled (Interface) = the entry's
//   ip_address_type, service_region, dns_options = the entry's (5.x and later)
// https://github.com/terraform-aws-modules/terraform-aws-vpc/blob/master/modules/vpc-endpoints/main.tf

import type { MapNode, Node, Pair } from '../document/tree.js';
import { attr, type Block, type Step } from './hcl-ast.js';
import { lower, type Scope } from './eval.js';
import { fn, pair, scalar, seq, unknownNode } from './nodes.js';
import type { ModuleDecls } from './module.js';
import { emptyPolicy, type Lowered } from './lower-resources.js';
import { moduleGroup } from './vpc-endpoints-module-sg.js';

export const VPC_ENDPOINTS_SOURCE = /^(registry\.terraform\.io\/)?terraform-aws-modules\/vpc\/aws\/\/modules\/vpc-endpoints$|^(git::)?(https:\/\/)?github\.com\/terraform-aws-modules\/terraform-aws-vpc(\.git)?\/\/modules\/vpc-endpoints(\?.*)?$/;

export function isVpcEndpointsModule(block: Block, decls: ModuleDecls): boolean {
  const source = attr(block.body, 'source');
  const v = source && lower(source.value, { decls });
  return v?.kind === 'scalar' && typeof v.value === 'string' && VPC_ENDPOINTS_SOURCE.test(v.value);
}

/** The module call's endpoints, lowered; registers its `endpoints` output for references to them. */
export function lowerVpcEndpointsModule(name: string, block: Block, decls: ModuleDecls): Lowered[] {
  const scope: Scope = { decls };
  const arg = (key: string) => {
    const a = attr(block.body, key);
    return a ? lower(a.value, scope) : undefined;
  };
  const create = arg('create');
  if (create?.kind === 'scalar' && create.value === false) return [];
  const endpoints = arg('endpoints');
  if (endpoints?.kind !== 'map' || isIntrinsic(endpoints)) return [];
  const prefix = `${decls.prefix}module.${name}.aws_vpc_endpoint.this`;
  const addresses = new Map<string, string>();
  const out: Lowered[] = [];
  const createGroup = arg('create_security_group');
  const group = createGroup?.kind === 'scalar' && createGroup.value === true ? moduleGroup(name, block, decls) : undefined;
  if (group) out.push(group);
  for (const entry of endpoints.pairs) {
    const key = String(entry.key.value);
    const v = entry.value;
    if (v?.kind !== 'map' || isIntrinsic(v)) continue;
    // The module reads each entry with lookup()/try(): an entry's null is its default, as if not given.
    const get = (k: string) => v.pairs.find((p) => p.key.value === k && !(p.value?.kind === 'scalar' && p.value.value === null));
    const created = get('create')?.value;
    if (created?.kind === 'scalar' && created.value === false) continue;
    const address = `${prefix}[${JSON.stringify(key)}]`;
    addresses.set(key, address);
    const at = entry.key;
    const props: Pair[] = [];
    const vpc = attr(block.body, 'vpc_id');
    if (vpc) props.push(pair('VpcId', vpc.nameAt, lower(vpc.value, scope)));
    const serviceName = get('service_name');
    const service = get('service');
    // 5.x and later: service_name = try(each.value.service_endpoint, data.aws_vpc_endpoint_service.this[each.key].service_name)
    const endpoint = get('service_endpoint');
    if (endpoint?.value) props.push(pair('ServiceName', endpoint.key, endpoint.value));
    else if (serviceName?.value) props.push(pair('ServiceName', serviceName.key, serviceName.value));
    else if (service?.value) props.push(pair('ServiceName', service.key, fn('Fn::Join', seq([scalar('', service.value), seq([scalar('com.amazonaws.', service.value), fn('Ref', scalar('AWS::Region', service.value, 'plain'), service.value), scalar('.', service.value), service.value], service.value)], service.value), service.value)));
    const typePair = get('service_type');
    const type = typePair?.value ?? scalar('Interface', at);
    props.push(pair('VpcEndpointType', typePair?.key ?? at, type));
    const typeText = type.kind === 'scalar' ? String(type.value) : undefined;
    const byType = (want: string, cfn: string, node: Node | undefined, keyAt: Pair['key']) => {
      if (!node) return;
      if (typeText === undefined) props.push(pair(cfn, keyAt, unknownNode(`${address}'s ${cfn} depends on its service_type, which is not known statically`, `${address}'s service_type`, keyAt)));
      else if (typeText === want) props.push(pair(cfn, keyAt, node));
      // The module drops an entry's route_table_ids unless its service_type is "Gateway" (its default is
      // "Interface"): an entry that lists route tables but is left to the default, the Gateway endpoint its
      // author meant, is never made. Kept, so VPCE2002 names the key the module ignores (and offers both
      // conversions); the model takes routes from Gateway endpoints only, so it adds no route.
      else if (cfn === 'RouteTableIds') props.push(pair(cfn, keyAt, node));
    };
    for (const [tf, cfn] of [['security_group_ids', 'SecurityGroupIds'], ['subnet_ids', 'SubnetIds']] as const) {
      const shared = arg(tf);
      const own = get(tf);
      // The module's own group joins every Interface endpoint's (local.security_group_ids).
      const moduleGroupRef = group ? [fn('Ref', scalar(group.address, block.typeAt, 'plain'), block.typeAt)] : [unknownNode(`whether the module creates its own security group is not known statically`, `module.${name}.create_security_group`, createGroup ?? block.typeAt)];
      const extra = tf === 'security_group_ids' && truthyOrUnknown(createGroup) ? moduleGroupRef : [];
      const items = [...listItems(shared, attr(block.body, tf)?.value ?? at), ...listItems(own?.value ?? undefined, own?.key ?? at), ...extra];
      if (shared || own || extra.length) byType('Interface', cfn, seq(items, own?.value ?? at), own?.key ?? at);
    }
    const tables = get('route_table_ids');
    if (tables?.value) byType('Gateway', 'RouteTableIds', tables.value, tables.key);
    const policy = get('policy');
    if (policy?.value && !emptyPolicy(policy.value)) props.push(pair('PolicyDocument', policy.key, policy.value));
    const dns = get('private_dns_enabled');
    if (dns?.value) byType('Interface', 'PrivateDnsEnabled', dns.value, dns.key);
    // Passed as the entry gives them since the module's 5.x: ip_address_type, service_region, and a
    // dns_options block (try([each.value.dns_options], [])). Some versions read dns_record_ip_type
    // from dns_options.dns_options (always null), so what it becomes depends on the version.
    for (const [tf, cfn] of [['ip_address_type', 'IpAddressType'], ['service_region', 'ServiceRegion']] as const) {
      const p = get(tf);
      if (p?.value) props.push(pair(cfn, p.key, p.value));
    }
    const options = get('dns_options');
    if (options?.value?.kind === 'map' && !isIntrinsic(options.value)) {
      const o = options.value;
      const inner: Pair[] = [];
      const only = o.pairs.find((p) => p.key.value === 'private_dns_only_for_inbound_resolver_endpoint');
      if (only?.value) inner.push(pair('PrivateDnsOnlyForInboundResolverEndpoint', only.key, only.value));
      const ipType = o.pairs.find((p) => p.key.value === 'dns_record_ip_type');
      if (ipType?.value) inner.push(pair('DnsRecordIpType', ipType.key, unknownNode(`whether ${address}'s dns_record_ip_type is passed depends on the module's version`, `module.${name}'s version`, ipType.key)));
      props.push(pair('DnsOptions', options.key, { ...o, pairs: inner }));
    } else if (options?.value) props.push(pair('DnsOptions', options.key, options.value));
    out.push({ address, type: 'AWS::EC2::VPCEndpoint', at, typeAt: at, props, tfType: 'aws_vpc_endpoint' });
  }
  decls.outputs.set(name, (steps: Step[], at, from) => {
    const [s0, s1, s2] = steps;
    if (!s0 || !('attr' in s0) || s0.attr !== 'endpoints' || !s1 || !('index' in s1) || !s2 || !('attr' in s2) || s2.attr !== 'id') return undefined;
    // The key is read where the reference is (module.endpoints.endpoints[each.key].id).
    const k = lower(s1.index, from ?? scope);
    const address = k.kind === 'scalar' ? addresses.get(String(k.value)) : undefined;
    return address ? fn('Ref', scalar(address, at, 'plain'), at) : undefined;
  });
  return out;
}

function isIntrinsic(n: MapNode): boolean {
  return n.pairs.length === 1 && /^(Ref|Fn::)/.test(String(n.pairs[0]!.key.value));
}

function truthyOrUnknown(n: Node | undefined): boolean {
  return n !== undefined && !(n.kind === 'scalar' && (n.value === false || n.value === null));
}

function listItems(n: Node | undefined, at: { start: number; end: number }): Node[] {
  if (!n) return [];
  if (n.kind === 'seq') return n.items;
  return [n.kind === 'map' && isIntrinsic(n) && n.pairs[0]!.key.value === 'Fn::Unknown' ? n : unknownNode('the list is not known statically', 'list', at)];
}
