// The words a finding uses for the format it is about: CloudFormation's property names and intrinsics,
// or Terraform's arguments and data sources. Rules write `ctx.words.prop('VpcEndpointType')`, never a
// format's name directly, so one rule speaks both languages.

export interface Words {
  format: 'cloudformation' | 'terraform';
  /** A property by its CloudFormation name, as this format writes it (`vpc_endpoint_type`). */
  prop(cfn: string): string;
  /** Setting a property, as this format writes it (`PrivateDnsEnabled: true`, `private_dns_enabled = true`). */
  set(cfn: string, value: string): string;
  /** What to write instead of a hard-coded region. */
  region: string;
  /** What a message tells to write instead of a hard-coded region (Terraform: it depends on the AWS provider's version). */
  regionAdvice: string;
  /** What to write instead of a hard-coded partition (`aws` in `arn:aws:`). */
  partition: string;
  /** Whose default an unset property takes. */
  defaults: string;
  /** What is deployed: "the stack", "the configuration". */
  deployed: string;
  /** What is written: "the template", "the configuration". */
  source: string;
  /** What the trace looks at: "this template", "this configuration". */
  here: string;
}

export const CFN_WORDS: Words = {
  format: 'cloudformation',
  prop: (p) => p,
  set: (p, v) => `${p}: ${v}`,
  region: '${AWS::Region}',
  regionAdvice: '${AWS::Region}',
  partition: '${AWS::Partition}',
  defaults: "CloudFormation's default",
  deployed: 'the stack',
  source: 'the template',
  here: 'this template',
};

// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint (and siblings):
// "vpc_endpoint_type ... Defaults to Gateway", "private_dns_enabled ... Defaults to false" (checked in
// the provider's website/docs/r/vpc_endpoint.html.markdown); the adapter writes no default of its own:
// an unset argument is absent, and the rules apply the same defaults as CloudFormation's, which agree.
const TF_ARGS: Record<string, string> = {
  VpcEndpointType: 'vpc_endpoint_type',
  ServiceName: 'service_name',
  RouteTableIds: 'route_table_ids',
  SubnetIds: 'subnet_ids',
  SecurityGroupIds: 'security_group_ids',
  PrivateDnsEnabled: 'private_dns_enabled',
  PolicyDocument: 'policy',
  EnableDnsHostnames: 'enable_dns_hostnames',
  EnableDnsSupport: 'enable_dns_support',
  AcceptanceRequired: 'acceptance_required',
  IpAddressType: 'ip_address_type',
  DnsRecordIpType: 'dns_options.dns_record_ip_type',
  DnsOptions: 'dns_options',
  PrivateDnsOnlyForInboundResolverEndpoint: 'dns_options.private_dns_only_for_inbound_resolver_endpoint',
  PrivateDnsPreference: 'dns_options.private_dns_preference',
  PrivateDnsSpecifiedDomains: 'dns_options.private_dns_specified_domains',
  VpcId: 'vpc_id',
  ServiceRegion: 'service_region',
  NetworkLoadBalancerArns: 'network_load_balancer_arns',
  GatewayLoadBalancerArns: 'gateway_load_balancer_arns',
  // Arguments the network model's facts are decided by (the trace names them).
  CidrBlock: 'cidr_block',
  MapPublicIpOnLaunch: 'map_public_ip_on_launch',
  Ipv6Native: 'ipv6_native',
  Ipv6AllowedForDualStack: 'ipv6_allowed_for_dual_stack',
  Ipv6CidrBlock: 'ipv6_cidr_block',
  Ipv6IpamPoolId: 'ipv6_ipam_pool_id',
  Ipv6Pool: 'ipv6_pool',
  AmazonProvidedIpv6CidrBlock: 'assign_generated_ipv6_cidr_block',
  EnableDns64: 'enable_dns64',
  SubnetId: 'subnet_id',
  RouteTableId: 'route_table_id',
  NetworkAclId: 'network_acl_id',
  // A security group rule's and a network ACL entry's values (the trace names the one it cannot know).
  SecurityGroupIngress: 'ingress',
  SecurityGroupEgress: 'egress',
  IpProtocol: 'protocol',
  FromPort: 'from_port',
  ToPort: 'to_port',
  GroupId: 'security_group_id',
  // What takes a VPC's names elsewhere (cfn/network-resolver.ts names the value that decides).
  ResolverRuleId: 'resolver_rule_id',
  VPCId: 'vpc_id',
  DomainName: 'domain_name',
  RuleType: 'rule_type',
  DhcpOptionsId: 'dhcp_options_id',
  DomainNameServers: 'domain_name_servers',
  ResourceId: 'resource_id',
  ProfileId: 'profile_id',
};

export const TF_WORDS: Words = {
  format: 'terraform',
  prop: (p) => TF_ARGS[p] ?? p,
  set: (p, v) => `${TF_ARGS[p] ?? p} = ${v}`,
  // AWS provider 5 and earlier: tf/provider-version.ts gives the words for the version a configuration pins.
  region: '${data.aws_region.current.name}',
  regionAdvice: '${data.aws_region.current.name}',
  partition: '${data.aws_partition.current.partition}',
  defaults: "the AWS provider's default",
  deployed: 'the configuration',
  source: 'the configuration',
  here: 'this configuration',
};
