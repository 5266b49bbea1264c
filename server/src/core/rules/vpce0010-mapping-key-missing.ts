import type { Finding } from '../findings.js';
import { asMap, asSeq, type MapNode, type Node } from '../document/tree.js';
import { declaredNames } from '../cfn/names.js';
import { LANGUAGE_EXTENSIONS, templateTransforms } from '../cfn/transforms.js';
import { missingWords } from '../cfn/find-in-map.js';
import { finding, type Rule, type RuleContext } from './types.js';

// A lookup that finds nothing fails the stack operation (cfn/find-in-map.ts cites the pages; cfn-lint's E1011 is
// the peer). The resolver decides what each lookup reads (Resolver.lookup); this rule says where it finds nothing.
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
  noTerraform: 'Terraform has no Fn::FindInMap or Mappings section.',
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
        const missing = missingEntry(ctx, node);
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

/**
 * The first read that finds nothing, of the resolver's reads (cfn/find-in-map.ts): a key every deployment gives
 * (written as text, or AWS::Region in each Region named); none after one the template does not decide.
 */
function missingEntry(ctx: RuleContext, node: MapNode): { keys: string[]; why: string; region?: string } | undefined {
  const lookup = ctx.values.lookup(node);
  // A parameter's default is only a default: the deployment may pass a key the map holds. Without a Region named,
  // a region map's reads are its own entries: which Regions the stack deploys to is not known.
  if (!lookup || lookup.byParameter || lookup.regions === 'entries') return undefined;
  for (const read of lookup.reads) {
    if ('undecided' in read) return undefined;
    if (!('missing' in read)) continue;
    const [name, , second] = lookup.keys;
    const why = missingWords(lookup.keys, read);
    if (read.missing === 'mapping') return { keys: lookup.keys, why };
    return { keys: [name, read.top, read.second ?? second], why, ...(read.region ? { region: read.region } : {}) };
  }
  return undefined;
}
