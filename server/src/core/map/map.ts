// The VPC map as the faces ask for it: the picture of a network (all of it, or one VPC), with a traced
// path laid over it when a source and a destination are given, laid out and drawn. The CLI and the
// language server's worker call this with the network of one Analysis; nothing is parsed here.

import type { Network } from '../model/network.js';
import type { NetworkModel, Span } from '../model/types.js';
import { traceNetwork } from '../trace/api.js';
import { parseTarget, targetName } from '../trace/targets.js';
import type { TraceResult } from '../trace/types.js';
import { layoutPicture, type Scene } from './layout.js';
import { overlayPath, type PathTarget } from './path.js';
import { buildPicture, type NodeOrigin, type Picture } from './picture.js';
import { renderScene, type SvgElement } from './render.js';

export interface MapRequest {
  /** Only this VPC (its id); all of them when absent. */
  vpc?: string;
  /** A path to highlight: both or neither. */
  from?: string;
  to?: string;
  action?: string;
}

export interface VpcMap {
  /** Set when the map shows less than was asked for (one VPC of a very large network), and why. */
  note?: string;
  picture: Picture;
  scene: Scene;
  svg: SvgElement;
  title: string;
  subtitle?: string;
  trace?: TraceResult;
}

export type MapAnswer = ({ ok: true } & VpcMap) | { ok: false; error: string };

/**
 * Beyond this many nodes the map of a whole template shows one VPC: the layout's time grows faster than
 * the node count (BENCHMARKS.md, "VPC map"), and a picture of hundreds of VPCs helps nobody.
 */
export const WHOLE_MAP_NODES = 300;

const VERDICT: Record<TraceResult['verdict'], string> = { private: 'PRIVATE', public: 'PUBLIC', blocked: 'BLOCKED', unknown: 'UNKNOWN' };

/**
 * `originOf`: for a network read across a parent and its nested stacks, the nested file an element's
 * declaration is in (undefined for the parent's own); the picture names it on the element.
 */
export function networkMap(net: Network, req: MapRequest, name: string, originOf?: (at: Span) => NodeOrigin | undefined): MapAnswer {
  const model = net.judged();
  if (req.vpc !== undefined && !model.vpcs.has(req.vpc)) return { ok: false, error: `${req.vpc} is not a VPC of this template` };
  let vpc = req.vpc;
  let picture = buildPicture(model, vpc === undefined ? {} : { vpc });
  let note: string | undefined;
  if (vpc === undefined && picture.nodes.length > WHOLE_MAP_NODES && model.vpcs.size > 1) {
    const of = vpcOf(model, req.from);
    vpc = of ?? [...model.vpcs.values()].sort((a, b) => a.at.start - b.at.start)[0]!.id;
    const all = picture.nodes.length;
    picture = buildPicture(model, { vpc });
    note = `the network has ${model.vpcs.size} VPCs (${all} elements, more than one picture can show): this map shows ${of ? `${vpc}, where ${req.from} is` : `the first, ${vpc}`}; choose another with --vpc or the CodeLens above it`;
  }
  let trace: TraceResult | undefined;
  let subtitle: string | undefined;
  if (req.from !== undefined || req.to !== undefined) {
    if (!req.from || !req.to) return { ok: false, error: 'a path needs both a source and a destination' };
    const answer = traceNetwork(net, req.from, req.to, req.action ? { action: req.action } : {});
    if (!answer.ok) return answer;
    trace = answer.result;
    picture = overlayPath(picture, trace, pathTarget(req.to));
    subtitle = `${trace.from} → ${trace.to}: ${VERDICT[trace.verdict]} — ${trace.summary}`;
  }
  if (picture.nodes.length === 0) {
    const loops = model.deployTimeLoops;
    // Resources a loop makes from a deploy-time list may well be a network: "declares none" would be a guess.
    if (loops?.length) return { ok: false, error: `the template's resources in ${loops.join(', ')} are made at deploy time from a list it does not know, so there is nothing to draw` };
    return { ok: false, error: 'the template declares no VPC network (VPCs, subnets, route tables, gateways or endpoints)' };
  }
  if (originOf) picture = withOrigins(picture, originOf);
  const title = `VPC map of ${name}${vpc ? ` (${vpc})` : ''}`;
  const scene = layoutPicture(picture);
  const svg = renderScene(scene, { title, ...(subtitle || note ? { subtitle: [subtitle, note ? `Note: ${note}.` : ''].filter(Boolean).join(' ') } : {}) });
  return { ok: true, picture, scene, svg, title, ...(note ? { note } : {}), ...(subtitle ? { subtitle } : {}), ...(trace ? { trace } : {}) };
}

function withOrigins(picture: Picture, originOf: (at: Span) => NodeOrigin | undefined): Picture {
  const nodes = picture.nodes.map((n) => {
    const origin = n.at && originOf(n.at);
    return origin ? { ...n, origin } : n;
  });
  return { ...picture, nodes };
}

/** The VPC a subnet or workload is in, when the model knows it. */
function vpcOf(model: NetworkModel, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const subnet = model.subnets.get(id) ?? model.subnets.get(model.workloads.get(id)?.subnets.items[0]?.id ?? '');
  return subnet?.vpc.known && model.vpcs.has(subnet.vpc.value) ? subnet.vpc.value : undefined;
}

function pathTarget(to: string): PathTarget {
  const t = parseTarget(to)!;
  if (t.kind === 'service') return { kind: 'service', value: t.pattern, label: t.name };
  if (t.kind === 'internet') return { kind: 'internet', value: 'internet', label: 'Internet' };
  return { kind: 'cidr', value: t.text, label: targetName(t) };
}
