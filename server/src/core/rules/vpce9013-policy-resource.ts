import type { Finding } from '../findings.js';
import { hasPlaceholder, hasVariable, splitArn, statementsOf, textsOf } from '../policy/model.js';
import { contentSpan } from '../policy/spans.js';
import { isRegionShaped } from '../data/regions.js';
import { iam } from '../policy/iam.js';
import { policyLabel, policyNote, serviceSource } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9013',
  severity: 'warning',
  title: 'Resource ARN the endpoint cannot serve',
  why:
    'A Resource in an endpoint policy must be a well-formed ARN of the endpoint\'s own service, in the endpoint\'s region: an endpoint reaches its service in its own region only, ' +
    'so a statement about another service or region never applies.',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
} as const;

// The services whose ARNs a service's actions take (sts:AssumeRole names iam roles, ssm:SendCommand ec2 instances).
const arnServiceCache = new Map<string, Set<string>>();

function arnServices(prefix: string): Set<string> {
  let set = arnServiceCache.get(prefix);
  if (!set) {
    set = new Set([prefix, ...iam().arnServicesOf(prefix)]);
    arnServiceCache.set(prefix, set);
  }
  return set;
}

export const policyResource: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      const regions = doc.region ? [doc.region] : ctx.settings.regions;
      for (const st of statementsOf(doc.root)) {
        for (const { node, text } of [...textsOf(st.resource?.value, ctx.textOf), ...textsOf(st.notResource?.value, ctx.textOf)]) {
          if (!text || text === '*' || hasPlaceholder(text)) continue;
          const span = contentSpan(ctx.template.text, node, text);
          const parts = splitArn(text);
          if (parts[0] !== 'arn' || parts.length < 6) {
            if (!hasVariable(text)) out.push(finding(meta, node, `${policyLabel(doc)}: ${text} is not an ARN (arn:partition:service:region:account:resource) or "*"${policyNote(doc, st)}`, { resource: doc.resource, span }));
            continue;
          }
          const service = parts[2]!;
          const region = parts[3]!;
          const own = doc.service.prefix;
          if (own && (doc.service.how === 'endpoint' || doc.service.how === 'setting' || doc.service.how === 'file name') && !/[*?$]/.test(service) && !arnServices(own).has(service)) {
            out.push(finding(meta, node, `${policyLabel(doc)}: ${text} is a resource of ${service}, but ${serviceSource(doc)} is ${own}, whose actions never name it; the statement never applies to it${policyNote(doc, st)}`, { resource: doc.resource, span }));
            continue;
          }
          if (regions.length && isRegionShaped(region) && !regions.includes(region)) {
            out.push(finding(meta, node, `${policyLabel(doc)}: ${text} is in ${region}, but the endpoint is in ${regions.join(', ')}; an endpoint reaches resources of its own region only${policyNote(doc, st)}`, { resource: doc.resource, span }));
          }
        }
      }
    }
    return out;
  },
};
