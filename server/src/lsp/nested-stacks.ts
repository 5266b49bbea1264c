// The editor's trace of a parent template reads the nested stacks it deploys, as `vpce-lens trace` does
// (nested-stacks.ts nestedStacksOf, cli/nested-trace.ts): a CDK stack's nested templates named by its cloud
// assembly beside it, or `aws cloudformation package` input whose TemplateURL is a local file. The files
// are read, never run, so an untrusted workspace is read too. One question, one answer: same network.
// Its diagnostics are `vpce-lens check`'s for that file (cli/nested-check.ts), for a parent and for a nested
// template whose parents the main thread found (parent-index.ts, Assemblies.parentsOf); and the trace, map and
// hover of such a nested template read the network as those parents inline it (documentStacks), so one file
// gets one answer.

import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { EngineSettings } from '../core/settings.js';
import { asMap, scalarString, valueOf, type Node } from '../core/document/tree.js';
import { Assemblies } from '../cli/cdk.js';
import { acrossStacks, type AcrossStacks } from '../cli/nested-trace.js';
import { nestedStacksOf, NESTED_STACK_TYPES, type NestedStacks } from '../nested-stacks.js';
import { DEFAULT_MAX_FILE_SIZE, readInput } from '../read-input.js';
import { checkAcrossStacks, deployedAgain, deploymentIn, named, topParents, type CheckedTemplate } from '../cli/nested-check.js';
import { LineIndex } from '../core/document/line-index.js';
import type { FileReport } from '../cli/report.js';
import type { Finding } from '../core/findings.js';

/**
 * The nested stacks `path`'s template (its editor text `text`) deploys, or undefined when it deploys none the
 * server can read: read once a version, for the trace, map and diagnostics alike. The parent's part must be the
 * editor's text: a CDK template whose file on disk differs from the open document (unsaved edits) is read alone.
 */
export function editorNestedStacks(path: string | undefined, text: string, root: Node | null): NestedStacks | undefined {
  // Most templates deploy no stack: nothing is read (or parsed again) for them.
  if (!path || !deploysStacks(root)) return undefined;
  return nestedStacksOf(new Assemblies(() => {}), path, text, DEFAULT_MAX_FILE_SIZE);
}

/** The network of the template with its nested stacks inlined, hops named by their file's path from the template's folder. */
export function editorAcrossStacks(path: string, nested: NestedStacks, settings: Partial<EngineSettings>): AcrossStacks {
  const shownOf = (f: string) => relative(dirname(path), f).split('\\').join('/') || basename(path);
  return acrossStacks(nested, shownOf, settings);
}

/**
 * The network a document's trace, matrix, map and hover read across stacks, one per deployment: a parent's
 * with the nested stacks it deploys; a nested template's as each top parent that deploys it inlines it.
 */
export interface DocumentStacks {
  across: AcrossStacks;
  /** The document's file as `across` names it: an element there is the document's own, placed in its text. */
  own: string;
  /** Where the document's text starts in `across.text` (0 for a parent: it comes first). */
  base: number;
  /** The document's own names → their names in `across` (`<StackResource>/<Name>` where the parent uses one). */
  names: ReadonlyMap<string, string>;
  /** A nested template deployed more than once: "Endpoints of dns-off.yaml", the words the diagnostics use. */
  as?: string;
  /** Its deployments this parent makes again, read once and so not judged ("Again of main.yaml"). */
  notJudged?: string[];
}

/** A top parent whose stacks deploy the open template (findingsAcrossStacks found it so). */
export interface DeployedIn {
  path: string;
  settings: Partial<EngineSettings>;
  nested: NestedStacks;
  /** "Endpoints of dns-off.yaml" (paths from the workspace folder, as in the diagnostics). */
  as: string;
  /** The same template deployed again by these stacks: not judged (cli/nested-check.ts deployedAgain). */
  notJudged: string[];
}

/**
 * The document's networks across stacks (none: it is read alone): each deployment's in `deployedIn`, else the
 * parent's with the nested stacks it deploys. Hops and map boxes in other files are named from the document's folder.
 */
export function documentStacks(path: string, settings: Partial<EngineSettings>, nested: NestedStacks | undefined, deployedIn: readonly DeployedIn[]): DocumentStacks[] {
  if (deployedIn.length) {
    return deployedIn.map((d) => {
      const across = editorAcrossStacks(path, d.nested, d.settings);
      const link = d.nested.stacks.inlined.find((x) => resolve(d.nested.pathOf(x.file)) === resolve(path))!;
      const segment = d.nested.stacks.segments.find((x) => x.file === link.file)!;
      return { across, own: across.locate(segment.start).file, base: segment.start, names: link.names, ...(deployedIn.length > 1 ? { as: d.as } : {}), ...(d.notJudged.length ? { notJudged: d.notJudged } : {}) };
    });
  }
  if (!nested) return [];
  const across = editorAcrossStacks(path, nested, settings);
  return [{ across, own: across.locate(0).file, base: 0, names: new Map() }];
}

/** The diagnostics' words for the deployments of a nested template the answer did not judge (its parent deploys it again). */
export function notJudgedWords(stacks: readonly DocumentStacks[]): string | undefined {
  const again = stacks.flatMap((s) => s.notJudged ?? []);
  return again.length ? `not judged as nested stack ${again.join(', ')}, which deploys the same template again` : undefined;
}

/** A template that deploys the open one as a nested stack (or deploys one that does), found by the main thread. */
export interface ParentTemplate {
  path: string;
  /** What it is judged with (its own project configuration, its CDK stack's region), as `vpce-lens check` judges it. */
  settings: Partial<EngineSettings>;
}

/** The open template as judged: its path, editor text, settings, own findings and the nested stacks it deploys. */
export interface OpenTemplate {
  path: string;
  text: string;
  settings: Partial<EngineSettings>;
  findings: readonly Finding[];
  nested: NestedStacks | undefined;
  /** The folder paths are shown from (the workspace folder's: `vpce-lens check` run there names them so). */
  base: string;
}

/**
 * `vpce-lens check`'s findings for the open template, judged with the parents that deploy it (`parents`, read
 * from disk) and the nested stacks it deploys: the one placement cli/nested-check.ts makes (checkAcrossStacks,
 * the open template's text standing for its file), so a nested template's network findings are those its
 * parents' values give, in the CLI's words ("only as nested stack X of P" when some parents give it). A
 * related place in another template names that file. No `findings` when no parent placed any in it and it
 * deploys no stack that can be read: its own findings stand. `reads`: the files the answer read (to judge it
 * again when one changes on disk).
 */
export function findingsAcrossStacks(open: OpenTemplate, parents: readonly ParentTemplate[]): { findings?: Finding[]; reads: string[]; deployedIn: DeployedIn[] } | undefined {
  if (!open.nested && parents.length === 0) return undefined;
  const shownOf = (f: string) => {
    const rel = relative(open.base, f);
    return (rel.startsWith('..') || isAbsolute(rel) ? f : rel).split(sep).join('/');
  };
  const report: FileReport = { file: shownOf(open.path), findings: [...open.findings], lines: new LineIndex('') };
  const checked: CheckedTemplate[] = [{ file: open.path, text: open.text, settings: open.settings, limit: DEFAULT_MAX_FILE_SIZE, deploys: open.nested !== undefined, nested: open.nested ?? null, report }];
  for (const p of parents) {
    if (resolve(p.path) === resolve(open.path)) continue;
    const r = readInput(p.path, DEFAULT_MAX_FILE_SIZE);
    if (r.kind === 'text') checked.push({ file: p.path, text: r.text, settings: p.settings, limit: DEFAULT_MAX_FILE_SIZE, deploys: true, report: { file: shownOf(p.path), findings: [], lines: new LineIndex('') } });
  }
  const changed = checkAcrossStacks(checked, new Assemblies(() => {}), shownOf, () => {});
  const reads = new Set(checked.slice(1).map((c) => resolve(c.file)));
  for (const c of checked) for (const s of c.nested?.stacks.segments ?? []) reads.add(resolve(c.nested!.pathOf(s.file)));
  reads.delete(resolve(open.path));
  // The parents whose stacks inline it: its trace, map and hover read those networks (documentStacks).
  const deployedIn = topParents(checked).flatMap((t): DeployedIn[] => {
    const d = t.at === checked[0] ? undefined : deploymentIn(t.at.file, t.nested, open.path, shownOf);
    const again = deployedAgain(t.at.file, t.nested, shownOf).filter((x) => resolve(x.path) === resolve(open.path));
    return d ? [{ path: t.at.file, settings: t.at.settings, nested: t.nested, as: named(d), notJudged: again.map((x) => named(x.deployment)) }] : [];
  });
  // No parent placed findings here (one under a Condition, say): its own stand, judged again when one changes.
  if (!changed.includes(report)) return { reads: [...reads], deployedIn };
  // A related place in another file is named as the CLI shows it; the editor links to it by its path.
  const placed = (f: Finding): Finding => (f.related?.some((r) => r.file) ? { ...f, related: f.related.map((r) => (r.file ? { ...r, file: { ...r.file, path: resolve(open.base, r.file.path) } } : r)) } : f);
  return { findings: report.findings.map(placed), reads: [...reads], deployedIn };
}

function deploysStacks(root: Node | null): boolean {
  return (asMap(valueOf(asMap(root), 'Resources'))?.pairs ?? []).some((p) => NESTED_STACK_TYPES.has(scalarString(valueOf(asMap(p.value), 'Type')) ?? ''));
}
