// VPCE2001 `{type: Interface}`: a Gateway endpoint (written or by the provider's default) for a service
// with Interface endpoints only, made a whole Interface endpoint in one action, as the CloudFormation
// fix does (fixes/families/convert.ts): the type set, route_table_ids removed, subnet_ids added (one
// per zone, from the subnets that used those route tables, else the VPC's private subnets),
// security_group_ids added (a group of the module admitting HTTPS from the VPC, else a new one that
// does), private DNS on where the service has it, and the VPC's DNS arguments on when they are off.
// Network facts come from the shared model; what cannot be chosen for the author is said in the title.

import type { FamilyFix, TextEdit } from '../../fixes/types.js';
import { httpsGroup, networkFor, onePerZone, privateSubnets, vpcOf } from '../../fixes/network.js';
import { attr } from '../hcl-ast.js';
import { insertArguments, nextLineStart, removeItem } from './layout.js';
import { sequence, type Step } from './sequence.js';
import { blockAt, fileAt, refTo, type TfFamily } from './target.js';
import { turnOnVpcDns } from './network.js';

export const toInterface: TfFamily = (ctx) => {
  const { m, finding, data } = ctx;
  const id = finding.resource;
  const block = blockAt(m, id);
  const file = block && fileAt(m, block.start);
  if (data.type !== 'Interface' || !id || !block || !file || !m.root) return [];
  const net = networkFor(m.text, m.root);
  const endpoint = net?.endpoints.find((e) => e.resource.id === id);
  if (!net || !endpoint) return [];
  const has = (name: string) => Boolean(attr(block.body, name));
  const add: [string, string][] = [];
  const todo: string[] = [];
  const steps: Step[] = [];
  const typeAttr = attr(block.body, 'vpc_endpoint_type');
  if (typeAttr) {
    if (typeAttr.value.k !== 'literal') return []; // computed: the author's to change
    steps.push((text, blockOf) => {
      const a = attr(blockOf(id)?.body, 'vpc_endpoint_type');
      return a && [{ start: a.value.start, end: a.value.end, newText: '"Interface"' }];
    });
  } else add.push(['vpc_endpoint_type', '"Interface"']);
  const tables = [...net.routeTables.values()].filter((t) => t.routes.some((r) => r.endpoint === endpoint)).map((t) => t.resource.id);
  if (has('route_table_ids')) {
    steps.push((text, blockOf) => {
      const b = blockOf(id);
      const a = attr(b?.body, 'route_table_ids');
      return b && a && removeItem(text, b.body, a);
    });
  }
  const vpc = vpcOf(net, id);
  if (!has('subnet_ids')) {
    const used = [...net.subnets.values()].filter((s) => s.routeTable && tables.includes(s.routeTable) && (!vpc || s.vpc === vpc)).map((s) => s.resource.id);
    const refs = onePerZone(net, used.length ? used : vpc ? privateSubnets(net, vpc) : []).map((s) => refTo(m, s, 'id'));
    if (refs.length && refs.every(Boolean)) add.push(['subnet_ids', `[${refs.join(', ')}]`]);
    else todo.push('choose subnets');
  }
  let newGroup: string | undefined;
  if (!has('security_group_ids')) {
    const group = vpc ? httpsGroup(net, vpc) : undefined;
    const groupRef = group && refTo(m, group, 'id');
    const vpcRef = refTo(m, vpc, 'id');
    if (groupRef) add.push(['security_group_ids', `[${groupRef}]`]);
    else if (vpc && vpcRef && net.vpcs.get(vpc)?.cidr && !attr(blockAt(m, vpc)!.body, 'count') && !attr(blockAt(m, vpc)!.body, 'for_each')) {
      const name = freeName(m.resourceBlocks, `${id.split('.')[1]!.replace(/\[.*$/, '')}_endpoint`);
      newGroup = securityGroup(name, id, vpc);
      add.push(['security_group_ids', `[aws_security_group.${name}.id]`]);
    } else todo.push('choose a security group');
  }
  const info = endpoint.services[0]?.value.info;
  const dns = attr(block.body, 'private_dns_enabled');
  const dnsOn = dns?.value.k === 'literal' && dns.value.value === true;
  const edits: TextEdit[] = [];
  if (info?.privateDns === true || dnsOn) {
    if (!dns) add.push(['private_dns_enabled', 'true']);
    else if (!dnsOn && dns.value.k === 'literal') steps.push((text, blockOf) => {
      const a = attr(blockOf(id)?.body, 'private_dns_enabled');
      return a && [{ start: a.value.start, end: a.value.end, newText: 'true' }];
    });
    const v = vpc ? net.vpcs.get(vpc) : undefined;
    const off = v ? [v.dnsSupport === false ? 'enable_dns_support' : '', v.dnsHostnames === false ? 'enable_dns_hostnames' : ''].filter(Boolean) : [];
    const vpcBlock = blockAt(m, vpc);
    if (off.length && vpcBlock) {
      if (fileAt(m, vpcBlock.start) === file) {
        steps.push((text, blockOf) => {
          const [fix] = turnOnVpcDns({ m: { ...m, text, blockOf }, finding, data: { vpc, attributes: off } });
          return fix?.edits;
        });
      } else {
        const [fix] = turnOnVpcDns({ m, finding, data: { vpc, attributes: off } });
        if (!fix) return [];
        edits.push(...fix.edits);
      }
    }
  }
  // Nothing but the type: that is the plain "Set vpc_endpoint_type" fix, not a conversion.
  if (add.every(([k]) => k === 'vpc_endpoint_type') && steps.length === 0 && edits.length === 0) return [];
  if (add.length) {
    steps.push((text, blockOf) => {
      const b = blockOf(id);
      return b && insertArguments(text, b, add, attr(b.body, 'service_name') ?? b.body.attributes[0]);
    });
  }
  if (newGroup) {
    const group = newGroup;
    steps.push((text, blockOf) => {
      const b = blockOf(id);
      if (!b) return undefined;
      const at = nextLineStart(text, b.end);
      return [{ start: at, end: at, newText: `${text[at - 1] === '\n' ? '' : '\n'}\n${group}\n` }];
    });
  }
  const own = sequence(m.text, file, steps);
  if (!own) return [];
  const fix: FamilyFix = { title: `Make ${id} an Interface endpoint${todo.length ? `, then ${todo.join(' and ')}` : ''}`, edits: [...own, ...edits], ...(todo.length ? { leaves: ['VPCE2002'] } : {}) };
  return [fix];
};

function freeName(taken: ReadonlyMap<string, unknown>, wanted: string): string {
  const used = (n: string) => [...taken.keys()].some((a) => a === `aws_security_group.${n}` || a.startsWith(`aws_security_group.${n}[`));
  if (!used(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used(`${wanted}${i}`)) return `${wanted}${i}`;
}

function securityGroup(name: string, endpoint: string, vpc: string): string {
  return [
    `resource "aws_security_group" "${name}" {`,
    `  description = "HTTPS from the VPC to ${endpoint}"`,
    `  vpc_id      = ${vpc}.id`,
    '',
    '  ingress {',
    '    from_port   = 443',
    '    to_port     = 443',
    '    protocol    = "tcp"',
    `    cidr_blocks = [${vpc}.cidr_block]`,
    '  }',
    '}',
  ].join('\n');
}
