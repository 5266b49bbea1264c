// What an EC2 resource id looks like, to tell a real id from a placeholder (`vpc-xxxxxxxx`,
// `subnet-12345`, `sg-CHANGEME`) that fails at deploy. An id is the type's prefix, a hyphen and 8
// (before 2016) or 17 hexadecimal characters.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html

export type IdKind = 'vpc' | 'subnet' | 'sg' | 'rtb';

export const ID_KIND_NAMES: Record<IdKind, string> = { vpc: 'VPC', subnet: 'subnet', sg: 'security group', rtb: 'route table' };

/** Top-level properties that take ids of one kind, whatever the resource type. */
export const ID_PROPERTIES: Record<string, IdKind> = {
  VpcId: 'vpc',
  SubnetId: 'subnet',
  SubnetIds: 'subnet',
  SecurityGroupIds: 'sg',
  RouteTableId: 'rtb',
  RouteTableIds: 'rtb',
};

/**
 * Structures inside a resource's properties whose own keys take ids, by the structure's key, wherever it
 * sits in the properties (LaunchTemplateData.NetworkInterfaces is two levels down). Each key is the
 * property's name in the CloudFormation resource reference of the types that write the structure.
 */
export const NESTED_ID_PROPERTIES: Record<string, Record<string, IdKind>> = {
  // AWS::Lambda::Function, AWS::Serverless::Function (and SAM Globals), AWS::CodeBuild::Project, AWS::SageMaker::Model
  VpcConfig: { VpcId: 'vpc', SubnetIds: 'subnet', Subnets: 'subnet', SecurityGroupIds: 'sg' },
  // AWS::EKS::Cluster
  ResourcesVpcConfig: { SubnetIds: 'subnet', SecurityGroupIds: 'sg' },
  // AWS::ECS::Service / TaskSet NetworkConfiguration; AWS::Events::Rule EcsParameters (its spelling)
  AwsvpcConfiguration: { Subnets: 'subnet', SecurityGroups: 'sg' },
  AwsVpcConfiguration: { Subnets: 'subnet', SecurityGroups: 'sg' },
  // AWS::OpenSearchService::Domain, AWS::Elasticsearch::Domain
  VPCOptions: { SubnetIds: 'subnet', SecurityGroupIds: 'sg' },
  // AWS::Batch::ComputeEnvironment
  ComputeResources: { Subnets: 'subnet', SecurityGroupIds: 'sg' },
  // AWS::Transfer::Server
  EndpointDetails: { VpcId: 'vpc', SubnetIds: 'subnet', SecurityGroupIds: 'sg' },
  // AWS::EC2::Instance (GroupSet), AWS::EC2::LaunchTemplate LaunchTemplateData (Groups)
  NetworkInterfaces: { SubnetId: 'subnet', GroupSet: 'sg', Groups: 'sg' },
  // AWS::Route53Resolver::ResolverEndpoint
  IpAddresses: { SubnetId: 'subnet' },
  // AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::NetworkFirewall::Firewall
  SubnetMappings: { SubnetId: 'subnet' },
  // AWS::DirectoryService::MicrosoftAD / SimpleAD
  VpcSettings: { VpcId: 'vpc', SubnetIds: 'subnet' },
  // AWS::Route53::HostedZone
  VPCs: { VPCId: 'vpc' },
  // AWS::MSK::Cluster
  BrokerNodeGroupInfo: { ClientSubnets: 'subnet', SecurityGroups: 'sg' },
};

/** Parameter types whose values are ids of one kind (List<…> holds several). */
const PARAMETER_TYPES: Record<string, IdKind> = {
  'AWS::EC2::VPC::Id': 'vpc',
  'AWS::EC2::Subnet::Id': 'subnet',
  'AWS::EC2::SecurityGroup::Id': 'sg',
  'List<AWS::EC2::VPC::Id>': 'vpc',
  'List<AWS::EC2::Subnet::Id>': 'subnet',
  'List<AWS::EC2::SecurityGroup::Id>': 'sg',
};

// Case is not judged: only the length and the hexadecimal digits.
const ID = /^(vpc|subnet|sg|rtb)-([0-9a-f]{8}|[0-9a-f]{17})$/i;

export function isResourceId(kind: IdKind, text: string): boolean {
  const m = ID.exec(text);
  return Boolean(m && m[1]!.toLowerCase() === kind);
}

/**
 * The kind of id a text stands in for when it is a placeholder: any text where an id of `kind` is due
 * that is not one; without a known kind, only a text written as an id that cannot be one (`vpc-` then
 * x's, digits or hex of the wrong length, capitals such as CHANGEME, or `<…>`), so `sg-web` (a name) is not.
 */
export function placeholderKind(text: string, kind?: IdKind): IdKind | undefined {
  if (kind) return isResourceId(kind, text) ? undefined : kind;
  const m = /^(vpc|subnet|sg|rtb)-([0-9a-fA-FxX]+|[A-Z0-9_]+|<[^>]*>)$/.exec(text);
  if (!m || ID.test(text)) return undefined;
  return m[1] as IdKind;
}

/** The id kind a parameter's type declares. */
export function parameterIdKind(type: string | undefined): IdKind | undefined {
  return type && Object.hasOwn(PARAMETER_TYPES, type) ? PARAMETER_TYPES[type] : undefined;
}
