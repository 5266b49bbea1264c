import type { Finding } from '../findings.js';
import { pairOf } from '../document/tree.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE3004',
  severity: 'error',
  title: 'Cross-Region endpoint that cannot be created',
  why:
    'ServiceRegion makes an interface endpoint reach its service in another Region of the same partition. ' +
    'It applies to interface endpoints only, must name a Region, and an AWS service is then named by its service Region’s name ' +
    '(com.amazonaws.us-west-2.ecr.api for us-west-2): an endpoint written otherwise fails to create. ' +
    'Where the template cannot know a value (a parameter, the provider’s region), the rule stays silent.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html',
} as const;

/** The model's judgement of each cross-Region endpoint (model/cross-region.ts), where it is certain. */
export const crossRegionImpossible: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const byId = new Map(ctx.endpoints().map((e) => [e.resource.id, e]));
    for (const e of ctx.network().judged().endpoints.values()) {
      const cfn = byId.get(e.id);
      const pair = cfn && pairOf(cfn.props, 'ServiceRegion');
      if (e.brokenBy !== 'cross-region' || !e.broken || !cfn || !pair) continue;
      out.push(finding(meta, pair.value ?? pair.key, `${e.id}: ${e.broken}${conditionNote(cfn.resource, [])}`, { resource: cfn.resource }));
    }
    return out;
  },
};
