// `vpce-lens check plan.json`: a Terraform plan in JSON checked by the engine (core/tf/plan), each
// finding named by its resource's address and, when the configuration's .tf files are beside the plan
// (the root module's folder), the file and line of the resource block. The plan's configuration section
// gives expressions but no positions: the block is found in the files, in the module's folder as
// `terraform init` recorded it (.terraform/modules/modules.json: each call's key, `a.b`, and folder;
// registry and git modules too), else a local source's folder (`./modules/x`) below the root.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { analyzePlan, mayBePlanJson } from '../core/tf/plan/analysis.js';
import { configOf, moduleCallNames, type Plan, type PlanResource } from '../core/tf/plan/read.js';
import { resourceBlockAt, SOURCE_FILE } from '../core/tf/plan/source.js';
import { LineIndex } from '../core/document/line-index.js';
import type { EngineSettings } from '../core/settings.js';
import type { Finding } from '../core/findings.js';
import { reportRegions, type FileReport, type FindingOrigin } from './report.js';

export { mayBePlanJson };

/**
 * The report of a plan (or a state); undefined when the text is neither after all; `unsupported` when its
 * format is not read; `partial` says why only each resource's own checks were made (an errored or incomplete plan).
 */
export function checkPlan(text: string, file: string, shown: string, settings: Partial<EngineSettings>, sourcePath: (p: string) => string): (FileReport & { partial?: string }) | { unsupported: string } | undefined {
  const result = analyzePlan(text, { fileName: shown, settings });
  if (!result || 'unsupported' in result) return result;
  const findings = [...result.analysis.findings];
  const blocks = new BlockFinder(dirname(file));
  const origins = new Map<Finding, FindingOrigin>();
  for (const f of findings) {
    const r = f.resource !== undefined ? resourceOf(result.lowered.byAddress, f.resource) : undefined;
    if (!r) continue;
    const at = blocks.find(result.plan, r);
    origins.set(f, at ? { kind: 'terraform-resource', name: r.address, definedAt: { ...at, file: sourcePath(at.file) } } : { kind: 'terraform-resource', name: r.address });
  }
  const partial = result.plan.partial ? { partial: `${result.plan.partial}; only each resource's own checks are made` } : {};
  return { file: shown, findings, lines: new LineIndex(text), ...(origins.size ? { origins } : {}), ...reportRegions(planRegions(settings, result.plan)), ...partial };
}

/** The regions a plan is judged for: the user's, else its AWS provider's (as analyzePlan takes them). */
function planRegions(settings: Partial<EngineSettings>, plan: Plan): string[] {
  return settings.regions?.length ? [...settings.regions] : plan.providerRegion ? [plan.providerRegion] : [];
}

/** A lowered resource's plan resource: its own address, or the one it was split from (`aws_route_table.x.route[0]`). */
function resourceOf(byAddress: Map<string, PlanResource>, address: string): PlanResource | undefined {
  for (let a = address; a; ) {
    const r = byAddress.get(a);
    if (r) return r;
    const cut = Math.max(a.lastIndexOf('.'), a.lastIndexOf('#'));
    if (cut <= 0) return undefined;
    a = a.slice(0, cut);
  }
  return undefined;
}

/** Finds `resource "type" "name"` in the .tf and .tf.json files of the module's folder, each folder read once. */
export class BlockFinder {
  private readonly files = new Map<string, { path: string; text: string }[]>();
  private installed: Map<string, string> | undefined;

  constructor(private readonly root: string) {}

  find(plan: Plan, r: PlanResource): { file: string; line: number; column: number } | undefined {
    const config = configOf(plan, r.module);
    if (!config) return undefined;
    let dir = this.moduleDirs().get(moduleCallNames(r.module).join('.'));
    if (dir === undefined) {
      dir = this.root;
      for (const source of config.sources) {
        // Without modules.json only local modules have their files here; a registry or git module's are not ours to find.
        if (!/^\.\.?\//.test(source)) return undefined;
        dir = join(dir, source);
      }
    }
    for (const f of this.read(dir)) {
      const at = resourceBlockAt(f.path, f.text, r.type, r.name);
      if (at === undefined) continue;
      const pos = new LineIndex(f.text).positionAt(at);
      return { file: f.path, line: pos.line + 1, column: pos.character + 1 };
    }
    return undefined;
  }

  /** `terraform init`'s record of each module call's folder (key `a.b` → folder), when it is beside the plan. */
  private moduleDirs(): Map<string, string> {
    if (this.installed) return this.installed;
    this.installed = new Map();
    try {
      const doc = JSON.parse(readFileSync(join(this.root, '.terraform', 'modules', 'modules.json'), 'utf8')) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
      for (const m of Array.isArray(doc.Modules) ? doc.Modules : []) {
        if (typeof m?.Key === 'string' && typeof m.Dir === 'string') this.installed.set(m.Key, isAbsolute(m.Dir) ? m.Dir : join(this.root, m.Dir));
      }
    } catch {
      // no init here, or a record that is not JSON: local sources are still found
    }
    return this.installed;
  }

  private read(dir: string): { path: string; text: string }[] {
    let files = this.files.get(dir);
    if (files) return files;
    files = [];
    try {
      for (const name of readdirSync(dir).filter((n) => SOURCE_FILE.test(n)).sort()) {
        try {
          files.push({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') });
        } catch {
          // unreadable: not searched
        }
      }
    } catch {
      // no such folder: the plan was moved away from its configuration
    }
    this.files.set(dir, files);
    return files;
  }
}
