// What every mutant must satisfy, shared by the property tests (`npm test`) and the long fuzz run
// (`npm run fuzz`): each check returns the problems it saw, as one line each, never throws.

import { lintDocument, type DocumentOptions } from '../../server/src/core/engine.js';
import { newParseCache } from '../../server/src/core/document/segmented.js';
import { LineIndex } from '../../server/src/core/document/line-index.js';
import { applyEdits, fixesFor } from '../../server/src/core/fixes/index.js';
import { networkOf, traceMatrix } from '../../server/src/core/trace/api.js';
import { trace } from '../../server/src/core/trace/trace.js';
import { targetName, traceSources, traceTargets } from '../../server/src/core/trace/targets.js';
import { matchesAny } from '../../server/src/core/util/glob.js';
import { DEFAULT_POLICY_FILES } from '../../server/src/core/settings.js';
import type { Finding } from '../../server/src/core/findings.js';

export { mutate, random } from './yaml-mutations.js';

/** A mutant: `base` is the text it was made from (the editor's previous version). */
export interface Mutant {
  name: string;
  base: string;
  text: string;
}

/** Makes a mutant of `base` with 1–`max` seeded edits. */
export function makeMutant(name: string, base: string, rnd: () => number, mutate: (t: string, r: () => number) => string, max = 6): Mutant {
  let text = base;
  const n = 1 + Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) text = mutate(text, rnd);
  return { name, base, text };
}

export function documentOptions(name: string): DocumentOptions {
  const base = name.split('/').pop() ?? name;
  return { fileName: name, policyFile: matchesAny(base, DEFAULT_POLICY_FILES) };
}

/** Findings as comparable lines: rule, severity, range, message. */
export function findingKeys(text: string, findings: readonly Finding[]): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    return `${f.ruleId} ${f.severity} ${s.line}:${s.character}-${e.line}:${e.character} ${f.message}`;
  });
}

/** Ranges inside the text and no internal error; the CLI's (fresh parse) findings returned for comparison. */
export function checkLint(m: Mutant): { problems: string[]; findings: Finding[] } {
  const problems: string[] = [];
  let findings: Finding[] = [];
  try {
    findings = lintDocument(m.text, documentOptions(m.name)).findings;
  } catch (e) {
    return { problems: [`lint threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`], findings };
  }
  for (const f of findings) {
    if (!(f.start >= 0 && f.start <= f.end && f.end <= m.text.length)) problems.push(`range outside the text: ${f.ruleId} ${f.start}-${f.end} of ${m.text.length}`);
    for (const r of f.related ?? []) if (!(r.start >= 0 && r.start <= r.end && r.end <= m.text.length)) problems.push(`related range outside the text: ${f.ruleId} ${r.start}-${r.end}`);
    if (f.ruleId === 'VPCE0000') problems.push(`internal error: ${f.message}`);
  }
  return { problems, findings };
}

/** The language server's path: a parse cache that saw the previous version, then the mutant. */
export function editorFindings(m: Mutant): Finding[] {
  const cache = newParseCache();
  const options = documentOptions(m.name);
  lintDocument(m.base, { ...options, parseCache: cache });
  return lintDocument(m.text, { ...options, parseCache: cache }).findings;
}

export function checkEditorEqualsCli(m: Mutant, cli: readonly Finding[]): string[] {
  let editor: Finding[];
  try {
    editor = editorFindings(m);
  } catch (e) {
    return [`editor lint threw: ${(e as Error).message}`];
  }
  const a = findingKeys(m.text, cli);
  const b = findingKeys(m.text, editor);
  if (a.join('\n') === b.join('\n')) return [];
  const onlyCli = a.filter((x) => !b.includes(x));
  const onlyEditor = b.filter((x) => !a.includes(x));
  return [`CLI and editor differ: CLI only [${onlyCli.slice(0, 3).join(' ; ')}] editor only [${onlyEditor.slice(0, 3).join(' ; ')}] (${a.length} vs ${b.length})`];
}

/** Every fix: edits inside the text, not overlapping; applied, the text still lints without an internal error. */
export function checkFixes(m: Mutant, findings: readonly Finding[], limit = 20): string[] {
  const problems: string[] = [];
  for (const f of findings.slice(0, limit)) {
    let fixes;
    try {
      fixes = fixesFor(m.text, f);
    } catch (e) {
      problems.push(`fixesFor threw on ${f.ruleId}: ${(e as Error).message}`);
      continue;
    }
    for (const fix of fixes) {
      const sorted = [...fix.edits].sort((x, y) => x.start - y.start || x.end - y.end);
      for (let i = 0; i < sorted.length; i++) {
        const e = sorted[i]!;
        if (!(e.start >= 0 && e.start <= e.end && e.end <= m.text.length)) problems.push(`fix edit outside the text: ${f.ruleId} ${fix.title}`);
        if (i > 0 && e.start < sorted[i - 1]!.end) problems.push(`fix edits overlap: ${f.ruleId} ${fix.title}`);
      }
      try {
        const fixed = applyEdits(m.text, fix.edits);
        const after = lintDocument(fixed, documentOptions(m.name)).findings;
        const internal = after.find((x) => x.ruleId === 'VPCE0000');
        if (internal) problems.push(`after fix ${f.ruleId} "${fix.title}": ${internal.message}`);
      } catch (e) {
        problems.push(`applying fix ${f.ruleId} "${fix.title}" threw: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}

const VERDICTS = new Set(['private', 'public', 'blocked', 'unknown']);

/** The trace of every source to every target (at most `cells`): verdicts known, hop ranges inside the text. */
export function checkTrace(m: Mutant, cells = 60): string[] {
  const problems: string[] = [];
  try {
    const net = networkOf(m.text);
    if (!net) return [];
    const sources = traceSources(net);
    const targets = traceTargets(net);
    let n = 0;
    for (const s of sources) {
      for (const t of targets) {
        if (n++ >= cells) return problems;
        const r = trace(net, s.id, t);
        if (!VERDICTS.has(r.verdict)) problems.push(`trace verdict ${String(r.verdict)}`);
        for (const h of r.hops) if (!(h.start >= 0 && h.start <= h.end && h.end <= m.text.length)) problems.push(`hop range outside the text: ${s.id} → ${targetName(t)}`);
      }
    }
    if (sources.length * targets.length <= cells) traceMatrix(net);
  } catch (e) {
    problems.push(`trace threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
  }
  return problems;
}
