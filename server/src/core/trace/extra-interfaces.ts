// An instance with more than one network interface (model extraInterfaces): its traffic to an address in
// another interface's subnet leaves through that interface, whose subnet is on its link, with that
// interface's security groups and its subnet's network ACL. The trace from the instance's first interface
// is the answer only where such an interface would get the same one; where an interface endpoint the
// service's name resolves to has an address in that subnet and the answer through it differs, which
// interface carries the traffic (the endpoint address the client picks, the instance's routes) decides:
// unknown, naming the interface.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/scenarios-enis.html

import { resolveName } from '../model/dns.js';
import { known, type NetworkModel } from '../model/types.js';
import type { TraceOptions, TraceResult, TraceTarget } from './types.js';

type Run = (model: NetworkModel, from: string, target: TraceTarget, options: TraceOptions) => TraceResult;

export function withExtraInterfaces(model: NetworkModel, from: string, target: TraceTarget, options: TraceOptions, run: Run): TraceResult {
  const result = run(model, from, target, options);
  const extras = model.extraInterfaces?.get(from);
  const w = model.workloads.get(from);
  if (!extras?.length || !w || target.kind !== 'service' || result.absent) return result;
  const first = w.subnets.items[0]?.id;
  const subnet = first ? model.subnets.get(first) : undefined;
  const vpc = subnet?.vpc.known ? model.vpcs.get(subnet.vpc.value) : undefined;
  const endpoint = vpc ? resolveName(model, vpc, target.pattern, target.name, options.region).endpoint : undefined;
  if (!endpoint) return result;
  for (const nic of extras) {
    const id = nic.subnet.known ? nic.subnet.value : undefined;
    if (id !== undefined && id === first) continue;
    const onLink = id === undefined || !endpoint.subnets.complete || endpoint.subnets.items.some((i) => i.id === id);
    if (!onLink) continue;
    const through = id !== undefined ? run({ ...model, workloads: new Map(model.workloads).set(from, { ...w, subnets: { items: [{ id, at: nic.at }], complete: true }, securityGroups: nic.groups, publicIp: known(false, nic.at) }), extraInterfaces: undefined }, from, target, options) : undefined;
    if (through && through.verdict === result.verdict) continue;
    const where = nic.subnet.known ? `${id}, where ${endpoint.id} has an address` : `a subnet that is known only at deploy time (decided by ${nic.subnet.decides})`;
    const reason = `${from} also has network interface ${nic.id} in ${where}: traffic to an address in that subnet leaves through ${nic.id}, with its security groups${through ? `, and through it the answer is ${through.verdict} (${through.summary})` : ''}`;
    const at = model.spans.get(nic.id) ?? nic.at;
    const hops = [...result.hops, { resource: nic.id, kind: 'network interface', decision: 'unknown' as const, reason, start: at.start, end: at.end }];
    const summary = `which of ${from}'s network interfaces carries the traffic decides: through its first, ${result.verdict} (${result.summary})${through ? `; through ${nic.id}, ${through.verdict}` : `; through ${nic.id}, not known`}`;
    const { branches: _, policy: __, ...rest } = result;
    return { ...rest, verdict: 'unknown', summary, hops, suggestions: [], decidingHop: hops.length - 1 };
  }
  return result;
}
