// The VPC map in the language server: the map request (answered in the lint worker from the version's
// Analysis: its network model, its trace) and the "Show VPC Map" CodeLens above each VPC.

import type { CodeLens } from 'vscode-languageserver/node';
import type { Analysis } from '../core/engine.js';
import type { Position } from '../core/document/line-index.js';
import { networkMap } from '../core/map/map.js';
import { toSvgText } from '../core/map/svg.js';
import { MAP_COMMAND, type MapCommandArgs, type MapParams, type MapResponse, type MapView } from '../protocol/map.js';
import type { LspRange } from '../protocol/trace.js';
import { nestedIn, noNetwork } from './trace.js';
import { notJudgedWords, type DocumentStacks } from './nested-stacks.js';
import { nestedOrigins, nestedPlace } from '../cli/nested-place.js';

/**
 * `stacks`: the template read across stacks (nested-stacks.ts documentStacks), as `vpce-lens map` of the parent
 * draws it; a nested template several parents deploy is drawn as the first that has the path's source.
 */
export function mapAnswer(a: Analysis, params: MapParams, positionAt: (offset: number) => Position, stacks: readonly DocumentStacks[] = []): MapResponse {
  const s = stacks.find((x) => !params.from || x.across.network.spanOf(params.from)) ?? stacks[0];
  const net = s ? s.across.network : a.network();
  if (!net) return { error: noNetwork(a) };
  const started = performance.now();
  const name = decodeURIComponent(params.uri.replace(/[?#].*$/, '').split('/').pop() ?? params.uri);
  const m = networkMap(net, { ...(params.vpc ? { vpc: params.vpc } : {}), ...(params.from ? { from: params.from } : {}), ...(params.to ? { to: params.to } : {}) }, name, s && nestedOrigins(s.across, s.own));
  if (!m.ok) return { error: m.error };
  // Which deployment is drawn, when there are several (the diagnostics' words).
  const as = s?.as && `Drawn as nested stack ${s.as}; ${stacks.filter((x) => x !== s).map((x) => `as nested stack ${x.as}`).join(', ')} is not drawn here.`;
  const again = notJudgedWords(stacks);
  const note = [m.note, as, again && `${again[0]!.toUpperCase()}${again.slice(1)}.`].filter(Boolean).join(' ');
  const ranges: Record<string, LspRange | null> = {};
  const elsewhere: NonNullable<MapView['elsewhere']> = {};
  for (const n of m.picture.nodes) {
    // A node written in a nested template has no range in this document: its file's, to open that file.
    const place = s && n.at ? nestedPlace(s.across, n.at, s.own) : undefined;
    if (place) elsewhere[n.id] = place;
    const base = s?.base ?? 0;
    ranges[n.id] = n.at && !place ? { start: positionAt(n.at.start - base), end: positionAt(n.at.end - base) } : null;
  }
  return {
    map: {
      title: m.title,
      ...(m.subtitle ? { subtitle: m.subtitle } : {}),
      ...(note ? { note } : {}),
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
export function mapLenses(a: Analysis, uri: string, positionAt: (offset: number) => Position, stacks: readonly DocumentStacks[] = []): CodeLens[] {
  // A nested template its parents deploy: above its own VPCs, as the first deployment names them.
  const nested = nestedIn(stacks);
  const net = nested ? nested.across.network : a.network();
  if (!net) return [];
  const base = nested?.base ?? 0;
  const all = [...net.judged().vpcs.values()];
  const own = nested ? all.filter((v) => v.at.start >= base && v.at.end - base <= a.text.length) : all;
  return own.map((v) => {
    const args: MapCommandArgs = all.length > 1 ? { uri, vpc: v.id } : { uri };
    return { range: { start: positionAt(v.at.start - base), end: positionAt(v.at.end - base) }, command: { title: 'Show VPC Map', command: MAP_COMMAND, arguments: [args] } };
  });
}
