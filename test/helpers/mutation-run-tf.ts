// The unknown-value mutation harness over one Terraform fixture (a one-file module): the values are found
// in the module as lowered (its CloudFormation-shaped tree, whose nodes carry the HCL's offsets), and each
// one written in HCL is made unknown (an input variable without default, or a data source's attribute),
// set to null (Terraform's "not set"), changed (another resource of the same type, another fixture's
// literal), or chosen by a conditional on an unknown variable (the Fn::If of Terraform: no condition a
// deployment decides, so it is judged as an unknown whose worlds are the two values).

import { analyzeTerraform } from '../../server/src/core/tf/analysis.js';
import { lowerTerraform } from '../../server/src/core/tf/lower.js';
import type { ModuleFolders } from '../../server/src/core/tf/local-modules.js';
import type { TfFile } from '../../server/src/core/tf/module.js';
import { asMap, asScalar, type MapNode } from '../../server/src/core/document/tree.js';
import { mutationPoints, resourcesOf, type Point } from './mutation-points.js';
import { adviceProblems, deployable, traceKeys, unknownProblems, worldOf, type World } from './mutation-judge.js';
import { cidrFits, OUTSIDE_ID, rng, type Pool, type Tally } from './mutation-run-cfn.js';

const SETTINGS = { regions: ['eu-west-1'] };

/** A variables file: a value there is an input's, not one the rules read in place. */
const VARIABLES = /\.tfvars(\.json)?$/;

const pick = <T>(xs: T[], n: number, r: () => number): T[] => {
  const c = [...xs];
  const out: T[] = [];
  while (c.length && out.length < n) out.push(c.splice(Math.floor(r() * c.length), 1)[0]!);
  return out;
};

const analyseFiles = (files: readonly TfFile[], folders?: ModuleFolders) => {
  const a = analyzeTerraform(files, { settings: SETTINGS }, folders).analysis;
  return { findings: a.findings, net: a.network(), analysis: a };
};

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
function writtenInPlace(src: string): boolean {
  return src.length > 0 && !src.includes('\n') && !/^\s*(resource|data|dynamic|ingress|egress)\b/.test(src) && !/=/.test(src.replace(/==|!=|<=|>=|=>/g, ''));
}

export function runTfFixture(file: string, text: string, pool: Pool, seed: number, tally: Tally): void {
  runTfModule(file, [{ path: 'main.tf', text }], undefined, pool, seed, tally);
}

/**
 * The harness over one module of several files (and its local modules, read through `folders`): a value
 * is edited in the root file that writes it, the declarations an unknown needs appended to that file.
 * `budget`: at most that many values, a seeded sample (a real configuration has hundreds).
 */
export function runTfModule(label: string, files: readonly TfFile[], folders: ModuleFolders | undefined, pool: Pool, seed: number, tally: Tally, budget = Infinity): void {
  const analyse = (fs: readonly TfFile[]) => analyseFiles(fs, folders);
  const base = analyse(files);
  if (!base.net) return;
  const file = label;
  const lowered = lowerTerraform(files, folders);
  // The root's files, at their offsets in the joined text (a called module's come after them).
  const spans = lowered.files.slice(0, files.length);
  if (spans.some((s, i) => lowered.text.slice(s.start, s.end) !== files[i]!.text)) return;
  const spanOf = (p: Point) => spans.findIndex((s) => p.node.start >= s.start && p.node.end <= s.end);
  const root: MapNode | undefined = asMap(lowered.root);
  const res = resourcesOf(root);
  const keys = traceKeys(base.net);
  const original = worldOf(base.findings, base.net, keys);
  const r = rng(seed);
  let last: ReturnType<typeof analyse> | undefined;
  const world = (fs: readonly TfFile[]): World => {
    tally.mutants++;
    const a = (last = analyse(fs));
    return worldOf(a.findings, a.net, keys);
  };
  // The value `p` rewritten in the file that holds it, `append` added at that file's end.
  const edit = (p: Point, by: string, append = ''): TfFile[] => {
    const i = spanOf(p);
    const at = spans[i]!.start;
    return files.map((f, j) => (j === i ? { path: f.path, text: `${f.text.slice(0, p.node.start - at)}${by}${f.text.slice(p.node.end - at)}${append}` } : f));
  };
  const sourceOf = (p: Point) => lowered.text.slice(p.node.start, p.node.end);
  // A value written once for every instance (`each.value.az` under for_each, `count.index`) is one value
  // per instance: one unknown in its place is the same value for all, a world the original is not.
  const perInstance = (p: Point) => /\b(each|count)\./.test(sourceOf(p));
  const all = mutationPoints(root).map((p, n) => ({ p, n })).filter(({ p }) => spanOf(p) >= 0 && !VARIABLES.test(spans[spanOf(p)]!.path) && writtenInPlace(sourceOf(p)) && !perInstance(p));
  const chosen = new Set(all.length > budget ? pick(all, budget, r) : all);
  const written = files.map((f) => f.text).join('\n');
  const undeclaredVars = /\bvar\.[A-Za-z_]/.test(written) && !/^\s*variable\s+"/m.test(written);
  tally.fixtures++;
  all.filter((x) => chosen.has(x)).forEach(({ p, n }) => {
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
    const changed = picked.map((v) => ({ v, w: world(edit(p, v)) }));
    // As in CloudFormation (mutation-run-cfn.ts): an input or a data source is never the id of a resource
    // the module creates, and a VpcId has no deployable world but the module's own VPC.
    const outside = p.refTo ? OUTSIDE_ID[res.get(p.refTo)!.type] : undefined;
    const worlds = p.pattern === 'VpcId' ? [] : p.refTo ? (outside ? deployable(original, [world(edit(p, JSON.stringify(outside)))], [], [outside]).filter((x) => x.name !== 'original') : []) : deployable(original, changed.map((c) => c.w), ids, changed.map((c) => c.v));
    // A folder that reads variables it does not declare is seen without the files that declare them:
    // Terraform's undeclared-reference check (VPCE0005) judges variables only where the folder declares
    // some, so a declared unknown variable would make those references errors. Data sources there.
    const kind = n % 2 === 0 && !undeclaredVars ? 'variable' : 'data source';
    const name = kind === 'variable' ? `lens_unknown_${n}` : `data.aws_ssm_parameter.lens_${n}`;
    const u = world(kind === 'variable' ? edit(p, `var.${name}`, `\nvariable "${name}" {}\n`) : edit(p, p.list ? `split(",", ${name}.value)` : `${name}.value`, `\ndata "aws_ssm_parameter" "lens_${n}" {\n  name = "lens-${n}"\n}\n`));
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
      const w = world(
        undeclaredVars
          ? edit(p, `(data.aws_ssm_parameter.${choice}.value == "a" ? ${sourceOf(p)} : ${c.v})`, `\ndata "aws_ssm_parameter" "${choice}" {\n  name = "${choice}"\n}\n`)
          : edit(p, `(var.${choice} ? ${sourceOf(p)} : ${c.v})`, `\nvariable "${choice}" {\n  type = bool\n}\n`),
      );
      for (const problem of unknownProblems(w, worlds.filter((x) => x.w === original || x.w === c.w), original, [choice, p.resource])) tally.problems.push({ file, point: at, variant: 'conditional', problem });
    }
  });
}
