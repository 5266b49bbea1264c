// The picture of a template's network, as a graph: VPCs ⊃ Availability Zones ⊃ subnets (clusters),
// route tables, NAT and internet gateways, endpoints, and the services behind them (nodes), and the
// ways traffic goes between them (edges). Built from the network model only (the facts are the
// model's; nothing is worked out again here), so the CLI and the editor draw the same thing.
// The model is the judged one: every conditional element is present, marked with its condition.

import type { Endpoint, NetworkModel, Route, Span } from '../model/types.js';
import { shortName } from '../data/catalogue.js';
import { rangeText } from '../util/cidr.js';

export type NodeKind = 'vpc' | 'zone' | 'subnet' | 'route-table' | 'main-route-table' | 'nat-gateway' | 'internet-gateway' | 'gateway-endpoint' | 'interface-endpoint' | 'endpoint' | 'service' | 'internet' | 'workload' | 'external' | 'destination';

export type EdgeKind = 'association' | 'route' | 'placement' | 'service' | 'runs-in' | 'path';

export type PathDecision = 'pass' | 'block' | 'unknown' | 'note';

export interface MapNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** A second line: a CIDR, a service name, a count. */
  detail?: string;
  /** The cluster this node is drawn inside. */
  parent?: string;
  /** Clusters (VPC, zone) hold other nodes. */
  cluster: boolean;
  /** The condition the element exists under (it may not exist in every deployment). */
  condition?: string;
  /** Something about the element is known only at deploy time: what, and what decides it. */
  unknown?: string;
  /** The element's declaration in the source, to reveal it. */
  at?: Span;
  /**
   * Set when the element is written in a nested stack's template (a parent read with the stacks it
   * deploys): that file, as the answer names it, and the 0-based line. Drawn and said in the tooltip.
   */
  origin?: NodeOrigin;
  /** Set on the nodes a traced path goes through: the worst decision of its hops there. */
  path?: PathDecision;
  /** Tooltip lines: the hops decided here, facts worth a glance. */
  notes: string[];
}

export interface NodeOrigin {
  file: string;
  line: number;
}

/** The line a node written in a nested stack's template carries (its face, its tooltip, Mermaid's label). */
export function originText(file: string): string {
  return `in ${file}`;
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  /** The model element the edge stands for (a route's id), when it is one. */
  resource?: string;
  condition?: string;
  path?: PathDecision;
  /** For a path edge that is unknown: the value that decides it. */
  decides?: string;
  notes: string[];
}

export interface Picture {
  nodes: MapNode[];
  edges: MapEdge[];
}

const INTERNET = 'internet';

export function serviceNodeId(pattern: string): string {
  return `service:${pattern}`;
}

export function internetNodeId(): string {
  return INTERNET;
}

/** The whole network of the model (or one VPC of it), without a path. */
export function buildPicture(model: NetworkModel, options: { vpc?: string } = {}): Picture {
  const b = new Builder(model);
  b.build(options.vpc);
  return { nodes: b.nodes, edges: b.edges };
}

class Builder {
  readonly nodes: MapNode[] = [];
  readonly edges: MapEdge[] = [];
  private readonly byId = new Map<string, MapNode>();
  private readonly edgeIds = new Set<string>();
  /** Associations wait for their route tables to be added. */
  private readonly pending: Omit<MapEdge, 'id' | 'notes'>[] = [];

  constructor(private readonly model: NetworkModel) {}

  build(onlyVpc: string | undefined): void {
    const m = this.model;
    const inScope = (vpc: string) => !onlyVpc || vpc === onlyVpc;
    const byPlace = <T extends { at: Span }>(xs: Iterable<T>) => [...xs].sort((a, b) => a.at.start - b.at.start);
    for (const v of byPlace(m.vpcs.values())) {
      if (!inScope(v.id)) continue;
      const cidr = v.cidrText ?? (v.cidr.known ? undefined : 'CIDR known at deploy time');
      this.add({ id: v.id, kind: 'vpc', label: /vpc/i.test(v.id) ? v.id : `VPC ${v.id}`, detail: cidr, cluster: true, ...cond(v), at: v.at, notes: [dnsNote(v.dnsSupport, 'DNS support'), dnsNote(v.dnsHostnames, 'DNS hostnames')] });
    }
    for (const s of byPlace(m.subnets.values())) {
      if (!inScope(vpcKey(s.vpc))) continue;
      const vpc = this.vpcCluster(s.vpc.known ? s.vpc.value : undefined, s.vpc.known ? undefined : s.vpc.decides);
      const zone = this.zoneCluster(vpc, s.zone.known ? s.zone.value : undefined, s.zoneIsName, s.zone.known ? undefined : s.zone.decides);
      const notes = [s.cidr.known ? '' : `address range known at deploy time`, s.mapPublicIp.known && s.mapPublicIp.value ? 'gives instances a public IP on launch' : ''].filter(Boolean);
      const node = this.add({ id: s.id, kind: 'subnet', label: s.id, detail: s.cidr.known ? rangeText(s.cidr.value) : undefined, parent: zone, cluster: false, ...cond(s), at: s.at, notes });
      if (!s.routeTable.known) node.unknown = `route table known at deploy time (decided by ${s.routeTable.decides})`;
      else if (s.routeTable.value === null) {
        const main = `main-route-table:${vpc}`;
        if (!this.byId.has(main)) this.add({ id: main, kind: 'main-route-table', label: 'main route table', detail: 'local route only', parent: vpc, cluster: false, notes: ['the VPC\'s main route table: subnets without an association use it'] });
        this.edge({ from: s.id, to: main, kind: 'association' });
      } else if (m.routeTables.has(s.routeTable.value)) this.pending.push({ from: s.id, to: s.routeTable.value, kind: 'association' });
      else this.edge({ from: s.id, to: this.external(s.routeTable.value, 'route table', vpc), kind: 'association' });
    }
    for (const t of byPlace(m.routeTables.values())) {
      if (!inScope(vpcKey(t.vpc))) continue;
      const vpc = this.vpcCluster(t.vpc.known ? t.vpc.value : undefined, t.vpc.known ? undefined : t.vpc.decides);
      const routes = oneRoutePerList(t.routes);
      this.add({ id: t.id, kind: 'route-table', label: t.id, detail: `${routes.length + 1} route${routes.length ? 's' : ''} (local${routes.length ? ' +' : ''})`, parent: vpc, cluster: false, ...cond(t), at: t.at, notes: routes.map(routeText) });
    }
    for (const n of byPlace(m.natGateways.values())) {
      // A regional NAT gateway is in no subnet: it belongs to its VPC.
      if (n.regional && typeof n.regional !== 'string') {
        const v = n.regional.vpc;
        if (!inScope(vpcKey(v))) continue;
        this.add({ id: n.id, kind: 'nat-gateway', label: n.id, detail: 'regional NAT gateway', parent: this.vpcCluster(v.known ? v.value : undefined, v.known ? undefined : v.decides), cluster: false, ...cond(n), at: n.at, notes: [] });
        continue;
      }
      const subnet = n.subnet.known ? this.byId.get(n.subnet.value) : undefined;
      if (n.subnet.known && !subnet && onlyVpc) continue;
      this.add({ id: n.id, kind: 'nat-gateway', label: n.id, detail: n.isPrivate ? 'private NAT gateway' : 'NAT gateway', parent: subnet?.parent, cluster: false, ...cond(n), at: n.at, notes: [], ...(n.subnet.known ? {} : { unknown: `subnet known at deploy time (decided by ${n.subnet.decides})` }) });
      if (subnet) this.edge({ from: n.id, to: subnet.id, kind: 'placement', label: 'in' });
    }
    for (const g of byPlace(m.internetGateways.values())) {
      if (onlyVpc && !g.vpcs.includes(onlyVpc)) continue;
      this.add({ id: g.id, kind: 'internet-gateway', label: g.id, detail: g.vpcs.length ? `internet gateway of ${g.vpcs.join(', ')}` : 'internet gateway (not attached)', cluster: false, ...cond(g), at: g.at, notes: [] });
      this.edge({ from: g.id, to: this.internet(), kind: 'service' });
    }
    for (const e of byPlace(m.endpoints.values())) {
      if (!inScope(vpcKey(e.vpc))) continue;
      const vpc = this.vpcCluster(e.vpc.known ? e.vpc.value : undefined, e.vpc.known ? undefined : e.vpc.decides);
      this.endpoint(e, vpc);
    }
    for (const w of byPlace(m.workloads.values())) {
      const subnets = w.subnets.items.filter((i) => this.byId.has(i.id));
      if (subnets.length === 0) continue;
      const parent = this.byId.get(subnets[0]!.id)?.parent;
      const vpc = parent ? this.byId.get(parent)?.parent : undefined;
      this.add({ id: w.id, kind: 'workload', label: w.id, detail: w.kind, parent: vpc, cluster: false, ...cond(w), at: w.at, notes: w.subnets.complete ? [] : [`more subnets known at deploy time (decided by ${w.subnets.decides})`] });
      for (const s of subnets) this.edge({ from: w.id, to: s.id, kind: 'runs-in', label: 'runs in' });
    }
    // Associations and routes last: their ends exist by now.
    for (const p of this.pending) this.edge(p);
    for (const t of byPlace(m.routeTables.values())) if (this.byId.has(t.id)) for (const r of oneRoutePerList(t.routes)) this.route(t.id, r);
  }

  private endpoint(e: Endpoint, vpc: string): void {
    const type = e.type.known ? e.type.value : undefined;
    const kind: NodeKind = type === 'Gateway' ? 'gateway-endpoint' : type === 'Interface' || type === 'GatewayLoadBalancer' ? 'interface-endpoint' : 'endpoint';
    const service = e.service.known ? shortName(e.service.value) : undefined;
    const notes = [e.broken ? `cannot be created as written: ${e.broken}` : '', kind === 'interface-endpoint' && e.privateDns.known ? `private DNS ${e.privateDns.value ? 'on' : 'off'}` : ''].filter(Boolean);
    const node = this.add({ id: e.id, kind, label: e.id, detail: `${type ?? 'type unknown'}${e.typeDefaulted ? ' (default)' : ''} endpoint${service ? ` · ${service}` : ''}`, parent: vpc, cluster: false, ...cond(e), at: e.at, notes });
    if (!e.type.known) node.unknown = `type known at deploy time (decided by ${e.type.decides})`;
    else if (!e.service.known) node.unknown = `service known at deploy time (decided by ${e.service.decides})`;
    // A name whose Region only the deployment knows: the service is drawn, whether it serves this VPC is not known.
    else if (e.nameRegion && e.regionDoubt && !e.regionDoubt.crossRegion) node.unknown = `its service's Region known at deploy time (decided by ${e.regionDoubt.decides})`;
    if (kind !== 'gateway-endpoint') {
      for (const s of e.subnets.items) if (this.byId.get(s.id)?.kind === 'subnet') this.edge({ from: s.id, to: e.id, kind: 'placement', label: 'ENI' });
      if (!e.subnets.complete) node.notes.push(`more subnets known at deploy time (decided by ${e.subnets.decides})`);
    }
    if (e.service.known) this.edge({ from: e.id, to: this.service(e.service.value), kind: 'service' });
  }

  private route(table: string, r: Route): void {
    const d = r.destination;
    const label = r.prefixList ? `prefix list ${r.prefixList}` : d.kind === 'ipv4' || d.kind === 'ipv6' || d.kind === 'prefix-list' ? d.text : d.kind === 'service' ? `${shortName(d.pattern)} prefix list` : 'destination unknown';
    const t = r.target;
    let to: string;
    if (t.kind === 'vpc-endpoint' && r.endpoint && this.byId.has(r.endpoint)) to = r.endpoint;
    else if (t.id && this.byId.has(t.id)) to = t.id;
    else if (t.id ?? t.written) to = this.external((t.id ?? t.written)!, t.kind.replace(/-/g, ' '), undefined);
    else to = this.deployTimeTarget(r.id, t.kind.replace(/-/g, ' '), t.why);
    this.edge({ from: table, to, kind: 'route', label, resource: r.id, ...(r.maybe || r.condition ? { condition: r.maybe ?? r.condition } : {}) });
  }

  private vpcCluster(id: string | undefined, decides: string | undefined): string {
    const key = id ?? UNKNOWN_VPC;
    if (!this.byId.has(key)) {
      const label = id ? `VPC ${id.replace(/^(parameter|import) /, 'from $1 ')}` : 'VPC known at deploy time';
      this.add({ id: key, kind: 'vpc', label, detail: 'outside this template', cluster: true, notes: decides ? [`decided by ${decides}`] : [], ...(id ? {} : { unknown: `decided by ${decides}` }) });
    }
    return key;
  }

  private zoneCluster(vpc: string, zone: string | undefined, isName: boolean, decides: string | undefined): string {
    const id = `zone:${vpc}:${zone ?? '?'}`;
    if (!this.byId.has(id)) {
      const label = zone === undefined ? 'zone known at deploy time' : isName ? zone : zoneText(zone);
      this.add({ id, kind: 'zone', label, parent: vpc, cluster: true, notes: decides ? [`decided by ${decides}`] : [] });
    }
    return id;
  }

  private service(pattern: string): string {
    const id = serviceNodeId(pattern);
    if (!this.byId.has(id)) this.add({ id, kind: 'service', label: shortName(pattern), detail: pattern, cluster: false, notes: [] });
    return id;
  }

  private internet(): string {
    if (!this.byId.has(INTERNET)) this.add({ id: INTERNET, kind: 'internet', label: 'Internet', cluster: false, notes: [] });
    return INTERNET;
  }

  private external(id: string, what: string, parent: string | undefined): string {
    const key = `external:${id}`;
    if (!this.byId.has(key)) this.add({ id: key, kind: 'external', label: id, detail: `${what} outside this template`, parent, cluster: false, notes: [] });
    return key;
  }

  // A target whose id is known only at deploy time (a firewall endpoint picked out of !GetAtt …EndpointIds):
  // one box per route, since two such routes may name different targets; one shared box would merge them.
  private deployTimeTarget(route: string, what: string, why: string | undefined): string {
    const key = `external:?${route}`;
    if (!this.byId.has(key)) this.add({ id: key, kind: 'external', label: what, detail: `target of ${route}, known at deploy time`, cluster: false, unknown: why ?? `the ${what} is known only at deploy time`, notes: [] });
    return key;
  }

  private add(n: MapNode): MapNode {
    const node = { ...n };
    if (node.detail === undefined) delete node.detail;
    this.nodes.push(node);
    this.byId.set(node.id, node);
    return node;
  }

  private edge(e: Omit<MapEdge, 'id' | 'notes'>): void {
    if (!this.byId.has(e.from) || !this.byId.has(e.to)) return;
    let id = `${e.kind}:${e.from}->${e.to}`;
    for (let i = 2; this.edgeIds.has(id); i++) id = `${e.kind}:${e.from}->${e.to}#${i}`;
    this.edgeIds.add(id);
    this.edges.push({ id, ...e, notes: [] });
  }
}

const UNKNOWN_VPC = 'vpc:unknown';

/** The cluster a VPC reference is drawn in: the VPC's id, or one cluster for every VPC not known. */
function vpcKey(f: { known: true; value: string } | { known: false }): string {
  return f.known ? f.value : UNKNOWN_VPC;
}

function cond(e: { condition?: string; maybe?: string }): { condition?: string } {
  const c = e.maybe ?? e.condition;
  return c ? { condition: c } : {};
}

function dnsNote(f: { known: boolean; value?: boolean; decides?: string }, what: string): string {
  return f.known ? `${what} ${f.value ? 'on' : 'off'}` : `${what} known at deploy time (decided by ${f.decides})`;
}

/** A route to a template prefix list is one route per entry in the model, one route in the picture. */
function oneRoutePerList(routes: Route[]): Route[] {
  return routes.filter((r, i) => !r.prefixList || routes.findIndex((q) => q.id === r.id && q.prefixList === r.prefixList) === i);
}

function routeText(r: Route): string {
  const d = r.destination;
  const dest = r.prefixList ? `prefix list ${r.prefixList}` : d.kind === 'ipv4' || d.kind === 'ipv6' || d.kind === 'prefix-list' ? d.text : d.kind === 'service' ? `${shortName(d.pattern)} prefix list` : `(${d.why})`;
  return `${dest} → ${r.target.kind.replace(/-/g, ' ')} ${r.target.id ?? ''}`.trim() + (r.maybe ? ` (if ${r.maybe})` : '');
}


/** The model's description of a deploy-time zone (`azs()[0]`) as a reader would say it. */
function zoneText(zone: string): string {
  const m = /^azs\(([^)]*)\)\[(\d+)\]$/.exec(zone);
  return m ? `zone ${Number(m[2]) + 1} of ${m[1] ? m[1] : 'the region'} (!GetAZs)` : `zone ${zone}`;
}
