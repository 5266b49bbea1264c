// The values the rules and the trace read, found in a CloudFormation-shaped tree (a template's, or a
// Terraform module's as lowered: its nodes carry the HCL's offsets), for the unknown-value mutation
// harness (test/property/unknown-mutations.test.ts). One point is one value node: a property, or one
// item of a list property.

import { asMap, asScalar, asSeq, type MapNode, type Node } from '../../server/src/core/document/tree.js';

/** `*` walks every item of a list; each path's last step is the value mutated. */
const PATHS: Record<string, string[]> = {
  'AWS::EC2::VPCEndpoint': ['ServiceName', 'VpcEndpointType', 'PrivateDnsEnabled', 'VpcId', 'SubnetIds', 'SubnetIds.*', 'SecurityGroupIds', 'SecurityGroupIds.*', 'RouteTableIds', 'RouteTableIds.*', 'IpAddressType'],
  'AWS::EC2::VPC': ['CidrBlock', 'EnableDnsSupport', 'EnableDnsHostnames'],
  'AWS::EC2::Subnet': ['VpcId', 'CidrBlock', 'AvailabilityZone', 'MapPublicIpOnLaunch', 'EnableDns64'],
  'AWS::EC2::RouteTable': ['VpcId'],
  'AWS::EC2::Route': ['RouteTableId', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'GatewayId', 'NatGatewayId', 'VpcEndpointId', 'TransitGatewayId', 'EgressOnlyInternetGatewayId', 'VpcPeeringConnectionId'],
  'AWS::EC2::SubnetRouteTableAssociation': ['SubnetId', 'RouteTableId'],
  'AWS::EC2::VPCEndpointRouteTableAssociation': ['RouteTableId', 'VpcEndpointId'],
  'AWS::EC2::SecurityGroup': ['VpcId', ...['SecurityGroupIngress', 'SecurityGroupEgress'].flatMap((l) => ['IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'SourceSecurityGroupId', 'DestinationSecurityGroupId'].map((k) => `${l}.*.${k}`))],
  'AWS::EC2::SecurityGroupIngress': ['GroupId', 'IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'SourceSecurityGroupId'],
  'AWS::EC2::SecurityGroupEgress': ['GroupId', 'IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'DestinationSecurityGroupId'],
  'AWS::EC2::NetworkAclEntry': ['NetworkAclId', 'RuleNumber', 'Protocol', 'RuleAction', 'Egress', 'CidrBlock', 'PortRange.From', 'PortRange.To'],
  'AWS::EC2::SubnetNetworkAclAssociation': ['SubnetId', 'NetworkAclId'],
  'AWS::EC2::NatGateway': ['SubnetId', 'ConnectivityType'],
  'AWS::EC2::VPCGatewayAttachment': ['VpcId', 'InternetGatewayId'],
  'AWS::Lambda::Function': ['VpcConfig.SubnetIds.*', 'VpcConfig.SecurityGroupIds.*'],
  'AWS::EC2::Instance': ['SubnetId', 'SecurityGroupIds.*'],
};

export interface Point {
  resource: string;
  type: string;
  /** The path as written in PATHS with `*` replaced by the item's index. */
  path: string;
  /** The PATHS entry it came from (the value pool is per type and pattern). */
  pattern: string;
  node: Node;
  /** The resource this value references (`Ref` / `Fn::GetAtt` of one of the template's resources). */
  refTo?: string;
  /** The plain value when it is a literal scalar. */
  literal?: string | number | boolean;
  /** A whole list (SubnetIds), not one item. */
  list: boolean;
}

export function resourcesOf(root: MapNode | undefined): Map<string, { type: string; props: MapNode | undefined; node: MapNode }> {
  const out = new Map<string, { type: string; props: MapNode | undefined; node: MapNode }>();
  const res = asMap(root?.pairs.find((p) => p.key.value === 'Resources')?.value);
  for (const p of res?.pairs ?? []) {
    const r = asMap(p.value);
    const type = asScalar(r?.pairs.find((q) => q.key.value === 'Type')?.value)?.value;
    if (!r || typeof type !== 'string') continue;
    out.set(String(p.key.value), { type, props: asMap(r.pairs.find((q) => q.key.value === 'Properties')?.value), node: r });
  }
  return out;
}

/** The resource a value references, when it is a plain `Ref` / `Fn::GetAtt` of one. */
export function refOf(node: Node, ids: ReadonlySet<string>): string | undefined {
  const m = asMap(node);
  if (!m || m.pairs.length !== 1) return undefined;
  const [p] = m.pairs;
  const key = p!.key.value;
  if (key === 'Ref') {
    const id = asScalar(p!.value)?.value;
    return typeof id === 'string' && ids.has(id) ? id : undefined;
  }
  if (key === 'Fn::GetAtt') {
    const v = p!.value;
    const id = asScalar(v)?.value ?? asScalar(asSeq(v)?.items[0])?.value;
    const name = typeof id === 'string' ? id.split('.')[0]! : undefined;
    return name && ids.has(name) ? name : undefined;
  }
  return undefined;
}

function walk(node: Node | null | undefined, steps: string[], path: string[], pattern: string, emit: (node: Node, path: string, list: boolean) => void): void {
  if (!node) return;
  if (steps.length === 0) {
    emit(node, path.join('.'), node.kind === 'seq');
    return;
  }
  const [step, ...rest] = steps as [string, ...string[]];
  if (step === '*') {
    asSeq(node)?.items.forEach((item, i) => walk(item, rest, [...path, String(i)], pattern, emit));
    return;
  }
  const m = asMap(node);
  // A map with a short tag or an intrinsic (Fn::If, Fn::Split): not the plain map the path walks.
  if (!m || m.shortTag || m.pairs.some((p) => String(p.key.value).startsWith('Fn::') || p.key.value === 'Ref')) return;
  walk(m.pairs.find((p) => p.key.value === step)?.value, rest, [...path, step], pattern, emit);
}

/** Every value the rules or trace read, in text order. */
export function mutationPoints(root: MapNode | undefined): Point[] {
  const res = resourcesOf(root);
  const ids = new Set(res.keys());
  const out: Point[] = [];
  for (const [id, r] of res) {
    for (const pattern of PATHS[r.type] ?? []) {
      const list = !pattern.endsWith('*') && /Ids$/.test(pattern);
      walk(r.props, pattern.split('.'), [], pattern, (node, path) => {
        if (list && node.kind !== 'seq') return;
        if (!list && node.kind === 'seq') return;
        const s = asScalar(node);
        const lit = s && s.value !== null ? s.value : undefined;
        const refTo = refOf(node, ids);
        out.push({ resource: id, type: r.type, path, pattern, node, list, ...(refTo ? { refTo } : {}), ...(lit !== undefined ? { literal: lit } : {}) });
      });
    }
  }
  return out.sort((a, b) => a.node.start - b.node.start);
}
