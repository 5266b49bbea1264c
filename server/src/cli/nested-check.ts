// `vpce-lens check` of parents with the nested stacks they deploy (read as the trace reads them:
// nested-stacks.ts nestedStacksOf): the network rules judge each top parent with its nested stacks inlined
// (core/cdk/nested-check.ts), and their findings replace those rules' findings of every template so read,
// each in its own file. A nested template two checked parents deploy gets each parent's answer: a
// finding both give is reported once; one only some give says which. A template no checked parent deploys
// is judged alone, as before.

import { resolve } from 'node:path';
import { inlinedFindings, NETWORK_RULES, type PlacedFinding, type StackLink } from '../core/cdk/nested-check.js';
import { LineIndex } from '../core/document/line-index.js';
import { byPosition, type Finding } from '../core/findings.js';
import type { EngineSettings } from '../core/settings.js';
import { nestedStacksOf, type NestedStacks } from '../nested-stacks.js';
import type { Assemblies } from './cdk.js';
import type { Deployment, FileReport } from './report.js';

export interface CheckedTemplate {
  /** The path as the walk found it. */
  file: string;
  text: string;
  /** The settings it was judged with (a CDK stack's region, passed parameters). */
  settings: Partial<EngineSettings>;
  /** The largest nested template read (--max-size, maxFileSize). */
  limit: number;
  /** It has an AWS::CloudFormation::Stack: only those are read with nested stacks (most deploy none). */
  deploys: boolean;
  /** Its nested stacks (nestedStacksOf; null: none): given when the caller has read them, else read and kept here. */
  nested?: NestedStacks | null;
  /** Its report: the findings are replaced here. */
  report: FileReport;
}

/**
 * Judges the checked parents with their nested stacks and puts the network rules' findings where they lie.
 * `shownOf`: a path as the output names it; `say`: a note for a template a parent deploys twice (judged once).
 * Returns the reports whose findings it replaced.
 */
export function checkAcrossStacks(checked: readonly CheckedTemplate[], assemblies: Assemblies, shownOf: (path: string) => string, say: (line: string) => void): FileReport[] {
  const byPath = new Map(checked.map((c) => [resolve(c.file), c]));
  // A checked template is read as it was judged (an editor's open document: its unsaved text).
  const opened = (path: string) => byPath.get(path)?.text;
  for (const c of checked) {
    if (!c.deploys) continue;
    const nested = c.nested === undefined ? nestedStacksOf(assemblies, c.file, c.text, c.limit, opened) : (c.nested ?? undefined);
    c.nested = nested ?? null;
  }
  const tops = topParents(checked);
  if (tops.length === 0) return [];

  // Per file: each top's findings there, and the deployments (a top and its stack chain) that put it there.
  const placed = new Map<string, { top: (typeof tops)[number]; found: PlacedFinding[]; chain: StackLink[] }[]>();
  // A template a parent deploys a second time is read once: that deployment is not judged, and is said.
  const unjudged = new Map<string, Deployment[]>();
  for (const top of tops) {
    for (const { path, deployment: d } of deployedAgain(top.at.file, top.nested, shownOf)) {
      say(`note: ${shownOf(path)}: deployed again by ${d.parent} as nested stack ${d.stack}; its network is judged only as the first deployment`);
      unjudged.set(resolve(path), [...(unjudged.get(resolve(path)) ?? []), d]);
    }
  }
  for (const top of tops) {
    const { stacks, pathOf, outside } = top.nested;
    const found = inlinedFindings(stacks, top.at.settings, outside);
    const files = [stacks.segments[0]!.file, ...stacks.inlined.map((i) => i.file)];
    for (const f of files) {
      const path = resolve(pathOf(f));
      const link = stacks.inlined.find((x) => x.file === f);
      const chain = link ? chainTo(stacks.inlined, link) : [];
      // A nested template not among the files checked is not reported (as before: its file was not asked for).
      if (!byPath.has(path)) continue;
      placed.set(path, [...(placed.get(path) ?? []), { top, found: found.filter((p) => p.file === f), chain }]);
    }
  }

  const changed: FileReport[] = [];
  for (const [path, deployments] of placed) {
    const c = byPath.get(path)!;
    changed.push(c.report);
    const levels = c.settings.rules ?? {};
    const alone = c.report.findings.filter((f) => NETWORK_RULES.has(f.ruleId));
    const kept = c.report.findings.filter((f) => !NETWORK_RULES.has(f.ruleId));
    const groups = new Map<string, { finding: Finding; by: Deployment[] }>();
    for (const d of deployments) {
      const deployment = d.chain.length ? deploymentOf(d.top.at.file, d.chain, d.top.nested, shownOf) : undefined;
      for (const p of d.found) {
        const f = placedFinding(p.finding, levels, d.top.nested, shownOf);
        if (!f) continue;
        const key = JSON.stringify([f.ruleId, f.severity, f.start, f.end, f.message]);
        const g = groups.get(key) ?? groups.set(key, { finding: sameAlone(f, alone), by: [] }).get(key)!;
        if (deployment) g.by.push(deployment);
      }
    }
    const deployedBy = new Map<Finding, Deployment[]>();
    const all = deployments.filter((d) => d.chain.length).map((d) => deploymentOf(d.top.at.file, d.chain, d.top.nested, shownOf));
    const findings = [...kept];
    const notJudged = unjudged.get(path) ?? [];
    for (const { finding, by } of groups.values()) {
      // True for some of the parents' values only, or another deployment not judged: the message says which
      // (the text output shows no JSON).
      const others = all.filter((d) => !by.some((b) => b.parent === d.parent && b.stack === d.stack));
      const parts = [`${others.length ? 'only ' : ''}as nested stack ${by.map(named).join(', ')}`];
      if (others.length) parts.push(`not as nested stack ${others.map(named).join(', ')}`);
      if (notJudged.length) parts.push(`not judged as nested stack ${notJudged.map(named).join(', ')}, which deploys the same template again`);
      const f = by.length && parts.length > 1 ? { ...finding, message: `${finding.message} (${parts.join('; ')})` } : finding;
      findings.push(f);
      if (by.length) deployedBy.set(f, by);
    }
    c.report.findings = findings.sort(byPosition);
    if (deployedBy.size) c.report.deployedBy = deployedBy;
  }
  return changed;
}

export const named = (d: Deployment) => `${d.stack} of ${d.parent}`;

/**
 * The checked templates whose nested stacks were read (checkAcrossStacks fills `nested`) that no other one
 * deploys: a parent another checked parent deploys is judged within that one's stacks (its network as deployed).
 */
export function topParents(checked: readonly CheckedTemplate[]): { at: CheckedTemplate; nested: NestedStacks; covers: Set<string> }[] {
  const parents = checked.flatMap((c) => {
    const nested = c.nested;
    return nested ? [{ at: c, nested, covers: new Set(nested.stacks.inlined.map((i) => resolve(nested.pathOf(i.file)))) }] : [];
  });
  return parents.filter((p) => !parents.some((o) => o !== p && o.covers.has(resolve(p.at.file))));
}

/** The nested templates a top parent's stacks deploy a second time (read once: that deployment is not judged), and how. */
export function deployedAgain(topFile: string, nested: NestedStacks, shownOf: (path: string) => string): { path: string; deployment: Deployment }[] {
  const { stacks, pathOf } = nested;
  return stacks.again.flatMap((a) => {
    if (a.file === stacks.segments[0]!.file) return [];
    const up = stacks.inlined.find((x) => x.file === a.parent);
    return [{ path: pathOf(a.file), deployment: deploymentOf(topFile, [...(up ? chainTo(stacks.inlined, up) : []), a], nested, shownOf) }];
  });
}

/** How a top parent's stacks deploy `path` (a nested template they inline), as a finding's deployedBy names it; undefined when they do not. */
export function deploymentIn(topFile: string, nested: NestedStacks, path: string, shownOf: (path: string) => string): Deployment | undefined {
  const link = nested.stacks.inlined.find((x) => resolve(nested.pathOf(x.file)) === resolve(path));
  return link && deploymentOf(topFile, chainTo(nested.stacks.inlined, link), nested, shownOf);
}

/** The stack resources from the top parent down to `link`'s, the top's first. */
function chainTo(inlined: readonly StackLink[], link: StackLink): StackLink[] {
  const up = inlined.find((x) => x.file === link.parent);
  return up ? [...chainTo(inlined, up), link] : [link];
}

/** Which parent deploys a nested template, through which stack resources, and where the last of them is written. */
function deploymentOf(topFile: string, chain: readonly Pick<StackLink, 'stack' | 'parent' | 'key'>[], nested: NestedStacks, shownOf: (path: string) => string): Deployment {
  const last = chain[chain.length - 1]!;
  const lines = new LineIndex(nested.textOf(last.parent) ?? '');
  return {
    parent: shownOf(topFile),
    stack: chain.map((l) => l.stack).join('/'),
    at: { file: shownOf(nested.pathOf(last.parent)), start: lines.positionAt(last.key.start), end: lines.positionAt(last.key.end) },
  };
}

/**
 * A finding of the inlined stacks as a face reports it: at the file's configured level (undefined: the rule is
 * off there), a related place in another template named by its path as `shownOf` names it. The CLI and the
 * editor's diagnostics of a parent (lsp/nested-stacks.ts) both report them so.
 */
export function placedFinding(found: Finding, levels: EngineSettings['rules'], nested: NestedStacks, shownOf: (path: string) => string): Finding | undefined {
  const level = levels[found.ruleId];
  if (level === 'off') return undefined;
  return withFiles(level ? { ...found, severity: level } : found, nested, shownOf);
}

/** A related place in another template named by its path as the output names it. */
function withFiles(f: Finding, nested: NestedStacks, shownOf: (path: string) => string): Finding {
  if (!f.related?.some((r) => r.file)) return f;
  return { ...f, related: f.related.map((r) => (r.file ? { ...r, file: { ...r.file, path: shownOf(nested.pathOf(r.file.path)) } } : r)) };
}

/** The template-alone finding when it is this very one (it keeps its quick-fix data), else this one. */
function sameAlone(f: Finding, alone: readonly Finding[]): Finding {
  const same = alone.find((a) => a.ruleId === f.ruleId && a.severity === f.severity && a.start === f.start && a.end === f.end && a.message === f.message);
  return same && !same.related?.length && !f.related?.length ? same : same ? { ...f, ...(same.data ? { data: same.data } : {}) } : f;
}
