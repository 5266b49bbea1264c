import type { Finding } from '../findings.js';
import { asMap, asSeq, scalarString, valueOf, type MapNode, type Node } from '../document/tree.js';
import { declaredNames } from '../cfn/names.js';
import { LANGUAGE_EXTENSIONS, templateTransforms } from '../cfn/transforms.js';
import { literal, parametersOf, type Value } from '../cfn/values.js';
import { finding, type Rule, type RuleContext } from './types.js';

// Fn::FindInMap gives the value assigned to its keys in the Mappings section
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html);
// keys it does not find fail the stack operation ("Template error: Unable to get mapping for Map::Top::Second", the
// answer quoted in https://github.com/aws-cloudformation/cfn-lint/issues/2078; a mapping name that is not there has
// an error of its own; cfn-lint's E1011 is the peer).
// Only what every deployment reads is judged: keys written as text, or AWS::Region in each Region the user names;
// not a parameter's default (the deployment may pass another), not an Fn::If branch, not a resource under a
// Condition, not a lookup with AWS::LanguageExtensions' DefaultValue. Terraform has no mappings (tf/analysis.ts).
const meta = {
  id: 'VPCE0010',
  severity: 'error',
  title: 'Fn::FindInMap finds no entry',
  why:
    'CloudFormation fails the stack when an Fn::FindInMap names a mapping, top-level key or second-level key that the Mappings section does not hold: nothing is deployed. ' +
    'A region map read with !Ref AWS::Region is judged in each region you name (--region, the editor\'s regions setting): a region the map has no entry for cannot deploy the stack. ' +
    'Keys that rest on a parameter\'s default, lookups under Fn::If or in a resource with a Condition, and lookups with a DefaultValue (AWS::LanguageExtensions) are not judged.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html',
} as const;

export const mappingKeyMissing: Rule = {
  meta,
  check(ctx) {
    const mappings = ctx.template.mappings;
    // A macro or AWS::Include may write the mappings (or the lookups); an included mapping is not here to read.
    if (declaredNames(ctx.template).uncertain || mappings?.pairs.some((p) => p.key.value === 'Fn::Transform' || asMap(p.value)?.pairs.some((q) => q.key.value === 'Fn::Transform'))) return [];
    const defaults = templateTransforms(ctx.template.root).includes(LANGUAGE_EXTENSIONS);
    const out: Finding[] = [];
    for (const r of ctx.template.resources) {
      if (r.condition || r.type?.startsWith('AWS::Serverless::')) continue;
      walk(r.properties ?? null, (node, args) => {
        if (defaults && args.length > 3) return;
        const missing = missingEntry(ctx, mappings, args);
        if (missing) out.push(finding(meta, node, `${r.id}: Fn::FindInMap [${missing.keys.join(', ')}] finds nothing: ${missing.why}, so CloudFormation fails the deploy${missing.region ? ` in ${missing.region}` : ''}`, { resource: r }));
      });
    }
    return out;
  },
};

/** Every Fn::FindInMap the resource always evaluates: not inside an Fn::If. */
function walk(node: Node | null, visit: (node: MapNode, args: Node[]) => void): void {
  if (!node || node.kind === 'scalar') return;
  if (node.kind === 'seq') {
    for (const i of node.items) walk(i, visit);
    return;
  }
  if (node.pairs.length === 1) {
    const fn = String(node.pairs[0]!.key.value);
    if (fn === 'Fn::If') return;
    if (fn === 'Fn::FindInMap') {
      const args = asSeq(node.pairs[0]!.value)?.items;
      if (args && args.length >= 3) visit(node, args);
      return;
    }
  }
  for (const p of node.pairs) walk(p.value, visit);
}

/** The texts every deployment gives a key: its own text, or (AWS::Region) each Region named; undefined: not known. */
function keyTexts(ctx: RuleContext, node: Node): { texts: string[]; region?: true } | undefined {
  const v: Value = ctx.values.value(node);
  if (v.kind === 'str' && v.parts.length === 1 && 'pseudo' in v.parts[0]! && v.parts[0].pseudo === 'AWS::Region') return ctx.settings.regions.length ? { texts: [...ctx.settings.regions], region: true } : undefined;
  const text = literal(v);
  // A parameter's default is only a default: the deployment may pass a key the map holds.
  return text !== undefined && parametersOf(v).length === 0 ? { texts: [text] } : undefined;
}

function missingEntry(ctx: RuleContext, mappings: MapNode | undefined, args: Node[]): { keys: string[]; why: string; region?: string } | undefined {
  const name = scalarString(args[0]);
  const top = keyTexts(ctx, args[1]!);
  const second = keyTexts(ctx, args[2]!);
  if (name === undefined || !top || !second || second.region) return undefined;
  const key = second.texts[0]!;
  const found = lookup(mappings, name);
  const map = asMap(found);
  if (found === null || (found && !map)) return undefined;
  if (!map) return { keys: [name, top.region ? 'AWS::Region' : top.texts[0]!, key], why: `the template has no mapping ${name}` };
  for (const t of top.texts) {
    const where = top.region ? { region: t } : {};
    const foundRow = lookup(map, t);
    const row = asMap(foundRow);
    if (foundRow === null || (foundRow && !row)) return undefined;
    if (!row) return { keys: [name, t, key], why: `mapping ${name} has no entry ${t}`, ...where };
    const cell = lookup(row, key);
    if (cell === null) return undefined;
    if (!cell) return { keys: [name, t, key], why: `mapping ${name}'s entry ${t} has no ${key}`, ...where };
  }
  return undefined;
}

/**
 * A mapping's entry by its key, compared as text as CloudFormation compares keys: null when that cannot be told
 * (a key of the map is a YAML number or boolean, whose spelling as text is not ours to guess), undefined when it is
 * not there. An entry that is not a mapping where one is looked in is not judged either.
 */
function lookup(map: MapNode | undefined, key: string): Node | undefined | null {
  if (!map) return undefined;
  if (map.pairs.some((p) => typeof p.key.value !== 'string')) return null;
  return valueOf(map, key);
}
