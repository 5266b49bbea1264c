// The default VPC and the default parts of every VPC, as Terraform manages them: aws_default_vpc,
// aws_default_subnet, aws_default_network_acl (aws_default_route_table and aws_default_security_group
// are lowered in lower.ts). These resources adopt what AWS made rather than create it, so what the
// configuration does not write is AWS's default where the provider sets it, and unknown where it
// predates the configuration (the default VPC's main route table and network ACL, its CIDR block).

import type { Node, Pair } from '../document/tree.js';
import type { Block, Expr, Located } from './hcl-ast.js';
import { attr } from './hcl-ast.js';
import type { Scope } from './eval.js';
import type { Lowerer } from './lower.js';
import { pair, scalar, unknownNode } from './nodes.js';
import { ref, type Fields, type Lowered } from './lower-resources.js';
import { DEFAULT_GROUP_OF } from '../cfn/network-groups.js';

/** A traversal `<root>.<name>.<attr>` written where the configuration wrote none (its offsets: `at`). */
function traversal(root: string, steps: string[], at: Located): Expr {
  return { k: 'traversal', root, steps: steps.map((s) => ({ attr: s, start: at.start, end: at.end })), start: at.start, end: at.end };
}

/** `x.<attr>` → `x.id` (`aws_vpc.this[0].default_network_acl_id` names the VPC `aws_vpc.this[0]`). */
function vpcIdOf(e: Expr | undefined): Expr | undefined {
  if (e?.k !== 'traversal' || (e.root !== 'aws_vpc' && e.root !== 'aws_default_vpc')) return undefined;
  const last = e.steps[e.steps.length - 1];
  if (!last || !('attr' in last) || e.steps.length < 2) return undefined;
  return { ...e, steps: [...e.steps.slice(0, -1), { attr: 'id', start: last.start, end: last.end }] };
}

const same = (a: Block, b: Block, name: string, text: string) => {
  const x = attr(a.body, name);
  const y = attr(b.body, name);
  return (!x && !y) || (!!x && !!y && text.slice(x.value.start, x.value.end) === text.slice(y.value.start, y.value.end));
};

/**
 * `aws_default_vpc.<name>.id` for a default resource of the same module, provider and region as the
 * resource at `f` (one default VPC per region: https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
 */
function defaultVpcOf(f: Fields, scope: Scope): Expr | undefined {
  const decls = scope.decls;
  const own = [...decls.resources.values()].find((b) => b.typeAt === f.typeAt);
  const vpcs = [...decls.resources.entries()].filter(([k, b]) => k.startsWith('aws_default_vpc.') && (!own || (same(b, own, 'provider', decls.text) && same(b, own, 'region', decls.text))));
  return vpcs.length === 1 ? traversal('aws_default_vpc', [vpcs[0]![1].labels[1]!.value, 'id'], f.typeAt) : undefined;
}

/** Fields with some arguments replaced (an argument the resource does not take, written for the lowerer it shares). */
function withArgs(f: Fields, args: Record<string, Expr | undefined>, nameAt: Located): Fields {
  return { ...f, get: (name) => (name in args ? (args[name] ? { value: args[name]!, nameAt } : undefined) : f.get(name)) };
}

function withDefault(props: Pair[], key: string, value: Node): Pair[] {
  return props.some((p) => p.key.value === key) ? props : [...props, pair(key, value, value)];
}

export function defaultLowerers(base: Record<string, Lowerer>): Record<string, Lowerer> {
  return {
    // cidr_block is computed (AWS chose it); enable_dns_hostnames defaults to true, not aws_vpc's false.
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_vpc
    aws_default_vpc: (f, address, scope, emit, merge) =>
      base.aws_vpc!(withArgs(f, { cidr_block: undefined, ipv4_ipam_pool_id: undefined }, f.typeAt), address, scope, (l) => {
        if (l.type !== 'AWS::EC2::VPC') return emit(l);
        const cidr = unknownNode(`${address}'s CIDR block is the default VPC's, which AWS chose`, `${address}.cidr_block`, f.typeAt);
        emit({ ...l, props: withDefault([...l.props, pair('CidrBlock', f.typeAt, cidr)], 'EnableDnsHostnames', scalar(true, f.typeAt, 'plain')) });
      }, merge),
    // In the default VPC of its region; cidr_block and vpc_id are computed; map_public_ip_on_launch defaults to true.
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_subnet
    aws_default_subnet: (f, address, scope, emit, merge) => {
      const vpc = defaultVpcOf(f, scope);
      base.aws_subnet!(withArgs(f, { vpc_id: vpc, cidr_block: undefined, availability_zone_id: undefined }, f.typeAt), address, scope, (l) => {
        let props = withDefault(l.props, 'MapPublicIpOnLaunch', scalar(true, f.typeAt, 'plain'));
        props = withDefault(props, 'CidrBlock', unknownNode(`${address}'s CIDR block is the default subnet's, which AWS chose`, `${address}.cidr_block`, f.typeAt));
        if (!vpc) props = withDefault(props, 'VpcId', unknownNode(`${address} is in the default VPC of its region, which this configuration does not manage`, 'the default VPC', f.typeAt));
        emit({ ...l, props });
      }, merge);
    },
    // The VPC whose default ACL default_network_acl_id names; its rules as written (Terraform removes
    // every rule when it adopts the ACL, then makes the ones configured).
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_network_acl
    aws_default_network_acl: (f, address, scope, emit, merge) => {
      const id = f.get('default_network_acl_id');
      const vpc = vpcIdOf(id?.value);
      base.aws_network_acl!(withArgs(f, { vpc_id: vpc }, id?.nameAt ?? f.typeAt), address, scope, (l) => {
        if (l.type !== 'AWS::EC2::NetworkAcl' || vpc) return emit(l);
        emit({ ...l, props: [...l.props, pair('VpcId', id?.nameAt ?? f.typeAt, unknownNode(`the VPC whose default network ACL ${address} manages is not known statically`, id ? scope.decls.text.slice(id.value.start, id.value.end) : `${address}.default_network_acl_id`, id?.value ?? f.typeAt))] });
      }, merge);
    },
  };
}

/**
 * aws_default_security_group without vpc_id manages the default VPC's group. The group is noted as its
 * VPC's default one: what AWS puts a group-less instance or endpoint in, and what the VPC's
 * default_security_group_id names (model/default-group.ts).
 */
export function defaultGroupLowerer(sg: Lowerer): Lowerer {
  return (f, address, scope, emit, merge) => {
    const fields = f.get('vpc_id') ? f : withArgs(f, { vpc_id: defaultVpcOf(f, scope) }, f.typeAt);
    sg(fields, address, scope, (l) => {
      const vpc = l.type === 'AWS::EC2::SecurityGroup' ? propOf(l, 'VpcId') : undefined;
      emit(vpc ? { ...l, props: [...l.props, pair(DEFAULT_GROUP_OF, vpc, vpc)] } : l);
    }, merge);
  };
}

const refTarget = (n: Node | null | undefined): string | undefined =>
  n?.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Ref' && n.pairs[0]!.value?.kind === 'scalar' ? String(n.pairs[0]!.value.value) : undefined;
const propOf = (l: Lowered, key: string) => l.props.find((p) => p.key.value === key)?.value;

/**
 * After every resource is lowered: a subnet with no association of its own uses its VPC's default
 * network ACL and main route table. Where the configuration manages that ACL (aws_default_network_acl),
 * its rules are the subnet's; the default VPC's ACL and main route table, when it does not, hold what
 * the configuration cannot show (AWS made them allowing all and routing to the internet, and they may
 * have changed since): unknown, not the fresh VPC's "allow all" and "local route only".
 */
export function defaultParts(lowered: Lowered[], imported: (address: string) => boolean = () => false): void {
  // The default VPC, and a VPC an import block names: neither is one the configuration creates.
  const before = (l: Lowered) => l.type === 'AWS::EC2::VPC' && (l.tfType === 'aws_default_vpc' || (l.tfType === 'aws_vpc' && imported(l.address)));
  const made = (vpc: string) => (lowered.find((l) => l.address === vpc)?.tfType === 'aws_default_vpc' ? 'AWS made it' : 'it is imported');
  const associated = (type: string) => new Set(lowered.filter((l) => l.type === type).map((l) => refTarget(propOf(l, 'SubnetId'))));
  const subnets = lowered.filter((l) => l.type === 'AWS::EC2::Subnet');
  const acls = lowered.filter((l) => l.tfType === 'aws_default_network_acl' && l.type === 'AWS::EC2::NetworkAcl');
  const withAcl = associated('AWS::EC2::SubnetNetworkAclAssociation');
  // The VPCs the configuration does not create, by address: asked once a subnet, so not a search of every lowered resource each time.
  const beforeVpcs = new Set(lowered.filter(before).map((l) => l.address));
  const aclOf = (subnet: Lowered, id: Node, at: Located) =>
    lowered.push({ address: `${subnet.address}.default_network_acl`, type: 'AWS::EC2::SubnetNetworkAclAssociation', at: subnet.at, typeAt: subnet.typeAt, props: [pair('SubnetId', subnet.typeAt, ref(subnet.address, subnet.typeAt)), pair('NetworkAclId', at, id)], tfType: 'aws_default_network_acl' });
  for (const s of subnets.filter((x) => !withAcl.has(x.address))) {
    const vpc = refTarget(propOf(s, 'VpcId'));
    const mine = acls.filter((a) => vpc !== undefined && refTarget(propOf(a, 'VpcId')) === vpc);
    // An ACL whose VPC is not known, or a subnet whose VPC is not: it may be that VPC's default ACL.
    const maybe = acls.filter((a) => vpc === undefined || refTarget(propOf(a, 'VpcId')) === undefined);
    if (mine.length === 1 && !maybe.length) aclOf(s, ref(mine[0]!.address, mine[0]!.typeAt), mine[0]!.typeAt);
    else if (mine.length || maybe.length) {
      const a = (mine[0] ?? maybe[0])!;
      aclOf(s, unknownNode(`${a.address} may manage the default network ACL of ${s.address}'s VPC, which it does not name statically`, `${a.address}'s default_network_acl_id`, a.typeAt), a.typeAt);
    } else if (vpc && beforeVpcs.has(vpc)) {
      const why = made(vpc) === 'AWS made it' ? 'AWS made it allowing all traffic; it may have changed since' : `${vpc} is imported: its default ACL holds the rules it has`;
      aclOf(s, unknownNode(`${s.address} uses the default network ACL of ${vpc}, which this configuration does not manage (${why})`, `the default network ACL of ${vpc}`, s.typeAt), s.typeAt);
    }
  }
  const withTable = associated('AWS::EC2::SubnetRouteTableAssociation');
  for (const vpc of lowered.filter(before)) {
    const managed = lowered.some((l) => l.tfType === 'aws_default_route_table' && l.type === 'AWS::EC2::RouteTable' && refTarget(propOf(l, 'VpcId')) === vpc.address);
    if (managed) continue;
    const table = `${vpc.address}.main_route_table`;
    if (!lowered.some((l) => l.address === table)) lowered.push({ address: table, type: 'AWS::EC2::RouteTable', at: vpc.at, typeAt: vpc.typeAt, props: [pair('VpcId', vpc.typeAt, ref(vpc.address, vpc.typeAt))], tfType: vpc.tfType });
    const why = `the main route table of ${vpc.address} holds routes this configuration does not manage (${made(vpc.address) === 'AWS made it' ? "AWS made it with a route to the default VPC's internet gateway; it may have changed since" : `${vpc.address} is imported: the table holds the routes it has`})`;
    const unseen = unknownNode(why, `the main route table of ${vpc.address}`, vpc.typeAt);
    lowered.push({ address: `${table}.routes`, type: 'AWS::EC2::Route', at: vpc.at, typeAt: vpc.typeAt, props: [pair('RouteTableId', vpc.typeAt, ref(table, vpc.typeAt)), pair('DestinationCidrBlock', vpc.typeAt, unseen), pair('GatewayId', vpc.typeAt, unseen)], tfType: vpc.tfType });
    for (const s of subnets.filter((x) => !withTable.has(x.address) && refTarget(propOf(x, 'VpcId')) === vpc.address)) {
      lowered.push({ address: `${s.address}.main_route_table`, type: 'AWS::EC2::SubnetRouteTableAssociation', at: s.at, typeAt: s.typeAt, props: [pair('SubnetId', s.typeAt, ref(s.address, s.typeAt)), pair('RouteTableId', vpc.typeAt, ref(table, vpc.typeAt))], tfType: vpc.tfType });
    }
  }
}
