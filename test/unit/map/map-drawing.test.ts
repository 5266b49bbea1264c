// The VPC map laid out and written down: boxes inside their clusters and apart from each other, the
// SVG valid XML with every name escaped and the same bytes on every run, the Mermaid text well formed
// with every name as entity codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { networkOf } from '../../../server/src/core/trace/api.js';
import { networkMap, type VpcMap } from '../../../server/src/core/map/map.js';
import { escapeXml, toSvgText } from '../../../server/src/core/map/svg.js';
import { entities, toMermaid } from '../../../server/src/core/map/mermaid.js';
import type { SceneNode } from '../../../server/src/core/map/layout.js';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = ['examples/endpoints-fixed.yaml', 'examples/endpoints-with-mistakes.yaml', ...['classic', 'dns-off', 'endpoint-vpc-parameter', 'new-or-existing-vpc', 'split-join', 'unknown-route-tables'].map((f) => `test/fixtures/trace/${f}.yaml`)];
const HOSTILE = 'test/fixtures/trace/map-hostile-names.yaml';

function map(p: string, req: { from?: string; to?: string } = {}): VpcMap {
  const m = networkMap(networkOf(readFileSync(join(ROOT, p), 'utf8'))!, req, p);
  assert.ok(m.ok, m.ok ? '' : m.error);
  return m;
}

const inside = (a: SceneNode, b: SceneNode) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const apart = (a: SceneNode, b: SceneNode) => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

test('layout: every node inside its cluster, no two boxes of one cluster overlap, edges start and end at their nodes', () => {
  for (const f of FIXTURES) {
    const { scene } = map(f);
    const byId = new Map(scene.nodes.map((n) => [n.id, n]));
    for (const n of scene.nodes) {
      if (n.parent) assert.ok(inside(n, byId.get(n.parent)!), `${f}: ${n.id} is outside ${n.parent}`);
      assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.w <= scene.width && n.y + n.h <= scene.height, `${f}: ${n.id} is off the picture`);
    }
    for (const a of scene.nodes) for (const b of scene.nodes) if (a !== b && a.parent === b.parent && a.id < b.id) assert.ok(apart(a, b), `${f}: ${a.id} overlaps ${b.id}`);
    for (const e of scene.edges) {
      assert.ok(e.points.length >= 2, `${f}: ${e.id} has no route`);
      const near = (p: { x: number; y: number }, n: SceneNode) => p.x >= n.x - 2 && p.x <= n.x + n.w + 2 && p.y >= n.y - 2 && p.y <= n.y + n.h + 2;
      assert.ok(near(e.points[0]!, byId.get(e.from)!) && near(e.points.at(-1)!, byId.get(e.to)!), `${f}: ${e.id} does not join its nodes`);
    }
  }
});

test('SVG: valid XML, one element per node and edge, the path marked, and the same bytes every time', () => {
  for (const f of FIXTURES) {
    const m = map(f);
    const svg = toSvgText(m.svg);
    assert.equal(XMLValidator.validate(svg), true, f);
    const nodes = svg.match(/ data-node="/g)?.length ?? 0;
    assert.equal(nodes, m.scene.nodes.length, f);
    assert.equal(svg.match(/ data-edge="/g)?.length ?? 0, m.scene.edges.length, f);
    assert.equal(toSvgText(map(f).svg), svg, `${f}: not deterministic`);
  }
  const svg = toSvgText(map('test/fixtures/trace/classic.yaml', { from: 'PrivateSubnetA', to: 'internet' }).svg);
  assert.match(svg, /<g class="node kind-nat-gateway path path-pass" data-node="Nat"/);
  assert.match(svg, /<desc>PrivateSubnetA → internet: PUBLIC/);
  const blocked = toSvgText(map('examples/endpoints-with-mistakes.yaml', { from: 'PrivateSubnetA', to: 'ssm' }).svg);
  assert.match(blocked, /class="edge kind-path path path-block"/);
  assert.match(blocked, /marker-end="url\(#arrow-block\)"/);
  const unknown = toSvgText(map('test/fixtures/trace/unknown-route-tables.yaml', { from: 'Subnet1', to: 's3' }).svg);
  assert.match(unknown, /<text class="edge-label"[^>]*>\? parameter RouteTables<\/text>/);
  // A conditional element: dashed (the class) and its condition named.
  const cond = toSvgText(map('test/fixtures/trace/classic.yaml').svg);
  assert.match(cond, /<g class="node kind-interface-endpoint conditional" data-node="QueueEndpoint"/);
  assert.match(cond, />if HasQueueEndpoint</);
});

test('SVG: hostile logical ids, condition and zone names stay text (parsed back, they are the names as written)', () => {
  const m = map(HOSTILE, { from: 'Sub"net&<x>]]>--', to: 's3' });
  const svg = toSvgText(m.svg);
  assert.equal(XMLValidator.validate(svg), true);
  assert.doesNotMatch(svg, /<script|<img|]]>--/);
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(svg));
  for (const name of ['Vpc<script>alert(1)</script>', 'Sub"net&<x>]]>--', 'Rt]-->|"x"| n0', 'S3<Endpoint>']) assert.ok(texts.some((t) => t.includes(name)), `${name} is not in the picture as text`);
  assert.ok(texts.some((t) => t.includes(`if On<b>&"x'`)), 'the condition is not named');
  assert.equal(escapeXml('a\u0000b\uD800c'), 'a\uFFFDb\uFFFDc');
});

test('Mermaid: a flowchart with subgraphs for VPCs and zones, the path coloured, every label entity-coded', () => {
  const m = map('test/fixtures/trace/classic.yaml', { from: 'PrivateSubnetA', to: 'internet' });
  const text = toMermaid(m.picture, m.subtitle);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], '---');
  assert.match(lines[1]!, /^title: "PrivateSubnetA → internet: PUBLIC/);
  assert.equal(lines[3], 'flowchart LR');
  // Subgraphs open and close in pairs; every edge joins two declared ids.
  assert.equal(lines.filter((l) => /^\s*subgraph /.test(l)).length, lines.filter((l) => /^\s*end$/.test(l)).length);
  const declared = new Set(lines.map((l) => /^\s*(?:subgraph )?(n\d+)[[(]/.exec(l)?.[1]).filter(Boolean));
  const edges = lines.filter((l) => /^\s*n\d+ (-->|-\.->|==>)/.test(l));
  assert.equal(edges.length, m.picture.edges.length);
  for (const e of edges) for (const id of e.match(/n\d+/g)!) assert.ok(declared.has(id), `${id} is not declared: ${e}`);
  // Path edges get a link style each (thick, coloured); path nodes a class.
  assert.equal(lines.filter((l) => l.startsWith('  linkStyle ')).length, m.picture.edges.filter((e) => e.path).length);
  const passIds = m.picture.nodes.flatMap((n, i) => (n.path === 'pass' ? [`n${i}`] : []));
  assert.ok(passIds.length >= 7);
  assert.ok(lines.includes(`  class ${passIds.join(',')} pass`));

  const hostile = toMermaid(map(HOSTILE).picture);
  for (const l of hostile.split('\n').filter((x) => x.includes('"'))) {
    // Inside each quoted label: no quote, bracket, pipe or angle bracket of a name survives raw.
    for (const label of l.match(/"[^"]*"/g) ?? []) assert.doesNotMatch(label.slice(1, -1).replace(/<br\/>/g, ''), /["<>[\]|{}]/, l);
  }
  assert.match(hostile, /Vpc#60;script#62;alert\(1\)#60;\/script#62;/);
  assert.equal(entities('a"b'), 'a#34;b');
});
