import type { Finding } from '../findings.js';
import { asSeq, type Node } from '../document/tree.js';
import { ID_KIND_NAMES, ID_PROPERTIES, placeholderKind } from '../cfn/resource-ids.js';
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
} as const;

export const placeholderId: Rule = {
  meta,
  check(ctx) {
    // Terraform's values reach here lowered; its own words for ids are the Terraform adapter's to judge.
    if (ctx.words.format === 'terraform') return [];
    const out: Finding[] = [];
    for (const r of ctx.template.resources) {
      if (!r.type?.startsWith('AWS::') || !r.properties) continue;
      for (const pair of r.properties.pairs) {
        const key = String(pair.key.value);
        // Own keys only: a property named constructor or __proto__ is no id property.
        const kind = Object.hasOwn(ID_PROPERTIES, key) ? ID_PROPERTIES[key] : undefined;
        if (!kind || !pair.value) continue;
        const seq = asSeq(pair.value);
        for (const item of seq ? seq.items : [pair.value]) {
          // Only text written here: a parameter's default is the deployment's to replace.
          // (A tag we do not know, `!Reff VpcId`, is VPCE0003's: its text is no value.)
          if (item.kind !== 'scalar' || ctx.template.text[item.start] === '!') continue;
          const text = literal(ctx.values.value(item));
          if (text === undefined || !placeholderKind(text, kind)) continue;
          out.push(finding(meta, item, `${r.id}: ${pair.key.value} ${text} is not a ${ID_KIND_NAMES[kind]} id (${kind}- and 8 or 17 hexadecimal digits): a placeholder to replace before deploying`, { resource: r, span: contentOf(ctx.template.text, item, text) }));
        }
      }
    }
    return out;
  },
};

function contentOf(text: string, node: Node, value: string): { start: number; end: number } {
  const at = text.indexOf(value, node.start);
  return at >= 0 && at + value.length <= node.end ? { start: at, end: at + value.length } : { start: node.start, end: node.end };
}
