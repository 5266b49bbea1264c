import type { Finding } from '../findings.js';
import { asMap, asSeq, valueOf, type MapNode, type Node, type Pair } from '../document/tree.js';
import { ID_KIND_NAMES, ID_PROPERTIES, NESTED_ID_PROPERTIES, placeholderKind, type IdKind } from '../cfn/resource-ids.js';
import { literal } from '../cfn/values.js';
import { finding, type Rule } from './types.js';

// A parameter's default that is a placeholder is not reported (the deployment passes the real id); the
// resolver reads it as unknown, naming the placeholder, so no rule or trace takes it for a resource.
const meta = {
  id: 'VPCE1004',
  severity: 'warning',
  title: 'Placeholder where a VPC, subnet, security group or route table id is due',
  why: 'An EC2 resource id is its prefix and 8 or 17 hexadecimal digits (vpc-0a1b2c3d4e5f60718). A value such as vpc-xxxxxxxx, subnet-12345 or sg-CHANGEME, left from an example, names nothing: the deployment fails when CloudFormation passes it to EC2.',
  docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html',
  // A placeholder in vpc_id or subnet_ids fails a Terraform apply as well, but the rule reads a template's
  // properties as written, and a Terraform argument reaches it lowered (a variable's default, which a variables
  // file or the module's caller replaces, must not be reported as written): not raised there yet.
  noTerraform: 'Not checked in Terraform yet: the rule reads the values a template writes, and does not tell a Terraform argument written in place from a variable default that a variables file or the module\'s caller replaces.',
} as const;

export const placeholderId: Rule = {
  meta,
  check(ctx) {
    // Terraform's values reach here lowered; its own words for ids are the Terraform adapter's to judge.
    if (ctx.words.format === 'terraform') return [];
    const out: Finding[] = [];
    const check = (owner: string, name: string, pair: Pair, kind: IdKind, resource?: (typeof ctx.template.resources)[number]) => {
      if (!pair.value) return;
      const seq = asSeq(pair.value);
      for (const item of seq ? seq.items : [pair.value]) {
        // Only text written here: a parameter's default is the deployment's to replace.
        // (A tag we do not know, `!Reff VpcId`, is VPCE0003's: its text is no value.)
        if (item.kind !== 'scalar' || ctx.template.text[item.start] === '!') continue;
        const text = literal(ctx.values.value(item));
        if (text === undefined || !placeholderKind(text, kind)) continue;
        out.push(finding(meta, item, `${owner}: ${name} ${text} is not a ${ID_KIND_NAMES[kind]} id (${kind}- and 8 or 17 hexadecimal digits): a placeholder to replace before deploying`, { resource, span: contentOf(ctx.template.text, item, text) }));
      }
    };
    for (const r of ctx.template.resources) {
      if (!r.type?.startsWith('AWS::') || !r.properties || FREE_FORM_TYPES.has(r.type)) continue;
      for (const pair of r.properties.pairs) {
        const key = String(pair.key.value);
        // Own keys only: a property named constructor or __proto__ is no id property.
        const kind = Object.hasOwn(ID_PROPERTIES, key) ? ID_PROPERTIES[key] : undefined;
        if (kind) check(r.id, key, pair, kind, r);
      }
      nested(r.properties, [], (path, pair, kind) => check(r.id, path, pair, kind, r));
    }
    // SAM's Globals hand their VpcConfig to every function (cfn/sam-globals.ts).
    const globals = asMap(valueOf(asMap(valueOf(ctx.template.root, 'Globals')), 'Function'));
    if (ctx.template.isSam && globals) nested(globals, [], (path, pair, kind) => check('Globals.Function', path, pair, kind));
    return out;
  },
};

// Resources whose properties are another document (a state machine's definition, a custom resource's
// or a nested stack's inputs): a key there is that document's, not a CloudFormation property.
const FREE_FORM_TYPES: ReadonlySet<string> = new Set(['AWS::CloudFormation::CustomResource', 'AWS::CloudFormation::Stack', 'AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine', 'AWS::Serverless::Application', 'AWS::SSM::Document']);

/** Each id property inside the structures of NESTED_ID_PROPERTIES (VpcConfig.SubnetIds, NetworkInterfaces.SubnetId), at any depth. */
function nested(map: MapNode, path: string[], visit: (path: string, pair: Pair, kind: IdKind) => void, seen = new Set<MapNode>()): void {
  // A YAML alias can make the tree a graph: each map is visited once.
  if (seen.has(map)) return;
  seen.add(map);
  for (const pair of map.pairs) {
    const key = String(pair.key.value);
    // An intrinsic function's arguments are not properties.
    if (key === 'Ref' || key.startsWith('Fn::') || !pair.value) continue;
    const table = Object.hasOwn(NESTED_ID_PROPERTIES, key) ? NESTED_ID_PROPERTIES[key] : undefined;
    const seq = asSeq(pair.value);
    const maps = (seq ? seq.items : [pair.value]).map(asMap).filter((m): m is MapNode => m !== undefined);
    for (const inner of maps) {
      if (table) {
        for (const p of inner.pairs) {
          const name = String(p.key.value);
          const kind = Object.hasOwn(table, name) ? table[name] : undefined;
          if (kind) visit([...path, key, name].join('.'), p, kind);
        }
      }
      nested(inner, [...path, key], visit, seen);
    }
  }
}

function contentOf(text: string, node: Node, value: string): { start: number; end: number } {
  const at = text.indexOf(value, node.start);
  return at >= 0 && at + value.length <= node.end ? { start: at, end: at + value.length } : { start: node.start, end: node.end };
}
