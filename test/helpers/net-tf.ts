// A NetDesc (net-desc.ts) written as a Terraform module: the same network as net-cfn.ts writes, in the
// words a Terraform author uses — variables without default for the unknown values, and
// `count = var.env == "prod" ? 1 : 0` (env defaults to prod) on the elements the description makes
// conditional.

import { KEYS, POLICIES, SERVICE_TEXT, SUBNET_CIDR, Writer, ZONES, type NetDesc, type Rendered, type Tri } from './net-desc.js';

const TYPES = { vpc: 'aws_vpc', igw: 'aws_internet_gateway', eigw: 'aws_egress_only_internet_gateway', subnet: 'aws_subnet', table: 'aws_route_table', route: 'aws_route', nat: 'aws_nat_gateway', sg: 'aws_security_group', endpoint: 'aws_vpc_endpoint' } as const;
const WORKLOAD = { lambda: 'aws_lambda_function', instance: 'aws_instance', ecs: 'aws_ecs_service' } as const;

export function toTerraform(d: NetDesc): Rendered {
  const vars: string[] = [];
  const variable = (name: string, type: string, value?: string) => {
    vars.push(`variable "${name}" {\n  type = ${type}\n${value === undefined ? '' : `  default = ${value}\n`}}\n`);
    return `var.${name}`;
  };
  const bool = (t: Tri, name: string) => (t === 'param' ? variable(name, 'bool') : t === 'default-on' ? variable(name, 'bool', 'true') : t === 'on' ? 'true' : 'false');
  const w = new Writer();
  const address = (type: string, key: string, counted: boolean) => `${type}.${key}${counted ? '[0]' : ''}`;
  const res = (type: string, key: string, body: string[], counted = false) => {
    const lines = [...(counted ? ['count = var.env == "prod" ? 1 : 0'] : []), ...body];
    w.add(key, address(type, key, counted), `resource "${type}" "${key}" {\n${lines.map((l) => `  ${l}\n`).join('')}}\n\n`);
  };
  const id = (type: string, key: string) => `${type}.${key}.id`;
  const list = (xs: string[]) => `[${xs.join(', ')}]`;

  const vpc = ['cidr_block = "10.0.0.0/16"'];
  if (d.dnsSupport !== 'unset') vpc.push(`enable_dns_support = ${bool(d.dnsSupport, 'dns_support')}`);
  if (d.dnsHostnames !== 'unset') vpc.push(`enable_dns_hostnames = ${bool(d.dnsHostnames, 'dns_hostnames')}`);
  if (d.ipv6) vpc.push('assign_generated_ipv6_cidr_block = true');
  res(TYPES.vpc, KEYS.vpc, vpc);
  const vpcId = id(TYPES.vpc, KEYS.vpc);
  if (d.igw) res(TYPES.igw, KEYS.igw, [`vpc_id = ${vpcId}`]);
  if (d.eigw) res(TYPES.eigw, KEYS.eigw, [`vpc_id = ${vpcId}`]);
  d.subnets.forEach((s, i) => {
    const zone = s.zone === 'param' ? variable(`${KEYS.subnet(i)}_zone`, 'string') : `"${ZONES[s.zone]}"`;
    const dual = s.dual ? [`ipv6_cidr_block = cidrsubnet(aws_vpc.${KEYS.vpc}.ipv6_cidr_block, 8, ${i})`, ...(!s.dns64 || s.dns64 === 'unset' ? [] : [`enable_dns64 = ${s.dns64 === 'on' ? 'true' : variable(`${KEYS.subnet(i)}_dns64`, 'bool')}`])] : [];
    res(TYPES.subnet, KEYS.subnet(i), [`vpc_id = ${vpcId}`, `cidr_block = "${SUBNET_CIDR(i)}"`, `availability_zone = ${zone}`, ...(s.publicIp ? ['map_public_ip_on_launch = true'] : []), ...dual]);
  });
  d.nats.forEach((subnet, i) => {
    w.add(undefined, undefined, `resource "aws_eip" "eip${i}" {\n  domain = "vpc"\n}\n\n`);
    res(TYPES.nat, KEYS.nat(i), [`subnet_id = ${id(TYPES.subnet, KEYS.subnet(subnet))}`, `allocation_id = aws_eip.eip${i}.id`]);
  });
  d.tables.forEach((t, ti) => {
    res(TYPES.table, KEYS.table(ti), [`vpc_id = ${vpcId}`]);
    t.routes.forEach((r, ri) => {
      const key = KEYS.route(ti, ri);
      const dest = r.dest.includes(':') ? `destination_ipv6_cidr_block = "${r.dest}"` : `destination_cidr_block = "${r.dest}"`;
      const tg = r.target;
      const target =
        tg.kind === 'igw' ? `gateway_id = ${id(TYPES.igw, KEYS.igw)}` : tg.kind === 'nat' ? `nat_gateway_id = ${id(TYPES.nat, KEYS.nat(tg.nat))}` : tg.kind === 'eigw' ? `egress_only_gateway_id = ${id(TYPES.eigw, KEYS.eigw)}` : tg.kind === 'tgw' ? 'transit_gateway_id = "tgw-0123456789abcdef0"' : `gateway_id = ${variable(`${key}_target`, 'string')}`;
      res(TYPES.route, key, [`route_table_id = ${id(TYPES.table, KEYS.table(ti))}`, dest, target], r.cond);
    });
  });
  d.subnets.forEach((s, i) => {
    if (s.table === null) return;
    w.add(undefined, undefined, `resource "aws_route_table_association" "${KEYS.subnet(i)}" {\n  subnet_id      = ${id(TYPES.subnet, KEYS.subnet(i))}\n  route_table_id = ${id(TYPES.table, KEYS.table(s.table))}\n}\n\n`);
  });
  d.sgs.forEach((g, i) => {
    const port = g.https === 'param' ? variable(`${KEYS.sg(i)}_port`, 'number') : g.https === 'yes' ? '443' : '80';
    const cidr = g.from === 'vpc' ? `aws_vpc.${KEYS.vpc}.cidr_block` : g.from === 'anywhere' ? '"0.0.0.0/0"' : '"192.168.0.0/16"';
    const v6 = g.v6 ? '\n    ipv6_cidr_blocks = ["::/0"]' : '';
    res(TYPES.sg, KEYS.sg(i), [
      `description = "group ${i}"`,
      `vpc_id = ${vpcId}`,
      `ingress {\n    protocol    = "tcp"\n    from_port   = ${port}\n    to_port     = ${port}\n    cidr_blocks = [${cidr}]${v6}\n  }`,
      g.egress === 'all' ? `egress {\n    protocol    = "-1"\n    from_port   = 0\n    to_port     = 0\n    cidr_blocks = ["0.0.0.0/0"]${v6}\n  }` : `egress {\n    protocol    = "tcp"\n    from_port   = ${g.egress === 'https' ? 443 : 80}\n    to_port     = ${g.egress === 'https' ? 443 : 80}\n    cidr_blocks = ["0.0.0.0/0"]${v6}\n  }`,
    ]);
  });
  d.endpoints.forEach((e, i) => {
    const key = KEYS.endpoint(i);
    let service: string;
    if (e.service === 'param') service = variable(`${key}_service`, 'string');
    else {
      const s = SERVICE_TEXT[e.service];
      service = s.region === 'here' ? `"com.amazonaws.\${data.aws_region.current.name}.${s.short}"` : `"com.amazonaws.${s.region}.${s.short}"`;
    }
    const body = [`vpc_id = ${vpcId}`, `service_name = ${service}`];
    if (e.type !== 'unset') body.push(`vpc_endpoint_type = ${e.type === 'param' ? variable(`${key}_type`, 'string') : `"${e.type}"`}`);
    if (e.tables.length) body.push(`route_table_ids = ${list(e.tables.map((t) => id(TYPES.table, KEYS.table(t))))}`);
    if (e.subnets.length) body.push(`subnet_ids = ${list(e.subnets.map((s) => id(TYPES.subnet, KEYS.subnet(s))))}`);
    if (e.sgs.length) body.push(`security_group_ids = ${list(e.sgs.map((s) => id(TYPES.sg, KEYS.sg(s))))}`);
    if (e.privateDns !== 'unset') body.push(`private_dns_enabled = ${bool(e.privateDns, `${key}_private_dns`)}`);
    if (e.policy !== 'none') body.push(`policy = jsonencode(${JSON.stringify(POLICIES[e.policy])})`);
    if (e.dualstack) body.push('ip_address_type = "dualstack"');
    res(TYPES.endpoint, key, body, e.cond);
  });
  d.workloads.forEach((wl, i) => {
    const key = KEYS.workload(i);
    const subnets = list(wl.subnets.map((s) => id(TYPES.subnet, KEYS.subnet(s))));
    const sgs = list(wl.sgs.map((s) => id(TYPES.sg, KEYS.sg(s))));
    if (wl.kind === 'lambda') {
      res(WORKLOAD.lambda, key, [`function_name = "${key}"`, 'runtime = "python3.12"', 'handler = "index.handler"', 'role = "arn:aws:iam::123456789012:role/fn"', 'filename = "fn.zip"', `vpc_config {\n    subnet_ids         = ${subnets}\n    security_group_ids = ${sgs}\n  }`], wl.cond);
    } else if (wl.kind === 'instance') {
      res(WORKLOAD.instance, key, ['ami = "ami-0123456789abcdef0"', 'instance_type = "t3.micro"', `subnet_id = ${id(TYPES.subnet, KEYS.subnet(wl.subnets[0]!))}`, ...(wl.sgs.length ? [`vpc_security_group_ids = ${sgs}`] : [])], wl.cond);
    } else {
      res(WORKLOAD.ecs, key, [`name = "${key}"`, 'cluster = "apps"', 'launch_type = "FARGATE"', 'task_definition = "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:1"', `network_configuration {\n    assign_public_ip = ${wl.publicIp}\n    subnets          = ${subnets}\n    security_groups  = ${sgs}\n  }`], wl.cond);
    }
  });
  const head = `data "aws_region" "current" {}\n\nvariable "env" {\n  type    = string\n  default = "prod"\n}\n\n${vars.join('\n')}\n`;
  const r = w.done();
  const shift = new Map([...r.spans].map(([k, s]) => [k, { start: s.start + head.length, end: s.end + head.length }]));
  return { text: head + r.text, ids: r.ids, spans: shift };
}
