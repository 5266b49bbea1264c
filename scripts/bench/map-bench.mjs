// VPC map benchmark: the picture (from the network model), its layout (@dagrejs/dagre) and the SVG
// text, in-process, for the examples, a published Quick Start VPC template and generated templates up
// to 5,000 resources. Medians of several runs; the model is built once per template (the language
// server keeps it per document version), so the times are the map's own. Prints a Markdown section.
//
//   node scripts/bench/map-bench.mjs [--quick]
import { buildSync } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTemplate } from './gen-template.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 7;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'vpce-map-bench-'));
const outfile = join(dir, 'map.cjs');
buildSync({
  stdin: { contents: "export { networkOf } from './server/src/core/trace/api.ts'; export { buildPicture } from './server/src/core/map/picture.ts'; export { layoutPicture } from './server/src/core/map/layout.ts'; export { networkMap, WHOLE_MAP_NODES } from './server/src/core/map/map.ts'; export { toSvgText } from './server/src/core/map/svg.ts';", resolveDir: ROOT, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error', alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
});
const { networkOf, buildPicture, layoutPicture, networkMap, toSvgText, WHOLE_MAP_NODES } = createRequire(import.meta.url)(outfile);

const QUICK_START = '/work/shared/corpus/aws-quickstart__quickstart-aws-vpc__templates__aws-vpc.template.yaml';
const cases = [
  ['examples/endpoints-fixed.yaml', readFileSync(join(ROOT, 'examples/endpoints-fixed.yaml'), 'utf8'), { from: 'PrivateSubnetA', to: 's3' }],
  ['examples/endpoints-with-mistakes.yaml', readFileSync(join(ROOT, 'examples/endpoints-with-mistakes.yaml'), 'utf8'), { from: 'PrivateSubnetA', to: 'ssm' }],
  ['test/fixtures/trace/classic.yaml', readFileSync(join(ROOT, 'test/fixtures/trace/classic.yaml'), 'utf8'), { from: 'PrivateSubnetA', to: 'internet' }],
  ...(existsSync(QUICK_START) ? [['Quick Start aws-vpc.template.yaml (corpus)', readFileSync(QUICK_START, 'utf8'), undefined]] : []),
  ...[500, 1000, ...(quick ? [] : [5000])].map((n) => [`generated, ${n} resources`, generateTemplate(n), undefined]),
];

const rows = [];
for (const [name, text, path] of cases) {
  const net = networkOf(text);
  const model = net.judged();
  const picture = buildPicture(model);
  // What the map draws: the whole network, or one VPC of a network too large for one picture.
  const drawn = networkMap(net, path ?? {}, name);
  const times = { picture: [], layout: [], whole: [], svg: [] };
  const n = runs;
  for (let r = 0; r < n; r++) {
    let t0 = performance.now();
    buildPicture(model);
    times.picture.push(performance.now() - t0);
    t0 = performance.now();
    layoutPicture(drawn.picture);
    times.layout.push(performance.now() - t0);
    t0 = performance.now();
    const m = networkMap(net, path ?? {}, name);
    times.whole.push(performance.now() - t0);
    t0 = performance.now();
    toSvgText(m.svg);
    times.svg.push(performance.now() - t0);
  }
  rows.push({ name, lines: text.split('\n').length, nodes: picture.nodes.length, drawn: drawn.note ? `${drawn.picture.nodes.length} (one VPC)` : String(drawn.picture.nodes.length), edges: drawn.picture.edges.length, path: path ? `${path.from} → ${path.to}` : '—', n, ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) });
  process.stderr.write(`${name}: layout ${median(times.layout).toFixed(1)} ms\n`);
}
// The reason for the bound: one layout of a whole 500-resource network.
const unbounded = (() => {
  const picture = buildPicture(networkOf(generateTemplate(500)).judged());
  const t0 = performance.now();
  layoutPicture(picture);
  return { nodes: picture.nodes.length, ms: performance.now() - t0 };
})();
rmSync(dir, { recursive: true, force: true });

const ms = (v) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const out = [
  '## VPC map (in-process)',
  '',
  `\`scripts/bench/map-bench.mjs\`: the map of each template's judged network model (built once, as the language server keeps it): the picture (nodes and edges from the model), its layout by @dagrejs/dagre 3.1.3, and the whole map request (picture, the traced path when one is given, layout, SVG elements) plus writing the SVG text. Medians of ${runs} runs, on the shared 2-core machine (load average ${loadavg()[0].toFixed(0)} at the end of the run). A network of more than ${WHOLE_MAP_NODES} nodes is drawn one VPC at a time (the first, or the traced source's), so the layout of the generated templates is that of one VPC.`,
  '',
  '| Template | Lines | Nodes in the network | Nodes drawn | Edges drawn | Path | Picture (whole network) | Layout | Whole map request | SVG text |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.name} | ${r.lines} | ${r.nodes} | ${r.drawn} | ${r.edges} | ${r.path} | ${ms(r.picture)} ms | ${ms(r.layout)} ms | ${ms(r.whole)} ms | ${ms(r.svg)} ms |`),
  '',
  `Without the bound (one picture of every VPC), the layout of the generated 500-resource network (${unbounded.nodes} nodes) took ${ms(unbounded.ms)} ms in one run: why a network of more than ${WHOLE_MAP_NODES} nodes is drawn one VPC at a time.`,
  '',
];
process.stdout.write(out.join('\n'));
