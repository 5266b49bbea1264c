// A template CDK synthesised, in the editor: the region its stack is bound to comes from the cloud
// assembly's manifest.json beside it, read as the CLI reads it (cli/cdk.ts Assemblies, core/cdk
// stackSettings), so the editor and `vpce-lens check` give one answer for the same file. A manifest is
// read again when it changes on disk (its size or time; `cdk synth` rewrites it and the templates).

import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EngineSettings } from '../core/settings.js';
import { Assemblies } from '../cli/cdk.js';

const CDK_TEMPLATE = /\.template\.json$/i;

export class EditorAssemblies {
  private readonly byDir = new Map<string, { stamp: string; assemblies: Assemblies }>();

  /** `say`: one line per manifest that cannot be read (logged; the template is still checked). */
  constructor(private readonly say: (line: string) => void) {}

  /** The settings a template file is checked with in its cloud assembly (its stack's region, when bound). */
  settingsOf<S extends Partial<EngineSettings>>(path: string | undefined, settings: S): S {
    const assemblies = path ? this.assembliesOf(path) : undefined;
    return assemblies && path ? assemblies.settingsOf(path, settings) : settings;
  }

  /** The templates of its cloud assembly that deploy a nested template, up to the top stack (Assemblies.parentsOf). */
  parentsOf(path: string): string[] {
    return this.assembliesOf(path)?.parentsOf(path) ?? [];
  }

  /** The assembly reader of the folder a template is in, read again when its manifest.json changes. */
  private assembliesOf(path: string): Assemblies | undefined {
    if (!CDK_TEMPLATE.test(path)) return undefined;
    const dir = dirname(path);
    const stamp = stampOf(join(dir, 'manifest.json'));
    if (!stamp) {
      this.byDir.delete(dir);
      return undefined;
    }
    let kept = this.byDir.get(dir);
    if (kept?.stamp !== stamp) {
      kept = { stamp, assemblies: new Assemblies(this.say) };
      this.byDir.set(dir, kept);
      if (this.byDir.size > 64) this.byDir.delete(this.byDir.keys().next().value!);
    }
    return kept.assemblies;
  }
}

function stampOf(path: string): string | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? `${s.size}:${s.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}
