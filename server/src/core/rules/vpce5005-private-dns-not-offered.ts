import { compatible } from '../cfn/refs.js';
import { citation, serviceByPattern, shortName } from '../data/catalogue.js';
import { refusesPrivateDns } from '../model/endpoint-type.js';
import { factBranches } from '../model/types.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { privateDnsEndpoints } from './private-dns.js';
import { finding, type Rule } from './types.js';
import type { MemberData } from './vpce5003-private-dns-off.js';
import { withDefaultsNote } from '../model/defaults-note.js';

const meta = {
  id: 'VPCE5005',
  severity: 'error',
  title: 'Private DNS on a service that has no private DNS name',
  why:
    'Some services offer interface endpoints but no private DNS name for them (DynamoDB, DynamoDB Streams, the AWS IoT Core data plane and credential provider): ' +
    'EC2 refuses such an endpoint with private DNS turned on ("Private DNS can\'t be enabled because the service … does not provide a private DNS name"), ' +
    'so the stack fails to create. Clients reach these endpoints by the endpoint-specific DNS names. ' +
    'The rule speaks only where the service catalogue records, from the service\'s own page, that the service has no private DNS.',
  docs: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/privatelink-interface-endpoints.html',
  // Terraform: private_dns_enabled and dns_entry on aws_vpc_endpoint.
  terraform: {
    why:
      'Some services offer interface endpoints but no private DNS name for them (DynamoDB, DynamoDB Streams, the AWS IoT Core data plane and credential provider): EC2 refuses such an aws_vpc_endpoint with private_dns_enabled = true ("Private DNS can\'t be enabled because the service … does not provide a private DNS name"), so the apply fails. ' +
      'Clients reach these endpoints by the endpoint-specific DNS names (its dns_entry). ' +
      'The rule speaks only where the service catalogue records, from the service\'s own page, that the service has no private DNS.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

export const privateDnsNotOffered: Rule<MemberData & { source?: string }> = {
  meta,
  check(ctx) {
    const out: Finding<MemberData & { source?: string }>[] = [];
    for (const p of privateDnsEndpoints(ctx)) {
      // Per branch of the service name that can hold with the branch that turns private DNS on.
      for (const s of factBranches(p.endpoint.service)) {
        if (!compatible(s.when, p.when)) continue;
        const info = serviceByPattern(s.value);
        if (!refusesPrivateDns(info)) continue;
        const when = [...new Set([...p.when, ...s.when])];
        const source = citation(info, 'privateDns');
        // A parameter's default decides it: the deployment can pass another value, and the message says which.
        const note = withDefaultsNote([p.endpoint.privateDns, p.endpoint.service].map((f) => (f.known ? f.fromDefault : undefined)));
        out.push(
          finding(
            meta,
            p.resource.key,
            `${p.endpoint.id}: ${shortName(info.pattern)} offers no private DNS name, so EC2 refuses this endpoint with ${ctx.words.set('PrivateDnsEnabled', 'true')}; ` +
              `set ${ctx.words.prop('PrivateDnsEnabled')} to false and have clients use the endpoint's own DNS names${note}${conditionNote(p.resource, when)}`,
            { resource: p.resource, span: p.at, data: { member: 'PrivateDnsEnabled', value: false, exists: true, ...(source ? { source } : {}) } },
          ),
        );
        break;
      }
    }
    return out;
  },
};
