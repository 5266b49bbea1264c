// What the engine is told by its face: the regions the stack deploys to and the user's rule choices.

import type { Severity } from './findings.js';
import type { OutsideRules } from './cdk/outside-rules.js';
import type { PassedParameters } from './cfn/template.js';

export type SeveritySetting = Severity | 'off';

export interface EngineSettings {
  /** Regions the stack deploys to; empty when nobody said (region-mismatch checks then stay silent). */
  regions: string[];
  /** Per-rule severity overrides; 'off' disables the rule. */
  rules: Record<string, SeveritySetting>;
  /**
   * Security groups of this template that other templates deployed with it add rules to (a CDK app's
   * other stacks: core/cdk/outside-rules.ts): their rules of that direction are not all known here.
   */
  outsideRules?: OutsideRules;
  /** Parameter values whoever deploys the template passes (a CDK nested stack's parent): they replace the defaults. */
  passedParameters?: PassedParameters;
}

/** Standalone endpoint-policy files when nobody said otherwise: the CLI's and the editor's default. */
export const DEFAULT_POLICY_FILES = ['**/*endpoint*policy*.json'];

export const defaultSettings: EngineSettings = { regions: [], rules: {} };

export function withDefaults(partial: Partial<EngineSettings> | undefined): EngineSettings {
  const settings: EngineSettings = { regions: partial?.regions ?? [], rules: partial?.rules ?? {} };
  if (partial?.outsideRules && (partial.outsideRules.groups || partial.outsideRules.foreign)) settings.outsideRules = partial.outsideRules;
  if (partial?.passedParameters && Object.keys(partial.passedParameters).length > 0) settings.passedParameters = partial.passedParameters;
  return settings;
}
