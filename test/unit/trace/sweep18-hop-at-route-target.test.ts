// A hop about a route's target points at that target's own resource. The model reads egress-only internet
// gateways, transit gateways and peering connections only as route targets, by id, and kept no place for them:
// the hop fell back to where the trace started (container-patterns' dual-stack VPC: "egress-only internet
// gateway EgressOnlyGateway" shown at SubnetOne's line), so the editor and the CLI pointed at the wrong resource.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Net:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.7.0.0/16}
  Six:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Net, AmazonProvidedIpv6CidrBlock: true}
  Inner:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Net
      CidrBlock: 10.7.1.0/24
      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Net.Ipv6CidrBlocks], 4, 64]]
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Net}
  InnerTable:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Inner, RouteTableId: !Ref Table}
  OutOnly:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties: {VpcId: !Ref Net}
  SixOut:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: !Ref OutOnly}
`;

test('the egress-only internet gateway hop is placed at the gateway', () => {
  const r = trace(analyze(text, { fileName: 't.yaml' }).network()!, 'Inner', parseTarget('internet')!);
  const hop = r.hops.find((h) => h.kind === 'egress-only internet gateway');
  assert.ok(hop, JSON.stringify(r.hops.map((h) => h.kind)));
  assert.equal(text.slice(hop.start, hop.end), 'OutOnly');
});
