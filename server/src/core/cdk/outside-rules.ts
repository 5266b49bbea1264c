// A CDK app's stacks deploy together, and one stack may add a rule to another stack's security group:
// the group imported by id (`SecurityGroup.fromSecurityGroupId(..., { mutable: true })`,
// `CfnSecurityGroupIngress`) is written `Fn::ImportValue` of the owning stack's export (CDK names it
// `<Stack>:ExportsOutput...`; its value is the group's `Fn::GetAtt [Group, GroupId]` or Ref), or, in a
// nested stack, `Ref` of a parameter its parent sets to the group's id (or a parent reads the id from a
// nested stack's output, `Fn::GetAtt [Nested, Outputs.X]`). Judged alone, the owning template would say
// the group admits nothing its own rules do not admit: a false VPCE6003 and a blocked trace. Read over
// the assembly's templates, each such group's rules of that direction are open (the model's
// RuleSet.open), naming the other stack's rule: what they admit depends on a peer the owning template
// does not know. In the adding template, the rule is certain to be none of its own groups'.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-importvalue.html
// A stack may publish the group's id in a Systems Manager parameter instead of an export (an
// `AWS::SSM::Parameter` whose Value is the group's id, CDK's `new ssm.StringParameter(..., { parameterName,
// stringValue: sg.securityGroupId })`), which the other stack reads at deploy time through a template
// parameter of type `AWS::SSM::Parameter::Value<String>` whose default is that name
// (`ssm.StringParameter.valueForStringParameter`): the same group, so the same open direction.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html
// A template of the assembly that cannot be read may add rules to any group whose id is given to it
// (exported, passed to it as a nested stack, or handed up by a nested stack that may be its): open too. Pure: reads the assembly's templates as assembly-templates.ts parsed them.

import { NESTED_TEMPLATE, type AssemblyTemplates } from './assembly-templates.js';
import { isObject, objectAt } from './json-objects.js';

/** Why a group's rules of one direction are not all in its own template, and the rule that decides it. */
export interface OutsideRule {
  why: string;
  decides: string;
}

/** What the other templates of the app do to one template's security groups. */
export interface OutsideRules {
  /** By security group logical id: the directions another template adds rules to. */
  groups?: Record<string, { ingress?: OutsideRule; egress?: OutsideRule }>;
  /** This template's standalone rules whose group is another template's (the export it imports): rule id → that group. */
  foreign?: Record<string, string>;
}

const RULE_TYPES: Record<string, 'ingress' | 'egress'> = {
  'AWS::EC2::SecurityGroupIngress': 'ingress',
  'AWS::EC2::SecurityGroupEgress': 'egress',
};

/** For each template (by its file name) whose groups get rules from another template: which, and why. */
export function outsideGroupRules(app: AssemblyTemplates): Map<string, OutsideRules> {
  const { parsed: templates, unreadable, parentOf, nestedAt } = app;
  const resourcesOf = (file: string) => objectAt(templates.get(file) ?? {}, 'Resources') ?? {};
  const isGroup = (file: string, id: string) => {
    const r = resourcesOf(file)[id];
    return isObject(r) && r.Type === 'AWS::EC2::SecurityGroup';
  };
  // Export name → the template and the security group whose id it exports.
  const exported = new Map<string, { file: string; group: string }>();
  for (const [file, t] of templates) {
    for (const output of Object.values(objectAt(t, 'Outputs') ?? {})) {
      if (!isObject(output)) continue;
      const name = isObject(output.Export) ? output.Export.Name : undefined;
      const group = groupOf(output.Value);
      if (typeof name === 'string' && group && isGroup(file, group)) exported.set(name, { file, group });
    }
  }
  // SSM parameter name → the template and the security group whose id it holds.
  const published = new Map<string, { file: string; group: string }>();
  for (const [file, t] of templates) {
    for (const r of Object.values(objectAt(t, 'Resources') ?? {})) {
      const props = isObject(r) && r.Type === 'AWS::SSM::Parameter' ? objectAt(r, 'Properties') : undefined;
      const group = props ? groupOf(props.Value) : undefined;
      if (typeof props?.Name === 'string' && group && isGroup(file, group)) published.set(props.Name, { file, group });
    }
  }
  // The group a GroupId names, across the app: its own template's, an export's, a nested stack's parameter
  // the parent sets, a nested stack's output the parent reads.
  const resolveGroup = (file: string, value: unknown, depth = 0): { file: string; group: string; via: string } | undefined => {
    if (depth > 8 || !isObject(value) || Object.keys(value).length !== 1) return undefined;
    const group = groupOf(value);
    if (group && isGroup(file, group)) return { file, group, via: `its ${group}` };
    const imported = value['Fn::ImportValue'];
    if (typeof imported === 'string') {
      const owner = exported.get(imported);
      return owner && { ...owner, via: `the export ${imported}` };
    }
    const param = typeof value.Ref === 'string' ? value.Ref : undefined;
    const passed = param !== undefined ? parentOf.get(file) : undefined;
    const given = isObject(passed?.parameters) ? passed.parameters : undefined;
    if (param !== undefined && passed && given && param in given) {
      const owner = resolveGroup(passed.file, given[param], depth + 1);
      return owner && { ...owner, via: `its parameter ${param}` };
    }
    const declared = param !== undefined ? objectAt(objectAt(templates.get(file) ?? {}, 'Parameters') ?? {}, param) : undefined;
    if (declared && typeof declared.Type === 'string' && declared.Type.startsWith('AWS::SSM::Parameter::Value<') && typeof declared.Default === 'string') {
      const owner = published.get(declared.Default);
      return owner && { ...owner, via: `the Systems Manager parameter ${declared.Default}` };
    }
    const att = value['Fn::GetAtt'];
    const [res, attr] = Array.isArray(att) ? att : typeof att === 'string' ? [att.slice(0, att.indexOf('.')), att.slice(att.indexOf('.') + 1)] : [];
    const nested = typeof res === 'string' ? nestedAt.get(file)?.get(res) : undefined;
    if (nested && typeof attr === 'string' && attr.startsWith('Outputs.')) {
      const output = objectAt(objectAt(templates.get(nested) ?? {}, 'Outputs') ?? {}, attr.slice('Outputs.'.length));
      const owner = output && resolveGroup(nested, output.Value, depth + 1);
      return owner && { ...owner, via: `the nested stack's output ${attr.slice('Outputs.'.length)}` };
    }
    return undefined;
  };
  const out = new Map<string, OutsideRules>();
  const add = (owner: { file: string; group: string }, dir: 'ingress' | 'egress', rule: OutsideRule) => {
    const rules = out.get(owner.file) ?? {};
    const sets = ((rules.groups ??= {})[owner.group] ??= {});
    sets[dir] ??= rule;
    out.set(owner.file, rules);
  };
  for (const file of templates.keys()) {
    for (const [id, resource] of Object.entries(resourcesOf(file))) {
      const dir = isObject(resource) && typeof resource.Type === 'string' ? RULE_TYPES[resource.Type] : undefined;
      const props = dir && isObject(resource) ? objectAt(resource, 'Properties') : undefined;
      const owner = dir ? resolveGroup(file, props?.GroupId) : undefined;
      if (!dir || !owner || owner.file === file) continue;
      add(owner, dir, { why: `another stack of the app, ${file}, adds them: its ${id}, through ${owner.via}`, decides: `${file}'s ${id}` });
      // In its own template the rule is certain not to be any of that template's groups'.
      const own = out.get(file) ?? {};
      (own.foreign ??= {})[id] = `${owner.file}'s ${owner.group}`;
      out.set(file, own);
    }
  }
  if (unreadable.length > 0) {
    // The groups an unreadable template may name: any exported or published one; one its parent passes it (a nested
    // template); one a nested template without a known parent hands up in an output (that parent may be it).
    for (const file of unreadable) {
      const why = `${file}, of the same app, cannot be read, and the group's id is given to it`;
      const given = [...exported.values(), ...published.values()];
      const parent = parentOf.get(file);
      for (const v of Object.values(isObject(parent?.parameters) ? parent.parameters : {})) {
        const g = resolveGroup(parent!.file, v);
        if (g) given.push(g);
      }
      for (const [nested, t] of templates) {
        if (!NESTED_TEMPLATE.test(nested) || parentOf.has(nested)) continue;
        for (const o of Object.values(objectAt(t, 'Outputs') ?? {})) {
          const g = isObject(o) ? resolveGroup(nested, o.Value) : undefined;
          if (g) given.push(g);
        }
      }
      for (const owner of given) for (const dir of ['ingress', 'egress'] as const) add(owner, dir, { why, decides: file });
    }
  }
  return out;
}

/** `{ "Fn::GetAtt": [G, "GroupId"] }` or `{ "Ref": G }` → G. */
function groupOf(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const att = value['Fn::GetAtt'];
  if (Array.isArray(att) && att.length === 2 && typeof att[0] === 'string' && att[1] === 'GroupId') return att[0];
  if (typeof att === 'string' && att.endsWith('.GroupId')) return att.slice(0, -'.GroupId'.length);
  return undefined;
}
