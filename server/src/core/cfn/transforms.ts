// Transforms CloudFormation applies before it reads a template. AWS's own (names starting `AWS::`:
// SAM, LanguageExtensions, Include, SecretsManager, CodeDeployBlueGreen) have documented behaviour;
// any other name is an account's macro, which may rewrite what it is given in any way, so what we
// see is not what CloudFormation will validate.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-macros.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-reference.html

import { asMap, asSeq, scalarString, valueOf, type MapNode, type Node } from '../document/tree.js';
import type { Resource, Template } from './template.js';
import { FOR_EACH } from './language-extensions.js';

export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** The names under the template's `Transform`, in order (a string or a list of strings). */
export function templateTransforms(root: MapNode): string[] {
  const node = valueOf(root, 'Transform');
  const items = asSeq(node)?.items ?? [node];
  return items.map(scalarString).filter((t): t is string => Boolean(t));
}

/** A macro is a transform that is not AWS's own: AWS reserves the `AWS::` prefix. */
export function isMacro(name: string): boolean {
  return !name.startsWith('AWS::');
}

/**
 * The transforms that may rewrite a resource before CloudFormation reads it: the template's macros
 * (they get the whole template) and every `Fn::Transform` inside the resource (it gets the map it
 * sits in; AWS::Include replaces it with a snippet from S3).
 */
export function transformsRewriting(template: Template, resource: Resource): string[] {
  const names = new Set(template.macros);
  collectFnTransforms(resource.node, names, new Set());
  return [...names];
}

function collectFnTransforms(node: Node | null, out: Set<string>, seen: Set<Node>): void {
  if (!node || node.kind === 'scalar' || seen.has(node)) return;
  seen.add(node);
  if (node.kind === 'seq') {
    for (const item of node.items) collectFnTransforms(item, out, seen);
    return;
  }
  for (const pair of node.pairs) {
    // A loop whose collection is known only at deploy time stays as written: what it makes is unknown.
    if (String(pair.key.value).startsWith(FOR_EACH)) out.add(LANGUAGE_EXTENSIONS);
    if (pair.key.value === 'Fn::Transform') {
      const name = scalarString(valueOf(asMap(pair.value), 'Name'));
      out.add(name ?? 'Fn::Transform');
    }
    collectFnTransforms(pair.value, out, seen);
  }
}
