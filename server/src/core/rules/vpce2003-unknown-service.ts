import { isNameForm, serviceByPattern, suggestService } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE2003',
  severity: 'warning',
  title: 'Unknown AWS endpoint service',
  why:
    'An endpoint to a service name AWS does not offer fails to create. Some names are not what one would guess: ' +
    'SageMaker notebooks are aws.sagemaker.<region>.notebook, not com.amazonaws.<region>.notebook.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
  // Terraform: aws_vpc_endpoint's page names the SageMaker notebook exception to com.amazonaws.<region>.<service> too.
  terraform: {
    why:
      'An aws_vpc_endpoint whose service_name AWS does not offer fails to create at apply. ' +
      'Some names are not what one would guess: SageMaker notebooks are aws.sagemaker.<region>.notebook, not com.amazonaws.<region>.notebook.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

// Only names in AWS's own namespaces are judged; a provider's endpoint service (vpce-svc-…) is not ours to know.
const AWS_NAMESPACE = /^(com\.amazonaws|aws)\./;
// Spaces between words, not a block scalar's line break at the end (`!Sub |`), which is another question.
const PLACEHOLDER = /[<>]|\S\s+\S/;

/** The service names the author most likely meant (each one a quick fix). */
export type UnknownServiceData = { suggestions: string[] };

// Names people write that are not endpoint names, with the endpoints they usually mean.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-interface-VPC.html (monitoring)
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html (logs)
// https://docs.aws.amazon.com/general/latest/gr/ecr.html (ecr: a PrivateLink endpoint takes api.ecr's calls; Docker's go to ecr.dkr)
const MEANT: Record<string, string[]> = {
  cloudwatch: ['monitoring', 'logs'],
  ecr: ['ecr.api', 'ecr.dkr'],
  'cloudwatch-logs': ['logs'],
  cloudwatchlogs: ['logs'],
};

export const unknownService: Rule<UnknownServiceData> = {
  meta,
  check(ctx) {
    const out: Finding<UnknownServiceData>[] = [];
    for (const e of ctx.endpoints()) {
      if (!e.serviceNode) continue;
      for (const s of e.services) {
        const name = s.value;
        if (name.unsubstituted) {
          const pseudo = /\$\{[^}]+\}/.exec(name.pattern)![0];
          // A CDK token's marker (any case: toLowerCase made it one CDK no longer resolves) is the app's doing.
          const why = /^\$\{token\[/i.test(pseudo)
            ? `${pseudo} is a CDK token whose text the app changed (a string method such as toLowerCase) before synthesis could resolve it, so CloudFormation gets it as written; pass the token unchanged, or build the text with Fn.join or Fn.sub`
            : `${pseudo} is substituted only inside Fn::Sub, so CloudFormation passes it as written; write it with !Sub`;
          out.push(finding(meta, e.serviceNode, `${e.resource.id}: ${name.pattern} is no service name: ${why}${conditionNote(e.resource, s.when)}`, { resource: e.resource }));
          continue;
        }
        // Text with spaces or angle brackets (`<use endpointServiceId from ... step>`, left from a published example)
        // is no service name of any owner: AWS's are dotted words, a provider's com.amazonaws.vpce.<region>.vpce-svc-<id>
        // (https://docs.aws.amazon.com/cdk/api/v1/dotnet/api/Amazon.CDK.AWS.EC2.IVpcEndpointService.html). A parameter's
        // default is the deployment's to replace.
        if (!name.fromParameter && PLACEHOLDER.test(name.pattern)) {
          out.push(finding(meta, e.serviceNode, `${e.resource.id}: ${name.pattern.replace('{region}', name.literalRegion?.region ?? ctx.words.region)} is no endpoint service name: a placeholder to replace before deploying${conditionNote(e.resource, s.when)}`, { resource: e.resource }));
          continue;
        }
        if (name.info || name.isCustom || !AWS_NAMESPACE.test(name.pattern)) continue;
        const region = name.literalRegion?.region ?? ctx.words.region;
        const shown = name.pattern.replace('{region}', region);
        const last = name.pattern.split('.').pop() ?? '';
        const meant = MEANT[last]?.map((m) => name.pattern.slice(0, -last.length) + m);
        const patterns = meant ?? [suggestService(name.pattern)?.pattern].filter((p): p is string => Boolean(p));
        const texts = patterns.map((p) => p.replace('{region}', region));
        const hint = texts.length ? `; did you mean ${texts.join(' or ')}?` : '';
        // A name form (`…timestream.ingest-{cell}`) is said, not written in: its placeholder is the author's to fill.
        const fixes = texts.filter((_t, i) => !isNameForm(serviceByPattern(patterns[i]!)!));
        out.push(finding(meta, e.serviceNode, `${e.resource.id}: ${shown} is not a known AWS endpoint service${hint}${conditionNote(e.resource, s.when)}`, { resource: e.resource, data: fixes.length ? { suggestions: fixes } : undefined }));
      }
    }
    return out;
  },
};
