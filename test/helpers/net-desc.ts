// One small, realistic VPC network as plain data, drawn by fast-check, that test/helpers/net-cfn.ts and
// net-tf.ts write as a CloudFormation template and as a Terraform module meaning the same thing. The
// property tests (test/property/network-consistency.property.test.ts) judge both forms, the rules
// against the trace, the map against the trace, and a description against one with a value made unknown.
// Some VPCs have an Amazon-provided IPv6 block and dual-stack subnets (some with DNS64), ::/0 routes to
// the egress-only gateway, 64:ff9b::/96 routes to a NAT gateway, groups that admit IPv6 too and gateway
// endpoints set to dual stack: a dual-stack subnet's trace follows both families (trace/routed6.ts).

import fc from 'fast-check';

/**
 * A value written as a literal, left out (the format's default), taken from a parameter without default
 * (unknown), or from a parameter whose default is on (the defaults' deployment has it on; another may not).
 */
export type Tri = 'on' | 'off' | 'unset' | 'param' | 'default-on';

export type RouteTarget = { kind: 'igw' } | { kind: 'nat'; nat: number } | { kind: 'tgw' } | { kind: 'eigw' } | { kind: 'param' };

export interface RouteDesc {
  dest: '0.0.0.0/0' | '10.1.0.0/16' | '::/0' | '64:ff9b::/96';
  target: RouteTarget;
  /** Exists only when the deployment's Env is prod. */
  cond: boolean;
}

export type Service = 's3' | 'dynamodb' | 'ssm' | 'sqs' | 'ecr.api' | 's3-other-region' | 'misspelt' | 'param';

export interface EndpointDesc {
  service: Service;
  type: 'Gateway' | 'Interface' | 'unset' | 'param';
  tables: number[];
  subnets: number[];
  privateDns: Tri;
  sgs: number[];
  policy: 'none' | 'allow-all' | 'deny-all' | 's3-get';
  cond: boolean;
  /** IpAddressType dualstack (written only when the VPC has IPv6). */
  dualstack?: boolean;
}

export interface SgDesc {
  /** Ingress on TCP 443 (`param`: the port is a parameter without default), or on 80 only. */
  https: 'yes' | 'no' | 'param';
  from: 'vpc' | 'anywhere' | 'elsewhere';
  /** Egress to anywhere on every port, on TCP 443 only, or on TCP 80 only. */
  egress: 'all' | 'https' | 'http';
  /** The same rules for ::/0 too (written only when the VPC has IPv6). */
  v6?: boolean;
}

export interface WorkloadDesc {
  kind: 'lambda' | 'instance' | 'ecs';
  subnets: number[];
  sgs: number[];
  /** An ECS service's AssignPublicIp (the others take the subnet's). */
  publicIp: boolean;
  cond: boolean;
}

export interface NetDesc {
  dnsSupport: Tri;
  dnsHostnames: Tri;
  igw: boolean;
  eigw: boolean;
  /** An Amazon-provided IPv6 block: subnets may be dual-stack. */
  ipv6?: boolean;
  /** `dual`: an IPv6 range too (when the VPC has IPv6), `dns64` its EnableDns64. */
  subnets: { zone: 0 | 1 | 'param'; table: number | null; publicIp: boolean; dual?: boolean; dns64?: 'on' | 'unset' | 'param' }[];
  tables: { routes: RouteDesc[] }[];
  /** Each NAT gateway's subnet. */
  nats: number[];
  sgs: SgDesc[];
  endpoints: EndpointDesc[];
  workloads: WorkloadDesc[];
}

// Unknowns are rarer than literals, as in real templates, so that most traces reach a definite answer.
const tri = fc.constantFrom<Tri>('on', 'on', 'on', 'off', 'off', 'unset', 'unset', 'param', 'default-on');
const some = (n: number, max: number) => (n === 0 ? fc.constant([] as number[]) : fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: Math.min(max, n) }).map((a) => a.sort()));

export const netDesc: fc.Arbitrary<NetDesc> = fc
  .record({
    subnetCount: fc.integer({ min: 1, max: 3 }),
    tableCount: fc.integer({ min: 1, max: 2 }),
    natCount: fc.integer({ min: 0, max: 1 }),
    sgCount: fc.integer({ min: 0, max: 2 }),
    igw: fc.boolean(),
    eigw: fc.boolean(),
    ipv6: fc.boolean(),
    dnsSupport: tri,
    dnsHostnames: tri,
  })
  .chain((s) => {
    const target: fc.Arbitrary<RouteTarget> = fc.oneof(
      ...(s.igw ? [{ weight: 3, arbitrary: fc.constant<RouteTarget>({ kind: 'igw' }) }] : []),
      ...(s.natCount ? [{ weight: 3, arbitrary: fc.nat({ max: s.natCount - 1 }).map((nat): RouteTarget => ({ kind: 'nat', nat })) }] : []),
      { weight: 1, arbitrary: fc.constant<RouteTarget>({ kind: 'tgw' }) },
      { weight: 1, arbitrary: fc.constant<RouteTarget>({ kind: 'param' }) },
    );
    const route = fc.record({ dest: fc.constantFrom<RouteDesc['dest']>('0.0.0.0/0', '10.1.0.0/16'), target, cond: fc.boolean() });
    // Distinct destinations per table: two routes to one destination is a deploy error, not a network.
    const nat64 = s.ipv6 && s.natCount ? fc.boolean() : fc.constant(false);
    const routes = fc.tuple(fc.uniqueArray(route, { maxLength: 2, selector: (r) => r.dest }), nat64).map(([rs, n64]): RouteDesc[] => [
      ...rs,
      ...(s.eigw ? [{ dest: '::/0' as const, target: { kind: 'eigw' as const }, cond: false }] : []),
      ...(n64 ? [{ dest: '64:ff9b::/96' as const, target: { kind: 'nat' as const, nat: 0 }, cond: false }] : []),
    ]);
    const endpoint = fc.record({
      service: fc.constantFrom<Service>('s3', 's3', 'dynamodb', 'ssm', 'sqs', 'ecr.api', 's3-other-region', 'misspelt', 'param'),
      type: fc.constantFrom<EndpointDesc['type']>('Gateway', 'Gateway', 'Interface', 'Interface', 'Interface', 'unset', 'param'),
      tables: some(s.tableCount, 2),
      subnets: some(s.subnetCount, 2),
      privateDns: tri,
      sgs: some(s.sgCount, 1),
      policy: fc.constantFrom<EndpointDesc['policy']>('none', 'none', 'allow-all', 'deny-all', 's3-get'),
      cond: fc.boolean(),
      dualstack: s.ipv6 ? fc.boolean() : fc.constant(false),
    });
    const workload = fc.record({ kind: fc.constantFrom<WorkloadDesc['kind']>('lambda', 'instance', 'ecs'), subnets: some(s.subnetCount, 2).filter((a) => a.length > 0), sgs: some(s.sgCount, 1), publicIp: fc.boolean(), cond: fc.boolean() });
    return fc.record({
      dnsSupport: fc.constant(s.dnsSupport),
      dnsHostnames: fc.constant(s.dnsHostnames),
      igw: fc.constant(s.igw),
      eigw: fc.constant(s.eigw),
      ipv6: fc.constant(s.ipv6),
      subnets: fc.array(fc.record({ zone: fc.constantFrom<0 | 1 | 'param'>(0, 1, 0, 1, 'param'), table: s.tableCount ? fc.option(fc.nat({ max: s.tableCount - 1 }), { nil: null, freq: 4 }) : fc.constant(null), publicIp: fc.boolean(), dual: s.ipv6 ? fc.boolean() : fc.constant(false), dns64: s.ipv6 ? fc.constantFrom<'on' | 'unset' | 'param'>('unset', 'unset', 'on', 'param') : fc.constant<'unset'>('unset') }), { minLength: s.subnetCount, maxLength: s.subnetCount }),
      tables: fc.array(fc.record({ routes }), { minLength: s.tableCount, maxLength: s.tableCount }),
      nats: fc.array(fc.nat({ max: s.subnetCount - 1 }), { minLength: s.natCount, maxLength: s.natCount }),
      sgs: fc.array(fc.record({ https: fc.constantFrom<SgDesc['https']>('yes', 'yes', 'no', 'param'), from: fc.constantFrom<SgDesc['from']>('vpc', 'vpc', 'anywhere', 'elsewhere'), egress: fc.constantFrom<SgDesc['egress']>('all', 'all', 'https', 'http'), v6: s.ipv6 ? fc.boolean() : fc.constant(false) }), { minLength: s.sgCount, maxLength: s.sgCount }),
      endpoints: fc.array(endpoint, { minLength: 1, maxLength: 3 }),
      workloads: fc.array(workload, { maxLength: 2 }),
    });
  });

/** Names shared by both forms: each element's key (`subnet0`), mapped to a logical id or an address. */
export const KEYS = {
  vpc: 'vpc',
  igw: 'igw',
  eigw: 'eigw',
  subnet: (i: number) => `subnet${i}`,
  table: (i: number) => `table${i}`,
  route: (t: number, r: number) => `table${t}route${r}`,
  nat: (i: number) => `nat${i}`,
  sg: (i: number) => `sg${i}`,
  endpoint: (i: number) => `endpoint${i}`,
  workload: (i: number) => `workload${i}`,
};

/** The written text of one form, with where each element's declaration lies and the name it goes by. */
export interface Rendered {
  text: string;
  /** Key → the element's id in that form's model. */
  ids: Map<string, string>;
  /** Model id → the range of its whole declaration in `text`. */
  spans: Map<string, { start: number; end: number }>;
}

/** Appends declarations, recording each one's range. */
export class Writer {
  text = '';
  readonly ids = new Map<string, string>();
  readonly spans = new Map<string, { start: number; end: number }>();
  add(key: string | undefined, id: string | undefined, block: string): void {
    const start = this.text.length;
    this.text += block;
    if (key && id) {
      this.ids.set(key, id);
      this.spans.set(id, { start, end: this.text.length });
    }
  }
  done(): Rendered {
    return { text: this.text, ids: this.ids, spans: this.spans };
  }
}

export const SERVICE_TEXT: Record<Exclude<Service, 'param'>, { short: string; region: 'here' | 'us-east-1' }> = {
  s3: { short: 's3', region: 'here' },
  dynamodb: { short: 'dynamodb', region: 'here' },
  ssm: { short: 'ssm', region: 'here' },
  sqs: { short: 'sqs', region: 'here' },
  'ecr.api': { short: 'ecr.api', region: 'here' },
  's3-other-region': { short: 's3', region: 'us-east-1' },
  misspelt: { short: 'ssn', region: 'here' },
};

export const POLICIES: Record<Exclude<EndpointDesc['policy'], 'none'>, object> = {
  'allow-all': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
  'deny-all': { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] },
  's3-get': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' }] },
};

export const ZONES = ['eu-west-1a', 'eu-west-1b'];
export const SUBNET_CIDR = (i: number) => `10.0.${i + 1}.0/24`;
