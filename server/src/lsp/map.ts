// The VPC map in the language server: the map request (answered in the lint worker from the version's
// Analysis: its network model, its trace) and the "Show VPC Map" CodeLens above each VPC.

import type { CodeLens } from 'vscode-languageserver/node';
import type { Analysis } from '../core/engine.js';
import type { Position } from '../core/document/line-index.js';
import { networkMap } from '../core/map/map.js';
import { toSvgText } from '../core/map/svg.js';
import { MAP_COMMAND, type MapCommandArgs, type MapParams, type MapResponse, type MapView } from '../protocol/map.js';
import type { LspRange } from '../protocol/trace.js';
import { noNetwork } from './trace.js';
import type { AcrossStacks } from '../cli/nested-trace.js';
import { nestedOrigins, nestedPlace } from '../cli/nested-place.js';

/** `across`: the template read with the nested stacks it deploys (nested-stacks.ts), as `vpce-lens map` draws it. */
export function mapAnswer(a: Analysis, params: MapParams, positionAt: (offset: number) => Position, across?: AcrossStacks): MapResponse {
  const net = across?.network ?? a.network();
  if (!net) return { error: noNetwork(a) };
  const started = performance.now();
  const name = decodeURIComponent(params.uri.replace(/[?#].*$/, '').split('/').pop() ?? params.uri);
  const m = networkMap(net, { ...(params.vpc ? { vpc: params.vpc } : {}), ...(params.from ? { from: params.from } : {}), ...(params.to ? { to: params.to } : {}) }, name, across && nestedOrigins(across));
  if (!m.ok) return { error: m.error };
  const ranges: Record<string, LspRange | null> = {};
  const elsewhere: NonNullable<MapView['elsewhere']> = {};
  for (const n of m.picture.nodes) {
    // A node written in a nested template has no range in this document: its file's, to open that file.
    const place = across && n.at ? nestedPlace(across, n.at) : undefined;
    if (place) elsewhere[n.id] = place;
    ranges[n.id] = n.at && !place ? { start: positionAt(n.at.start), end: positionAt(n.at.end) } : null;
  }
  return {
    map: {
      title: m.title,
      ...(m.subtitle ? { subtitle: m.subtitle } : {}),
      ...(m.note ? { note: m.note } : {}),
      ...(m.trace ? { verdict: m.trace.verdict } : {}),
      svg: m.svg,
      ranges,
      ...(Object.keys(elsewhere).length ? { elsewhere } : {}),
      ...(params.svgText ? { svgText: toSvgText(m.svg) } : {}),
      layoutMs: Math.round(performance.now() - started),
    },
  };
}

/** "Show VPC Map" above each VPC the template declares. */
export function mapLenses(a: Analysis, uri: string, positionAt: (offset: number) => Position): CodeLens[] {
  const net = a.network();
  if (!net) return [];
  const vpcs = [...net.judged().vpcs.values()];
  return vpcs.map((v) => {
    const args: MapCommandArgs = vpcs.length > 1 ? { uri, vpc: v.id } : { uri };
    return { range: { start: positionAt(v.at.start), end: positionAt(v.at.end) }, command: { title: 'Show VPC Map', command: MAP_COMMAND, arguments: [args] } };
  });
}
