// The Terraform adapter's entry point: a module's files → the engine's inputs (a located tree of
// CloudFormation-shaped resources whose nodes point at the HCL), so every rule, the network model, the
// trace and the matrix read Terraform unchanged. Unknown values are `Fn::Unknown` nodes naming the
// expression that decides them.

import { existenceCondition } from '../model/condition-words.js';
import type { MapNode, Node, Pair } from '../document/tree.js';
import type { SyntaxProblem } from '../document/parse.js';
import { attr, type Block, type Expr, type Located } from './hcl-ast.js';
import { lower, textOf, type Scope } from './eval.js';
import { DEFAULT_REGION, ENDPOINT_REGION, OPEN_DEFAULT_REGION, PROVIDER_ALIAS } from '../rules/region-in-service-name.js';
import { defaultRegion, openDefaultRegion, regionOf } from './providers.js';
import { withInlineConflicts } from './inline-conflicts.js';
import { declsOf, instanceAddress, MODELLED, type FileSpan, type ModuleDecls, type TfFile } from './module.js';
import { isLocalVpcEndpoints, loadTree, lowerLocalCall, type CallContext, type ModuleFolders, type ModuleNotice } from './local-modules.js';
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';
import { isVpcEndpointsModule, lowerVpcEndpointsModule } from './vpc-endpoints-module.js';
import { ZONE_ASSOCIATION } from '../cfn/network-zones.js';
import { route53Record } from './lower-records.js';
import { lowerRegistryRoute53 } from './route53-module.js';
import { awsMajorOfFolder, type AwsProviderMajor } from './provider-version.js';
import { defaultGroupLowerer, defaultLowerers, defaultParts } from './lower-defaults.js';
import { importedAddresses, importedParts } from './imports.js';
import { WORKLOAD_LOWERERS, WORKLOAD_TYPES } from './lower-workloads.js';
import { PREFIX_LIST_LOWERERS, PREFIX_LIST_TYPES } from './lower-prefix-lists.js';
import { DNS_REDIRECT_LOWERERS, DNS_REDIRECT_TYPES } from './lower-dns-redirects.js';
import { attachmentLowerers } from './interface-attachments.js';
import { keepDefaultGroup } from './endpoint-default-group.js';
import { blockFields, CFN, emptyPolicy, enabled, nestedRules, notKnown, ruleList, props, ref, ROUTE_TARGETS, sgRules, type Fields, type Lowered } from './lower-resources.js';

export interface LoweredModule {
  /** The module's files joined: every offset below is into this text. */
  text: string;
  files: FileSpan[];
  /** `{ Resources: { <address>: { Type, Properties } } }`, read by cfn/template.ts. */
  root: MapNode;
  problems: SyntaxProblem[];
  /** Module calls that could not be followed (a missing folder, a cycle, too deep), on their `source`. */
  notices: ModuleNotice[];
  /** The root module's calls, by name (a face places what happens inside a module on its call). */
  calls: Map<string, Block>;
  /** Each lowered resource's address → its Terraform type. */
  tfTypes: Map<string, string>;
  /** The resource block an address (without its last instance key) was written as. */
  blockOf(address: string): Block | undefined;
  /** The data block an address (`data.aws_region.current`) was written as. */
  dataOf(address: string): Block | undefined;
  /** Every resource block by address, the ones merged into others (associations, rules) too. */
  resourceBlocks: ReadonlyMap<string, Block>;
  /** The root module's variables files' values by variable name (a finding in one is shown where it is read). */
  tfvars: ReadonlyMap<string, Located>;
  /** The AWS provider's major version, as far as the root module's required_providers says (provider-version.ts). */
  awsProvider: AwsProviderMajor;
}

export type Emit = (l: Lowered) => void;

/** The type a module call the adapter does not read is lowered as (only its inputs: Parameters). */
export const OPAQUE_MODULE = 'Terraform::Module';
/** `resource`: the endpoint's resource address when its instance is not known (`aws_vpc_endpoint.x[each.key]`). */
export type Merge = (endpoint: Node, key: string, item: Node, at: Located, resource?: string, replacesDefault?: Node) => void;
export type Lowerer = (f: Fields, address: string, scope: Scope, emit: Emit, merge: Merge) => void;


const VPC_IPV6 = { assign_generated_ipv6_cidr_block: 'AmazonProvidedIpv6CidrBlock', ipv6_cidr_block: 'Ipv6CidrBlock', ipv6_ipam_pool_id: 'Ipv6IpamPoolId' };

const ENDPOINT_SPEC = { vpc_id: 'VpcId', service_name: 'ServiceName', vpc_endpoint_type: 'VpcEndpointType', private_dns_enabled: 'PrivateDnsEnabled', route_table_ids: 'RouteTableIds', subnet_ids: 'SubnetIds', security_group_ids: 'SecurityGroupIds', policy: 'PolicyDocument', ip_address_type: 'IpAddressType', service_region: 'ServiceRegion' };

export const LOWERERS: Record<string, Lowerer> = {
  aws_vpc: (f, address, scope, emit) => {
    emit({ address, type: 'AWS::EC2::VPC', at: f.at, typeAt: f.typeAt, props: props(f, { cidr_block: 'CidrBlock', enable_dns_support: 'EnableDnsSupport', enable_dns_hostnames: 'EnableDnsHostnames', ipv4_ipam_pool_id: 'Ipv4IpamPoolId' }, scope), tfType: '' });
    // The VPC's IPv6 block, as CloudFormation writes it: an AWS::EC2::VPCCidrBlock of the VPC (cfn/vpc-ipv6.ts).
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc
    const v6 = props(f, VPC_IPV6, scope);
    if (v6.length) emit({ address: `${address}.ipv6`, type: 'AWS::EC2::VPCCidrBlock', at: f.at, typeAt: f.typeAt, props: [pair('VpcId', f.typeAt, ref(address, f.typeAt)), ...v6], tfType: '' });
  },
  aws_subnet: CFN('AWS::EC2::Subnet', { vpc_id: 'VpcId', cidr_block: 'CidrBlock', availability_zone: 'AvailabilityZone', availability_zone_id: 'AvailabilityZoneId', map_public_ip_on_launch: 'MapPublicIpOnLaunch', ipv6_cidr_block: 'Ipv6CidrBlock', ipv6_native: 'Ipv6Native', enable_dns64: 'EnableDns64', assign_ipv6_address_on_creation: 'AssignIpv6AddressOnCreation' }),
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_ipv6_cidr_block_association
  aws_vpc_ipv6_cidr_block_association: CFN('AWS::EC2::VPCCidrBlock', { vpc_id: 'VpcId', ...VPC_IPV6, ipv6_pool: 'Ipv6Pool' }),
  // A secondary IPv4 block: the VPC's addresses are no longer its one cidr_block (the model's moreCidrs).
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_ipv4_cidr_block_association
  aws_vpc_ipv4_cidr_block_association: CFN('AWS::EC2::VPCCidrBlock', { vpc_id: 'VpcId', cidr_block: 'CidrBlock', ipv4_ipam_pool_id: 'Ipv4IpamPoolId' }),
  aws_route_table: (f, address, scope, emit) => {
    emit({ address, type: 'AWS::EC2::RouteTable', at: f.at, typeAt: f.typeAt, props: props(f, { vpc_id: 'VpcId' }, scope), tfType: '' });
    const routes = f.nested('route', scope);
    if (!Array.isArray(routes)) return emit({ address: `${address}.route`, type: 'AWS::EC2::Route', at: f.typeAt, typeAt: f.typeAt, props: [pair('RouteTableId', f.typeAt, ref(address, f.typeAt)), pair('DestinationCidrBlock', f.typeAt, notKnown(routes, f.typeAt)), pair('GatewayId', f.typeAt, notKnown(routes, f.typeAt))], tfType: '' });
    routes.forEach((r, i) => emit({ address: `${address}.route[${i}]`, type: 'AWS::EC2::Route', at: r.at, typeAt: r.typeAt, props: [pair('RouteTableId', r.typeAt, ref(address, r.typeAt)), ...props(r, { cidr_block: 'DestinationCidrBlock', ipv6_cidr_block: 'DestinationIpv6CidrBlock', destination_prefix_list_id: 'DestinationPrefixListId', ...ROUTE_TARGETS }, scope)], tfType: '' }));
  },
  aws_route: CFN('AWS::EC2::Route', { route_table_id: 'RouteTableId', destination_cidr_block: 'DestinationCidrBlock', destination_ipv6_cidr_block: 'DestinationIpv6CidrBlock', destination_prefix_list_id: 'DestinationPrefixListId', ...ROUTE_TARGETS }),
  aws_route_table_association: (f, address, scope, emit) => {
    if (f.get('gateway_id')) return;
    emit({ address, type: 'AWS::EC2::SubnetRouteTableAssociation', at: f.at, typeAt: f.typeAt, props: props(f, { subnet_id: 'SubnetId', route_table_id: 'RouteTableId' }, scope), tfType: '' });
  },
  aws_internet_gateway: (f, address, scope, emit) => {
    emit({ address, type: 'AWS::EC2::InternetGateway', at: f.at, typeAt: f.typeAt, props: [], tfType: '' });
    const vpc = f.get('vpc_id');
    if (vpc) emit({ address: `${address}.attachment`, type: 'AWS::EC2::VPCGatewayAttachment', at: f.at, typeAt: f.typeAt, props: [pair('VpcId', vpc.nameAt, lower(vpc.value, scope)), pair('InternetGatewayId', f.typeAt, ref(address, f.typeAt))], tfType: '' });
  },
  aws_internet_gateway_attachment: CFN('AWS::EC2::VPCGatewayAttachment', { vpc_id: 'VpcId', internet_gateway_id: 'InternetGatewayId' }),
  aws_egress_only_internet_gateway: CFN('AWS::EC2::EgressOnlyInternetGateway', { vpc_id: 'VpcId' }),
  // availability_mode = "regional" with vpc_id (AWS provider 6.x): in no subnet, as AvailabilityMode in CloudFormation.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/nat_gateway
  aws_nat_gateway: CFN('AWS::EC2::NatGateway', { subnet_id: 'SubnetId', connectivity_type: 'ConnectivityType', availability_mode: 'AvailabilityMode', vpc_id: 'VpcId' }),
  aws_vpc_endpoint: CFN('AWS::EC2::VPCEndpoint', ENDPOINT_SPEC, (f, _a, scope) => {
    // `provider = aws.<alias>`, or the resource's own `region` (AWS provider 6): the endpoint's region is
    // that one, not the configuration's (the region rules stay silent).
    const provider = f.get('region') ?? f.get('provider');
    const aliased = provider ? [pair(PROVIDER_ALIAS, provider.nameAt, scalar(textOf(scope, provider.value), provider.value))] : [];
    const dns = f.nested('dns_options', scope);
    if (!Array.isArray(dns) || !dns[0]) return aliased;
    // The Lattice preference and domains (ServiceNetwork and Resource endpoints) since AWS provider 6.28.0:
    // https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md (#45679)
    return [...aliased, pair('DnsOptions', dns[0].typeAt, map(props(dns[0], { dns_record_ip_type: 'DnsRecordIpType', private_dns_only_for_inbound_resolver_endpoint: 'PrivateDnsOnlyForInboundResolverEndpoint', private_dns_preference: 'PrivateDnsPreference', private_dns_specified_domains: 'PrivateDnsSpecifiedDomains' }, scope), dns[0].at))];
  }),
  aws_vpc_endpoint_route_table_association: mergeInto('RouteTableIds', 'route_table_id'),
  aws_vpc_endpoint_subnet_association: mergeInto('SubnetIds', 'subnet_id'),
  aws_vpc_endpoint_security_group_association: mergeInto('SecurityGroupIds', 'security_group_id', 'replace_default_association'),
  aws_vpc_endpoint_policy: mergeInto('PolicyDocument', 'policy'),
  // Private DNS turned on or off after the endpoint is created: the endpoint's PrivateDnsEnabled is this value.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_private_dns
  aws_vpc_endpoint_private_dns: mergeInto('PrivateDnsEnabled', 'private_dns_enabled'),
  aws_vpc_endpoint_service: (f, address, scope, emit) => {
    emit({ address, type: 'AWS::EC2::VPCEndpointService', at: f.at, typeAt: f.typeAt, props: props(f, { acceptance_required: 'AcceptanceRequired', network_load_balancer_arns: 'NetworkLoadBalancerArns', gateway_load_balancer_arns: 'GatewayLoadBalancerArns', supported_ip_address_types: 'SupportedIpAddressTypes' }, scope), tfType: '' });
    const p = f.get('allowed_principals');
    if (p) emit({ address: `${address}.allowed_principals`, type: 'AWS::EC2::VPCEndpointServicePermissions', at: f.at, typeAt: f.typeAt, props: [pair('ServiceId', f.typeAt, ref(address, f.typeAt)), pair('AllowedPrincipals', p.nameAt, lower(p.value, scope))], tfType: '' });
  },
  aws_vpc_endpoint_service_allowed_principal: (f, address, scope, emit) => {
    const p = f.get('principal_arn');
    emit({ address, type: 'AWS::EC2::VPCEndpointServicePermissions', at: f.at, typeAt: f.typeAt, props: [...props(f, { vpc_endpoint_service_id: 'ServiceId' }, scope), ...(p ? [pair('AllowedPrincipals', p.nameAt, seq([lower(p.value, scope)], p.value))] : [])], tfType: '' });
  },
  aws_security_group: (f, address, scope, emit) => {
    const self = ref(address, f.typeAt);
    const ingress = nestedRules(f, 'ingress', scope, self);
    // Terraform removes the allow-all egress rule AWS adds to a new group: no egress block, no egress.
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
    const egress = nestedRules(f, 'egress', scope, self);
    emit({ address, type: 'AWS::EC2::SecurityGroup', at: f.at, typeAt: f.typeAt, props: [...props(f, { vpc_id: 'VpcId' }, scope), pair('SecurityGroupIngress', ingress.keyAt, ruleList(ingress)), pair('SecurityGroupEgress', egress.keyAt, ruleList(egress))], tfType: '' });
  },
  aws_security_group_rule: (f, address, scope, emit) => {
    const type = f.get('type');
    const t = type && lower(type.value, scope);
    if (t?.kind !== 'scalar' || (t.value !== 'ingress' && t.value !== 'egress')) return emit({ address, type: 'AWS::EC2::SecurityGroupIngress', at: f.at, typeAt: f.typeAt, props: [...props(f, { security_group_id: 'GroupId' }, scope), pair('IpProtocol', f.typeAt, unknownNode(`${address}'s type is not known statically`, `${address}'s type`, f.typeAt))], tfType: '' });
    const dir = t.value;
    const group = f.get('security_group_id');
    const self = group ? lower(group.value, scope) : undefined;
    const rules = sgRules(f, dir, scope, self, props(f, { security_group_id: 'GroupId' }, scope));
    rules.forEach((r, i) => emit({ address: rules.length === 1 ? address : `${address}#${i}`, type: dir === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress', at: f.at, typeAt: f.typeAt, props: r.kind === 'map' ? r.pairs : [], tfType: '' }));
  },
  aws_vpc_security_group_ingress_rule: CFN('AWS::EC2::SecurityGroupIngress', { security_group_id: 'GroupId', ip_protocol: 'IpProtocol', from_port: 'FromPort', to_port: 'ToPort', cidr_ipv4: 'CidrIp', cidr_ipv6: 'CidrIpv6', referenced_security_group_id: 'SourceSecurityGroupId', prefix_list_id: 'SourcePrefixListId' }),
  aws_vpc_security_group_egress_rule: CFN('AWS::EC2::SecurityGroupEgress', { security_group_id: 'GroupId', ip_protocol: 'IpProtocol', from_port: 'FromPort', to_port: 'ToPort', cidr_ipv4: 'CidrIp', cidr_ipv6: 'CidrIpv6', referenced_security_group_id: 'DestinationSecurityGroupId', prefix_list_id: 'DestinationPrefixListId' }),
  aws_network_acl: (f, address, scope, emit) => {
    emit({ address, type: 'AWS::EC2::NetworkAcl', at: f.at, typeAt: f.typeAt, props: props(f, { vpc_id: 'VpcId' }, scope), tfType: '' });
    for (const dir of ['ingress', 'egress'] as const) {
      const entries = f.nested(dir, scope);
      const list = Array.isArray(entries) ? entries : [];
      if (!Array.isArray(entries)) emit({ address: `${address}.${dir}`, type: 'AWS::EC2::NetworkAclEntry', at: f.typeAt, typeAt: f.typeAt, props: [pair('NetworkAclId', f.typeAt, ref(address, f.typeAt)), pair('RuleNumber', f.typeAt, notKnown(entries, f.typeAt))], tfType: '' });
      list.forEach((e, i) => emit({ address: `${address}.${dir}[${i}]`, type: 'AWS::EC2::NetworkAclEntry', at: e.at, typeAt: e.typeAt, props: naclEntry(e, scope, ref(address, e.typeAt), dir === 'egress', { rule_no: 'RuleNumber', action: 'RuleAction' }), tfType: '' }));
    }
    const subnets = f.get('subnet_ids');
    if (subnets) {
      const v = lower(subnets.value, scope);
      (v.kind === 'seq' ? v.items : [v]).forEach((s, i) => emit({ address: `${address}.subnet_ids[${i}]`, type: 'AWS::EC2::SubnetNetworkAclAssociation', at: subnets.nameAt, typeAt: subnets.nameAt, props: [pair('SubnetId', subnets.nameAt, s), pair('NetworkAclId', subnets.nameAt, ref(address, subnets.nameAt))], tfType: '' }));
    }
  },
  aws_network_acl_rule: (f, address, scope, emit) => {
    const egress = f.get('egress');
    const e = egress ? lower(egress.value, scope) : scalar(false, f.typeAt, 'plain');
    emit({ address, type: 'AWS::EC2::NetworkAclEntry', at: f.at, typeAt: f.typeAt, props: [...props(f, { network_acl_id: 'NetworkAclId' }, scope), ...naclEntry(f, scope, undefined, e, { rule_number: 'RuleNumber', rule_action: 'RuleAction' })], tfType: '' });
  },
  aws_network_acl_association: CFN('AWS::EC2::SubnetNetworkAclAssociation', { subnet_id: 'SubnetId', network_acl_id: 'NetworkAclId' }),
  aws_lambda_function: CFN('AWS::Lambda::Function', {}, (f, _a, scope) => {
    const conf = f.nested('vpc_config', scope);
    if (!Array.isArray(conf)) return [pair('VpcConfig', f.typeAt, notKnown(conf, f.typeAt))];
    return conf[0] ? [pair('VpcConfig', conf[0].typeAt, map(props(conf[0], { subnet_ids: 'SubnetIds', security_group_ids: 'SecurityGroupIds', ipv6_allowed_for_dual_stack: 'Ipv6AllowedForDualStack' }, scope), conf[0].at))] : [];
  }),
  ...WORKLOAD_LOWERERS,
  ...attachmentLowerers(WORKLOAD_LOWERERS),
  ...PREFIX_LIST_LOWERERS,
  ...DNS_REDIRECT_LOWERERS,
  // A zone with vpc blocks is private: in those VPCs it answers the names under its own (cfn/network-zones.ts).
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_zone
  aws_route53_zone: (f, address, scope, emit) => {
    const vpcs = f.nested('vpc', scope);
    if (Array.isArray(vpcs) && !vpcs.length) return;
    const list = Array.isArray(vpcs) ? seq(vpcs.map((v) => map(props(v, { vpc_id: 'VPCId' }, scope), v.at)), f.typeAt) : notKnown(vpcs, f.typeAt);
    emit({ address, type: 'AWS::Route53::HostedZone', at: f.at, typeAt: f.typeAt, props: [...props(f, { name: 'Name' }, scope), pair('VPCs', f.typeAt, list)], tfType: '' });
  },
  aws_route53_zone_association: CFN(ZONE_ASSOCIATION, { zone_id: 'HostedZoneId', vpc_id: 'VPCId' }),
  aws_route53_record: route53Record,
  aws_ecs_service: CFN('AWS::ECS::Service', {}, (f, _a, scope) => {
    const conf = f.nested('network_configuration', scope);
    if (!Array.isArray(conf) || !conf[0]) return [];
    const c = conf[0];
    const ip = c.get('assign_public_ip');
    const awsvpc = [...props(c, { subnets: 'Subnets', security_groups: 'SecurityGroups' }, scope), ...(ip ? [pair('AssignPublicIp', ip.nameAt, enabled(lower(ip.value, c.scope ?? scope), ip.value))] : [])];
    return [pair('NetworkConfiguration', c.typeAt, map([pair('AwsvpcConfiguration', c.typeAt, map(awsvpc, c.at))], c.at))];
  }),
};

withInlineConflicts(LOWERERS);
// The VPC's default group as the configuration manages it: Terraform removes all its rules when it adopts
// it, then creates the ones configured, as for aws_security_group.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group
LOWERERS.aws_default_security_group = defaultGroupLowerer(LOWERERS.aws_security_group!);
Object.assign(LOWERERS, defaultLowerers(LOWERERS));

for (const t of ['aws_vpc', 'aws_default_vpc', 'aws_subnet', 'aws_default_subnet', 'aws_default_network_acl', 'aws_route_table', 'aws_default_route_table', 'aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_nat_gateway', 'aws_vpc_endpoint', 'aws_vpc_endpoint_service', 'aws_security_group', 'aws_default_security_group', 'aws_network_acl', 'aws_lambda_function', 'aws_instance', 'aws_ecs_service', 'aws_route53_zone', ...WORKLOAD_TYPES, ...PREFIX_LIST_TYPES, ...DNS_REDIRECT_TYPES]) MODELLED.add(t);

function naclEntry(f: Fields, scope: Scope, acl: Node | undefined, egress: boolean | Node, names: Record<string, string>): Pair[] {
  const out = props(f, { ...names, cidr_block: 'CidrBlock', ipv6_cidr_block: 'Ipv6CidrBlock' }, scope);
  if (acl) out.push(pair('NetworkAclId', f.typeAt, acl));
  out.push(pair('Egress', f.typeAt, typeof egress === 'boolean' ? scalar(egress, f.typeAt, 'plain') : egress));
  const protocol = f.get('protocol');
  if (protocol) {
    const p = lower(protocol.value, f.scope ?? scope);
    out.push(pair('Protocol', protocol.nameAt, p.kind === 'scalar' && String(p.value).toLowerCase() === 'all' ? scalar('-1', p) : p));
  }
  const ports = props(f, { from_port: 'From', to_port: 'To' }, scope);
  if (ports.length) out.push(pair('PortRange', f.typeAt, map(ports, f.at)));
  return out;
}

/** `replaces`: the association's argument saying whether it replaces the endpoint's default security group. */
function mergeInto(key: string, tf: string, replaces?: string): Lowerer {
  return (f, _address, scope, _emit, merge) => {
    const endpoint = f.get('vpc_endpoint_id');
    const value = f.get(tf);
    const flag = replaces ? f.get(replaces) : undefined;
    const item = value && lower(value.value, scope);
    // aws_vpc_endpoint_policy's `policy = ""` resets the endpoint to the default policy (emptyPolicy).
    if (key === 'PolicyDocument' && item && emptyPolicy(item)) return;
    if (endpoint && value && item) merge(lower(endpoint.value, scope), key, item, value.nameAt, endpointResource(endpoint.value, scope.decls.prefix), flag && lower(flag.value, scope));
  };
}

/** `aws_vpc_endpoint.<name>…`: the resource an association names, even when its instance key is unknown. */
function endpointResource(e: Expr, prefix: string): string | undefined {
  const step = e.k === 'traversal' && e.root === 'aws_vpc_endpoint' ? e.steps[0] : undefined;
  return step && 'attr' in step ? `${prefix}aws_vpc_endpoint.${step.attr}` : undefined;
}

/**
 * A module's files → the engine's inputs. `files`: every `*.tf` of one folder, its tfvars too;
 * `folders`: how the face reads the local module folders its calls name (none: they stay unknown boxes).
 */
export function lowerTerraform(files: readonly TfFile[], folders?: ModuleFolders): LoweredModule {
  const tree = loadTree(files, folders);
  const root = declsOf(tree.root, tree.text, '');
  const lowered: Lowered[] = [];
  const merges: MergeItem[] = [];
  const merge: Merge = (endpoint, key, item, at, resource, replacesDefault) => merges.push({ endpoint, key, item, at, ...(resource ? { resource } : {}), ...(replacesDefault ? { replacesDefault } : {}) });
  const conditions: Pair[] = [];
  const blocks = new Map<string, Block>();
  const instances: ModuleDecls[] = [];
  const out: LoweringOut = { lowered, conditions, blocks, merge };
  const ctx: CallContext = {
    tree,
    notices: [],
    instances: 0,
    lowerInstance(decls, depth) {
      instances.push(decls);
      // Module calls first: the resources may refer to their outputs.
      for (const [name, block] of decls.modules) {
        if (isVpcEndpointsModule(block, decls) || isLocalVpcEndpoints(block, tree)) lowered.push(...lowerVpcEndpointsModule(name, block, decls));
        else if (lowerRegistryRoute53(name, block, decls, lowered)) continue;
        // A module whose resources are not read may create endpoints or routes in what it is given.
        else if (!lowerLocalCall(name, block, decls, depth, ctx)) lowered.push(opaqueModule(name, block, decls));
      }
      // forEach: no [key, value] array made for each of a folder's resources.
      decls.resources.forEach((block, local) => {
        const lowerer = LOWERERS[block.labels[0]!.value];
        if (lowerer) lowerResource(lowerer, local, block, decls, root, out);
      });
    },
  };
  ctx.lowerInstance(root, 0);
  for (const decls of instances) for (const [name, node] of decls.conditions ?? []) if (!conditions.some((c) => c.key.value === name)) conditions.push(pair(name, node, node));
  applyMerges(lowered, merges);
  const imported = importedAddresses(tree.root.imports, root);
  importedParts(lowered, imported, (address) => blocks.get(address));
  for (const decls of instances) mainRouteTables(decls, lowered);
  for (const decls of instances) for (const vpc of decls.mainTables ?? []) mainTableOf(vpc, lowered);
  defaultParts(lowered, imported);
  defaultGroups(lowered);
  // The fixes read the root module's blocks by address; a called module's are found by blockOf (module-qualified).
  return { text: tree.text, files: tree.files, root: rootOf(lowered, root, conditions), problems: tree.problems, notices: ctx.notices, calls: tree.root.modules, tfTypes: new Map(lowered.map((l) => [l.address, l.tfType])), blockOf: (address) => blocks.get(address), dataOf: (address) => root.data.get(address.replace(/^data\./, '')), resourceBlocks: root.resources, tfvars: tree.root.tfvars, awsProvider: awsMajorOfFolder(tree.root) };
}

/** Where lowering puts what it makes: the resources, their conditions, the block of each address, the associations to merge. */
interface LoweringOut {
  lowered: Lowered[];
  conditions: Pair[];
  blocks: Map<string, Block>;
  merge: Merge;
}

/**
 * One resource block of a module instance, each of its instances lowered. Its own function, not the
 * loop's body: the loop over a folder's resources runs once a folder, so V8 compiled it on stack
 * replacement with all of this inlined (the largest optimising compile of a Terraform check, twice).
 */
function lowerResource(lowerer: Lowerer, local: string, block: Block, decls: ModuleDecls, root: ModuleDecls, out: LoweringOut): void {
  const tfType = block.labels[0]!.value;
  const address = decls.prefix + local;
  out.blocks.set(address, block);
  const header = headerOf(block);
  const exists = existence(decls, local);
  if (exists) out.conditions.push(pair(exists.name, block.typeAt, exists.node));
  // An endpoint's region (its VPC's provider's, else its own): the region rules and the model compare its service name with it.
  const region = tfType === 'aws_vpc_endpoint' ? endpointRegion(block, decls, root) : undefined;
  // With an aliased provider, a service name's `${data.aws_region.current.name}` is the default provider's region.
  const symbolic = region && (attr(block.body, 'provider') || attr(block.body, 'region')) ? [pair(DEFAULT_REGION, block.typeAt, defaultRegion(decls, root, block))] : [];
  // Else the default provider's region, when a variable decides it: a service name resting on that variable is for it.
  const open = tfType === 'aws_vpc_endpoint' && !region ? openDefaultRegion(block, decls, root) : undefined;
  // A subnet's provider's region, where known: a literal zone of another Region cannot be created (model/zone-region.ts).
  const subnetRegion = tfType === 'aws_subnet' ? regionOf(block, decls, root) : undefined;
  const withRegion = (l: Lowered) => (l.type === 'AWS::EC2::Subnet' && subnetRegion?.kind === 'scalar' ? [...l.props, pair(ENDPOINT_REGION, block.typeAt, subnetRegion)] : l.type !== 'AWS::EC2::VPCEndpoint' ? l.props : region ? [...l.props, pair(ENDPOINT_REGION, block.typeAt, region), ...symbolic] : open ? [...l.props, pair(OPEN_DEFAULT_REGION, block.typeAt, open)] : l.props);
  const emit: Emit = (l) => {
    const row: Lowered = { address: l.address, type: l.type, at: l.at === block ? header : l.at, typeAt: l.typeAt, props: withRegion(l), tfType };
    if (exists) row.condition = exists.name;
    out.lowered.push(row);
  };
  const f = blockFields(block);
  // One instance (most resources): no list of address and scope pairs made for it.
  const kind = decls.instances(local).kind;
  if (kind === 'single' || kind === 'unknown') return lowerer(f, decls.prefix + local, { decls }, emit, out.merge);
  // Indexed, not destructured: no iterators where this runs unoptimised.
  const all = instancesOf(decls, local);
  for (let i = 0; i < all.length; i++) lowerer(f, all[i]![0], all[i]![1], emit, out.merge);
}

/** The region of an endpoint: its VPC's (`vpc_id = aws_vpc.x.id`), where that is known, else its provider's. */
function endpointRegion(block: Block, decls: ModuleDecls, root: ModuleDecls): Node | undefined {
  const vpc = attr(block.body, 'vpc_id')?.value;
  const step = vpc?.k === 'traversal' && (vpc.root === 'aws_vpc' || vpc.root === 'aws_default_vpc') ? vpc.steps[0] : undefined;
  const vpcBlock = vpc?.k === 'traversal' && step && 'attr' in step ? decls.resources.get(`${vpc.root}.${step.attr}`) : undefined;
  const ofVpc = vpcBlock && regionOf(vpcBlock, decls, root);
  return ofVpc?.kind === 'scalar' ? ofVpc : (regionOf(block, decls, root) ?? ofVpc);
}

/**
 * A module call whose resources the adapter does not read: what it is given (a VPC, a route table) it
 * may create endpoints in or add routes to, so the trace answers unknown there (cfn/network.ts handedOn).
 */
function opaqueModule(name: string, block: Block, decls: ModuleDecls): Lowered {
  const header = headerOf(block);
  const args = block.body.attributes.filter((a) => !['source', 'version', 'providers', 'count', 'for_each', 'depends_on'].includes(a.name));
  return { address: `${decls.prefix}module.${name}`, type: OPAQUE_MODULE, at: header, typeAt: block.typeAt, props: [pair('Parameters', block.typeAt, map(args.map((a) => pair(a.name, a.nameAt, lower(a.value, { decls }))), block))], tfType: 'module' };
}

function headerOf(b: Block): Located {
  const last = b.labels[b.labels.length - 1];
  return { start: b.start, end: last?.end ?? b.typeAt.end };
}

function instancesOf(decls: ModuleDecls, address: string): [string, Scope][] {
  const inst = decls.instances(address);
  const full = decls.prefix + address;
  if (inst.kind === 'count') return Array.from({ length: inst.n }, (_, i) => [instanceAddress(full, i), { decls, countIndex: i }]);
  if (inst.kind === 'each') return inst.keys.map((k, i) => [instanceAddress(full, k), { decls, each: { key: k, keyAt: { start: 0, end: 0 }, value: inst.values[i]!, keyNode: inst.keyNodes[i] } }]);
  return [[full, { decls }]];
}

/** A resource whose count or for_each is not known may not exist: it carries a condition nobody decides. */
function existence(decls: ModuleDecls, address: string): { name: string; node: Node } | undefined {
  const inst = decls.instances(address);
  if (inst.kind !== 'unknown' || inst.exists === 'always') return undefined;
  const name = existenceCondition(`${decls.prefix}${address}`, inst.decides);
  if (!inst.exists) return { name, node: unknownNode(inst.why, inst.decides, inst.at) };
  // `count = test ? 1 : 0`: the test's own condition (the module's conditions hold it); `? 0 : 1`: its negation.
  // Named as before, by the value that decides it; defined by the test, so that compatible() (cfn/refs.ts) reads it as that.
  const test = fn('Condition', scalar(inst.exists.condition, inst.at, 'plain'), inst.at);
  return { name, node: inst.exists.when ? test : fn('Fn::Not', seq([test], inst.at), inst.at) };
}

export interface MergeItem {
  endpoint: Node;
  key: string;
  item: Node;
  at: Located;
  /** The endpoint resource named, when its instance is not known. */
  resource?: string;
  /** A security group association's replace_default_association (not written: false). */
  replacesDefault?: Node;
}

export function applyMerges(lowered: Lowered[], merges: MergeItem[]): void {
  const endpoints = lowered.filter((l) => l.type === 'AWS::EC2::VPCEndpoint');
  const byAddress = new Map(endpoints.map((e) => [e.address, e]));
  // Endpoints created with no group are in their VPC's default one; an association adds beside it (endpoint-default-group.ts).
  const groupless = new Set(endpoints.filter((e) => !e.props.some((p) => p.key.value === 'SecurityGroupIds')));
  const associated = new Map<Lowered, (Node | undefined)[]>();
  for (const m of merges) {
    const named = m.endpoint.kind === 'map' && m.endpoint.pairs[0]?.key.value === 'Ref' && m.endpoint.pairs[0].value?.kind === 'scalar' ? byAddress.get(String(m.endpoint.pairs[0].value.value)) : undefined;
    // Only instances of the resource the association names can take it (cloudposse's route-table
    // associations name `aws_vpc_endpoint.gateway_endpoint[each.value.gateway]`); a resource lowered
    // as one block (its for_each unknown) is that one endpoint.
    const ofResource = !named && m.resource ? endpoints.filter((e) => e.address === m.resource || e.address.startsWith(`${m.resource}[`)) : undefined;
    const target = named ?? (ofResource?.length === 1 && ofResource[0]!.address === m.resource ? ofResource[0] : undefined);
    // An association whose endpoint is not known may add to any endpoint it may name: each one's list is incomplete.
    // A configuration that applies never associates what an endpoint's type refuses (route tables with
    // an Interface endpoint, subnets with a Gateway one): an association whose endpoint is not known
    // may add only to the endpoints whose type takes it, not to all, which a rule would call wrong.
    const targets = target ? [target] : (ofResource ?? endpoints).filter((e) => takes(e, m.key));
    const item = target ? m.item : unknownNode('an association with an endpoint not known statically may add to this list', 'vpc_endpoint_id', m.at);
    if (target && m.key === 'SecurityGroupIds' && groupless.has(target)) associated.set(target, [...(associated.get(target) ?? []), m.replacesDefault]);
    for (const e of targets) {
      const existing = e.props.find((p) => p.key.value === m.key);
      if (SINGLE_VALUES.has(m.key)) {
        if (existing) existing.value = target ? m.item : item;
        else e.props.push(pair(m.key, m.at, item));
      } else if (existing?.value?.kind === 'seq') existing.value.items.push(item);
      else if (existing) existing.value = seq([existing.value ?? item, item], existing.key);
      else e.props.push(pair(m.key, m.at, seq([item], m.at)));
    }
  }
  for (const [e, replaces] of associated) keepDefaultGroup(e, replaces);
}

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html: route tables are
// a Gateway endpoint's, subnets an Interface or Gateway Load Balancer endpoint's, security groups an
// Interface endpoint's; a Gateway Load Balancer endpoint takes no policy.
const TAKEN_BY: Record<string, string[]> = { RouteTableIds: ['Gateway'], SubnetIds: ['Interface', 'GatewayLoadBalancer'], SecurityGroupIds: ['Interface'], PolicyDocument: ['Gateway', 'Interface'], PrivateDnsEnabled: ['Interface'] };
/** What a separate resource sets as a whole (a policy, private DNS), not an item it adds to a list. */
const SINGLE_VALUES = new Set(['PolicyDocument', 'PrivateDnsEnabled']);

/** Whether an endpoint's type (Gateway when not written, Terraform's default) may take an association's list; a type not known may. */
function takes(e: Lowered, key: string): boolean {
  const type = e.props.find((p) => p.key.value === 'VpcEndpointType')?.value;
  const t = type === undefined ? 'Gateway' : type?.kind === 'scalar' && typeof type.value === 'string' ? type.value : undefined;
  return t === undefined || !TAKEN_BY[key] || TAKEN_BY[key]!.includes(t);
}

export function rootOf(lowered: Lowered[], decls: ModuleDecls, conditions: Pair[]): MapNode {
  const at = { start: 0, end: decls.text.length };
  const resources = lowered.map((l) => {
    // Pushed, not spread from an empty array: no iteration a resource where this runs unoptimised.
    const entry = [pair('Type', l.typeAt, scalar(l.type, l.typeAt)), pair('Properties', l.typeAt, map(l.props, l.at))];
    if (l.condition) entry.push(pair('Condition', l.typeAt, scalar(l.condition, l.typeAt)));
    return { key: scalar(l.address, l.at, 'plain'), value: map(entry, l.at) };
  });
  return map([pair('Conditions', at, map(conditions, at)), pair('Resources', at, map(resources, at))], at);
}

export type { TfFile, FileSpan };
export { attr };

const refTarget = (n: Node | null | undefined): string | undefined =>
  n?.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Ref' && n.pairs[0]!.value?.kind === 'scalar' ? String(n.pairs[0]!.value.value) : undefined;

/**
 * Terraform can change a VPC's main route table (CloudFormation cannot): aws_main_route_table_association
 * makes another table the main one, aws_default_route_table gives the main one routes. A subnet with no
 * association of its own then uses that table, written here as its association; where the VPC of the
 * override is not known, the subnets' tables are unknown rather than "local route only".
 */
function mainRouteTables(decls: ModuleDecls, lowered: Lowered[]): void {
  const mains: { vpc: string | undefined; table: Node; at: Located }[] = [];
  decls.resources.forEach((block, local) => {
    const address = decls.prefix + local;
    const type = block.labels[0]!.value;
    if (type === 'aws_main_route_table_association') {
      const vpc = attr(block.body, 'vpc_id');
      const table = attr(block.body, 'route_table_id');
      mains.push({ vpc: vpc ? refTarget(lower(vpc.value, { decls })) : undefined, table: table ? lower(table.value, { decls }) : unknownNode(`${address}'s route_table_id is not set`, address, block.typeAt), at: block.typeAt });
    } else if (type === 'aws_default_route_table') {
      const id = attr(block.body, 'default_route_table_id');
      const root = id?.value.k === 'traversal' && (id.value.root === 'aws_vpc' || id.value.root === 'aws_default_vpc') && id.value.steps.length === 2 && 'attr' in id.value.steps[0]! ? `${decls.prefix}${id.value.root}.${id.value.steps[0].attr}` : undefined;
      const f = blockFields(block);
      const header = { start: block.start, end: block.labels[block.labels.length - 1]?.end ?? block.typeAt.end };
      lowered.push({ address, type: 'AWS::EC2::RouteTable', at: header, typeAt: block.typeAt, props: root ? [pair('VpcId', block.typeAt, ref(root, block.typeAt))] : [], tfType: type });
      const routes = f.nested('route', { decls });
      if (Array.isArray(routes)) routes.forEach((r, i) => lowered.push({ address: `${address}.route[${i}]`, type: 'AWS::EC2::Route', at: r.at, typeAt: r.typeAt, props: [pair('RouteTableId', r.typeAt, ref(address, r.typeAt)), ...props(r, { cidr_block: 'DestinationCidrBlock', ipv6_cidr_block: 'DestinationIpv6CidrBlock', destination_prefix_list_id: 'DestinationPrefixListId', ...ROUTE_TARGETS }, { decls })], tfType: type }));
      mains.push({ vpc: root, table: Array.isArray(routes) ? ref(address, block.typeAt) : notKnown(routes, block.typeAt), at: block.typeAt });
    }
  });
  if (mains.length === 0) return;
  const associated = new Set(lowered.filter((l) => l.type === 'AWS::EC2::SubnetRouteTableAssociation').map((l) => refTarget(l.props.find((p) => p.key.value === 'SubnetId')?.value)));
  for (const subnet of lowered.filter((l) => l.type === 'AWS::EC2::Subnet' && !associated.has(l.address))) {
    const vpc = refTarget(subnet.props.find((p) => p.key.value === 'VpcId')?.value);
    const main = mains.filter((m) => m.vpc === undefined || vpc === undefined || m.vpc === vpc);
    if (main.length === 0) continue;
    const table = main.length === 1 && main[0]!.vpc !== undefined && vpc !== undefined ? main[0]!.table : unknownNode(`the main route table of ${subnet.address}'s VPC is changed by the configuration`, 'main route table', main[0]!.at);
    lowered.push({ address: `${subnet.address}.main_route_table`, type: 'AWS::EC2::SubnetRouteTableAssociation', at: subnet.at, typeAt: subnet.typeAt, props: [pair('SubnetId', subnet.typeAt, ref(subnet.address, subnet.typeAt)), pair('RouteTableId', main[0]!.at, table)], tfType: 'aws_main_route_table_association' });
  }
}

/**
 * The main route table of a VPC the configuration refers to (`aws_vpc.x.main_route_table_id`, a route
 * or an endpoint added to it): a table of its own in the model, used by the VPC's subnets that have no
 * association, so its routes are theirs (before, those subnets had "the local route only").
 */
function mainTableOf(vpc: string, lowered: Lowered[]): void {
  const v = lowered.find((l) => l.address === vpc && l.type === 'AWS::EC2::VPC');
  if (!v) return;
  const table = `${vpc}.main_route_table`;
  lowered.push({ address: table, type: 'AWS::EC2::RouteTable', at: v.at, typeAt: v.typeAt, props: [pair('VpcId', v.typeAt, ref(vpc, v.typeAt))], tfType: 'aws_vpc' });
  const associated = new Set(lowered.filter((l) => l.type === 'AWS::EC2::SubnetRouteTableAssociation').map((l) => refTarget(l.props.find((p) => p.key.value === 'SubnetId')?.value)));
  for (const subnet of lowered.filter((l) => l.type === 'AWS::EC2::Subnet' && !associated.has(l.address) && refTarget(l.props.find((p) => p.key.value === 'VpcId')?.value) === vpc)) {
    lowered.push({ address: `${subnet.address}.main_route_table`, type: 'AWS::EC2::SubnetRouteTableAssociation', at: subnet.at, typeAt: subnet.typeAt, props: [pair('SubnetId', subnet.typeAt, ref(subnet.address, subnet.typeAt)), pair('RouteTableId', v.typeAt, ref(table, v.typeAt))], tfType: 'aws_vpc' });
  }
}

/**
 * An Interface endpoint given no security group has its VPC's default group (CreateVpcEndpoint:
 * "If you don't specify a security group, we associate the default security group for the VPC"): where
 * the configuration manages that group (aws_default_security_group), its rules are the endpoint's.
 */
function defaultGroups(lowered: Lowered[]): void {
  const groups = lowered.filter((l) => l.tfType === 'aws_default_security_group' && l.type === 'AWS::EC2::SecurityGroup');
  if (!groups.length) return;
  for (const e of lowered) {
    const type = e.type === 'AWS::EC2::VPCEndpoint' ? e.props.find((p) => p.key.value === 'VpcEndpointType')?.value : undefined;
    if (type?.kind !== 'scalar' || type.value !== 'Interface' || e.props.some((p) => p.key.value === 'SecurityGroupIds')) continue;
    const vpc = refTarget(e.props.find((p) => p.key.value === 'VpcId')?.value);
    const group = groups.filter((g) => vpc !== undefined && refTarget(g.props.find((p) => p.key.value === 'VpcId')?.value) === vpc);
    if (group.length === 1) e.props.push(pair('SecurityGroupIds', e.typeAt, seq([ref(group[0]!.address, e.typeAt)], e.typeAt)));
  }
}
