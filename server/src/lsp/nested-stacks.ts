// The editor's trace of a parent template reads the nested stacks it deploys, as `vpce-lens trace` does
// (nested-stacks.ts nestedStacksOf, cli/nested-trace.ts): a CDK stack's nested templates named by its cloud
// assembly beside it, or `aws cloudformation package` input whose TemplateURL is a local file. The files
// are read, never run, so an untrusted workspace is read too. One question, one answer: same network.

import { basename, dirname, relative } from 'node:path';
import type { EngineSettings } from '../core/settings.js';
import { asMap, scalarString, valueOf, type Node } from '../core/document/tree.js';
import { Assemblies } from '../cli/cdk.js';
import { acrossStacks, type AcrossStacks } from '../cli/nested-trace.js';
import { nestedStacksOf, type NestedStacks } from '../nested-stacks.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-input.js';
import { inlinedFindings } from '../core/cdk/nested-check.js';
import { placedFinding } from '../cli/nested-check.js';
import type { Finding } from '../core/findings.js';

/**
 * The nested stacks `path`'s template (its editor text `text`) deploys, or undefined when it deploys none the
 * server can read: read once a version, for the trace, map and diagnostics alike. The parent's part must be the
 * editor's text: a CDK template whose file on disk differs from the open document (unsaved edits) is read alone.
 */
export function editorNestedStacks(path: string | undefined, text: string, root: Node | null): NestedStacks | undefined {
  // Most templates deploy no stack: nothing is read (or parsed again) for them.
  if (!path || !deploysStacks(root)) return undefined;
  return nestedStacksOf(new Assemblies(() => {}), path, text, DEFAULT_MAX_FILE_SIZE);
}

/** The network of the template with its nested stacks inlined, hops named by their file's path from the template's folder. */
export function editorAcrossStacks(path: string, nested: NestedStacks, settings: Partial<EngineSettings>): AcrossStacks {
  const shownOf = (f: string) => relative(dirname(path), f).split('\\').join('/') || basename(path);
  return acrossStacks(nested, shownOf, settings);
}

/**
 * The network rules' findings in a parent template that only its nested stacks' values give (`vpce-lens
 * check`'s answer for that file: cli/nested-check.ts): e.g. an endpoint of the parent that shares a nested
 * stack's security group. Those the parent alone already gives are not repeated (they keep their quick
 * fixes); the new ones carry no fix data (it would name the inlined template's nodes), and a related place
 * in a nested template names that file. The parent's diagnostics are then `vpce-lens check`'s.
 */
export function parentFindingsAcrossStacks(nested: NestedStacks, settings: Partial<EngineSettings>, alone: readonly Finding[]): Finding[] {
  const top = nested.stacks.segments[0]!.file;
  const same = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.start === b.start && a.end === b.end && a.message === b.message;
  const out: Finding[] = [];
  for (const p of inlinedFindings(nested.stacks, settings, nested.outside)) {
    const f = p.file === top ? placedFinding(p.finding, settings.rules ?? {}, nested, (path) => path) : undefined;
    if (f && !alone.some((a) => same(a, f)) && !out.some((o) => same(o, f))) out.push(f);
  }
  return out;
}

function deploysStacks(root: Node | null): boolean {
  return (asMap(valueOf(asMap(root), 'Resources'))?.pairs ?? []).some((p) => scalarString(valueOf(asMap(p.value), 'Type')) === 'AWS::CloudFormation::Stack');
}
