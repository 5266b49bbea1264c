// The project's own configuration in the editor: the `.vpce-lens.yaml` (and `.cfnlintrc` regions) that
// CI's `vpce-lens check` reads, so the editor and CI report the same findings. The editor's settings
// are the user's own and go on top: `vpceLens.regions`, when set, replaces the file's regions (as
// `--region` does on the command line); `vpceLens.rules` overrides the file rule by rule; a document is
// a policy file when either's globs match it.

import { configFor, ConfigError, policyServiceFor, type LoadedConfig } from '../project-config.js';
import { matchesAny } from '../core/util/glob.js';
import type { EngineSettings } from '../core/settings.js';
import type { DocumentSettings } from './settings.js';
import { isPolicyFile, pathOf, relativeTo } from './paths.js';

/** Configuration files the server watches; a change re-reads them and re-lints every open document. */
export const PROJECT_CONFIG_GLOBS = ['**/.vpce-lens.{yaml,yml,json}', '**/.cfnlintrc', '**/.cfnlintrc.{yaml,yml,json}'];

/** Whether a changed file (URI) is one of PROJECT_CONFIG_GLOBS' (the other watched files are templates and Terraform's). */
export function isProjectConfigFile(uri: string): boolean {
  return /(?:^|\/)(?:\.vpce-lens\.(?:ya?ml|json)|\.cfnlintrc(?:\.(?:ya?ml|json))?)$/i.test(uri);
}

export interface EffectiveSettings {
  engine: EngineSettings;
  policyFile: boolean;
  /** The IAM service of a policy file, from the project file's policyServices. */
  policyService?: string;
}

export class ProjectConfigs {
  /** Errors already shown, so that a broken file is reported once, not on every keystroke. */
  private readonly shown = new Set<string>();

  constructor(private readonly report: (message: string) => void) {}

  /**
   * The configuration that applies to a document: none for documents that are not files. The search
   * stops at the workspace folder that holds the document (an untrusted checkout cannot point the
   * server at files above it); outside every folder, at the repository root.
   */
  for(uri: string, folders: readonly string[] = []): LoadedConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const path = pathOf(uri);
    const folder = folders.map(pathOf).find((f) => path.startsWith(f.replace(/\/?$/, '/')));
    try {
      const config = configFor(path, folder);
      for (const w of config.warnings ?? []) this.once(w);
      return config;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      // The editor still lints, with its own settings; the message names the file and what is wrong.
      this.once(`${err.message} (ignored until it is fixed)`);
      return undefined;
    }
  }

  private once(message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.report(message);
  }

  changed(): void {
    this.shown.clear();
  }
}

export function effectiveSettings(editor: DocumentSettings, project: LoadedConfig | undefined, folders: readonly string[], uri: string): EffectiveSettings {
  const file = project?.settings ?? {};
  const engine: EngineSettings = {
    ...editor.engine,
    regions: editor.engine.regions.length ? editor.engine.regions : (file.regions ?? []),
    rules: { ...file.rules, ...editor.engine.rules },
  };
  const path = relativeTo(folders, uri);
  const policyFile = isPolicyFile(folders, uri, editor.policyFiles) || (project?.policyFiles ? matchesAny(path, project.policyFiles) : false);
  const policyService = policyServiceFor(path, project);
  return policyService ? { engine, policyFile, policyService } : { engine, policyFile };
}
