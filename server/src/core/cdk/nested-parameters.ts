// A nested stack's template is deployed by its parent: the parent's `AWS::CloudFormation::Stack`
// resource sets its parameters (`Parameters`), and a parameter it sets does not take its default. CDK
// writes each nested stack's template file on that resource (`Metadata.aws:asset:path`, with
// `aws:asset:property: TemplateURL`) unless asset metadata is turned off. Judged alone, the nested
// template would rest on defaults the parent overrides (`new NestedStack(this, 'X', { parameters })`):
// a value the parent passes as text is certain; any other (a reference, a function) is not known in
// the nested template. A nested template whose parent is not found (no asset metadata, the parent
// unreadable) has every parameter with a default open: the parent may set it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html
// Pure: reads the assembly's templates as assembly-templates.ts parsed them (which parent deploys which).

import type { PassedParameters } from '../cfn/template.js';
import { NESTED_TEMPLATE, type AssemblyTemplates } from './assembly-templates.js';
import { isObject, objectAt } from './json-objects.js';

export function nestedParameters(app: AssemblyTemplates): Map<string, PassedParameters> {
  const out = new Map<string, PassedParameters>();
  for (const [file, { file: parent, id, parameters: given }] of app.parentOf) {
    const nested = app.parsed.get(file);
    if (!nested) continue;
    const params = objectAt(nested, 'Parameters') ?? {};
    const passed: PassedParameters = {};
    const by = `the parent stack ${parent} (${id})`;
    for (const name of Object.keys(params)) {
      if (isObject(given) && !isIntrinsic(given)) {
        if (!(name in given)) continue; // not set: the default applies
        const v = given[name];
        passed[name] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? { value: String(v) }
          : { unknown: `parameter ${name} is set by ${by} to a value known only at deploy time` };
      } else if (given !== undefined) {
        passed[name] = { unknown: `parameter ${name} may be set by ${by}, whose Parameters are computed` };
      }
    }
    if (Object.keys(passed).length > 0) out.set(file, passed);
  }
  // A nested template no parent names: whatever it sets is not known.
  for (const [file, t] of app.parsed) {
    if (!NESTED_TEMPLATE.test(file) || app.parentOf.has(file)) continue;
    const passed: PassedParameters = {};
    for (const [name, p] of Object.entries(objectAt(t, 'Parameters') ?? {})) {
      if (isObject(p) && 'Default' in p) passed[name] = { unknown: `parameter ${name} may be set by the parent stack, which is not found (no aws:asset:path metadata names this template, or the parent cannot be read)` };
    }
    if (Object.keys(passed).length > 0) out.set(file, passed);
  }
  return out;
}

function isIntrinsic(x: Record<string, unknown>): boolean {
  const keys = Object.keys(x);
  return keys.length === 1 && (keys[0]!.startsWith('Fn::') || keys[0] === 'Ref');
}
