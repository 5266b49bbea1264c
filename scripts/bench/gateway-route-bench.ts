// What VPCE7001 and the trace's route choice cost on the generated 5,000-resource template: the rule over the
// judged model, and every subnet's trace to each gateway service (s3, dynamodb) on the defaults' model, each
// timed on a fresh copy of the model (its per-model memos empty: the gateway route clashes, the endpoints by
// service) and again warm. With `--baseline DIR` (another checkout, its node_modules in place) the same
// measures of that build run in the same process, alternating round by round. CPU time of this thread
// (process.cpuUsage), medians.
//
//   node --import tsx scripts/bench/gateway-route-bench.ts [--rounds 7] [--baseline /work/main]

import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
// @ts-expect-error a plain ES module without types
import { generateTemplate } from './gen-template.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const rounds = Number(arg('--rounds') ?? 7);
const baseline = arg('--baseline');

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Build {
  name: string;
  rule(): void;
  traceCold(): void;
  traceWarm(): void;
}

function load(name: string, root: string): Build {
  const req = createRequire(join(root, 'package.json'));
  const { analyze } = req(join(root, 'server/src/core/analysis.ts'));
  const { duplicateGatewayRoute } = req(join(root, 'server/src/core/rules/vpce7001-duplicate-gateway-route.ts'));
  const { traceModel } = req(join(root, 'server/src/core/trace/path.ts'));
  const text = generateTemplate(5000);
  const a = analyze(text, { fileName: 'big.yaml', settings: { regions: ['eu-west-1'] } });
  const net = a.network();
  const ctx = { template: a.template, endpoints: a.endpoints, network: () => net };
  const model = net.defaults;
  const subnets = [...model.subnets.keys()];
  const targets = [
    { kind: 'service', pattern: 'com.amazonaws.{region}.s3', name: 's3' },
    { kind: 'service', pattern: 'com.amazonaws.{region}.dynamodb', name: 'dynamodb' },
  ];
  const traceAll = (m: any) => {
    for (const s of subnets) for (const t of targets) traceModel(m, s, t);
  };
  return {
    name,
    rule: () => duplicateGatewayRoute.check(ctx),
    traceCold: () => traceAll({ ...model }),
    traceWarm: () => traceAll(model),
  };
}

function cpu(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const builds = [load('this build', ROOT), ...(baseline ? [load(`baseline ${baseline}`, baseline)] : [])];
const measures = ['rule', 'traceCold', 'traceWarm'] as const;
const times = new Map(builds.map((b) => [b, Object.fromEntries(measures.map((m) => [m, [] as number[]]))]));
// Warm-up: each build once, then the rounds, alternating builds within each measure.
for (const b of builds) for (const m of measures) b[m]();
for (let r = 0; r < rounds; r++) {
  for (const m of measures) for (const b of r % 2 ? [...builds].reverse() : builds) times.get(b)![m]!.push(cpu(b[m]));
}
console.log(`rounds ${rounds}, CPU ms, medians (load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
for (const b of builds) console.log(`${b.name}: ${measures.map((m) => `${m} ${median(times.get(b)![m]!).toFixed(2)}`).join(', ')}`);
