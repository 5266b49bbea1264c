// Which files the CLI reads: the ones named, and under named folders every YAML/JSON/template file
// outside dependency and build folders. Non-templates among them are skipped later, silently.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const EXTENSIONS = /\.(ya?ml|json|template)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', '.aws-sam', 'dist', 'out', '.terraform', '.venv', 'venv', '__pycache__']);

export class InputError extends Error {}

export function collectFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new InputError(`${input}: no such file or folder`);
    }
    if (st.isDirectory()) walk(input, out);
    else out.push(input);
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new InputError(`${dir}: cannot read folder`);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && EXTENSIONS.test(e.name)) out.push(p);
  }
}
