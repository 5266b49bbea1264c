// The unknown-value mutation harness over one Terraform fixture (a one-file module): the values are found
// in the module as lowered (its CloudFormation-shaped tree, whose nodes carry the HCL's offsets), and each
// one written in HCL is made unknown (an input variable without default, or a data source's attribute),
// set to null (Terraform's "not set"), changed (another resource of the same type, another fixture's
// literal), or chosen by a conditional on an unknown variable (the Fn::If of Terraform: no condition a
// deployment decides, so it is judged as an unknown whose worlds are the two values).

import { analyzeTerraform } from '../../server/src/core/tf/analysis.js';
import { lowerTerraform } from '../../server/src/core/tf/lower.js';
import { asMap, asScalar, type MapNode } from '../../server/src/core/document/tree.js';
import { mutationPoints, resourcesOf, type Point } from './mutation-points.js';
import { adviceProblems, deployable, traceKeys, unknownProblems, worldOf, type World } from './mutation-judge.js';
import { cidrFits, OUTSIDE_ID, rng, type Pool, type Tally } from './mutation-run-cfn.js';

const SETTINGS = { regions: ['eu-west-1'] };

const analyse = (text: string) => {
  const a = analyzeTerraform([{ path: 'main.tf', text }], { settings: SETTINGS }).analysis;
  return { findings: a.findings, net: a.network(), analysis: a };
};

const edit = (text: string, p: Point, by: string, append = '') => `${text.slice(0, p.node.start)}${by}${text.slice(p.node.end)}${append}`;

/** A value as HCL writes it: strings quoted (a region placeholder as the region the fixtures deploy to). */
function hcl(v: unknown): string | undefined {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const t = v.replace('${AWS::Region}', 'eu-west-1');
    return t.includes('${') ? undefined : JSON.stringify(t);
  }
  const sub = v && typeof v === 'object' ? (v as Record<string, unknown>)['Fn::Sub'] : undefined;
  return typeof sub === 'string' ? hcl(sub) : undefined;
}

export function addTfToPool(pool: Pool, text: string): void {
  const root = lowerTerraform([{ path: 'main.tf', text }]).root;
  for (const p of mutationPoints(root)) {
    const s = asScalar(p.node);
    // Only what the HCL writes as a literal at that place.
    if (!s || s.value === null || text.slice(p.node.start, p.node.end).includes('\n')) continue;
    const k = `tf ${p.type} ${p.pattern}`;
    const j = JSON.stringify(s.value);
    const list = pool.get(k) ?? [];
    if (!list.includes(j)) list.push(j);
    pool.set(k, list);
  }
}

/** A point the HCL writes as one expression in place (not a block, not a value the lowering made up). */
function writtenInPlace(text: string, p: Point): boolean {
  const src = text.slice(p.node.start, p.node.end);
  return src.length > 0 && !src.includes('\n') && !/^\s*(resource|data|dynamic|ingress|egress)\b/.test(src) && !/=/.test(src.replace(/==|!=|<=|>=|=>/g, ''));
}

export function runTfFixture(file: string, text: string, pool: Pool, seed: number, tally: Tally): void {
  const base = analyse(text);
  if (!base.net) return;
  const lowered = lowerTerraform([{ path: 'main.tf', text }]);
  // One file: the module's offsets up to its end are the file's own.
  if (!lowered.text.startsWith(text)) return;
  const root: MapNode | undefined = asMap(lowered.root);
  const res = resourcesOf(root);
  const keys = traceKeys(base.net);
  const original = worldOf(base.findings, base.net, keys);
  const r = rng(seed);
  let last: ReturnType<typeof analyse> | undefined;
  const world = (t: string): World => {
    tally.mutants++;
    const a = (last = analyse(t));
    return worldOf(a.findings, a.net, keys);
  };
  tally.fixtures++;
  mutationPoints(root).forEach((p, n) => {
    if (!writtenInPlace(text, p)) return;
    tally.points++;
    const at = `${p.resource}.${p.path}`;
    const fits = cidrFits(p, base.net!.defaults);
    const ids = [p.resource, ...(p.refTo ? [p.refTo] : [])];
    // Another resource of the referenced type (its id), or another fixture's literal.
    const others: string[] = p.refTo
      ? [...res].filter(([id, x]) => x.type === res.get(p.refTo!)!.type && id !== p.refTo && /^[a-z0-9_]+\.[a-z0-9_-]+$/.test(id)).map(([id]) => `${id}.id`)
      : typeof p.literal === 'boolean' ? [String(!p.literal)] : (pool.get(`tf ${p.type} ${p.pattern}`) ?? []).filter((j) => j !== JSON.stringify(p.literal) && fits(JSON.parse(j))).map((j) => hcl(JSON.parse(j))!).filter(Boolean);
    const picked: string[] = [];
    while (others.length && picked.length < 2) picked.push(others.splice(Math.floor(r() * others.length), 1)[0]!);
    const changed = picked.map((v) => ({ v, w: world(edit(text, p, v)) }));
    // As in CloudFormation (mutation-run-cfn.ts): an input or a data source is never the id of a resource
    // the module creates, and a VpcId has no deployable world but the module's own VPC.
    const outside = p.refTo ? OUTSIDE_ID[res.get(p.refTo)!.type] : undefined;
    const worlds = p.pattern === 'VpcId' ? [] : p.refTo ? (outside ? deployable(original, [world(edit(text, p, JSON.stringify(outside)))], [], [outside]).filter((x) => x.name !== 'original') : []) : deployable(original, changed.map((c) => c.w), ids, changed.map((c) => c.v));
    const kind = n % 2 === 0 ? 'variable' : 'data source';
    const name = kind === 'variable' ? `lens_unknown_${n}` : `data.aws_ssm_parameter.lens_${n}`;
    const u = world(kind === 'variable' ? edit(text, p, `var.${name}`, `\nvariable "${name}" {}\n`) : edit(text, p, p.list ? `split(",", ${name}.value)` : `${name}.value`, `\ndata "aws_ssm_parameter" "lens_${n}" {\n  name = "lens-${n}"\n}\n`));
    // A value the lowering made up (an endpoint's route tables gathered from association resources) is
    // not written where its node points: the edit breaks the text, and the point is not one to judge.
    if (u.meanings.has('VPCE0001 -') && !original.meanings.has('VPCE0001 -')) {
      tally.points--;
      return;
    }
    for (const problem of [...unknownProblems(u, worlds, original, [name, p.resource]), ...adviceProblems('main.tf', last!.analysis)]) tally.problems.push({ file, point: at, variant: kind, problem });
    // A conditional on an unknown variable between the value and another: judged like an unknown whose
    // worlds are those two.
    const c = changed[0];
    if (c && !p.refTo && worlds.some((x) => x.w === original) && worlds.some((x) => x.w === c.w)) {
      const choice = `lens_choice_${n}`;
      const w = world(edit(text, p, `(var.${choice} ? ${text.slice(p.node.start, p.node.end)} : ${c.v})`, `\nvariable "${choice}" {\n  type = bool\n}\n`));
      for (const problem of unknownProblems(w, worlds.filter((x) => x.w === original || x.w === c.w), original, [choice, p.resource])) tally.problems.push({ file, point: at, variant: 'conditional', problem });
    }
  });
}
