// The trace and map of a parent template read with the nested stacks it deploys (core/cdk/nested-inline.ts):
// a CDK stack's (cli/cdk.ts Assemblies.inlined: the nested templates its assembly names) and a template
// written for `aws cloudformation package`, whose AWS::CloudFormation::Stack TemplateURL is a local file,
// absolute or relative to the template's folder, which `package` uploads and replaces with its S3 URL:
// https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html
// This file opens the files and says where a hop is; the engine does the reading.

import { dirname, isAbsolute, resolve } from 'node:path';
import { inlineNestedStacks, segmentAt, type InlinedStacks } from '../core/cdk/nested-inline.js';
import { inlinedNetwork } from '../core/cdk/nested-network.js';
import type { OutsideRules } from '../core/cdk/outside-rules.js';
import { LineIndex } from '../core/document/line-index.js';
import { asMap, scalarString, valueOf, type MapNode } from '../core/document/tree.js';
import type { Network } from '../core/model/network.js';
import type { EngineSettings } from '../core/settings.js';
import { readInput } from '../read-input.js';

export interface AcrossStacks {
  network: Network;
  text: string;
  locate: (offset: number) => { file: string; line: number; character: number };
}

/** The network of inlined stacks and where each offset of their text is; `shownOf`: a file as the answer names it. */
export function acrossStacks(stacks: InlinedStacks, textOf: (file: string) => string | undefined, shownOf: (file: string) => string, settings: Partial<EngineSettings>, outside?: OutsideRules): AcrossStacks {
  const network = inlinedNetwork(stacks, settings.regions ?? [], outside, settings.passedParameters);
  const lines = new Map<string, LineIndex>();
  return {
    network,
    text: stacks.text,
    locate: (offset) => {
      const at = segmentAt(stacks, offset);
      let index = lines.get(at.file);
      if (!index) lines.set(at.file, (index = new LineIndex(textOf(at.file) ?? '')));
      const p = index.positionAt(at.offset);
      return { file: shownOf(at.file), line: p.line, character: p.character };
    },
  };
}

/**
 * A template whose nested stacks' TemplateURL are local files (`aws cloudformation package`'s input), read
 * with them; undefined when it has none that can be read. `limit`: the largest file read (--max-size).
 */
export function localNestedStacks(file: string, text: string, limit: number, shownOf: (file: string) => string, settings: Partial<EngineSettings>): AcrossStacks | undefined {
  const top = resolve(file);
  const texts = new Map<string, string | undefined>([[top, text]]);
  const textOf = (f: string) => {
    if (!texts.has(f)) {
      const r = readInput(f, limit);
      texts.set(f, r.kind === 'text' ? r.text : undefined);
    }
    return texts.get(f);
  };
  const stacks = inlineNestedStacks(top, textOf, (f, root) => localTemplates(f, root));
  return stacks && acrossStacks(stacks, textOf, (f) => (f === top ? shownOf(file) : shownOf(f)), settings);
}

/** Each stack resource whose TemplateURL is written as a path (not an http(s) or s3 URL) → that file. */
function localTemplates(file: string, root: MapNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of asMap(valueOf(root, 'Resources'))?.pairs ?? []) {
    const r = asMap(p.value);
    if (scalarString(valueOf(r, 'Type')) !== 'AWS::CloudFormation::Stack') continue;
    const url = scalarString(valueOf(asMap(valueOf(r, 'Properties')), 'TemplateURL'));
    if (!url || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) continue;
    out.set(String(p.key.value), isAbsolute(url) ? url : resolve(dirname(file), url));
  }
  return out;
}
