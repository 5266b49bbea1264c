// Which attributes Fn::GetAtt reads of the network types (cfn/getatt-attributes.ts): what the pinned
// CloudFormation resource specification lists is read, and nothing cfn-lint accepts is called invalid.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { attributeVerdict } from '../../../server/src/core/cfn/getatt-attributes.js';
import generated from '../../../schemas/cfn/attributes.json';

// cfn-lint 1.51's accepted names (its E6101 "is not one of [...]" list for `!GetAtt R.Bogus`, the same in
// us-east-1, eu-west-1, us-gov-west-1 and cn-north-1), recorded once: the peer whose rejection ours must agree with.
const CFN_LINT: Record<string, readonly string[]> = {
  'AWS::EC2::InternetGateway': ['InternetGatewayId'],
  'AWS::EC2::NatGateway': ['AutoProvisionZones', 'AutoScalingIps', 'EniId', 'NatGatewayId', 'RouteTableId'],
  'AWS::EC2::NetworkAcl': ['Id'],
  'AWS::EC2::NetworkAclEntry': ['Id'],
  'AWS::EC2::Route': ['CidrBlock'],
  'AWS::EC2::RouteTable': ['RouteTableId'],
  'AWS::EC2::SecurityGroup': ['GroupDescription', 'GroupId', 'GroupName', 'Id', 'SecurityGroupEgress', 'SecurityGroupIngress', 'Tags', 'VpcId'],
  'AWS::EC2::SecurityGroupEgress': ['Id'],
  'AWS::EC2::SecurityGroupIngress': ['Id'],
  'AWS::EC2::Subnet': ['AssignIpv6AddressOnCreation', 'AvailabilityZone', 'AvailabilityZoneId', 'BlockPublicAccessStates.InternetGatewayBlockMode', 'CidrBlock', 'EnableDns64', 'EnableLniAtDeviceIndex', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6CidrBlock', 'Ipv6CidrBlocks', 'Ipv6IpamPoolId', 'Ipv6Native', 'Ipv6NetmaskLength', 'MapPublicIpOnLaunch', 'NetworkAclAssociationId', 'OutpostArn', 'PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord', 'PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord', 'PrivateDnsNameOptionsOnLaunch.HostnameType', 'SubnetId', 'Tags', 'VpcId'],
  'AWS::EC2::SubnetRouteTableAssociation': ['Id'],
  'AWS::EC2::VPC': ['CidrBlock', 'CidrBlockAssociations', 'DefaultNetworkAcl', 'DefaultSecurityGroup', 'EnableDnsHostnames', 'EnableDnsSupport', 'InstanceTenancy', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6CidrBlocks', 'Tags', 'VpcId'],
  'AWS::EC2::VPCEndpoint': ['CreationTimestamp', 'DnsEntries', 'Id', 'NetworkInterfaceIds'],
  'AWS::EC2::VPCEndpointService': ['ServiceId'],
  'AWS::EC2::VPCEndpointServicePermissions': [],
  'AWS::EC2::VPCGatewayAttachment': ['AttachmentType'],
};

test('every attribute the pinned resource specification lists is read (schemas/cfn/attributes.json is current)', () => {
  const require = createRequire(__filename);
  const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec') as { loadAwsServiceSpecSync(): { lookup(...a: string[]): { only(): { attributes: Record<string, unknown> } } } };
  const db = loadAwsServiceSpecSync();
  const types = Object.keys(generated.types);
  assert.equal(types.length, 16);
  for (const type of types) {
    const spec = Object.keys(db.lookup('resource', 'cloudFormationType', 'equals', type).only().attributes);
    assert.deepEqual([...generated.types[type as keyof typeof generated.types].attributes].sort(), spec.sort(), type);
    for (const a of spec) assert.deepEqual(attributeVerdict(type, a), { kind: 'valid' }, `${type} ${a}`);
  }
});

test('nothing cfn-lint accepts is invalid; what both reject is', () => {
  for (const [type, names] of Object.entries(CFN_LINT)) {
    for (const a of names) assert.notEqual(attributeVerdict(type, a).kind, 'invalid', `${type} ${a}`);
    assert.equal(attributeVerdict(type, 'Bogus').kind, 'invalid', type);
  }
  assert.deepEqual(attributeVerdict('AWS::EC2::VPCEndpoint', 'DnsEntry'), { kind: 'invalid', valid: ['CreationTimestamp', 'DnsEntries', 'Id', 'NetworkInterfaceIds'] });
  // A property is an attribute only of the types CloudFormation returns properties for.
  assert.equal(attributeVerdict('AWS::EC2::VPCEndpoint', 'VpcId').kind, 'invalid');
  assert.equal(attributeVerdict('AWS::EC2::SecurityGroup', 'GroupDescription').kind, 'valid');
});

test('names under a known one, and types we ship no attributes for, are not judged', () => {
  assert.equal(attributeVerdict('AWS::EC2::VPC', 'VpcEncryptionControl.State').kind, 'valid');
  assert.equal(attributeVerdict('AWS::EC2::VPC', 'VpcEncryptionControl.Other').kind, 'unknown');
  assert.equal(attributeVerdict('AWS::EC2::VPCEndpoint', 'DnsEntries.Other').kind, 'unknown');
  assert.equal(attributeVerdict('AWS::EC2::Subnet', 'PrivateDnsNameOptionsOnLaunch.HostnameType').kind, 'unknown');
  assert.equal(attributeVerdict('AWS::EC2::VPCEndpoint', 'Dns.Entries').kind, 'invalid');
  for (const type of ['AWS::CloudFormation::Stack', 'Custom::Lookup', 'AWS::CloudFormation::CustomResource', 'AWS::EC2::TransitGateway', 'constructor']) {
    assert.deepEqual(attributeVerdict(type, 'Anything'), { kind: 'unknown' }, type);
  }
});
