// VPCE2001 `{type: Interface}` and VPCE2002 `{type}`: an endpoint made a whole endpoint of a type in one
// action, as the CloudFormation fix does (fixes/families/convert.ts):
// - to Interface: the type set, route_table_ids removed, subnet_ids added (one per zone, from the
//   subnets that used those route tables, else the VPC's private subnets), security_group_ids added (a
//   group of the module admitting from the VPC a port the service is served on, HTTPS for nearly all, else a
//   new one admitting each of them: catalogue servicePorts), private DNS on where
//   the service has it, and the VPC's DNS arguments on when they are off;
// - to Gateway (S3, DynamoDB): the reverse, with the route tables of the endpoint's subnets.
// VPCE2002 gets the conversion to the type the endpoint has (preferred) and, where the service offers
// both types, the conversion to the other (not preferred: which one the author meant is theirs to say).
// A vpc-endpoints module entry is converted in its `endpoints` map (entry.ts): its `service_type`, and
// the call's own subnet_ids / security_group_ids count as the entry's. Network facts come from the
// shared model; what cannot be chosen for the author is said in the title.

import type { FamilyFix, TextEdit } from '../../fixes/types.js';
import { endpointPortsOf, endpointSubnets, networkFor, serviceGroup, onePerZone, privateSubnets, vpcOf, type FixNetwork } from '../../fixes/network.js';
import { attr } from '../hcl-ast.js';
import { httpsOnly } from '../../data/catalogue.js';
import { TF_WORDS } from '../../rules/words.js';
import { nextLineStart } from './layout.js';
import { editsIn } from './json-edits.js';
import { sequence, type Step } from './sequence.js';
import { blockAt, fileAt, refTo, type TfFamily, type TfFixContext } from './target.js';
import { callArg, endpointAt, type EndpointAt } from './entry.js';
import { turnOnVpcDns } from './network.js';

type Type = 'Interface' | 'Gateway';

/** VPCE2001 `{type: Interface}`: the whole conversion to Interface. */
export const toInterface: TfFamily = (ctx) => (ctx.data.type === 'Interface' ? convertTo(ctx, 'Interface') : []);

/** VPCE2002 `{type}`: the conversion to the endpoint's own type, then, where the service has both, to the other. */
export const convert: TfFamily = (ctx) => {
  const type = ctx.data.type;
  if (type !== 'Interface' && type !== 'Gateway') return [];
  const other: Type = type === 'Interface' ? 'Gateway' : 'Interface';
  const net = ctx.m.root && networkFor(ctx.m.text, ctx.m.root);
  const endpoint = net?.endpoints.find((e) => e.resource.id === ctx.finding.resource);
  const both = Boolean(endpoint?.services.length) && endpoint!.services.every((sv) => sv.value.info?.types.includes(other) && sv.value.info.types.includes(type));
  return [...convertTo(ctx, type), ...(both ? convertTo(ctx, other).map((f) => ({ ...f, isPreferred: false })) : [])];
};

interface Plan {
  at: EndpointAt;
  net: FixNetwork;
  id: string;
  steps: Step[];
  /** Arguments added, after the service's (or the body's first) argument. */
  add: [string, string][];
  /** What the conversion does besides the type: none but the finding's own removal is not a conversion. */
  changes: string[];
  todo: string[];
  /** Edits of other files (the VPC's DNS in vpc.tf), made as they are. */
  edits: TextEdit[];
  /** A resource block added after the endpoint's (its security group). */
  append?: string;
}

function convertTo(ctx: TfFixContext, type: Type): FamilyFix[] {
  const { m, finding } = ctx;
  const id = finding.resource;
  const at = endpointAt(m, id);
  const file = at && fileAt(m, at.block.start);
  if (!id || !at || !file || !m.root) return [];
  const net = networkFor(m.text, m.root);
  if (!net?.endpoints.some((e) => e.resource.id === id)) return [];
  const plan: Plan = { at, net, id, steps: [], add: [], changes: [], todo: [], edits: [] };
  const typeName = at.arg('vpc_endpoint_type')!;
  const typeAttr = attr(at.block.body, typeName);
  if (typeAttr) {
    if (typeAttr.value.k !== 'literal') return []; // computed: the author's to change
    if (typeAttr.value.value !== type) plan.steps.push(setValue(id, typeName, `"${type}"`));
    // Unset: the module's default is Interface, the provider's Gateway.
  } else if (type === (at.entry ? 'Gateway' : 'Interface')) plan.add.push([typeName, `"${type}"`]);
  if (!(type === 'Interface' ? interfacePlan(ctx, plan) : gatewayPlan(ctx, plan))) return [];
  const removedByFinding = typeof ctx.data.remove === 'string' ? `remove ${at.arg(TF_WORDS.prop(ctx.data.remove))}` : undefined;
  // VPCE2002 has no plain "Set …" fix: a conversion that only sets the type (a module entry whose route
  // tables the default Interface type drops, made the Gateway endpoint they say was meant) is offered.
  if (plan.changes.every((c) => c === removedByFinding) && !(ctx.finding.ruleId === 'VPCE2002' && type !== ctx.data.type)) return []; // the plain "Set …" / "Remove …" fix
  if (plan.add.length) {
    const add = plan.add;
    plan.steps.push((_text, blockOf, doc) => {
      const b = blockOf(id);
      return b && editsIn(doc).insertArguments(b, add, attr(b.body, 'service_name') ?? attr(b.body, 'service') ?? b.body.attributes[0]);
    });
  }
  if (plan.append) {
    const group = plan.append;
    // After the endpoint's resource block, or after the module call whose entry it is.
    const after = at.entry ? `module.${at.entry.call.labels[0]?.value}` : id;
    plan.steps.push((text, blockOf, doc) => {
      const b = blockOf(after);
      // A security group of its own is written in HCL: none is added to a .tf.json file.
      if (!b || editsIn(doc).isJson(b.start)) return undefined;
      const end = nextLineStart(text, b.end);
      return [{ start: end, end, newText: `${text[end - 1] === '\n' ? '' : '\n'}\n${group}\n` }];
    });
  }
  const own = sequence(m.text, file, plan.steps);
  if (!own) return [];
  const { todo } = plan;
  const title = `Make ${id} ${type === 'Interface' ? 'an Interface' : 'a Gateway'} endpoint${todo.length ? `, then ${todo.join(' and ')}` : ''}`;
  return [{ title, edits: [...own, ...plan.edits], ...(todo.length ? { leaves: ['VPCE2002'] } : {}) }];
}

function setValue(id: string, name: string, value: string): Step {
  return (_text, blockOf) => {
    const a = attr(blockOf(id)?.body, name);
    return a && [{ start: a.value.start, end: a.value.end, newText: value }];
  };
}

function remove(plan: Plan, name: string): void {
  if (!attr(plan.at.block.body, name)) return;
  plan.changes.push(`remove ${name}`);
  plan.steps.push((_text, blockOf, doc) => {
    const b = blockOf(plan.id);
    const a = attr(b?.body, name);
    return b && a && editsIn(doc).removeItem(b.body, a);
  });
}

/** Whether the endpoint has the argument: its own, or (a module entry) the call's, which it shares. */
function has(at: EndpointAt, name: string): boolean {
  return Boolean(attr(at.block.body, name) ?? callArg(at, name));
}

function interfacePlan({ m, finding }: TfFixContext, plan: Plan): boolean {
  const { at, net, id, add, todo } = plan;
  const endpoint = net.endpoints.find((e) => e.resource.id === id)!;
  const tables = [...net.routeTables.values()].filter((t) => t.routes.some((r) => r.endpoint === endpoint)).map((t) => t.resource.id);
  remove(plan, 'route_table_ids');
  const vpc = vpcOf(net, id);
  if (!has(at, 'subnet_ids')) {
    const used = [...net.subnets.values()].filter((s) => s.routeTable && tables.includes(s.routeTable) && (!vpc || s.vpc === vpc)).map((s) => s.resource.id);
    const refs = onePerZone(net, used.length ? used : vpc ? privateSubnets(net, vpc) : []).map((s) => refTo(m, s, 'id'));
    if (refs.length && refs.every(Boolean)) add.push(['subnet_ids', `[${refs.join(', ')}]`]);
    else todo.push('choose subnets');
  }
  // The module's own group (create_security_group) is one of the entry's.
  if (!has(at, 'security_group_ids') && !callArg(at, 'create_security_group')) {
    // A group admitting a port the service is served on (SES's SMTP interface is not HTTPS), else a new one for each.
    const ports = endpointPortsOf(endpoint);
    const group = vpc ? serviceGroup(net, vpc, ports) : undefined;
    const groupRef = group && refTo(m, group, 'id');
    const vpcBlock = blockAt(m, vpc);
    if (groupRef) add.push(['security_group_ids', `[${groupRef}]`]);
    else if (vpc && vpcBlock && refTo(m, vpc, 'id') && net.vpcs.get(vpc)?.cidr && !attr(vpcBlock.body, 'count') && !attr(vpcBlock.body, 'for_each')) {
      const base = at.entry ? `${at.entry.call.labels[0]?.value}_${at.entry.key}` : id.split('.')[1]!.replace(/\[.*$/, '');
      const name = freeName(m.resourceBlocks, `${base.replace(/\W+/g, '_')}_endpoint`);
      plan.append = securityGroup(name, id, vpc, ports);
      add.push(['security_group_ids', `[aws_security_group.${name}.id]`]);
    } else todo.push('choose a security group');
  }
  const info = endpoint.services[0]?.value.info;
  const dns = attr(at.block.body, 'private_dns_enabled');
  const dnsOn = dns?.value.k === 'literal' && dns.value.value === true;
  if (info?.privateDns === true || dnsOn) {
    if (!dns) add.push(['private_dns_enabled', 'true']);
    else if (!dnsOn && dns.value.k === 'literal') {
      plan.steps.push(setValue(id, 'private_dns_enabled', 'true'));
      plan.changes.push('private DNS on');
    }
    if (!vpcDns(m, finding, plan, vpc)) return false;
  }
  plan.changes.push(...add.filter(([k]) => k !== at.arg('vpc_endpoint_type')).map(([k]) => `add ${k}`));
  return true;
}

/** The VPC's DNS arguments on where they are off: a step in the endpoint's file, else edits of the VPC's. */
function vpcDns(m: TfFixContext['m'], finding: TfFixContext['finding'], plan: Plan, vpc: string | undefined): boolean {
  const v = vpc ? plan.net.vpcs.get(vpc) : undefined;
  const off = v ? [v.dnsSupport === false ? 'enable_dns_support' : '', v.dnsHostnames === false ? 'enable_dns_hostnames' : ''].filter(Boolean) : [];
  const vpcBlock = blockAt(m, vpc);
  if (!off.length || !vpcBlock) return true;
  plan.changes.push('VPC DNS on');
  if (fileAt(m, vpcBlock.start) === fileAt(m, plan.at.block.start)) {
    plan.steps.push((_text, blockOf, doc) => {
      const [fix] = turnOnVpcDns({ m: { ...m, text: doc.text, files: [...doc.files], blockOf }, finding, data: { vpc, attributes: off } });
      return fix?.edits;
    });
    return true;
  }
  const [fix] = turnOnVpcDns({ m, finding, data: { vpc, attributes: off } });
  if (!fix) return false;
  plan.edits.push(...fix.edits);
  return true;
}

function gatewayPlan({ m }: TfFixContext, plan: Plan): boolean {
  const { at, net, id, add, todo } = plan;
  const endpoint = net.endpoints.find((e) => e.resource.id === id)!;
  if (!endpoint.services.length || !endpoint.services.every((sv) => sv.value.info?.types.includes('Gateway'))) return false;
  const subnets = endpointSubnets(net, id);
  for (const name of ['subnet_ids', 'security_group_ids', 'private_dns_enabled']) remove(plan, name);
  if (!attr(at.block.body, 'route_table_ids')) {
    const tables = [...new Set(subnets.map((s) => net.subnets.get(s)?.routeTable).filter((t): t is string => Boolean(t)))];
    const refs = tables.map((t) => refTo(m, t, 'id'));
    if (refs.length && refs.every(Boolean)) {
      add.push(['route_table_ids', `[${refs.join(', ')}]`]);
      plan.changes.push('add route_table_ids');
    } else todo.push('choose route tables');
  }
  return true;
}
function freeName(taken: ReadonlyMap<string, unknown>, wanted: string): string {
  const used = (n: string) => [...taken.keys()].some((a) => a === `aws_security_group.${n}` || a.startsWith(`aws_security_group.${n}[`));
  if (!used(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used(`${wanted}${i}`)) return `${wanted}${i}`;
}

function securityGroup(name: string, endpoint: string, vpc: string, ports: readonly number[]): string {
  return [
    `resource "aws_security_group" "${name}" {`,
    // EC2 takes no apostrophe in a description (a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*:
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html): the ports by number.
    `  description = "${httpsOnly(ports) ? 'HTTPS' : `TCP ${ports.join(', ')}`} from the VPC to ${endpoint}"`,
    `  vpc_id      = ${vpc}.id`,
    ...ports.flatMap((port) => ['', '  ingress {', `    from_port   = ${port}`, `    to_port     = ${port}`, '    protocol    = "tcp"', `    cidr_blocks = [${vpc}.cidr_block]`, '  }']),
    '}',
  ].join('\n');
}
