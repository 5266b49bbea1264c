import { locateNth } from '../cfn/refs.js';
import { partitionOfRegion } from '../data/regions.js';
import { forEachScalar } from '../document/walk.js';
import type { Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule, type RuleContext } from './types.js';

const meta = {
  id: 'VPCE3003',
  severity: 'warning',
  title: 'Hard-coded partition',
  why:
    'ARNs start with arn:aws: only in the commercial partition (arn:aws-cn: in China, arn:aws-us-gov: in GovCloud). ' +
    'In a template that deploys to more than one partition, or that uses ${AWS::Partition} elsewhere, a literal arn:aws: is a bug waiting for the first deployment outside it.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html#cfn-pseudo-param-partition',
  // Terraform: data.aws_partition's partition is "Identifier of the current partition (e.g., aws in AWS Commercial, aws-cn in AWS China)".
  terraform: {
    why:
      'ARNs start with arn:aws: only in the commercial partition (arn:aws-cn: in China, arn:aws-us-gov: in GovCloud). ' +
      'In a configuration applied in more than one partition, or outside the commercial one, a literal arn:aws: is wrong there; data.aws_partition.current.partition gives the partition of the provider\'s Region: arn:${data.aws_partition.current.partition}:….',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/partition',
  },
} as const;

const TYPES = new Set(['AWS::EC2::VPCEndpoint', 'AWS::EC2::VPCEndpointService', 'AWS::EC2::VPCEndpointServicePermissions']);
const NEEDLE = 'arn:aws:';

/** The hard-coded ARN prefix and the `${AWS::Partition}` form that replaces it. */
export type PartitionData = { replace: string; with: string };

export const hardCodedPartition: Rule<PartitionData> = {
  meta,
  check(ctx) {
    const reason = partitionVaries(ctx);
    if (!reason) return [];
    const out: Finding<PartitionData>[] = [];
    for (const resource of ctx.template.resources) {
      if (!resource.type || !TYPES.has(resource.type)) continue;
      forEachScalar(resource.properties ?? null, (s) => {
        if (typeof s.value !== 'string') return;
        let n = 0;
        for (let at = s.value.indexOf(NEEDLE); at >= 0; at = s.value.indexOf(NEEDLE, at + 1), n++) {
          out.push(
            finding(meta, s, `${resource.id}: arn:aws: is hard-coded but ${reason}; write arn:${ctx.words.partition}:${conditionNote(resource, [])}`, {
              resource,
              span: locateNth(ctx.template.text, s, NEEDLE, n),
              data: { replace: NEEDLE, with: 'arn:${AWS::Partition}:' },
            }),
          );
        }
      });
    }
    return out;
  },
};

/** Why the partition is not fixed for this template, or undefined when nothing says it varies. */
function partitionVaries(ctx: RuleContext): string | undefined {
  const partitions = new Set(ctx.settings.regions.map((r) => partitionOfRegion(r)?.id).filter(Boolean));
  if (partitions.size > 1) return `${ctx.words.deployed} deploys to regions in ${partitions.size} partitions (${[...partitions].join(', ')})`;
  const [only] = partitions;
  if (only && only !== 'aws') return `${ctx.words.deployed} deploys to the ${only} partition`;
  if (usesPartitionPseudo(ctx)) return 'the template uses ${AWS::Partition} elsewhere';
  return undefined;
}

/** A real use (`!Ref AWS::Partition`, `${AWS::Partition}` in a string), not a mention in a comment. */
function usesPartitionPseudo(ctx: RuleContext): boolean {
  return ctx.template.text.includes('AWS::Partition') && usesIn(ctx.template.root, undefined, new Set());
}

// Stops at the first use; no paths are built (this walks the whole template on every lint).
function usesIn(node: Node | null, key: string | undefined, seen: Set<Node>): boolean {
  if (!node || seen.has(node)) return false;
  seen.add(node);
  if (node.kind === 'scalar') return typeof node.value === 'string' && ((node.value === 'AWS::Partition' && key === 'Ref') || node.value.includes('${AWS::Partition}'));
  if (node.kind === 'seq') return node.items.some((i) => usesIn(i, undefined, seen));
  return node.pairs.some((p) => usesIn(p.value, String(p.key.value), seen));
}
