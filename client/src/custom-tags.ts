// yaml.customTags entries for CloudFormation's short-form tags, and a merge that never drops what the user
// has. Pure (no vscode import) so it is unit-tested directly.
//
// The tag names come from the engine's own list, so a tag the engine learns is offered here too. Importing
// core from the client bends DESIGN's import rule; cfn-tags.ts is a leaf module with no imports, so the
// client bundle gains only that list.
import { cfnTagNames } from '../../server/src/core/document/cfn-tags';

type NodeKind = 'scalar' | 'sequence' | 'mapping';

// The YAML node kinds each function's argument takes. Arguments that may themselves be a long-form
// intrinsic ({"Fn::Sub": ...}) get 'mapping' too. A tag not listed here gets all three kinds.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
const KINDS: Record<string, NodeKind[]> = {
  '!Ref': ['scalar'],
  '!Condition': ['scalar'],
  '!RefAll': ['scalar'],
  '!GetAtt': ['scalar', 'sequence'],
  '!Sub': ['scalar', 'sequence'],
  '!Base64': ['scalar', 'mapping'],
  '!GetAZs': ['scalar', 'mapping'],
  '!ImportValue': ['scalar', 'mapping'],
  '!Transform': ['mapping'],
  '!Length': ['sequence', 'mapping'],
  '!ToJsonString': ['sequence', 'mapping'],
  '!And': ['sequence'],
  '!Or': ['sequence'],
  '!Not': ['sequence'],
  '!Equals': ['sequence'],
  '!If': ['sequence'],
  '!Cidr': ['sequence'],
  '!FindInMap': ['sequence'],
  '!Join': ['sequence'],
  '!Select': ['sequence'],
  '!Split': ['sequence'],
  '!Contains': ['sequence'],
  '!EachMemberEquals': ['sequence'],
  '!EachMemberIn': ['sequence'],
  '!ValueOf': ['sequence'],
  '!ValueOfAll': ['sequence'],
};

/** `!Ref scalar`, `!If sequence`, `!Sub scalar`, `!Sub sequence`, ... for every tag CloudFormation knows. */
export function cloudFormationCustomTags(tags: readonly string[] = cfnTagNames()): string[] {
  return tags.flatMap((tag) => (KINDS[tag] ?? ['scalar', 'sequence', 'mapping']).map((kind) => `${tag} ${kind}`));
}

/** `!Ref` and `!Ref scalar` mean the same to the YAML extension (scalar is its default kind). */
function normalise(entry: string): string {
  const [tag = '', kind = 'scalar'] = entry.trim().split(/\s+/);
  return `${tag} ${kind}`;
}

/**
 * Appends the wanted entries that `current` lacks. Existing entries (strings or not) keep their order and
 * spelling. An unset setting counts as empty; any other non-list value throws rather than be overwritten.
 */
export function mergeCustomTags(current: unknown, wanted: readonly string[]): { merged: unknown[]; added: string[] } {
  if (current !== undefined && current !== null && !Array.isArray(current)) {
    throw new Error('yaml.customTags is set but is not a list; fix it in settings.json first');
  }
  const existing: unknown[] = Array.isArray(current) ? [...current] : [];
  const have = new Set(existing.filter((e): e is string => typeof e === 'string').map(normalise));
  const added: string[] = [];
  for (const entry of wanted) {
    const key = normalise(entry);
    if (have.has(key)) continue;
    have.add(key);
    added.push(entry);
  }
  return { merged: [...existing, ...added], added };
}
