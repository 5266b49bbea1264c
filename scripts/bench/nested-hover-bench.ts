// What reading an open nested template with its parents adds to a hover and a trace in the lint worker
// (lsp/analysis-store.ts, in-process): per version, the first hover of an element (the networks across stacks
// made, then that deployment's facts), the trace after it (the networks reused) and a second hover; against
// the same template read alone (its own facts on the first hover) and the parent's own trace of the same path
// (the same network, read from the parent's side). CPU time of this thread (process.cpuUsage), medians of
// alternating rounds, so that other processes on the machine count less than in wall time.
//
//   node --import tsx scripts/bench/nested-hover-bench.ts [rounds]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisStore } from '../../server/src/lsp/analysis-store.js';
import type { Query, StacksAround, WorkerRequest } from '../../server/src/lsp/lint-protocol.js';
import type { EngineSettings } from '../../server/src/core/settings.js';

const ROOT = join(import.meta.dirname, '..', '..');
const rounds = Number(process.argv[2] ?? 30);

interface Case {
  name: string;
  nested: string;
  parent: string;
  settings: Partial<EngineSettings>;
  element: { kind: 'group'; id: string };
  from: string;
  to: string;
}

const CASES: Case[] = [
  { name: 'test/fixtures/nested-local', nested: 'test/fixtures/nested-local/stacks/endpoints.yaml', parent: 'test/fixtures/nested-local/main.yaml', settings: { regions: ['eu-west-1'] }, element: { kind: 'group', id: 'EndpointGroup' }, from: 'SubnetA', to: 'ssm' },
  {
    name: 'test/fixtures/cdk/staged-app (assembly-Prod)',
    nested: 'test/fixtures/cdk/staged-app/cdk.out/assembly-Prod/ProdPlatformEndpointsCADA6AA4.nested.template.json',
    parent: 'test/fixtures/cdk/staged-app/cdk.out/assembly-Prod/ProdPlatformE645C080.template.json',
    settings: { regions: ['eu-west-1'] },
    element: { kind: 'group', id: 'SsmEndpointSecurityGroup5744F139' },
    from: 'VpcAppSubnet1Subnet7D2CF347',
    to: 'ssm',
  },
];

let id = 0;
function cpu<T>(f: () => T): { ms: number; value: T } {
  const start = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}

function analyzed(store: AnalysisStore, file: string, settings: Partial<EngineSettings>, stacks?: StacksAround): number {
  const path = join(ROOT, file);
  const req: WorkerRequest = { id: ++id, type: 'analyze', key: `file://${path}`, version: 1, text: readFileSync(path, 'utf8'), options: { fileName: path, settings }, ...(stacks ? { stacks } : {}) };
  const reply = store.handle(req);
  if (!('view' in reply)) throw new Error(JSON.stringify(reply));
  return reply.view.analysis;
}

function ask(store: AnalysisStore, file: string, analysis: number, query: Query): { ms: number; answer: unknown } {
  const { ms, value } = cpu(() => store.handle({ id: ++id, type: 'query', key: `file://${join(ROOT, file)}`, analysis, query }));
  if (!('answer' in value)) throw new Error(JSON.stringify(value));
  return { ms, answer: value.answer };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const c of CASES) {
  const rows: Record<string, number[]> = { traceFirst: [], hoverAfter: [], hoverAgain: [], hoverFirst: [], aloneHover: [], parentTrace: [] };
  const stacks: StacksAround = { parents: [{ path: join(ROOT, c.parent), settings: c.settings }], base: ROOT };
  const trace: Query = { kind: 'trace', params: { uri: '', from: c.from, to: c.to } };
  const hover: Query = { kind: 'element', element: c.element };
  for (let r = 0; r < rounds; r++) {
    // Alternating, each in a new store (a new version): the nested template with its parent, trace first then
    // hover; hover first; the template alone; the parent.
    const across = new AnalysisStore();
    const a = analyzed(across, c.nested, c.settings, stacks);
    const t = ask(across, c.nested, a, trace);
    if (!(t.answer as { result?: unknown }).result) throw new Error(`${c.name}: ${JSON.stringify(t.answer)}`);
    rows.traceFirst!.push(t.ms);
    const h = ask(across, c.nested, a, hover);
    if (!Array.isArray(h.answer)) throw new Error(`${c.name}: no element facts across stacks`);
    rows.hoverAfter!.push(h.ms);
    rows.hoverAgain!.push(ask(across, c.nested, a, hover).ms);

    const first = new AnalysisStore();
    rows.hoverFirst!.push(ask(first, c.nested, analyzed(first, c.nested, c.settings, stacks), hover).ms);

    const alone = new AnalysisStore();
    rows.aloneHover!.push(ask(alone, c.nested, analyzed(alone, c.nested, c.settings), { kind: 'network' }).ms);

    const parent = new AnalysisStore();
    rows.parentTrace!.push(ask(parent, c.parent, analyzed(parent, c.parent, c.settings), trace).ms);
  }
  const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v).toFixed(2)]));
  console.log(`${c.name} (${rounds} rounds, CPU ms of the worker's thread, medians)`);
  console.log(`  | first trace of a version | ${m.traceFirst} | the parent's own first trace of the path: ${m.parentTrace} |`);
  console.log(`  | first hover of an element, after that trace | ${m.hoverAfter} | |`);
  console.log(`  | first hover of an element, no trace before | ${m.hoverFirst} | read alone (its own facts): ${m.aloneHover} |`);
  console.log(`  | another hover of the version | ${m.hoverAgain} | |`);
}
