// A NetDesc (net-desc.ts) written as a CloudFormation template (YAML): what a person would write for
// that network, parameters without default where the description says a value is unknown, and the
// `IsProd` condition (Env defaults to prod) on the elements it makes conditional.

import { KEYS, POLICIES, SERVICE_TEXT, SUBNET_CIDR, Writer, ZONES, type NetDesc, type Rendered, type Tri } from './net-desc.js';

const id = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
const list = (xs: string[]) => `[${xs.join(', ')}]`;
const ref = (key: string) => `!Ref ${id(key)}`;

export function toCloudFormation(d: NetDesc): Rendered {
  const params: string[] = [];
  const param = (name: string, type = 'String', value?: string) => {
    params.push(`  ${name}:\n    Type: ${type}\n${value === undefined ? '' : `    Default: '${value}'\n    AllowedValues: ['true', 'false']\n`}`);
    return `!Ref ${name}`;
  };
  const bool = (t: Tri, name: string) => (t === 'param' ? param(name) : t === 'default-on' ? param(name, 'String', 'true') : t === 'on' ? 'true' : 'false');
  const w = new Writer();
  const res = (key: string, type: string, props: string[], extra = '') => w.add(key, id(key), `  ${id(key)}:\n    Type: ${type}\n${extra}    Properties:\n${props.map((p) => `      ${p}\n`).join('')}`);
  const cond = (c: boolean) => (c ? '    Condition: IsProd\n' : '');

  const vpcProps = ['CidrBlock: 10.0.0.0/16'];
  if (d.dnsSupport !== 'unset') vpcProps.push(`EnableDnsSupport: ${bool(d.dnsSupport, 'DnsSupportParam')}`);
  if (d.dnsHostnames !== 'unset') vpcProps.push(`EnableDnsHostnames: ${bool(d.dnsHostnames, 'DnsHostnamesParam')}`);
  res(KEYS.vpc, 'AWS::EC2::VPC', vpcProps);
  if (d.ipv6) w.add(undefined, undefined, `  Ipv6Block:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties:\n      VpcId: !Ref Vpc\n      AmazonProvidedIpv6CidrBlock: true\n`);
  if (d.igw) {
    res(KEYS.igw, 'AWS::EC2::InternetGateway', ['Tags: [{Key: Name, Value: igw}]']);
    w.add(undefined, undefined, `  IgwAttachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: !Ref Vpc\n      InternetGatewayId: !Ref Igw\n`);
  }
  if (d.eigw) res(KEYS.eigw, 'AWS::EC2::EgressOnlyInternetGateway', ['VpcId: !Ref Vpc']);
  d.subnets.forEach((s, i) => {
    const zone = s.zone === 'param' ? param(`${id(KEYS.subnet(i))}ZoneParam`, 'AWS::EC2::AvailabilityZone::Name') : ZONES[s.zone];
    const dual = s.dual ? [`Ipv6CidrBlock: !Select [${i}, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]`, ...(!s.dns64 || s.dns64 === 'unset' ? [] : [`EnableDns64: ${s.dns64 === 'on' ? 'true' : param(`${id(KEYS.subnet(i))}Dns64Param`)}`])] : [];
    res(KEYS.subnet(i), 'AWS::EC2::Subnet', ['VpcId: !Ref Vpc', `CidrBlock: ${SUBNET_CIDR(i)}`, `AvailabilityZone: ${zone}`, ...(s.publicIp ? ['MapPublicIpOnLaunch: true'] : []), ...dual], s.dual ? '    DependsOn: Ipv6Block\n' : '');
  });
  d.nats.forEach((subnet, i) => {
    w.add(undefined, undefined, `  Eip${i}:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc\n`);
    res(KEYS.nat(i), 'AWS::EC2::NatGateway', [`SubnetId: ${ref(KEYS.subnet(subnet))}`, `AllocationId: !GetAtt Eip${i}.AllocationId`]);
  });
  d.tables.forEach((t, ti) => {
    res(KEYS.table(ti), 'AWS::EC2::RouteTable', ['VpcId: !Ref Vpc']);
    t.routes.forEach((r, ri) => {
      const key = KEYS.route(ti, ri);
      const dest = r.dest.includes(':') ? `DestinationIpv6CidrBlock: '${r.dest}'` : `DestinationCidrBlock: ${r.dest}`;
      const tg = r.target;
      const target =
        tg.kind === 'igw' ? 'GatewayId: !Ref Igw' : tg.kind === 'nat' ? `NatGatewayId: ${ref(KEYS.nat(tg.nat))}` : tg.kind === 'eigw' ? 'EgressOnlyInternetGatewayId: !Ref Eigw' : tg.kind === 'tgw' ? 'TransitGatewayId: tgw-0123456789abcdef0' : `GatewayId: ${param(`${id(key)}TargetParam`)}`;
      res(key, 'AWS::EC2::Route', [`RouteTableId: ${ref(KEYS.table(ti))}`, dest, target], cond(r.cond) + (tg.kind === 'igw' ? '    DependsOn: IgwAttachment\n' : ''));
    });
  });
  d.subnets.forEach((s, i) => {
    if (s.table === null) return;
    w.add(undefined, undefined, `  ${id(KEYS.subnet(i))}Association:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: ${ref(KEYS.subnet(i))}\n      RouteTableId: ${ref(KEYS.table(s.table))}\n`);
  });
  d.sgs.forEach((g, i) => {
    const port = g.https === 'param' ? param(`${id(KEYS.sg(i))}PortParam`, 'Number') : g.https === 'yes' ? '443' : '80';
    const cidr = g.from === 'vpc' ? '!GetAtt Vpc.CidrBlock' : g.from === 'anywhere' ? '0.0.0.0/0' : '192.168.0.0/16';
    res(KEYS.sg(i), 'AWS::EC2::SecurityGroup', [
      `GroupDescription: group ${i}`,
      'VpcId: !Ref Vpc',
      `SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: ${port}\n          ToPort: ${port}\n          CidrIp: ${cidr}${g.v6 ? `\n        - IpProtocol: tcp\n          FromPort: ${port}\n          ToPort: ${port}\n          CidrIpv6: '::/0'` : ''}`,
      g.egress === 'all' ? `SecurityGroupEgress:\n        - IpProtocol: '-1'\n          CidrIp: 0.0.0.0/0${g.v6 ? `\n        - IpProtocol: '-1'\n          CidrIpv6: '::/0'` : ''}` : `SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: ${g.egress === 'https' ? 443 : 80}\n          ToPort: ${g.egress === 'https' ? 443 : 80}\n          CidrIp: 0.0.0.0/0${g.v6 ? `\n        - IpProtocol: tcp\n          FromPort: ${g.egress === 'https' ? 443 : 80}\n          ToPort: ${g.egress === 'https' ? 443 : 80}\n          CidrIpv6: '::/0'` : ''}`,
    ]);
  });
  d.endpoints.forEach((e, i) => {
    const key = KEYS.endpoint(i);
    let service: string;
    if (e.service === 'param') service = param(`${id(key)}ServiceParam`);
    else {
      const s = SERVICE_TEXT[e.service];
      service = s.region === 'here' ? `!Sub 'com.amazonaws.\${AWS::Region}.${s.short}'` : `com.amazonaws.${s.region}.${s.short}`;
    }
    const props = ['VpcId: !Ref Vpc', `ServiceName: ${service}`];
    if (e.type !== 'unset') props.push(`VpcEndpointType: ${e.type === 'param' ? param(`${id(key)}TypeParam`) : e.type}`);
    if (e.tables.length) props.push(`RouteTableIds: ${list(e.tables.map((t) => ref(KEYS.table(t))))}`);
    if (e.subnets.length) props.push(`SubnetIds: ${list(e.subnets.map((s) => ref(KEYS.subnet(s))))}`);
    if (e.sgs.length) props.push(`SecurityGroupIds: ${list(e.sgs.map((s) => ref(KEYS.sg(s))))}`);
    if (e.privateDns !== 'unset') props.push(`PrivateDnsEnabled: ${bool(e.privateDns, `${id(key)}PrivateDnsParam`)}`);
    if (e.policy !== 'none') props.push(`PolicyDocument: ${JSON.stringify(POLICIES[e.policy])}`);
    if (e.dualstack) props.push('IpAddressType: dualstack');
    res(key, 'AWS::EC2::VPCEndpoint', props, cond(e.cond));
  });
  d.workloads.forEach((wl, i) => {
    const key = KEYS.workload(i);
    const subnets = list(wl.subnets.map((s) => ref(KEYS.subnet(s))));
    const sgs = list(wl.sgs.map((s) => ref(KEYS.sg(s))));
    if (wl.kind === 'lambda') {
      res(key, 'AWS::Lambda::Function', ['Runtime: python3.12', 'Handler: index.handler', 'Role: arn:aws:iam::123456789012:role/fn', "Code: {ZipFile: 'def handler(e, c): return 1'}", `VpcConfig: {SubnetIds: ${subnets}, SecurityGroupIds: ${sgs}}`], cond(wl.cond));
    } else if (wl.kind === 'instance') {
      res(key, 'AWS::EC2::Instance', ['ImageId: ami-0123456789abcdef0', 'InstanceType: t3.micro', `SubnetId: ${ref(KEYS.subnet(wl.subnets[0]!))}`, ...(wl.sgs.length ? [`SecurityGroupIds: ${sgs}`] : [])], cond(wl.cond));
    } else {
      res(key, 'AWS::ECS::Service', ['Cluster: apps', 'LaunchType: FARGATE', 'TaskDefinition: arn:aws:ecs:eu-west-1:123456789012:task-definition/app:1', `NetworkConfiguration: {AwsvpcConfiguration: {AssignPublicIp: ${wl.publicIp ? 'ENABLED' : 'DISABLED'}, Subnets: ${subnets}, SecurityGroups: ${sgs}}}`], cond(wl.cond));
    }
  });
  const head = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\n    Default: prod\n    AllowedValues: [prod, dev]\n${params.join('')}Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n`;
  const r = w.done();
  const shift = new Map([...r.spans].map(([k, s]) => [k, { start: s.start + head.length, end: s.end + head.length }]));
  return { text: head + r.text, ids: r.ids, spans: shift };
}
