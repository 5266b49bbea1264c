// The editor's trace of a parent template reads the nested stacks it deploys, as `vpce-lens trace` does
// (nested-stacks.ts nestedStacksOf, cli/nested-trace.ts): a CDK stack's nested templates named by its cloud
// assembly beside it, or `aws cloudformation package` input whose TemplateURL is a local file. The files
// are read, never run, so an untrusted workspace is read too. One question, one answer: same network.

import { basename, dirname, relative } from 'node:path';
import type { EngineSettings } from '../core/settings.js';
import { asMap, scalarString, valueOf, type Node } from '../core/document/tree.js';
import { Assemblies } from '../cli/cdk.js';
import { acrossStacks, type AcrossStacks } from '../cli/nested-trace.js';
import { nestedStacksOf } from '../nested-stacks.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-input.js';

/**
 * The network of `path`'s template (its editor text `text`) with its nested stacks inlined, or undefined
 * when it deploys none the server can read. The parent's part of the answer must be the editor's text:
 * a CDK template whose file on disk differs from the open document (unsaved edits) is traced alone.
 */
export function editorAcrossStacks(path: string | undefined, text: string, root: Node | null, settings: Partial<EngineSettings>): AcrossStacks | undefined {
  // Most templates deploy no stack: nothing is read (or parsed again) for them.
  if (!path || !deploysStacks(root)) return undefined;
  const shownOf = (f: string) => relative(dirname(path), f).split('\\').join('/') || basename(path);
  const nested = nestedStacksOf(new Assemblies(() => {}), path, text, DEFAULT_MAX_FILE_SIZE);
  return nested && acrossStacks(nested, shownOf, settings);
}

function deploysStacks(root: Node | null): boolean {
  return (asMap(valueOf(asMap(root), 'Resources'))?.pairs ?? []).some((p) => scalarString(valueOf(asMap(p.value), 'Type')) === 'AWS::CloudFormation::Stack');
}
