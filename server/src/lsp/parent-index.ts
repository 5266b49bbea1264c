// Which templates of the workspace deploy which as a nested stack through a TemplateURL that is a local file
// (`aws cloudformation package`'s input): the editor judges an open nested template with its parents, as
// `vpce-lens check` on the folder does. Made once, in the background (async reads: the server keeps
// answering), and kept: a changed file (didChangeWatchedFiles, a save in the editor) is read again, a burst
// of changes (a checkout) drops the index, made again on the next ask. Bounded: the folders `check` leaves out
// (node_modules, .git, dist, .terraform …: cli/files.ts SKIP_DIRS), CDK cloud assemblies (their nested stacks
// come from the manifest, Assemblies.parentsOf), symbolic links, more than MAX_ENTRIES entries, and files over
// MAX_TEMPLATE: a parent template past CloudFormation's quota is one CloudFormation cannot deploy ("Template
// body size in an Amazon S3 object: 1 MB",
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
// Which files a parent names is nested-stacks.ts localNestedFiles, the reading nestedStacksOf makes.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { SKIP_DIRS } from '../cli/files.js';
import { localNestedFiles, NESTED_STACK_TYPES } from '../nested-stacks.js';

/** Directory entries looked at, at most, per index: a huge workspace gets a partial index (said once). */
export const MAX_ENTRIES = 50_000;
const MAX_TEMPLATE = 1024 * 1024;
/** More changed files than this at once: the index is made again rather than patched. */
const BURST = 64;
/** The files `check` reads as templates (cli/files.ts), Terraform's left out. */
const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;

export class ParentIndex {
  /** Parent template → the nested templates it names (resolved paths). */
  private links: Map<string, string[]> | undefined;
  private building: Promise<Map<string, string[]>> | undefined;
  /** Files changed since the index was made: read again before the next answer. */
  private readonly dirty = new Set<string>();
  private generation = 0;

  /** `folders`: the workspace folders' paths; `enabled`: false in an untrusted workspace (nothing is read). */
  constructor(
    private readonly folders: () => readonly string[],
    private readonly enabled: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** The templates that deploy `path` as a nested stack, and those that deploy them, up (resolved paths). */
  async parentsOf(path: string): Promise<string[]> {
    if (!this.enabled() || this.folders().length === 0) return [];
    const links = await this.current();
    const out: string[] = [];
    const wanted = [resolve(path)];
    for (let i = 0; i < wanted.length; i++) {
      for (const [parent, nested] of links) {
        if (nested.includes(wanted[i]!) && !wanted.includes(parent)) {
          wanted.push(parent);
          out.push(parent);
        }
      }
    }
    return out;
  }

  /**
   * Files created, changed or deleted (paths), read again now: whether which template deploys which changed (a
   * parent added, removed, or naming other files). A burst drops the index (made again on the next ask).
   */
  async update(paths: readonly string[]): Promise<boolean> {
    const relevant = paths.filter((p) => TEMPLATE_FILE.test(p) && this.walked(p));
    if (relevant.length === 0 || (!this.links && !this.building)) return false;
    if (relevant.length > BURST) {
      this.links = undefined;
      this.building = undefined;
      this.dirty.clear();
      this.generation++;
      return true;
    }
    const before = await this.current();
    const was = new Map(relevant.map((p) => [resolve(p), before.get(resolve(p))?.join('\n')]));
    for (const p of was.keys()) this.dirty.add(p);
    const after = await this.current();
    return [...was].some(([p, old]) => after.get(p)?.join('\n') !== old);
  }

  /** Whether the index's walk reads the file: under a workspace folder, no folder on the way one it skips. */
  private walked(path: string): boolean {
    const folder = this.folders().find((f) => path.startsWith(f.endsWith(sep) ? f : f + sep));
    return folder !== undefined && !path.slice(folder.length).split(/[\\/]/).some((part) => SKIP_DIRS.has(part));
  }

  private async current(): Promise<Map<string, string[]>> {
    if (!this.links) {
      const generation = this.generation;
      this.building ??= this.build();
      const built = await this.building;
      if (generation !== this.generation) return this.current();
      this.links ??= built;
      this.building = undefined;
    }
    const links = this.links;
    for (const path of [...this.dirty]) {
      this.dirty.delete(path);
      const nested = await nestedFilesIn(path);
      if (nested.length) links.set(path, nested);
      else links.delete(path);
    }
    return links;
  }

  private async build(): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>();
    let entries = 0;
    const walk = async (dir: string): Promise<void> => {
      let list;
      try {
        list = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      // A CDK cloud assembly's nested stacks are its manifest's (Assemblies.parentsOf), not TemplateURL paths.
      if (list.some((e) => e.name === 'manifest.json') && (basename(dir) === 'cdk.out' || list.some((e) => e.name === 'cdk.out'))) return;
      for (const e of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (++entries > MAX_ENTRIES) return;
        const path = join(dir, e.name);
        if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(path);
        else if (e.isFile() && TEMPLATE_FILE.test(e.name)) {
          const nested = await nestedFilesIn(path);
          if (nested.length) links.set(resolve(path), nested);
        }
      }
    };
    const started = performance.now();
    for (const folder of this.folders()) await walk(folder);
    this.log(`parent templates: ${links.size} found among ${Math.min(entries, MAX_ENTRIES)} files and folders in ${Math.round(performance.now() - started)} ms`);
    if (entries > MAX_ENTRIES) this.log(`the workspace holds more than ${MAX_ENTRIES} files and folders: nested templates are judged with the parents found among the first ${MAX_ENTRIES}`);
    return links;
  }
}

/** The nested templates a file names by a local TemplateURL: none for a file that is no parent template. */
async function nestedFilesIn(path: string): Promise<string[]> {
  try {
    if ((await stat(path)).size > MAX_TEMPLATE) return [];
    const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    return [...NESTED_STACK_TYPES.keys()].some((t) => text.includes(t)) ? localNestedFiles(path, text) : [];
  } catch {
    return [];
  }
}
