// Route choice by address family (model/routes.ts): longest prefix over IPv6 ranges, an IPv6 flow never
// taking an IPv4 route nor an IPv4 flow an IPv6 one, a destination of unknown family in doubt for both,
// a gateway endpoint's route carrying IPv6 only when model/gateway-family.ts says so.
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkOf } from '../../../server/src/core/trace/api.js';
import { chooseRoute, type AddressFamily, type RouteChoice, type RouteDestination } from '../../../server/src/core/model/routes.js';
import { gatewayRoutesIpv6 } from '../../../server/src/core/model/gateway-family.js';
import { parseIpv6Cidr } from '../../../server/src/core/util/cidr6.js';
import { knownValue } from '../../../server/src/core/model/types.js';
import type { Network } from '../../../server/src/core/model/network.js';

test('IPv6 CIDRs: compressed forms, an embedded IPv4 tail, host bits dropped; malformed text refused', () => {
  assert.deepEqual(parseIpv6Cidr('::/0'), { first: 0n, last: (1n << 128n) - 1n, prefix: 0 });
  const nat64 = parseIpv6Cidr('64:ff9b::/96')!;
  assert.equal(nat64.first, 0x0064ff9bn << 96n);
  assert.equal(nat64.last - nat64.first, (1n << 32n) - 1n);
  assert.equal(parseIpv6Cidr('64:ff9b::192.0.2.1/128')!.first, (0x0064ff9bn << 96n) | 0xc0000201n);
  assert.equal(parseIpv6Cidr('2600:1f18:1234:5601:ffff::/64')!.first, parseIpv6Cidr('2600:1f18:1234:5601::/64')!.first);
  assert.equal(parseIpv6Cidr('1:2:3:4:5:6:7:8/128')!.first, 0x00010002000300040005000600070008n);
  for (const bad of ['2001:db8::/129', ':::/0', '1::2::3/64', '1:2:3:4:5:6:7:8:9/64', '1:2:3:4:5:6:7/64', '12345::/16', '::1.2.3.256/128', '10.0.0.0/8', 'fe80::1']) assert.equal(parseIpv6Cidr(bad), undefined, bad);
});

function table(routes: string, extra = '', params = ''): { choose: (to: RouteDestination, family: AddressFamily) => RouteChoice; model: Network } {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Dest: {Type: String}
  IpType: {Type: String}
${params}Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
  Igw:
    Type: AWS::EC2::InternetGateway
  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties: {VpcId: !Ref Vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: subnet-0123456789abcdef0}
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
${routes}${extra}`;
  const net = networkOf(text)!;
  const model = net.defaults;
  return { model: net, choose: (to, family) => chooseRoute(model, model.routeTables.get('Rt')!, to, knownValue(model.vpcs.get('Vpc')!.cidr), family) };
}

const route = (id: string, dest: string, target: string) => `  ${id}:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Rt, ${dest}, ${target}}
`;
const picked = (c: RouteChoice) => (c.kind === 'route' ? c.route.id : c.kind);

test('each family takes its own routes: 0.0.0.0/0 carries no IPv6, ::/0 no IPv4', () => {
  const t = table(route('V4', 'DestinationCidrBlock: 0.0.0.0/0', 'NatGatewayId: !Ref Nat') + route('V6', "DestinationIpv6CidrBlock: '::/0'", 'EgressOnlyInternetGatewayId: !Ref Eigw'));
  assert.equal(picked(t.choose({ kind: 'internet' }, 'ipv4')), 'V4');
  assert.equal(picked(t.choose({ kind: 'internet' }, 'ipv6')), 'V6');
  const only4 = table(route('V4', 'DestinationCidrBlock: 0.0.0.0/0', 'GatewayId: !Ref Igw'));
  assert.equal(picked(only4.choose({ kind: 'internet' }, 'ipv6')), 'none');
});

test('longest prefix over IPv6: 64:ff9b::/96 beats ::/0 for NAT64 addresses; a more specific route to part of it makes it unknown', () => {
  const t = table(route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'EgressOnlyInternetGatewayId: !Ref Eigw') + route('Nat64', "DestinationIpv6CidrBlock: '64:ff9b::/96'", 'NatGatewayId: !Ref Nat'));
  assert.equal(picked(t.choose({ kind: 'cidr', text: '64:ff9b::/96' }, 'ipv6')), 'Nat64');
  assert.equal(picked(t.choose({ kind: 'cidr', text: '64:ff9b::c000:201/128' }, 'ipv6')), 'Nat64');
  // An address that may be in the VPC's own (deploy-time) block: the local route may take it.
  const local = t.choose({ kind: 'cidr', text: '2600:1f18::1/128' }, 'ipv6');
  assert.equal(local.kind, 'unknown');
  assert.match((local as { reason: string }).reason, /inside the VPC's IPv6 blocks/);
  const split = table(route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'EgressOnlyInternetGatewayId: !Ref Eigw') + route('Part', "DestinationIpv6CidrBlock: '64:ff9b::/120'", 'NatGatewayId: !Ref Nat'));
  assert.equal(split.choose({ kind: 'cidr', text: '64:ff9b::/96' }, 'ipv6').kind, 'unknown');
});

test('the IPv6 internet: a route to part of the public addresses leaves it unknown; two halves to one target act as a default', () => {
  const part = table(route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'GatewayId: !Ref Igw') + route('Part', "DestinationIpv6CidrBlock: '2600::/12'", 'EgressOnlyInternetGatewayId: !Ref Eigw'));
  assert.equal(part.choose({ kind: 'service', pattern: 'com.amazonaws.{region}.sqs' }, 'ipv6').kind, 'unknown');
  // Not public (documentation, unique-local): no doubt.
  const private6 = table(route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'GatewayId: !Ref Igw') + route('Ula', "DestinationIpv6CidrBlock: 'fd00::/8'", 'EgressOnlyInternetGatewayId: !Ref Eigw'));
  assert.equal(picked(private6.choose({ kind: 'internet' }, 'ipv6')), 'Default6');
  // Public IPv6 addresses are 2000::/3: its two halves to one target carry all of it, to two targets split it.
  const halves = table(route('Low', "DestinationIpv6CidrBlock: '2000::/4'", 'EgressOnlyInternetGatewayId: !Ref Eigw') + route('High', "DestinationIpv6CidrBlock: '3000::/4'", 'EgressOnlyInternetGatewayId: !Ref Eigw'));
  assert.equal(picked(halves.choose({ kind: 'internet' }, 'ipv6')), 'Low');
  const apart = table(route('Low', "DestinationIpv6CidrBlock: '2000::/4'", 'EgressOnlyInternetGatewayId: !Ref Eigw') + route('High', "DestinationIpv6CidrBlock: '3000::/4'", 'GatewayId: !Ref Igw'));
  assert.equal(apart.choose({ kind: 'internet' }, 'ipv6').kind, 'unknown');
  // ::/1 holds every public address (8000::/1 none): alone it acts as the default route.
  assert.equal(picked(table(route('Low', "DestinationIpv6CidrBlock: '::/1'", 'EgressOnlyInternetGatewayId: !Ref Eigw')).choose({ kind: 'internet' }, 'ipv6')), 'Low');
});

test('a destination known only at deploy time is in doubt for the family its property names, for both when the template cannot tell', () => {
  const v4 = table(route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'EgressOnlyInternetGatewayId: !Ref Eigw') + route('Some4', 'DestinationCidrBlock: !Ref Dest', 'NatGatewayId: !Ref Nat'));
  assert.equal(picked(v4.choose({ kind: 'internet' }, 'ipv6')), 'Default6');
  assert.equal(v4.choose({ kind: 'internet' }, 'ipv4').kind, 'unknown');
  const v6 = table(route('Default4', 'DestinationCidrBlock: 0.0.0.0/0', 'NatGatewayId: !Ref Nat') + route('Some6', 'DestinationIpv6CidrBlock: !Ref Dest', 'EgressOnlyInternetGatewayId: !Ref Eigw'));
  assert.equal(picked(v6.choose({ kind: 'internet' }, 'ipv4')), 'Default4');
  const doubt = v6.choose({ kind: 'internet' }, 'ipv6');
  assert.equal(doubt.kind, 'unknown');
  assert.match((doubt as { reason: string }).reason, /parameter Dest/);
  // A customer prefix list outside the template may hold either family.
  const pl = table(route('Default4', 'DestinationCidrBlock: 0.0.0.0/0', 'NatGatewayId: !Ref Nat') + route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'EgressOnlyInternetGatewayId: !Ref Eigw') + route('List', 'DestinationPrefixListId: pl-0123456789abcdef0', 'GatewayId: !Ref Igw'));
  assert.equal(pl.choose({ kind: 'service', pattern: 'com.amazonaws.{region}.sqs' }, 'ipv4').kind, 'unknown');
  assert.equal(pl.choose({ kind: 'service', pattern: 'com.amazonaws.{region}.sqs' }, 'ipv6').kind, 'unknown');
});

const gateway = (service: string, ipType: string) => `  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${service}
      VpcEndpointType: Gateway
      RouteTableIds: [!Ref Rt]
${ipType ? `      IpAddressType: ${ipType}\n` : ''}`;

test('a gateway endpoint carries IPv6 only when its service routes IPv6 and it is dual stack; a deploy-time IP type leaves it unknown', () => {
  const base = route('Default6', "DestinationIpv6CidrBlock: '::/0'", 'EgressOnlyInternetGatewayId: !Ref Eigw');
  const s3 = { kind: 'service' as const, pattern: 'com.amazonaws.{region}.s3' };
  const dual = table(base, gateway('s3', 'dualstack'));
  assert.equal(picked(dual.choose(s3, 'ipv6')), 'Endpoint');
  assert.equal(picked(dual.choose(s3, 'ipv4')), 'Endpoint');
  const v4 = table(base, gateway('s3', ''));
  assert.equal(picked(v4.choose(s3, 'ipv6')), 'Default6');
  assert.deepEqual(gatewayRoutesIpv6(v4.model.defaults.endpoints.get('Endpoint')!).known, true);
  const param = table(base, gateway('s3', '!Ref IpType'));
  const open = param.choose(s3, 'ipv6');
  assert.equal(open.kind, 'unknown');
  assert.match((open as { reason: string }).reason, /parameter IpType/);
  // DynamoDB's gateway endpoints route IPv4 only, whatever the template asks.
  const ddb = table(base, gateway('dynamodb', 'dualstack'));
  assert.equal(picked(ddb.choose({ kind: 'service', pattern: 'com.amazonaws.{region}.dynamodb' }, 'ipv6')), 'Default6');
});
