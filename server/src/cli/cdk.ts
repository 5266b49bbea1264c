// The CLI's side of CDK: the cloud assembly a template belongs to (the manifest.json beside it, read once
// per folder, with each stack's metadata and asset manifest files): which templates a folder holds for
// the walk (files.ts), the region a stack bound to an environment deploys in, and each finding's
// construct and source line. The engine (core/cdk) does the reading of texts; this file only opens files.

import { dirname, basename, join, resolve } from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Template } from '../core/cfn/template.js';
import type { Finding } from '../core/findings.js';
import type { EngineSettings } from '../core/settings.js';
import { readCloudAssembly, ManifestError, stackSettings, type CloudAssembly } from '../core/cdk/assembly.js';
import { cdkOrigins, constructPathOf } from '../core/cdk/origins.js';
import { outsideGroupRules, type OutsideRules } from '../core/cdk/outside-rules.js';
import { nestedParameters } from '../core/cdk/nested-parameters.js';
import { readAssemblyTemplates, type AssemblyTemplates } from '../core/cdk/assembly-templates.js';
import { synthRoot, underRoot } from '../core/cdk/source-root.js';
import type { NestedStacks } from '../nested-stacks.js';
import type { PassedParameters } from '../core/cfn/template.js';
import { readInput, MB } from '../read-input.js';
import { isCloudAssembly } from './files.js';
import type { FindingOrigin } from './report.js';

// Only a parent with nested stacks is read with them: loaded on first use (a check of other templates never is).
const inlining = () => require('../core/cdk/nested-inline.js') as typeof import('../core/cdk/nested-inline.js');

// A manifest or metadata file past this is not one we read (a large app's are a few MB).
const MAX_MANIFEST = 64 * MB;

export class Assemblies {
  private readonly byDir = new Map<string, CloudAssembly | null>();
  private readonly appByDir = new Map<string, AppTemplates>();
  /** Assembly folder → the app's source folder when it was synthesised (null: none of its files is here). */
  private readonly rootByDir = new Map<string, string | null>();

  /** `say` gets one line per manifest that cannot be read (the findings are still reported). */
  constructor(private readonly say: (line: string) => void) {}

  /** The cloud assembly of the folder a template is in: undefined when there is none (or it is broken). */
  of(file: string): CloudAssembly | undefined {
    return this.inFolder(dirname(file));
  }

  /** The cloud assembly whose manifest.json is in the folder; `why` says why it is not read, when it is not. */
  inFolder(folder: string, why = '; construct source lines are not shown'): CloudAssembly | undefined {
    const dir = resolve(folder);
    if (this.byDir.has(dir)) return this.byDir.get(dir) ?? undefined;
    const assembly = this.read(dir, join(folder, 'manifest.json'), why);
    this.byDir.set(dir, assembly ?? null);
    return assembly;
  }

  /**
   * Where a construct's recorded source file is in this checkout: the synth-time path moved under the
   * project folder (the cloud assembly's parent) when it lies under the folder the app was synthesised in
   * (core/cdk/source-root.ts), else the path as recorded (another machine's, or outside the app).
   */
  sourceFile(template: string, recorded: string): string {
    const assemblyDir = resolve(dirname(template));
    const assembly = this.of(template);
    if (!assembly) return recorded;
    const project = projectOf(assemblyDir);
    let root = this.rootByDir.get(assemblyDir);
    if (root === undefined) {
      const sources = [...assembly.constructs.values()].flatMap((c) => (c.source ? [c.source] : []));
      root = synthRoot(sources, (relative, line) => hasLine(join(project, relative), line)) ?? null;
      this.rootByDir.set(assemblyDir, root);
    }
    const relative = root === null ? undefined : underRoot(recorded, root);
    return relative === undefined ? recorded : join(project, relative);
  }

  /** Why a template of a cloud assembly holds CDK's placeholders for lookups not yet made, when it does. */
  waitingOf(file: string): string | undefined {
    return /\.template\.json$/i.test(file) ? this.of(file)?.waiting.get(basename(file)) : undefined;
  }

  /** The templates and stage folders the manifest in a cloud assembly's folder names (files.ts's walk). */
  listing(dir: string): { templates: string[]; assemblies: string[]; waiting: Map<string, string> } | undefined {
    const a = this.inFolder(dir, '; every template in its folder is checked, construct source lines are not shown');
    if (!a) return undefined;
    // A manifest it does not fully understand (a stack without a template: a newer schema?) must not hide templates.
    if (a.problems.some((p) => p.startsWith('manifest.json:'))) {
      this.say(`warning: ${join(dir, 'manifest.json')}: not fully understood; every template in its folder is checked`);
      return undefined;
    }
    return { templates: [...a.templates.keys()].filter((t) => !a.waiting.has(t)), assemblies: a.assemblies, waiting: a.waiting };
  }

  /**
   * A template's settings: a stack bound to an environment (and its nested stacks) deploys in its
   * region, whatever --region says for the app's other stacks; the region CDK wrote into its service
   * names and ARNs is then the environment's, not a portability mistake (VPCE3002, VPCE3003).
   */
  settingsOf<S extends Partial<EngineSettings>>(file: string, settings: S): S {
    if (!/\.template\.json$/i.test(file)) return settings;
    const assembly = this.of(file);
    const judged = stackSettings(assembly, basename(file), settings);
    const app = this.appOf(dirname(file), assembly);
    const outside = app.outside.get(basename(file));
    const passed = app.passed.get(basename(file));
    return { ...judged, ...(outside ? { outsideRules: outside } : {}), ...(passed ? { passedParameters: passed } : {}) };
  }

  /**
   * A stack's template with the nested stacks its assembly names inlined (core/cdk/nested-inline.ts), for the
   * trace, the map and the check across them; undefined when it deploys none that can be. Files are named
   * as the assembly names them (beside the template); `pathOf` gives each one's path.
   */
  nestedStacks(file: string): NestedStacks | undefined {
    if (!/\.template\.json$/i.test(file)) return undefined;
    const app = this.appOf(dirname(file), this.of(file));
    const { inlineNestedStacks, inlinedOutsideRules } = inlining();
    const stacks = inlineNestedStacks(basename(file), (f) => app.texts.get(f), (f) => app.templates.nestedAt.get(f));
    if (!stacks) return undefined;
    const outside = inlinedOutsideRules(basename(file), stacks, (f) => app.outside.get(f));
    return { stacks, textOf: (f) => app.texts.get(f), pathOf: (f) => (f === basename(file) ? file : join(dirname(file), f)), ...(outside ? { outside } : {}) };
  }

  /**
   * The templates of its assembly that deploy `file` as a nested stack: its parent, that one's parent and so on
   * up (paths beside it; the assembly-templates.ts parentOf that nestedStacks reads). None for another file.
   */
  parentsOf(file: string): string[] {
    if (!/\.template\.json$/i.test(file)) return [];
    const app = this.appOf(dirname(file), this.of(file));
    const out: string[] = [];
    for (let p = app.templates.parentOf.get(basename(file)); p && !out.includes(join(dirname(file), p.file)); p = app.templates.parentOf.get(p.file)) out.push(join(dirname(file), p.file));
    return out;
  }

  /**
   * What the assembly's templates say of each other, read and parsed once per assembly folder (the templates
   * its manifest names; core/cdk/assembly-templates.ts): the rules each template's security groups get from the others (core/cdk
   * outside-rules.ts) and the parameters a nested stack's parent sets (nested-parameters.ts).
   */
  private appOf(folder: string, assembly: CloudAssembly | undefined): AppTemplates {
    const dir = resolve(folder);
    let kept = this.appByDir.get(dir);
    if (!kept) {
      // Without a manifest it understands, the walk checks every template of an assembly's folder: so here.
      const names = assembly ? [...assembly.templates.keys()] : isCloudAssembly(dir) ? templatesIn(dir) : [];
      const texts = new Map<string, string | undefined>();
      for (const name of names) {
        if (name !== basename(name)) continue;
        const r = readInput(join(dir, name), MAX_MANIFEST);
        texts.set(name, r.kind === 'text' ? r.text : undefined);
      }
      const app = readAssemblyTemplates(texts);
      kept = { outside: outsideGroupRules(app), passed: nestedParameters(app), texts, templates: app };
      this.appByDir.set(dir, kept);
    }
    return kept;
  }

  private read(dir: string, shownManifest: string, why: string): CloudAssembly | undefined {
    const manifest = join(dir, 'manifest.json');
    // Only a cloud assembly's (files.ts isCloudAssembly): a manifest.json beside any template may be anything's.
    if (!existsSync(manifest) || !isCloudAssembly(dir)) return undefined;
    const read = readInput(manifest, MAX_MANIFEST);
    if (read.kind !== 'text') {
      this.say(`warning: ${shownManifest}: ${read.kind === 'unreadable' ? read.reason : 'too large'}${why}`);
      return undefined;
    }
    try {
      const readFile = (name: string) => {
        // Only files of the assembly's own folder: a manifest names them relative to it.
        if (name !== basename(name)) return undefined;
        const r = readInput(join(dir, name), MAX_MANIFEST);
        return r.kind === 'text' ? r.text : undefined;
      };
      const assembly = readCloudAssembly(read.text, readFile);
      for (const p of assembly.problems) this.say(`warning: ${join(dirname(shownManifest), p)}`);
      return assembly;
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      this.say(`warning: ${shownManifest}: ${e.message}${why}`);
      return undefined;
    }
  }
}

interface AppTemplates {
  outside: Map<string, OutsideRules>;
  passed: Map<string, PassedParameters>;
  texts: ReadonlyMap<string, string | undefined>;
  templates: AssemblyTemplates;
}

function templatesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => /\.template\.json$/i.test(n));
  } catch {
    return [];
  }
}

/** Whether a template's findings may name a construct: it records construct paths, or its assembly does. */
export function mayHaveOrigins(template: Template, file: string, assemblies: Assemblies): boolean {
  return (/\.template\.json$/i.test(file) && assemblies.of(file) !== undefined) || template.resources.some((r) => constructPathOf(r) !== undefined);
}

/**
 * The construct of each of a template's findings: for any template with `aws:cdk:path` metadata, and with
 * the source line for one of a cloud assembly. `shown` turns a recorded source path into a shown one.
 */
export function constructOrigins(
  template: Template,
  findings: readonly Finding[],
  file: string,
  assemblies: Assemblies,
  shown: (path: string) => string,
): Map<Finding, FindingOrigin> | undefined {
  if (findings.length === 0) return undefined;
  const assembly = /\.template\.json$/i.test(file) ? assemblies.of(file) : undefined;
  const origins = cdkOrigins(template, findings, assembly, basename(file));
  if (origins.size === 0) return undefined;
  const out = new Map<Finding, FindingOrigin>();
  for (const [f, o] of origins) {
    const definedAt = o.source && { ...o.source, file: shown(assemblies.sourceFile(file, o.source.file)) };
    out.set(f, definedAt ? { kind: 'cdk-construct', name: o.constructPath, definedAt } : { kind: 'cdk-construct', name: o.constructPath });
  }
  return out;
}

/** The project folder of an assembly folder: the parent of the outermost cloud assembly (cdk.out) holding it. */
function projectOf(assemblyDir: string): string {
  let dir = assemblyDir;
  for (let up = dirname(dir); up !== dir && isCloudAssembly(up); up = dirname(up)) dir = up;
  return dirname(dir);
}

// A source file past this is not an app's (the line count is read to tell the recorded file from another).
const MAX_SOURCE = 8 * MB;

/** Whether `path` is a file with at least `line` lines: the recorded line is in it. */
function hasLine(path: string, line: number): boolean {
  try {
    if (!statSync(path).isFile()) return false;
  } catch {
    return false;
  }
  const r = readInput(path, MAX_SOURCE);
  if (r.kind !== 'text') return false;
  let lines = 1;
  for (let i = r.text.indexOf('\n'); i !== -1 && lines < line; i = r.text.indexOf('\n', i + 1)) lines++;
  return lines >= line;
}
