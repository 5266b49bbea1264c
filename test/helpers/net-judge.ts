// Both forms of one NetDesc analysed as the faces analyse them, and what the property tests compare:
// findings by meaning (rule id + the element each names, by its description key), and trace verdicts
// for every subnet and workload to a fixed set of destinations.

import { analyze, type Analysis } from '../../server/src/core/analysis.js';
import type { Finding } from '../../server/src/core/findings.js';
import type { Network } from '../../server/src/core/model/network.js';
import { analyzeTerraform, TF_SILENT_RULES } from '../../server/src/core/tf/analysis.js';
import { trace } from '../../server/src/core/trace/trace.js';
import { parseTarget } from '../../server/src/core/trace/targets.js';
import type { TraceResult } from '../../server/src/core/trace/types.js';
import { toCloudFormation } from './net-cfn.js';
import type { NetDesc, Rendered } from './net-desc.js';
import { toTerraform } from './net-tf.js';

export const SETTINGS = { regions: ['eu-west-1'] };
export const DESTINATIONS = ['s3', 'dynamodb', 'ssm', 'sqs', 'ecr.api', 'internet'];

export interface Judged {
  form: 'cfn' | 'tf';
  rendered: Rendered;
  findings: readonly Finding[];
  analysis: Analysis;
  net: Network;
  /** Model id → description key. */
  keyOf: Map<string, string>;
  /** Description key of each source (subnets, workloads) → its trace to each destination. */
  traces: Map<string, TraceResult>;
}

export function judgeForm(form: 'cfn' | 'tf', d: NetDesc): Judged {
  const rendered = form === 'cfn' ? toCloudFormation(d) : toTerraform(d);
  const analysis = form === 'cfn' ? analyze(rendered.text, { fileName: 'net.yaml', settings: SETTINGS }) : analyzeTerraform([{ path: 'main.tf', text: rendered.text }], { settings: SETTINGS }).analysis;
  const findings = analysis.findings;
  const net = analysis.network();
  if (!net) throw new Error(`${form}: no network model\n${rendered.text}`);
  const keyOf = new Map([...rendered.ids].map(([k, id]) => [id, k]));
  const traces = new Map<string, TraceResult>();
  for (const [key, id] of rendered.ids) {
    if (!/^(subnet|workload)\d+$/.test(key)) continue;
    for (const to of DESTINATIONS) traces.set(`${key}→${to}`, trace(net, id, parseTarget(to)!));
  }
  return { form, rendered, findings, analysis, net, keyOf, traces };
}

/** Rules whose meaning one format cannot share: CloudFormation's schema and syntax checks. */
const FORM_ONLY = new Set([...TF_SILENT_RULES, 'VPCE0005']);

/** A finding by meaning: its rule and the description key of the element it names (or the id as written). */
export function meanings(j: Judged, minSeverity: 'error' | 'warning' | 'info' = 'info'): string[] {
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  return j.findings
    .filter((f) => !FORM_ONLY.has(f.ruleId) && (rank[f.severity] ?? 2) <= rank[minSeverity]!)
    .map((f) => `${f.ruleId} ${f.resource === undefined ? '-' : (j.keyOf.get(f.resource) ?? `?${f.resource}`)}`)
    .sort()
    .filter((x, i, a) => i === 0 || a[i - 1] !== x);
}

export function verdicts(j: Judged): Map<string, string> {
  return new Map([...j.traces].map(([k, r]) => [k, r.verdict]));
}
