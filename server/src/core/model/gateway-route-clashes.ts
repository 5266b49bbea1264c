// Two gateway endpoints of one service on one route table: a table holds one route per destination, and a
// gateway endpoint's route is to its service's prefix list, so EC2 refuses the second endpoint's route and
// the endpoint with it (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html). Which
// routes clash is this one fact: VPCE7001 reports it over the judged model (each pair whose conditions can
// hold together), the trace reads it per deployment to explain the route hop it cannot decide.

import { listChoices } from './list-branches.js';
import { nameRegionKey } from './name-region.js';
import { branchConditions, factBranches, type Endpoint, type NetworkModel, type Span } from './types.js';

export interface GatewayRoute {
  endpoint: Endpoint;
  /** The route table, and where the endpoint names it. */
  table: string;
  at: Span;
  /** The prefix list it routes to: the service, and the Region its name is for (model/name-region.ts). */
  destination: string;
  /** The conditions of the branch of the endpoint's route-table list (Fn::If, a count condition) that names it, and of its type's when a condition chooses it. */
  when: string[];
}


// A known Gateway type's one branch, with no condition.
const GATEWAY = [{ when: [] as string[], value: 'Gateway' }];

/**
 * The prefix-list routes the model's gateway endpoints add, per branch of a route-table list a condition
 * chooses and of a type a condition chooses (Gateway on that branch), in model order: an endpoint whose type or
 * service is not known, or that cannot be created, adds none (as cfn/network.ts adds none to the tables).
 * `compatible`: whether two sets of conditions can hold together (the format's answer), for a type's branch and
 * a list's; a deployment's model decides both (one branch each).
 */
export function gatewayRoutes(model: NetworkModel, compatible: (a: string[], b: string[]) => boolean = () => true): GatewayRoute[] {
  const out: GatewayRoute[] = [];
  for (const e of model.endpoints.values()) {
    // Most endpoints' type is known: an Interface endpoint is passed over without reading branches.
    if (!e.service.known || e.broken || (e.type.known && e.type.value !== 'Gateway')) continue;
    // One prefix list per service and Region: names whose Regions may differ are not one destination.
    const destination = `${e.service.value}\u0000${nameRegionKey(e)}`;
    for (const type of e.type.known ? GATEWAY : factBranches(e.type)) {
      if (type.value !== 'Gateway') continue;
      for (const choice of listChoices(e.routeTables)) {
        if (type.when.length && !compatible(type.when, choice.when)) continue;
        const when = type.when.length ? [...new Set([...type.when, ...choice.when])] : choice.when;
        for (const item of choice.list.items) out.push({ endpoint: e, table: item.id, at: item.at, destination, when });
      }
    }
  }
  return out;
}

export interface GatewayRouteClash {
  /** The later endpoint's route, which EC2 refuses. */
  route: GatewayRoute;
  /** The earlier endpoint that routes the service through the table first (its first route there that can hold with `route`). */
  earlier: GatewayRoute;
  /** Every route of that earlier endpoint to the table that can hold with `route` (`earlier` first). */
  branches: GatewayRoute[];
}

/**
 * Each route a gateway endpoint adds to a table where an earlier endpoint (in model order) already routes the
 * same service, once per earlier endpoint. `compatible`: whether two sets of conditions can hold together (the
 * format's answer). One prefix list per service and Region: names whose Regions may differ (model/name-region.ts)
 * are not one destination.
 */
export function gatewayRouteClashes(routes: readonly GatewayRoute[], compatible: (a: string[], b: string[]) => boolean): GatewayRouteClash[] {
  const out: GatewayRouteClash[] = [];
  const seen = new Map<string, GatewayRoute[]>();
  const keys = routes.map((r) => `${r.table}\u0000${r.destination}`);
  // An endpoint's own routes never clash with each other: they join the earlier ones when the next endpoint begins.
  let first = 0;
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i]!;
    if (r.endpoint !== routes[first]!.endpoint) {
      for (; first < i; first++) {
        const list = seen.get(keys[first]!);
        if (list) list.push(routes[first]!);
        else seen.set(keys[first]!, [routes[first]!]);
      }
    }
    const earlier = seen.get(keys[i]!);
    if (!earlier) continue;
    const byEndpoint = new Map<Endpoint, GatewayRoute[]>();
    for (const o of earlier) {
      if (!compatible(branchConditions(o), branchConditions(r))) continue;
      byEndpoint.set(o.endpoint, [...(byEndpoint.get(o.endpoint) ?? []), o]);
    }
    for (const branches of byEndpoint.values()) out.push({ route: r, earlier: branches[0]!, branches });
  }
  return out;
}

/**
 * The conditions both routes of a clash are there under, as alternatives (any one of them), the later endpoint's
 * own condition left out: what is said of that endpoint (a finding on it, its route) names that one itself.
 */
export function clashWhen(c: GatewayRouteClash): string[][] {
  const own = c.route.endpoint.maybe ?? c.route.endpoint.condition;
  return c.branches.map((o) => [...branchConditions(o), ...c.route.when].filter((x) => x !== own));
}

// The clashes of one deployment's model, found once: the trace asks at every route choice to a service (a large
// template's matrix asks thousands of times), and a walk over every endpoint each time made it quadratic.
const clashesIn = new WeakMap<NetworkModel, Map<string, GatewayRouteClash | GatewayRouteDoubt>>();

/** Two endpoints that both route the service through the table if their names are for one Region, which only the deployment knows. */
export interface GatewayRouteDoubt {
  doubt: true;
  earlier: GatewayRoute;
  route: GatewayRoute;
}

/**
 * In one deployment: the first clash on `table` for the service `pattern`, both routes surely there (no branch
 * this deployment leaves open), the earlier endpoint's route first; else two routes there that clash if their
 * names' Regions, known only at deploy time, are one.
 */
export function gatewayRouteClashIn(model: NetworkModel, table: string, pattern: string): GatewayRouteClash | GatewayRouteDoubt | undefined {
  let byTable = clashesIn.get(model);
  if (!byTable) {
    byTable = new Map();
    const routes = gatewayRoutes(model).filter((r) => r.when.length === 0);
    const keyOf = (r: GatewayRoute) => `${r.table}\u0000${(r.endpoint.service as { value: string }).value}`;
    for (const c of gatewayRouteClashes(routes, () => true)) if (!byTable.has(keyOf(c.route))) byTable.set(keyOf(c.route), c);
    const first = new Map<string, GatewayRoute>();
    for (const r of routes) {
      const earlier = first.get(keyOf(r));
      if (!earlier) first.set(keyOf(r), r);
      else if (earlier.endpoint !== r.endpoint && !byTable.has(keyOf(r))) byTable.set(keyOf(r), { doubt: true, earlier, route: r });
    }
    clashesIn.set(model, byTable);
  }
  return byTable.get(`${table}\u0000${pattern}`);
}
