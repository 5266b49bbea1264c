// Generates a large, realistic CloudFormation template for benchmarks: the same two-AZ VPC network
// repeated (VPC with DNS on, public and private subnets, route tables and associations, NAT gateways,
// an endpoint security group admitting 443 from the VPC CIDR, S3/DynamoDB Gateway endpoints, five
// Interface endpoints with private DNS, a few endpoint policies), deterministic, with exactly n
// resources. Each network is written so that every resource refers only to resources written before
// it, so the last network may be cut short anywhere and the template stays valid.
//
//   node scripts/bench/gen-template.mjs 5000 > /tmp/big.yaml
//   import { generateTemplate } from './gen-template.mjs'; generateTemplate(500)

import { pathToFileURL } from 'node:url';

/** Interface services that exist in every commercial region; each VPC takes five in turn. */
const INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'sqs', 'logs', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'monitoring', 'events', 'sns', 'lambda'];
/** Services whose endpoints accept a policy (the catalogue says so): only these get one. */
const POLICY_SERVICES = new Set(['sqs', 'logs', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'monitoring', 'events', 'sns', 'lambda']);
const PER_NETWORK_INTERFACES = 5;
const AZ_LETTERS = ['A', 'B'];

/** Resources of network k, in dependency order; each is [logicalId, yamlBodyLinesIndentedBy4]. */
function network(k) {
  const id = (s) => `${s}${k}`;
  const octet = k % 250; // VPC CIDRs repeat after 250 networks; separate VPCs may overlap
  const cidr = `10.${octet}.0.0/16`;
  const out = [];
  const add = (name, body) => out.push([name, body]);
  const tags = (label) => ['Tags:', '  - Key: Name', `    Value: !Sub '\${EnvironmentName}-${label}-${k}'`];

  add(id('VPC'), [
    'Type: AWS::EC2::VPC',
    'Properties:',
    `  CidrBlock: ${cidr}`,
    '  EnableDnsSupport: true',
    '  EnableDnsHostnames: true',
    '  InstanceTenancy: default',
    ...tags('vpc').map((l) => '  ' + l),
  ]);
  add(id('InternetGateway'), ['Type: AWS::EC2::InternetGateway', 'Properties:', ...tags('igw').map((l) => '  ' + l)]);
  add(id('GatewayAttachment'), [
    'Type: AWS::EC2::VPCGatewayAttachment',
    'Properties:',
    `  VpcId: !Ref ${id('VPC')}`,
    `  InternetGatewayId: !Ref ${id('InternetGateway')}`,
  ]);
  AZ_LETTERS.forEach((az, i) => {
    add(id(`PublicSubnet${az}`), [
      'Type: AWS::EC2::Subnet',
      'Properties:',
      `  VpcId: !Ref ${id('VPC')}`,
      `  CidrBlock: 10.${octet}.${i * 16}.0/20`,
      `  AvailabilityZone: !Select [${i}, !GetAZs '']`,
      '  MapPublicIpOnLaunch: true',
      ...tags(`public-${az.toLowerCase()}`).map((l) => '  ' + l),
    ]);
  });
  AZ_LETTERS.forEach((az, i) => {
    add(id(`PrivateSubnet${az}`), [
      'Type: AWS::EC2::Subnet',
      'Properties:',
      `  VpcId: !Ref ${id('VPC')}`,
      `  CidrBlock: 10.${octet}.${128 + i * 32}.0/19`,
      `  AvailabilityZone: !Select [${i}, !GetAZs '']`,
      ...tags(`private-${az.toLowerCase()}`).map((l) => '  ' + l),
    ]);
  });
  add(id('PublicRouteTable'), ['Type: AWS::EC2::RouteTable', 'Properties:', `  VpcId: !Ref ${id('VPC')}`, ...tags('public-rt').map((l) => '  ' + l)]);
  add(id('PublicDefaultRoute'), [
    'Type: AWS::EC2::Route',
    `DependsOn: ${id('GatewayAttachment')}`,
    'Properties:',
    `  RouteTableId: !Ref ${id('PublicRouteTable')}`,
    '  DestinationCidrBlock: 0.0.0.0/0',
    `  GatewayId: !Ref ${id('InternetGateway')}`,
  ]);
  for (const az of AZ_LETTERS) {
    add(id(`PublicSubnet${az}RouteTableAssociation`), [
      'Type: AWS::EC2::SubnetRouteTableAssociation',
      'Properties:',
      `  SubnetId: !Ref ${id(`PublicSubnet${az}`)}`,
      `  RouteTableId: !Ref ${id('PublicRouteTable')}`,
    ]);
  }
  for (const az of AZ_LETTERS) {
    add(id(`NatEip${az}`), ['Type: AWS::EC2::EIP', `DependsOn: ${id('GatewayAttachment')}`, 'Properties:', '  Domain: vpc']);
    add(id(`NatGateway${az}`), [
      'Type: AWS::EC2::NatGateway',
      'Properties:',
      `  AllocationId: !GetAtt ${id(`NatEip${az}`)}.AllocationId`,
      `  SubnetId: !Ref ${id(`PublicSubnet${az}`)}`,
      ...tags(`nat-${az.toLowerCase()}`).map((l) => '  ' + l),
    ]);
  }
  for (const az of AZ_LETTERS) {
    add(id(`PrivateRouteTable${az}`), ['Type: AWS::EC2::RouteTable', 'Properties:', `  VpcId: !Ref ${id('VPC')}`, ...tags(`private-rt-${az.toLowerCase()}`).map((l) => '  ' + l)]);
    add(id(`PrivateDefaultRoute${az}`), [
      'Type: AWS::EC2::Route',
      'Properties:',
      `  RouteTableId: !Ref ${id(`PrivateRouteTable${az}`)}`,
      '  DestinationCidrBlock: 0.0.0.0/0',
      `  NatGatewayId: !Ref ${id(`NatGateway${az}`)}`,
    ]);
    add(id(`PrivateSubnet${az}RouteTableAssociation`), [
      'Type: AWS::EC2::SubnetRouteTableAssociation',
      'Properties:',
      `  SubnetId: !Ref ${id(`PrivateSubnet${az}`)}`,
      `  RouteTableId: !Ref ${id(`PrivateRouteTable${az}`)}`,
    ]);
  }
  // Half the groups say the CIDR literally, half through !GetAtt: both shapes real templates use.
  const cidrValue = k % 2 === 0 ? cidr : `!GetAtt ${id('VPC')}.CidrBlock`;
  add(id('EndpointSecurityGroup'), [
    'Type: AWS::EC2::SecurityGroup',
    'Properties:',
    `  GroupDescription: !Sub 'Interface endpoints of \${EnvironmentName} network ${k}'`,
    `  VpcId: !Ref ${id('VPC')}`,
    '  SecurityGroupIngress:',
    '    - IpProtocol: tcp',
    '      FromPort: 443',
    '      ToPort: 443',
    `      CidrIp: ${cidrValue}`,
    '      Description: HTTPS from the VPC',
    '  SecurityGroupEgress:',
    '    - IpProtocol: "-1"',
    '      CidrIp: 0.0.0.0/0',
    '      Description: All outbound',
    ...tags('vpce-sg').map((l) => '  ' + l),
  ]);
  add(id('EndpointSecurityGroupIngressSelf'), [
    'Type: AWS::EC2::SecurityGroupIngress',
    'Properties:',
    `  GroupId: !GetAtt ${id('EndpointSecurityGroup')}.GroupId`,
    '  IpProtocol: tcp',
    '  FromPort: 443',
    '  ToPort: 443',
    `  SourceSecurityGroupId: !GetAtt ${id('EndpointSecurityGroup')}.GroupId`,
    '  Description: HTTPS between endpoint clients in the group',
  ]);
  const privateTables = AZ_LETTERS.map((az) => `        - !Ref ${id(`PrivateRouteTable${az}`)}`);
  add(id('S3GatewayEndpoint'), [
    'Type: AWS::EC2::VPCEndpoint',
    'Properties:',
    `  VpcId: !Ref ${id('VPC')}`,
    "  ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'",
    '  VpcEndpointType: Gateway',
    '  RouteTableIds:',
    ...privateTables.map((l) => l.slice(4)),
    // Every third network restricts the S3 endpoint with a policy (object form).
    ...(k % 3 === 0
      ? [
          '  PolicyDocument:',
          "    Version: '2012-10-17'",
          '    Statement:',
          '      - Sid: AllowEnvironmentBuckets',
          '        Effect: Allow',
          "        Principal: '*'",
          '        Action:',
          '          - s3:GetObject',
          '          - s3:PutObject',
          '          - s3:ListBucket',
          '        Resource:',
          "          - !Sub 'arn:${AWS::Partition}:s3:::${BucketPrefix}-*'",
          "          - !Sub 'arn:${AWS::Partition}:s3:::${BucketPrefix}-*/*'",
        ]
      : []),
  ]);
  add(id('DynamoDbGatewayEndpoint'), [
    'Type: AWS::EC2::VPCEndpoint',
    'Properties:',
    `  VpcId: !Ref ${id('VPC')}`,
    "  ServiceName: !Sub 'com.amazonaws.${AWS::Region}.dynamodb'",
    '  VpcEndpointType: Gateway',
    '  RouteTableIds:',
    ...privateTables.map((l) => l.slice(4)),
  ]);
  for (let j = 0; j < PER_NETWORK_INTERFACES; j++) {
    const service = INTERFACE_SERVICES[(k * PER_NETWORK_INTERFACES + j) % INTERFACE_SERVICES.length];
    const name = service.split(/[.-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
    const withPolicy = POLICY_SERVICES.has(service) && (k + j) % 4 === 0;
    add(id(`${name}InterfaceEndpoint`), [
      'Type: AWS::EC2::VPCEndpoint',
      'Properties:',
      `  VpcId: !Ref ${id('VPC')}`,
      `  ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.${service}'`,
      '  VpcEndpointType: Interface',
      '  PrivateDnsEnabled: true',
      '  SubnetIds:',
      ...AZ_LETTERS.map((az) => `    - !Ref ${id(`PrivateSubnet${az}`)}`),
      '  SecurityGroupIds:',
      `    - !Ref ${id('EndpointSecurityGroup')}`,
      ...(withPolicy
        ? [
            '  PolicyDocument:',
            "    Version: '2012-10-17'",
            '    Statement:',
            '      - Effect: Allow',
            '        Principal:',
            "          AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'",
            `        Action: '${service.split('.')[0] === 'monitoring' ? 'cloudwatch' : service.split('.')[0]}:*'`,
            "        Resource: '*'",
          ]
        : []),
    ]);
  }
  return out;
}

export const RESOURCES_PER_NETWORK = network(0).length;

/** A template of exactly n resources (n ≥ 1), the same text for the same n. */
export function generateTemplate(n) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`generateTemplate: n must be a positive integer (got ${n})`);
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    `Description: Generated benchmark template with ${n} resources (repeated two-AZ VPC networks with endpoints)`,
    'Parameters:',
    '  EnvironmentName:',
    '    Type: String',
    '    Default: bench',
    '    Description: Prefix for resource names',
    '  BucketPrefix:',
    '    Type: String',
    '    Default: bench-data',
    '    Description: Prefix of the buckets the S3 endpoints allow',
    'Resources:',
  ];
  let count = 0;
  const vpcs = [];
  for (let k = 0; count < n; k++) {
    for (const [name, body] of network(k)) {
      if (count === n) break;
      if (name === `VPC${k}`) vpcs.push(name);
      lines.push(`  ${name}:`, ...body.map((l) => '    ' + l));
      count++;
    }
  }
  // A few outputs, as real templates have; bounded so large templates stay under the outputs limit.
  lines.push('Outputs:');
  for (const vpc of vpcs.slice(0, 20)) {
    lines.push(`  ${vpc}Id:`, `    Value: !Ref ${vpc}`, '    Export:', `      Name: !Sub '\${AWS::StackName}-${vpc}'`);
  }
  return lines.join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 500);
  process.stdout.write(generateTemplate(n));
}
