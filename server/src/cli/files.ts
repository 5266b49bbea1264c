// Which files the CLI reads: the ones named, and under named folders every YAML/JSON/template file
// outside dependency and build folders. A CDK cloud assembly (a `cdk.out` folder, or any folder with
// manifest.json and the `cdk.out` version file: `cdk synth -o <dir>`) gives only the templates its
// manifest names (stacks' and nested stacks'), and the assemblies of the stages it names (`assembly-*`);
// not its asset folders (`asset.*`, bundled code), manifests or metadata. cdk synth never clears the
// folder, so a template or stage folder the manifest does not name is left from an earlier synth: named
// in a note, not checked. Without a readable manifest, every `*.template.json` there is checked (and
// `assembly-*` walked). Non-templates among the files are skipped later, silently; files
// that cannot be read as text are reported (named ones as errors, ones found in folders as warnings).
// A symbolic link in a walked folder is followed when its target lies inside the folder named on the
// command line (a link to a shared template, a linked sub-folder), and reported, not followed, when it
// points outside it or nowhere: a checkout must not make the CLI read /etc or loop forever. Each real
// file and folder is read once, under the first name the (sorted) walk meets it by.

import * as nodeFs from 'node:fs';
import { basename, join, sep } from 'node:path';
import { TF_FILE } from './terraform-signs.js';

const EXTENSIONS = /\.(ya?ml|json|template|tf)$/i;
const CDK_TEMPLATE = /\.template\.json$/i;
/** Folders no walk reads (the CLI's, the editor's index of parent templates: lsp/parent-index.ts). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.aws-sam', 'dist', 'out', '.terraform', '.venv', 'venv', '__pycache__']);

export class InputError extends Error {}

export interface Collected {
  files: string[];
  /** A Terraform file is among `files` (the run loads the Terraform parser before the check: cli.ts). */
  terraform: boolean;
  /** Files named on the command line (not found in a folder): unreadable ones are an error, exit 2. */
  named: Set<string>;
  /** One line each: links not followed. */
  notes: string[];
}

/** What a cloud assembly's manifest names in its folder; undefined when it has none or it cannot be read. */
export type AssemblyListing = (dir: string) => { templates: readonly string[]; assemblies: readonly string[]; waiting?: ReadonlyMap<string, string> } | undefined;

/** What the walk asks of the file system: node:fs's, or a test's that counts the reads. */
export type WalkFs = Pick<typeof nodeFs, 'existsSync' | 'readdirSync' | 'realpathSync' | 'statSync'>;

/** The files a run reads, found in one walk of each named folder. */
export function collectFiles(inputs: string[], listing: AssemblyListing = () => undefined, fs: WalkFs = nodeFs): Collected {
  const { realpathSync, statSync } = fs;
  const out: Collected = { files: [], terraform: false, named: new Set(), notes: [] };
  // Real paths of the files taken, across inputs: a file named and found in a named folder is read once.
  const taken = new Set<string>();
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new InputError(`${input}: no such file or folder`);
    }
    if (st.isDirectory()) {
      const root = realpathSync(input);
      walk(input, root, { root, seen: new Set([root]), files: taken, out, listing, fs }, isCloudAssembly(input, undefined, fs));
    } else {
      const real = realpathSync(input);
      if (taken.has(real)) continue;
      taken.add(real);
      out.files.push(input); // whatever it is: reading it says what is wrong with it
      out.terraform ||= TF_FILE.test(input);
      out.named.add(input);
    }
  }
  return out;
}

interface Walk {
  /** The named folder's real path: links are followed only to inside it. */
  root: string;
  /** Real paths of folders walked, so that a link to a parent cannot loop. */
  seen: Set<string>;
  /** Real paths of files taken. */
  files: Set<string>;
  out: Collected;
  listing: AssemblyListing;
  fs: WalkFs;
}

function take(p: string, real: string, w: Walk): void {
  if (w.files.has(real)) return;
  w.files.add(real);
  w.out.files.push(p);
  w.out.terraform ||= TF_FILE.test(p);
}

/** `cdk.out`, or a folder `cdk synth -o` wrote: a manifest and the assembly's version file. */
export function isCloudAssembly(dir: string, name = basename(dir), fs: Pick<WalkFs, 'existsSync'> = nodeFs): boolean {
  return name === 'cdk.out' || (fs.existsSync(join(dir, 'manifest.json')) && fs.existsSync(join(dir, 'cdk.out')));
}

function walk(dir: string, realDir: string, w: Walk, assembly = false): void {
  let entries;
  try {
    entries = w.fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new InputError(`${dir}: cannot read folder`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const listed = assembly ? w.listing(dir) : undefined;
  const manifest = join(dir, 'manifest.json');
  for (const e of entries) {
    const p = join(dir, e.name);
    const real = join(realDir, e.name);
    if (e.isSymbolicLink()) followLink(p, e.name, w, assembly, listed);
    else if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || w.seen.has(real) || (assembly && !stageFolder(e.name, listed))) {
        if (listed && e.name.startsWith('assembly-')) w.out.notes.push(`${p}: a stage folder ${manifest} does not name (left by an earlier synth?); not checked`);
        else if (listed?.templates.includes(e.name)) w.out.notes.push(`${p}: named by ${manifest} as a template, but a folder; not checked`);
        continue;
      }
      w.seen.add(real);
      walk(p, real, w, assembly || isCloudAssembly(p, e.name, w.fs));
    } else if (assembly ? CDK_TEMPLATE.test(e.name) : EXTENSIONS.test(e.name)) {
      // FIFOs and devices too: the read reports them
      const waiting = listed?.waiting?.get(e.name);
      if (waiting) w.out.notes.push(`${p}: ${waiting}; not checked`);
      else if (listed && !listed.templates.includes(e.name)) w.out.notes.push(`${p}: not named by ${manifest} (left by an earlier synth?); not checked`);
      else take(p, real, w);
    }
  }
  const present = new Set(entries.map((e) => e.name));
  // `cdk synth` that failed or never ran: said, rather than "0 files checked" alone.
  if (assembly && !present.has('manifest.json') && !entries.some((e) => CDK_TEMPLATE.test(e.name)) && isCloudAssembly(dir, undefined, w.fs)) w.out.notes.push(`${dir}: a CDK cloud assembly folder with no manifest.json and no templates (did cdk synth run?); nothing to check`);
  for (const t of [...(listed?.templates ?? []), ...(listed?.waiting?.keys() ?? [])]) if (!present.has(t)) w.out.notes.push(`${join(dir, t)}: named by ${manifest} but missing; not checked`);
}

/** A sub-folder of an assembly that is a stage's: the ones its manifest names, or any `assembly-*` without one. */
function stageFolder(name: string, listed: ReturnType<AssemblyListing>): boolean {
  return listed ? listed.assemblies.includes(name) : name.startsWith('assembly-');
}

function followLink(p: string, name: string, w: Walk, assembly: boolean, listed: ReturnType<AssemblyListing>): void {
  const wanted = assembly ? CDK_TEMPLATE : EXTENSIONS;
  let target: string;
  try {
    target = w.fs.realpathSync(p);
  } catch {
    if (wanted.test(name)) w.out.notes.push(`${p}: symbolic link to nothing; skipped`);
    return;
  }
  const inside = target === w.root || target.startsWith(w.root.endsWith(sep) ? w.root : w.root + sep);
  const st = w.fs.statSync(target);
  if (st.isDirectory()) {
    if (SKIP_DIRS.has(name) || w.seen.has(target) || (assembly && !stageFolder(name, listed))) return;
    if (!inside) return void w.out.notes.push(`${p}: symbolic link to a folder outside ${w.root}; not followed`);
    w.seen.add(target);
    walk(p, target, w, assembly || isCloudAssembly(p, name, w.fs));
  } else if (wanted.test(name) && (!listed || listed.templates.includes(name))) {
    if (!inside) return void w.out.notes.push(`${p}: symbolic link to a file outside ${w.root}; not followed`);
    take(p, target, w);
  }
}
