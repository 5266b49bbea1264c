// Which nested stacks a parent template deploys, read from disk, for every face (the CLI's check, trace
// and map, cli/; the editor's trace and matrix, lsp/nested-stacks.ts): a CDK stack's are the nested
// templates its cloud assembly names (cli/cdk.ts Assemblies, by `aws:asset:path`); any other template's
// are the local files its AWS::CloudFormation::Stack TemplateURL names, absolute or relative to the
// template's folder (`aws cloudformation package`'s input, which `package` uploads and replaces with S3 URLs:
// https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html), and those an
// AWS::Serverless::Application's Location names as a file path, which `sam package` / `sam deploy` upload the same
// way; its Parameters are the nested stack's
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html).
// This file opens files; the engine (core/cdk/nested-inline.ts) does the reading.

import { dirname, isAbsolute, resolve } from 'node:path';
import type { Assemblies } from './cli/cdk.js';
import { inlineNestedStacks, type InlinedStacks } from './core/cdk/nested-inline.js';
import type { OutsideRules } from './core/cdk/outside-rules.js';
import { asMap, scalarString, valueOf, type MapNode } from './core/document/tree.js';
import { readInput } from './read-input.js';
import { parseText, treeBrokenBy } from './core/document/parse.js';

export interface NestedStacks {
  stacks: InlinedStacks;
  /** The text of a file the stacks name (InlinedStacks' segments and inlined). */
  textOf: (file: string) => string | undefined;
  /** That file's path on disk (the parent's as the caller gave it). */
  pathOf: (file: string) => string;
  /** What the app's other templates add to these templates' security groups (a CDK app's: inlinedOutsideRules). */
  outside?: OutsideRules;
}

/**
 * `file`'s template (its text `text`) with the nested stacks it deploys: its CDK assembly's, else those whose
 * TemplateURL is a local file; undefined when it deploys none that can be read. `opened`: the text judged for
 * another file (by resolved path; an editor's open document, saved or not), read instead of the file. A CDK
 * template whose saved text is not the one judged (an editor's unsaved edits), the parent's or a nested
 * one's, is not read with its assembly: the answer would mix two versions (the assembly's other templates
 * are read from disk). `limit`: the largest local file read.
 */
export function nestedStacksOf(assemblies: Assemblies, file: string, text: string, limit: number, opened: (path: string) => string | undefined = () => undefined): NestedStacks | undefined {
  const cdk = assemblies.nestedStacks(file);
  if (cdk) {
    const judged = (f: string) => (f === cdk.stacks.segments[0]!.file ? text : opened(resolve(cdk.pathOf(f))));
    const saved = (f: string) => {
      const t = judged(f);
      return t === undefined || t === cdk.textOf(f);
    };
    return cdk.stacks.segments.every((s) => saved(s.file)) ? cdk : undefined;
  }
  return localNestedStacks(file, text, limit, opened);
}

function localNestedStacks(file: string, text: string, limit: number, opened: (path: string) => string | undefined): NestedStacks | undefined {
  const top = resolve(file);
  const texts = new Map<string, string | undefined>([[top, text]]);
  const textOf = (f: string) => {
    if (!texts.has(f)) {
      const open = opened(f);
      const r = open === undefined ? readInput(f, limit) : undefined;
      texts.set(f, open ?? (r?.kind === 'text' ? r.text : undefined));
    }
    return texts.get(f);
  };
  const stacks = inlineNestedStacks(top, textOf, (f, root) => localTemplates(f, root));
  return stacks && { stacks, textOf, pathOf: (f) => (f === top ? file : f) };
}

/**
 * The local files `file`'s template (its text) names as its nested stacks' TemplateURL, as nestedStacksOf reads
 * them (the editor's index of which templates deploy which: lsp/parent-index.ts). None when it does not parse.
 */
export function localNestedFiles(file: string, text: string): string[] {
  const parsed = parseText(text, { json: /^\s*[{[]/.test(text) });
  const root = asMap(parsed.root);
  return root && !treeBrokenBy(parsed.problems) ? [...localTemplates(resolve(file), root).values()] : [];
}

/** The resource types that deploy a nested stack from a template file, and the property naming the file. */
export const NESTED_STACK_TYPES: ReadonlyMap<string, string> = new Map([
  ['AWS::CloudFormation::Stack', 'TemplateURL'],
  ['AWS::Serverless::Application', 'Location'],
]);

/** Each stack resource whose template is written as a path (not an http(s) or s3 URL) → that file. */
function localTemplates(file: string, root: MapNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of asMap(valueOf(root, 'Resources'))?.pairs ?? []) {
    const r = asMap(p.value);
    const property = NESTED_STACK_TYPES.get(scalarString(valueOf(r, 'Type')) ?? '');
    if (!property) continue;
    // A Location that is an object names a Serverless Application Repository application: no file.
    const url = scalarString(valueOf(asMap(valueOf(r, 'Properties')), property));
    if (!url || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) continue;
    out.set(String(p.key.value), isAbsolute(url) ? url : resolve(dirname(file), url));
  }
  return out;
}
