// The format-neutral network model: what a template (CloudFormation today, Terraform later) says about
// one deployment's VPC network. Adapters fill it (core/cfn/network.ts); the rules and the trace read it
// and never the template's property names. Every fact is known (a value and the source range it comes
// from) or unknown (why, and which value decides it). Conditions: one model describes one deployment
// (a choice of parameter values); the scenarios in model/network.ts hold one model per deployment, so
// a fact that differs between deployments is a value per condition.

import type { Ipv4Range } from '../util/cidr.js';
import type { Ipv6Range } from '../util/cidr6.js';
import type { PolicyDoc } from '../policy/policy-doc.js';
import type { RegionPin, RegionPins } from './zone-region.js';

export interface Span {
  start: number;
  end: number;
}

/** A value that rests on a parameter's default, which a deployment may override. */
export interface FromDefault {
  parameter: string;
  value: string;
}

export type Fact<T> =
  | { known: true; value: T; at?: Span; fromDefault?: FromDefault }
  | {
      known: false;
      why: string;
      at?: Span;
      /** The value that decides it: "parameter ExistingVpcId", "S3Endpoint's RouteTableIds". */
      decides: string;
      /** Conditional: the value on each branch of the conditions that decide it (none is known without them). */
      branches?: FactBranch<T>[];
    };

/** One branch of a conditional fact: the conditions (`Name`, or `!Name` for false) under which it holds. */
export interface FactBranch<T> {
  when: string[];
  value: T;
  at?: Span;
  /** The value is the format's default (the property is not written on this branch). */
  defaulted?: boolean;
}

/** The conditions a branch of an endpoint's fact holds under: the endpoint's own (its resource's Condition, or the deploy-time doubt `maybe`) and the branch's. */
export function branchConditions(x: { endpoint: Endpoint; when: readonly string[] }): string[] {
  const own = x.endpoint.maybe ?? x.endpoint.condition;
  return [...(own ? [own] : []), ...x.when];
}

/** A fact's value per branch: one unconditional branch when known, the branches when conditional, none when unknown. */
export function factBranches<T>(f: Fact<T>, defaulted = false): FactBranch<T>[] {
  if (f.known) return [{ when: [], value: f.value, at: f.at, defaulted }];
  return f.branches ?? [];
}

export function known<T>(value: T, at?: Span, fromDefault?: FromDefault): Fact<T> {
  return fromDefault ? { known: true, value, at, fromDefault } : { known: true, value, at };
}

/** The fact's value when it is known, else undefined (an unknown or conditional fact decides nothing). */
export function knownValue<T>(f: Fact<T> | undefined): T | undefined {
  return f?.known ? f.value : undefined;
}

export function unknownFact<T>(why: string, decides: string, at?: Span): Fact<T> {
  return { known: false, why, decides, at };
}

/** A list of references to model elements (or outside ids). `complete: false`: other members may exist. */
export interface IdList {
  items: { id: string; at: Span }[];
  /** Where the list is set (its key), for findings about the list as a whole. */
  keyAt?: Span;
  /** The list's value as written. */
  valueAt?: Span;
  complete: boolean;
  /** When not complete: why, and which value decides the missing members. */
  why?: string;
  decides?: string;
  /**
   * The list a condition this deployment does not decide chooses (Fn::If around the list or its items,
   * Terraform's `test ? [a, b] : [a]`): its members on each branch some deployment can take, the branch's
   * conditions (`Name`, or `!Name` for false) with it. Absent: no condition chooses the list's members.
   * model/list-branches.ts answers per branch.
   */
  branches?: IdListBranch[];
}

/** One branch of a conditional list: its members, each with the conditions of the Fn::If it sits in (none: written in the list itself). */
export interface IdListBranch {
  when: string[];
  /** The branch's list as written (an Fn::If's list argument); absent where Fn::Ifs among the items make it. */
  valueAt?: Span;
  items: { id: string; at: Span; when: string[] }[];
  complete: boolean;
  why?: string;
  decides?: string;
}

interface Element {
  /** The element's id: a logical id in CloudFormation, an address in Terraform. */
  id: string;
  /** Where the element is declared (its id in the source). */
  at: Span;
  /** A condition the element depends on, true in this deployment (shown in summaries). */
  condition?: string;
  /** A condition the element depends on that this deployment does not decide: it may not exist. */
  maybe?: string;
}

export interface Vpc extends Element {
  cidr: Fact<Ipv4Range>;
  cidrText: string | undefined;
  /** An unknown CidrBlock's identity ("parameter VpcCidr"): a rule naming the same value covers the VPC. */
  cidrIdentity?: string;
  /** Secondary IPv4 blocks are attached: the primary block alone does not say who is inside. */
  moreCidrs: boolean;
  dnsSupport: Fact<boolean>;
  dnsHostnames: Fact<boolean>;
  /** The VPC has an IPv6 block (Amazon-provided, BYOIP or from an IPAM pool), whatever its addresses. */
  ipv6: Fact<boolean>;
  /**
   * The addresses of its IPv6 blocks when every one is written (BYOIP, an explicit IPAM allocation); unknown,
   * naming what decides them (Amazon assigns a block, an IPAM pool allocates one); absent without IPv6.
   */
  ipv6Blocks?: Fact<string[]>;
  /** The values naming the VPC's one IPv6 block (aws_vpc.x.ipv6_cidr_block), when it surely has one and only one. */
  ipv6BlockIdentities?: string[];
}

export interface Subnet extends Element {
  vpc: Fact<string>;
  cidr: Fact<Ipv4Range>;
  /** An unknown CidrBlock's identity: a rule naming the same value covers the subnet. */
  cidrIdentity?: string;
  /** The unknown ranges its CidrBlock is carved from (`cidrsubnet(var.cidr, 8, 1)`: var.cidr), each holding it. */
  cidrWithin?: string[];
  /** Its unknown Ipv6CidrBlock's identity and the ranges it is carved from: each holds its IPv6 addresses. */
  ipv6Identities?: string[];
  /** The subnet has an IPv4 range: false for an IPv6-only subnet. */
  hasIpv4: Fact<boolean>;
  /** The subnet has an IPv6 range (its own block, an IPAM pool, or an attached block). */
  hasIpv6: Fact<boolean>;
  /** A comparable zone name (literal, or a stable description of a deploy-time zone). */
  zone: Fact<string>;
  /** The zone is a name the template writes (eu-west-1a, use1-az4), not a description of a deploy-time one. */
  zoneIsName: boolean;
  /** The Region its zone is in, when the template writes the zone (not a parameter's or variable's value): model/zone-region.ts. */
  zonePin?: string;
  /** Terraform: the region its provider (or its own `region`) creates it in, where the configuration writes it. */
  providerRegion?: string;
  /** The explicitly associated route table; null: the VPC's main route table. */
  routeTable: Fact<string | null>;
  /** The explicitly associated network ACL; null: the VPC's default ACL (allows all). */
  nacl: Fact<string | null>;
  mapPublicIp: Fact<boolean>;
  /** DNS64: the Resolver answers IPv4-only names with 64:ff9b::/96 addresses (for NAT64). Off by default. */
  dns64: Fact<boolean>;
}

export type Destination =
  | { kind: 'ipv4'; range: Ipv4Range; text: string }
  /** `range` when the text is an IPv6 CIDR. */
  | { kind: 'ipv6'; text: string; range?: Ipv6Range }
  /** A gateway endpoint's route: the service's prefix list. */
  | { kind: 'service'; pattern: string }
  | { kind: 'prefix-list'; text: string }
  /** `family`: the property that is unknown tells the family (DestinationCidrBlock: ipv4); absent: it may be either. */
  | { kind: 'unknown'; why: string; family?: 'ipv4' | 'ipv6' };

export type TargetKind = 'internet-gateway' | 'nat-gateway' | 'egress-only-gateway' | 'transit-gateway' | 'peering' | 'vpc-endpoint' | 'vpn-gateway' | 'network-interface' | 'instance' | 'other' | 'unknown';

export interface Route extends Element {
  destination: Destination;
  /**
   * `why`: for a target not in the template, what is not known (the deciding value named). `written`: the id the
   * template writes for a target outside it (vpce-0abc…), so two routes to one such target are told from two to two.
   */
  target: { kind: TargetKind; id: string | undefined; why?: string; written?: string };
  /** The gateway endpoint that adds this route. */
  endpoint?: string;
  /** One entry of this template's prefix list (DestinationPrefixListId): a static CIDR route of the same length wins over it. */
  prefixList?: string;
  /**
   * Routes a VPN gateway propagates into the table (destination unknown): a static route of the same
   * destination wins over them, a more specific one of theirs wins over a static one.
   */
  propagated?: true;
}

/** A customer-managed prefix list: its entries (IPv4 with their range, IPv6 as written). */
export interface PrefixList extends Element {
  entries: { text: string; range?: Ipv4Range; at: Span }[];
  /** false: some entry is known only at deploy time (why says which). */
  complete: boolean;
  why?: string;
}

export interface RouteTable extends Element {
  vpc: Fact<string>;
  routes: Route[];
}

export interface NatGateway extends Element {
  subnet: Fact<string>;
  /** ConnectivityType private: it cannot reach the internet. */
  isPrivate: boolean;
  /**
   * AvailabilityMode regional: in no subnet, across the VPC's zones; its own route table (made by AWS)
   * sends 0.0.0.0/0 to the VPC's internet gateway. `vpc` is its VpcId; a string: the mode is known
   * only at deploy time (why). https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html
   */
  regional?: { vpc: Fact<string> } | string;
}

export interface InternetGateway extends Element {
  vpcs: string[];
}

export interface NaclEntry {
  at: Span;
  /** NaN: known only at deploy time (the entry may come before any other). */
  ruleNumber: number;
  /** undefined: the direction is known only at deploy time. */
  egress: boolean | undefined;
  allow: boolean;
  /** 'tcp', 'udp', '-1' (all), another number; undefined: known only at deploy time. */
  protocol: string | undefined;
  from: number | undefined;
  to: number | undefined;
  cidr: Ipv4Range | undefined;
  /** An IPv6 entry (Ipv6CidrBlock): it meets IPv6 flows only, and IPv4 entries only IPv4 flows. */
  ipv6: boolean;
  /** The IPv6 range as written, when literal. */
  cidr6?: string;
  /** The entry's logical id. */
  id?: string;
  /**
   * Why some part of the entry (its range, action, direction, protocol, number, or whether it exists) is
   * known only at deploy time: it decides, unknown, every flow its known parts do not rule out.
   */
  unknown?: string;
}

export interface Nacl extends Element {
  entries: NaclEntry[];
  /** false: some entry is computed at deploy time. */
  complete: boolean;
  /** When not complete because of a value the adapter names (`dynamic "ingress"`'s for_each): why. */
  open?: string;
}

export type SgPeerSpec =
  | { kind: 'cidr4'; range: Ipv4Range; text: string; fromDefault?: FromDefault }
  | { kind: 'cidr6'; text: string }
  | { kind: 'group'; id: string }
  /** A security group outside the template, a prefix list: some addresses, unknown which. `prefixList`: the literal pl-… it names. */
  | { kind: 'other'; prefixList?: string }
  /** The prefix list of a gateway endpoint of the template: its service's public addresses in the region. */
  | { kind: 'endpoint-prefix-list'; endpoint: string }
  /** The AWS-managed prefix list of a service (`service`: its pattern), looked up by the service's name (`by`: data.aws_prefix_list.s3). */
  | { kind: 'service-prefix-list'; service: string; by: string }
  /**
   * `identity`: the unknown range is this value ("parameter VpcCidr"), the same wherever it is used;
   * `ipv6`: the range is the rule's CidrIpv6, which admits IPv6 traffic only.
   */
  | { kind: 'unknown'; why: string; identity?: string; ipv6?: true }
  /** No peer given at all (an invalid rule). */
  | { kind: 'none' };

export interface SgRule {
  at: Span;
  /** 'tcp', 'udp', 'icmp', '-1' (all) ...; undefined when unknown. */
  protocol: string | undefined;
  fromPort: number | undefined;
  toPort: number | undefined;
  peer: SgPeerSpec;
  /** Part of the rule is computed at deploy time. */
  unknown: boolean;
  /** When `unknown`: which value, and why it is not known (`EndpointIngress's FromPort: parameter Port has no default`). */
  why?: string;
  /** The implicit allow-all egress rule. */
  implicit?: boolean;
}

export interface RuleSet {
  rules: SgRule[];
  complete: boolean;
  /** When not complete because of a value the adapter names (`dynamic "ingress"`'s for_each): why, and that value. */
  open?: { why: string; decides?: string; elsewhere?: boolean };
  /** Rules that are resources of their own (the quick fix adds one of those rather than an inline one). */
  standalone: boolean;
  /** The rules were removed on purpose (Terraform's `egress = []`): said with a verdict that they block. */
  cleared?: string;
}

export interface SecurityGroup extends Element {
  vpc: Fact<string | null>;
  ingress: RuleSet;
  egress: RuleSet;
  /**
   * The VPC whose default group this is, where the configuration manages that group (Terraform's
   * aws_default_security_group: its rules are exactly the ones written). model/default-group.ts.
   */
  defaultOf?: string;
}

export type EndpointType = 'Gateway' | 'Interface' | 'GatewayLoadBalancer';

export interface Endpoint extends Element {
  /** The service's catalogue pattern (`com.amazonaws.{region}.s3`), or a provider's service name. */
  service: Fact<string>;
  type: Fact<string>;
  /** The type is the format's default (CloudFormation: Gateway when VpcEndpointType is absent). */
  typeDefaulted: boolean;
  /** Where the type would be written when it is not (a finding about a defaulted type points there). */
  typeAnchor: Span;
  /** Why the endpoint cannot be created as written (a type its service does not offer); a premise error. */
  broken?: string;
  /**
   * What makes it broken: a type the service does not offer, a service in another region than the endpoint's, a
   * service Region it cannot reach (model/cross-region.ts), or private DNS on for a service that has no private DNS name.
   */
  brokenBy?: 'type' | 'region' | 'cross-region' | 'private-dns';
  /**
   * Whether the endpoint's service is in its own region is not known (a Terraform provider's region), or whether a
   * cross-Region endpoint reaches its service is (`crossRegion`: a service not on AWS's cross-Region list): the
   * trace cannot rely on it.
   */
  regionDoubt?: { why: string; decides: string; crossRegion?: true };
  /**
   * The Region the service name names, where only the deployment knows it (`com.amazonaws.${Region}.sqs`):
   * `service` is known, what depends on the Region is not. Two endpoints whose names rest on the same value
   * (`identity`) are in one Region; different unknowns are not assumed equal (model/name-region.ts).
   */
  nameRegion?: { why: string; decides: string; identity: string; at?: Span };
  /** The VPC, from the endpoint's own VPC value or, when that is unknown, from its subnets or route tables. */
  vpc: Fact<string>;
  subnets: IdList;
  securityGroups: IdList;
  routeTables: IdList;
  privateDns: Fact<boolean>;
  /** Private DNS is the format's default (off), not written. */
  privateDnsDefaulted: boolean;
  /** S3: private DNS answers only inbound-resolver queries. */
  privateDnsInboundOnly: Fact<boolean>;
  /** A cross-Region endpoint's service Region (ServiceRegion); undefined: the endpoint's own Region. */
  serviceRegion?: Fact<string>;
  /**
   * The Regions the endpoint is created in, its VPC's: what its service Region is resolved against, once, for
   * the DNS answer, the trace, VPCE3004/3005 and hover (model/cross-region.ts answersRegion).
   */
  home: EndpointHome;
  ipAddressType: Fact<string>;
  /** The IP address type is the format's default (ipv4), not written. */
  ipAddressTypeDefaulted: boolean;
  /** The DNS record type, when the template sets one. */
  dnsRecordIpType?: Fact<string>;
  /** The endpoint policy (read on first use); undefined: none (full access). */
  policy(): PolicyDoc | undefined;
}

/**
 * Where an endpoint is created: a Terraform provider's region (its VPC's), else the Regions the settings say the
 * stack deploys to (--region, .vpce-lens.yaml). `regions` empty: not known, and `decides` names what says it.
 */
export interface EndpointHome {
  regions: readonly string[];
  /** What decides the Region when it is not one: "the Region the stack deploys to", a provider's region. */
  decides: string;
  /** The subnet whose literal zone puts it in its one Region (model/zone-region.ts); `decides` then names that zone. */
  pin?: RegionPin;
}

/**
 * A Route 53 private hosted zone: in the VPCs associated with it, the Route 53 Resolver answers every
 * name at or under the zone's name from the zone's records, never from public DNS.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html
 */
export interface PrivateZone extends Element {
  /** The zone's name, pseudo parameters written `${AWS::Region}`. */
  name: Fact<string>;
  /** Of a name known only at deploy time, the literal text it ends with (`.example.com` of `${var.env}.example.com`), when written. */
  nameTail?: string;
  /** Its VPCs; incomplete: others may be associated too (a VPC known only at deploy time, an association). */
  vpcs: IdList;
  /** Its record sets the template makes: the name (lower case, region as `{region}`, `*.` kept; undefined: computed) and the resource whose DNS names they give. */
  records: { id: string; name: string | undefined; endpoint?: string; at: Span; maybe?: string }[];
}

/**
 * VPC Lattice private DNS in a VPC (a service network VPC association, or a ServiceNetwork or Resource VPC
 * endpoint, with private DNS on): Lattice makes private hosted zones there for the custom domain names of
 * the service network's resources, within the domains it covers; one may be an AWS service's default name
 * (a centralised endpoint shared as a resource configuration).
 * https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DnsOptions.html
 */
export interface LatticeDns extends Element {
  vpc: Fact<string>;
  /** The domains it covers: 'all' (ALL_DOMAINS), the specified ones (as written, `${AWS::Region}` kept); unknown: not known. */
  covers: Fact<'all' | string[]>;
}

/**
 * Something that takes a VPC's DNS queries for some names away from Route 53 Resolver's own answers
 * (its private hosted zones, an interface endpoint's private DNS, public DNS): a Resolver rule associated
 * with the VPC, or DHCP options that give its instances other DNS servers. Read by model/dns-redirects.ts.
 */
export interface DnsRedirect extends Element {
  /** 'rule': a Resolver rule association (the element); 'servers': a DHCP options association. */
  kind: 'rule' | 'servers';
  vpc: Fact<string>;
  /** The domain whose names it takes: dnsName's form (lower case, region `{region}`), '' the root; 'servers': ''. */
  domain: Fact<string>;
  /** Whether the names go elsewhere (a FORWARD or DELEGATE rule, other DNS servers) or stay Resolver's (a SYSTEM rule, AmazonProvidedDNS). */
  forwards: Fact<boolean>;
  /** What the answer names: `Resolver rule SsmRule (ssm.{region}.amazonaws.com)`, `DHCP options Dhcp`. */
  label: string;
}

/** Something that sends traffic: an instance, a function, a service, with its subnets and groups. */
export interface Workload extends Element {
  kind: string;
  subnets: IdList;
  securityGroups: IdList;
  /**
   * With no security group written, AWS puts it in its VPC's default group (an instance, an ECS task):
   * model/default-group.ts answers which group that is.
   */
  defaultGroup?: boolean;
  /** 'subnet': the subnet's setting decides (an instance without AssociatePublicIpAddress). */
  publicIp: Fact<boolean> | 'subnet';
  /**
   * Whether it sends IPv6 traffic from a dual-stack subnet, when the workload decides it (a Lambda
   * function's Ipv6AllowedForDualStack); undefined: its host's addresses decide (instances, tasks).
   */
  ipv6?: Fact<boolean>;
}

/** An instance's interface at a device index other than 0: its subnet and groups. */
export interface ExtraInterface {
  /** The interface (or the attachment, when the interface is not the template's). */
  id: string;
  at: Span;
  subnet: Fact<string>;
  groups: IdList;
}

/** One deployment's network. */
export interface NetworkModel {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  natGateways: Map<string, NatGateway>;
  internetGateways: Map<string, InternetGateway>;
  nacls: Map<string, Nacl>;
  securityGroups: Map<string, SecurityGroup>;
  endpoints: Map<string, Endpoint>;
  endpointServices: Map<string, Element>;
  workloads: Map<string, Workload>;
  /** Customer-managed prefix lists the template creates, with their entries. */
  prefixLists: Map<string, PrefixList>;
  /** Route 53 private hosted zones the template creates. */
  privateZones: Map<string, PrivateZone>;
  /**
   * The rules a template adds to a VPC's default security group (GroupId: !GetAtt Vpc.DefaultSecurityGroup),
   * by VPC: never complete, as the group's own rules are AWS's, which anyone may change.
   */
  defaultGroupRules?: Map<string, { ingress: RuleSet; egress: RuleSet }>;
  /**
   * Network interfaces attached to an instance besides its first (a NetworkInterfaceAttachment, Terraform's
   * aws_network_interface_attachment or an aws_network_interface's attachment block), by instance.
   */
  extraInterfaces?: Map<string, ExtraInterface[]>;
  /** The entries a template adds to a VPC's default network ACL (!GetAtt Vpc.DefaultNetworkAcl), by VPC. */
  defaultNaclEntries?: Map<string, NaclEntry[]>;
  /** VPC Lattice private DNS the template gives its VPCs. */
  latticeDns?: LatticeDns[];
  /** Resolver rules and DHCP options that take some of a VPC's DNS queries elsewhere. */
  dnsRedirects?: DnsRedirect[];
  /** The Regions the settings say the stack deploys to (a VPC's, where no endpoint of it says another). */
  regions?: readonly string[];
  /** The Region subnets' literal zones put the stack, or each VPC, in (model/zone-region.ts). */
  regionPins?: RegionPins;
  /** Elements of the template that this deployment does not create (their condition is false). */
  absent: Map<string, string>;
  /** Where any element is declared, to point hops at it. */
  spans: Map<string, Span>;
  /**
   * VPCs and route tables handed to something the model does not see into (a nested stack), which may
   * create endpoints in them or add routes, and endpoints handed to a Terraform module not read, which
   * may associate route tables, subnets or groups with them: id → who (`nested stack Endpoints`).
   */
  elsewhere?: Map<string, string>;
  /** Loops whose elements are made at deploy time (`Fn::ForEach::Endpoints` over a list parameter): unseen. */
  deployTimeLoops?: string[];
  /**
   * Network resources whose logical id the template writes twice (VPCE0002): CloudFormation deploys one of the
   * copies, which the model does not hold, so no answer that one of them may change is certain.
   */
  writtenTwice?: { id: string; types: string[]; services?: string[] }[];
  /** Deploy-time loops (`Fn::ForEach::Routes` over a parameter) that make network resources the model cannot see. */
  unseenLoops?: { id: string; types: string[] }[];
  /**
   * The template's other resources (id → type), which the model does not read: a question about one
   * (a trace from a SageMaker domain) is answered as about a resource the template has, not a name it lacks.
   */
  others?: Map<string, string>;
}

export function emptyModel(): NetworkModel {
  return { vpcs: new Map(), subnets: new Map(), routeTables: new Map(), natGateways: new Map(), internetGateways: new Map(), nacls: new Map(), securityGroups: new Map(), endpoints: new Map(), endpointServices: new Map(), workloads: new Map(), prefixLists: new Map(), privateZones: new Map(), absent: new Map(), spans: new Map() };
}
