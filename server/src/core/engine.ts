// The engine's entry points: text in, located findings out. They never throw: whatever the input, the
// caller gets findings (a crash in one rule becomes a finding, not a lost lint). A face that needs more
// than the findings of a version (fixes, hover, the trace) keeps its Analysis (./analysis.ts) instead of
// asking the engine again.

import { analyze, analyzeTemplate, type DocumentKind, type DocumentOptions } from './analysis.js';
import type { Finding } from './findings.js';
import type { EngineSettings } from './settings.js';

export { analyze, analyzeTemplate, analysisStats, newParseCache, newLintMemo, type Analysis, type LintMemo, type DocumentKind, type DocumentOptions, type ParseCache } from './analysis.js';

export interface DocumentResult {
  kind: DocumentKind;
  findings: Finding[];
}

export interface LintResult {
  /** false: the text is not a CloudFormation template and got no findings. */
  isTemplate: boolean;
  findings: Finding[];
}

/**
 * What every face calls: a template or a standalone endpoint policy gets its findings; any other
 * YAML/JSON file gets kind 'none' and nothing else.
 */
export function lintDocument(text: string, options: DocumentOptions = {}): DocumentResult {
  const { kind, findings } = analyze(text, options);
  return { kind, findings: [...findings] };
}

/** Templates only (what the CLI and benchmarks of templates call). */
export function lintTemplate(text: string, partial?: Partial<EngineSettings>): LintResult {
  const analysis = analyzeTemplate(text, partial);
  return analysis ? { isTemplate: true, findings: [...analysis.findings] } : { isTemplate: false, findings: [] };
}
