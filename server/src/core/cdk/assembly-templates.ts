// The templates of one cloud assembly folder, parsed once for every reader that looks across them
// (outside-rules.ts, nested-parameters.ts), with the one answer to "which parent stack deploys this
// nested template". CDK's NestedStack writes two metadata entries on the parent's
// `AWS::CloudFormation::Stack` resource, together: `aws:asset:path` (the nested template's file) and
// `aws:asset:property: TemplateURL` (the property the uploaded file's URL is written to), unless asset
// metadata is turned off (context `aws:cdk:enable-asset-metadata`). Only the pair says the file is the
// stack's template: a path on some other property is another asset.
// https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/core/lib/nested-stack.ts
// Pure: the caller passes the templates' texts by file name (undefined: unreadable).

import { isObject, objectAt, parseObject } from './json-objects.js';

/** Where a nested template is deployed from: its parent's file, the stack resource, what that resource passes it. */
export interface NestedParent {
  file: string;
  id: string;
  /** The stack resource's `Parameters` as written (an object, or an intrinsic function computing one); undefined: none. */
  parameters: unknown;
}

export interface AssemblyTemplates {
  /** The readable templates, by file name. */
  parsed: ReadonlyMap<string, Record<string, unknown>>;
  /** Templates of the assembly that cannot be read or are not a JSON object. */
  unreadable: readonly string[];
  /** Each nested template (readable or not) → its parent; the first parent met wins. */
  parentOf: ReadonlyMap<string, NestedParent>;
  /** Each parent template → its stack resources' logical ids → the nested template each deploys. */
  nestedAt: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const NESTED_TEMPLATE = /\.nested\.template\.json$/i;

export function readAssemblyTemplates(texts: ReadonlyMap<string, string | undefined>): AssemblyTemplates {
  const parsed = new Map<string, Record<string, unknown>>();
  const unreadable: string[] = [];
  for (const [file, text] of texts) {
    const t = text === undefined ? undefined : parseObject(text);
    if (t) parsed.set(file, t);
    else unreadable.push(file);
  }
  const parentOf = new Map<string, NestedParent>();
  const nestedAt = new Map<string, Map<string, string>>();
  for (const [file, t] of parsed) {
    for (const [id, r] of Object.entries(objectAt(t, 'Resources') ?? {})) {
      if (!isObject(r) || r.Type !== 'AWS::CloudFormation::Stack') continue;
      const metadata = objectAt(r, 'Metadata');
      const path = metadata?.['aws:asset:path'];
      // Recorded for an unreadable nested template too: what its parent gives it is then open.
      if (typeof path !== 'string' || metadata?.['aws:asset:property'] !== 'TemplateURL' || !texts.has(path) || parentOf.has(path)) continue;
      parentOf.set(path, { file, id, parameters: objectAt(r, 'Properties')?.Parameters });
      if (!nestedAt.has(file)) nestedAt.set(file, new Map());
      nestedAt.get(file)!.set(id, path);
    }
  }
  return { parsed, unreadable, parentOf, nestedAt };
}
