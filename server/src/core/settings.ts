// What the engine is told by its face: the regions the stack deploys to and the user's rule choices.

import type { Severity } from './findings.js';

export type SeveritySetting = Severity | 'off';

export interface EngineSettings {
  /** Regions the stack deploys to; empty when nobody said (region-mismatch checks then stay silent). */
  regions: string[];
  /** Per-rule severity overrides; 'off' disables the rule. */
  rules: Record<string, SeveritySetting>;
}

/** Standalone endpoint-policy files when nobody said otherwise: the CLI's and the editor's default. */
export const DEFAULT_POLICY_FILES = ['**/*endpoint*policy*.json'];

export const defaultSettings: EngineSettings = { regions: [], rules: {} };

export function withDefaults(partial: Partial<EngineSettings> | undefined): EngineSettings {
  return { regions: partial?.regions ?? [], rules: partial?.rules ?? {} };
}
