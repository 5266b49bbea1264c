// What the CLI's options and the project's configuration say for one input file, read the same way by
// every command (check, trace, map): --config or the nearest .vpce-lens.yaml (or .cfnlintrc for
// regions), --region over the file's regions, --max-size over its maxFileSize, and a CDK stack bound to
// an environment deploying in that environment's region. One reader, so that the trace of a template
// cannot disagree with the check of the same template (nor with the editor, which reads the same files).

import { configFor, readConfig, type LoadedConfig } from '../project-config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-input.js';
import type { EngineSettings } from '../core/settings.js';
import type { Assemblies } from './cdk.js';

export interface SettingsOptions {
  /** --region (repeatable, comma-separated): overrides the configuration's regions. */
  regions: readonly string[];
  /** --config FILE: used for every file instead of the nearest one. */
  config?: string;
  /** --max-size, in bytes. */
  maxSize?: number;
}

export class RunSettings {
  private readonly fixed: LoadedConfig | undefined;
  private readonly warned = new Set<string>();

  /** Throws ConfigError when --config names a file that cannot be read as a configuration. */
  constructor(
    private readonly opts: SettingsOptions,
    private readonly say: (line: string) => void,
    private readonly assemblies?: Assemblies,
  ) {
    this.fixed = opts.config ? readConfig(opts.config) : undefined;
  }

  /** The configuration of a file; its warnings are said once each. Throws ConfigError (a file that cannot be read). */
  config(file: string): LoadedConfig {
    const config = this.fixed ?? configFor(file);
    for (const w of config.warnings ?? []) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.say(`warning: ${w}`);
    }
    return config;
  }

  /** The engine settings of a file: its configuration's, with --region over its regions. */
  settings(file: string, config = this.config(file)): Partial<EngineSettings> {
    const settings: Partial<EngineSettings> = { ...config.settings };
    if (this.opts.regions.length) settings.regions = [...this.opts.regions];
    return settings;
  }

  /** As `settings`, and for a CDK stack's template bound to an environment, that environment's region. */
  templateSettings(file: string, config = this.config(file)): Partial<EngineSettings> {
    const settings = this.settings(file, config);
    return this.assemblies ? this.assemblies.settingsOf(file, settings) : settings;
  }

  /** The size limit of a file in bytes, and whether the configuration (not --max-size) set it. */
  limit(config: LoadedConfig): { bytes: number; fromConfig: boolean } {
    if (this.opts.maxSize !== undefined) return { bytes: this.opts.maxSize, fromConfig: false };
    return { bytes: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, fromConfig: config.maxFileSize !== undefined };
  }
}
