// What a document is linted with — regions, the project file, rule overrides — told to the client (its
// status bar) and written to the log each time it changes, so a surprising finding can be explained
// without guessing which .vpce-lens.yaml or setting won.

import type { EngineSettings } from '../core/settings.js';
import type { LoadedConfig } from '../project-config.js';
import type { SettingsInEffect } from '../protocol/editor.js';
import type { DocumentSettings } from './settings.js';

export function settingsInEffect(uri: string, editor: DocumentSettings, project: LoadedConfig | undefined, engine: EngineSettings): SettingsInEffect {
  const regionsFrom = editor.engine.regions.length ? 'editor settings' : engine.regions.length ? 'project file' : 'none';
  const out: SettingsInEffect = { uri, regions: [...engine.regions], regionsFrom, overrides: { ...engine.rules } };
  if (project?.file) out.configFile = project.file;
  return out;
}

/** One line for the log: "regions eu-west-1 (editor settings); project file /p/.vpce-lens.yaml; rule overrides VPCE5003=off". */
export function describeSettings(s: SettingsInEffect): string {
  const regions = s.regions.length ? `regions ${s.regions.join(', ')} (${s.regionsFrom})` : 'no regions (the region-mismatch rule stays silent)';
  const file = s.configFile ? `project file ${s.configFile}` : 'no project file';
  const overrides = Object.entries(s.overrides).map(([id, level]) => `${id}=${level}`);
  return `${regions}; ${file}; ${overrides.length ? `rule overrides ${overrides.join(', ')}` : 'no rule overrides'}`;
}

export class SettingsReporter {
  private readonly last = new Map<string, string>();
  private lastLine: string | undefined;

  constructor(
    private readonly log: (line: string) => void,
    private readonly notify: (settings: SettingsInEffect) => void,
  ) {}

  /** Tells the client when a document's settings changed; logs a line when it differs from the last one logged. */
  report(settings: SettingsInEffect): void {
    const line = describeSettings(settings);
    if (this.last.get(settings.uri) === line) return;
    this.last.set(settings.uri, line);
    this.notify(settings);
    if (line !== this.lastLine) this.log(`Settings in effect for ${settings.uri}: ${line}`);
    this.lastLine = line;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
