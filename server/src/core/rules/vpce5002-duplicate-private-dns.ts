import { compatible } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import { privateDnsTwins } from '../model/private-dns-twins.js';
import { branchConditions } from '../model/types.js';
import { conditionsNote, mergedAlternatives } from './conditions.js';
import { privateDnsEndpoints, type PrivateDnsEndpoint } from './private-dns.js';
import { nameRegionKey } from '../model/name-region.js';
import { vpcName } from '../model/vpc-identity.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE5002',
  severity: 'error',
  title: 'Two endpoints with private DNS for one service in one VPC',
  why: 'Private DNS gives the service\'s public name to one endpoint per VPC: a second interface endpoint for the same service with private DNS on fails to create, because the private hosted zone already exists.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
  // Terraform: private_dns_enabled on aws_vpc_endpoint.
  terraform: {
    why:
      'Private DNS gives the service\'s public name to one endpoint per VPC: a second Interface aws_vpc_endpoint for the same service in the same vpc_id with private_dns_enabled = true fails to create at apply, because the private hosted zone already exists.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

// Which endpoint cannot be created is the model's answer (model/private-dns-twins.ts), the one the trace reads.
export const duplicatePrivateDns: Rule = {
  meta,
  check(ctx) {
    const on = privateDnsEndpoints(ctx);
    return privateDnsTwins(on, (a, b) => compatible(a, b, ctx.template)).map(({ twin, earlier, branches }) => {
      const p = twin as PrivateDnsEndpoint;
      const first = earlier as PrivateDnsEndpoint;
      const service = (p.endpoint.service as { value: string }).value;
      // Both exist with private DNS on only where both endpoints' conditions hold: the earlier one's are said too.
      const own = p.resource.condition ? [p.resource.condition] : [];
      const when = mergedAlternatives(branches.map((o) => [...branchConditions(o), ...p.when].filter((c) => !own.includes(c))));
      const region = nameRegionKey(p.endpoint) ? ` (both named for whatever Region ${p.endpoint.nameRegion!.decides} names)` : '';
      return finding(meta, p.resource.key, `${p.resource.id}: ${first.resource.id} already has private DNS for ${shortName(service)}${region} in ${vpcName(p.vpc!)}; only one endpoint per service and VPC can have private DNS${conditionsNote(p.resource, when)}`, {
        resource: p.resource,
        span: p.at,
        related: [{ ...first.at, message: `${first.resource.id} turns private DNS on here` }],
      });
    });
  },
};
