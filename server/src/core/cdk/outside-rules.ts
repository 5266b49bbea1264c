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
// A template of the assembly that cannot be read may add rules to any group whose id is given to it
// (exported, passed to it as a nested stack, or handed up by a nested stack that may be its): open too. Pure: the caller passes the templates' texts by file name (undefined: unreadable).

import { isObject, objectAt, parseObject } from './json-objects.js';

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
export function outsideGroupRules(texts: ReadonlyMap<string, string | undefined>): Map<string, OutsideRules> {
  const templates = new Map<string, Record<string, unknown>>();
  const unreadable: string[] = [];
  for (const [file, text] of texts) {
    const t = text === undefined ? undefined : parseObject(text);
    if (t) templates.set(file, t);
    else unreadable.push(file);
  }
  const resourcesOf = (file: string) => objectAt(templates.get(file) ?? {}, 'Resources') ?? {};
  const isGroup = (file: string, id: string) => {
    const r = resourcesOf(file)[id];
    return isObject(r) && r.Type === 'AWS::EC2::SecurityGroup';
  };
  // Export name → the template and the security group whose id it exports.
  const exported = new Map<string, { file: string; group: string }>();
  // A nested template → its parent and the parameters the parent's stack resource passes it; and each
  // parent's stack resources → the nested template (CDK's aws:asset:path on the resource).
  const parentOf = new Map<string, { file: string; parameters: Record<string, unknown> | undefined }>();
  const nestedAt = new Map<string, Map<string, string>>();
  for (const [file, t] of templates) {
    for (const output of Object.values(objectAt(t, 'Outputs') ?? {})) {
      if (!isObject(output)) continue;
      const name = isObject(output.Export) ? output.Export.Name : undefined;
      const group = groupOf(output.Value);
      if (typeof name === 'string' && group && isGroup(file, group)) exported.set(name, { file, group });
    }
    for (const [id, r] of Object.entries(resourcesOf(file))) {
      const path = isObject(r) && r.Type === 'AWS::CloudFormation::Stack' ? objectAt(r, 'Metadata')?.['aws:asset:path'] : undefined;
      // Recorded for an unreadable nested template too: what its parent gives it is then open.
      if (typeof path !== 'string' || !texts.has(path) || parentOf.has(path)) continue;
      const props = objectAt(r as Record<string, unknown>, 'Properties');
      parentOf.set(path, { file, parameters: isObject(props?.Parameters) ? props.Parameters : undefined });
      if (!nestedAt.has(file)) nestedAt.set(file, new Map());
      nestedAt.get(file)!.set(id, path);
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
    const parent = param !== undefined ? parentOf.get(file) : undefined;
    if (param !== undefined && parent?.parameters && param in parent.parameters) {
      const owner = resolveGroup(parent.file, parent.parameters[param], depth + 1);
      return owner && { ...owner, via: `its parameter ${param}` };
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
    // The groups an unreadable template may name: any exported one; one its parent passes it (a nested
    // template); one a nested template without a known parent hands up in an output (that parent may be it).
    for (const file of unreadable) {
      const why = `${file}, of the same app, cannot be read, and the group's id is given to it`;
      const given = [...exported.values()];
      for (const v of Object.values(parentOf.get(file)?.parameters ?? {})) {
        const g = resolveGroup(parentOf.get(file)!.file, v);
        if (g) given.push(g);
      }
      for (const [nested, t] of templates) {
        if (!/\.nested\.template\.json$/i.test(nested) || parentOf.has(nested)) continue;
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
