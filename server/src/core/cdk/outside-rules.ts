// A CDK app's stacks deploy together, and one stack may add a rule to another stack's security group:
// the group imported by id (`SecurityGroup.fromSecurityGroupId(..., { mutable: true })`,
// `CfnSecurityGroupIngress`) is written `Fn::ImportValue` of the owning stack's export, which CDK
// names `<Stack>:ExportsOutput...` and whose value is the group's `Fn::GetAtt [Group, GroupId]` (or its Ref).
// Judged alone, the owning template would say the group admits nothing its own rules do not admit: a
// false VPCE6003 and a blocked trace. Read over the assembly's templates, each such group's rules of
// that direction are open (the model's RuleSet.open), naming the other stack's rule: what they admit
// depends on a peer the owning template does not know.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-importvalue.html
// A template of the assembly that cannot be read may add rules to any group whose id is exported: those
// are open too, naming it. Pure: the caller passes the templates' texts by file name (undefined: unreadable).

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
  // Export name → the template and the security group whose id it exports.
  const exported = new Map<string, { file: string; group: string }>();
  for (const [file, t] of templates) {
    const resources = objectAt(t, 'Resources');
    for (const output of Object.values(objectAt(t, 'Outputs') ?? {})) {
      if (!isObject(output)) continue;
      const name = isObject(output.Export) ? output.Export.Name : undefined;
      const group = groupOf(output.Value);
      if (typeof name === 'string' && group && isObject(resources?.[group]) && resources[group].Type === 'AWS::EC2::SecurityGroup') exported.set(name, { file, group });
    }
  }
  const out = new Map<string, OutsideRules>();
  const add = (owner: { file: string; group: string }, dir: 'ingress' | 'egress', rule: OutsideRule) => {
    const rules = out.get(owner.file) ?? {};
    const sets = ((rules.groups ??= {})[owner.group] ??= {});
    sets[dir] ??= rule;
    out.set(owner.file, rules);
  };
  if (exported.size === 0) return out;
  for (const [file, t] of templates) {
    for (const [id, resource] of Object.entries(objectAt(t, 'Resources') ?? {})) {
      const dir = isObject(resource) && typeof resource.Type === 'string' ? RULE_TYPES[resource.Type] : undefined;
      const props = dir && isObject(resource) ? objectAt(resource, 'Properties') : undefined;
      const imported = isObject(props?.GroupId) && Object.keys(props.GroupId).length === 1 ? props.GroupId['Fn::ImportValue'] : undefined;
      const owner = typeof imported === 'string' ? exported.get(imported) : undefined;
      if (!dir || !owner || owner.file === file) continue;
      add(owner, dir, { why: `another stack of the app, ${file}, adds them: its ${id}, through the export ${imported}`, decides: `${file}'s ${id}` });
      // In its own template the rule is certain not to be any of that template's groups'.
      const own = out.get(file) ?? {};
      (own.foreign ??= {})[id] = `${owner.file}'s ${owner.group}`;
      out.set(file, own);
    }
  }
  if (unreadable.length > 0) {
    const why = `${unreadable.join(', ')}, of the same app, cannot be read, and the group's id is exported for other stacks`;
    for (const owner of exported.values()) for (const dir of ['ingress', 'egress'] as const) add(owner, dir, { why, decides: unreadable[0]! });
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

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function objectAt(x: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = x[key];
  return isObject(v) ? v : undefined;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
