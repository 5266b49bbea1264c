import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { DEFAULT_REGION, hardCodedRegions, PROVIDER_ALIAS, type HardCodedRegion } from './region-in-service-name.js';
import { pairOf } from '../document/tree.js';
import { locate } from '../cfn/refs.js';
import { foreignEntries } from './region-map-entries.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE3001',
  severity: 'error',
  title: 'Service name in another region than the stack',
  why:
    'A VPC endpoint reaches a service in its own region only (unless ServiceRegion makes it cross-Region): a service name hard-coding another region fails to create in this stack. ' +
    'A region map read with !FindInMap [Map, !Ref AWS::Region, Key] is judged entry by entry, with or without a region named: an entry whose value names another region than its key gives every stack in the key\'s region that other region\'s service. The finding is on the entry, fixed by writing its key\'s region there (a mapping cannot hold ${AWS::Region}).',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
  // Terraform: an endpoint is created in its AWS provider's Region; service_region is aws_vpc_endpoint's cross-Region argument.
  terraform: {
    why:
      'A VPC endpoint reaches a service in its own Region only (unless service_region makes it cross-Region): a service_name hard-coding another Region than the one the aws_vpc_endpoint is created in (its AWS provider\'s region, or the regions you name) fails to create at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

/** The hard-coded region in the string and what replaces it. */
export type RegionData = { region: string; replacement: string };

export const regionMismatch: Rule<RegionData> = {
  meta,
  check(ctx) {
    const regions = ctx.settings.regions;
    const out: Finding<RegionData>[] = [];
    for (const h of hardCodedRegions(ctx)) {
      // A Terraform provider's region is where the endpoint is, whatever the settings say. No quick
      // fix: the configuration's region (data.aws_region.current) is not an aliased provider's.
      if (h.deployedIn !== undefined) {
        if (h.deployedIn !== h.region) out.push(finding(meta, h.endpoint.serviceNode!, `${h.endpoint.resource.id}: the service name hard-codes ${h.region} but the endpoint is created in ${h.deployedIn} (${setBy(ctx.template.text, h)}); an endpoint reaches its own region's service, unless service_region makes it cross-Region${conditionNote(h.endpoint.resource, h.when)}`, { resource: h.endpoint.resource, span: h.span }));
        continue;
      }
      if (regions.length === 0) continue;
      // A name under a condition that cannot hold in a region (`!Equals [!Ref AWS::Region, us-east-1]`) is not deployed there.
      const others = regions.filter((r) => r !== h.region && h.possibleIn(r));
      if (others.length === 0) continue;
      const where = regions.length === 1 ? `${ctx.words.deployed} deploys to ${regions[0]}` : `${ctx.words.deployed} deploys to ${regions.join(', ')} and the name fits only ${regions.includes(h.region) ? h.region : 'none of them'}`;
      out.push(
        finding(meta, h.endpoint.serviceNode!, `${h.endpoint.resource.id}: the service name hard-codes ${h.region} but ${where}; use ${ctx.words.regionAdvice}${conditionNote(h.endpoint.resource, h.when)}`, {
          resource: h.endpoint.resource,
          span: h.span,
          data: { region: h.region, replacement: '${AWS::Region}' },
        }),
      );
    }
    // A Region's mapping entry naming another Region's service: every stack in the entry's Region (among those
    // named, when the user names them) reads it. Its fix is the entry's own key, not ${AWS::Region}, which a
    // mapping cannot hold (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html).
    // It holds in that Region's stacks only, and says so as a condition's finding does ("only when").
    for (const f of foreignEntries(ctx)) {
      const [name, , second] = f.lookup.keys;
      const mapping = `mapping ${name}'s entry ${f.region}`;
      const only = `(only when the stack deploys to ${f.region}`;
      const note = conditionNote(f.endpoint.resource, f.when).replace(' (only when', ` ${only} and`) || ` ${only})`;
      out.push(
        finding(meta, f.entry, `${f.endpoint.resource.id}: the service name is ${f.text}, ${mapping}'s ${second}, which names ${f.names}; an endpoint reaches its own region's service (unless ServiceRegion makes it cross-Region): write ${f.region} in the entry${note}`, {
          resource: f.endpoint.resource,
          span: locate(ctx.template.text, f.entry, f.names),
          related: [related(f.key, `the entry's key: a stack in ${f.region} reads this entry`), related(f.at, `${f.endpoint.resource.id}'s service name reads it`)],
          data: { region: f.names, replacement: f.region },
        }),
      );
    }
    // Terraform: an endpoint of an aliased provider (or with its own region) whose service name takes the
    // default provider's region (`data.aws_region.current`) is another region's service (the model's
    // region check, cfn/network.ts; the trace says it cannot be created). Not fixable by a region literal.
    const named = new Set(out.map((f) => f.resource));
    const byId = new Map(ctx.endpoints().map((e) => [e.resource.id, e]));
    for (const e of ctx.network().judged().endpoints.values()) {
      const cfn = byId.get(e.id);
      if (e.brokenBy !== 'region' || !e.broken || named.has(e.id) || !cfn?.serviceNode || !pairOf(cfn.props, DEFAULT_REGION) || cfn.services.some((x) => x.value.literalRegion)) continue;
      out.push(finding(meta, cfn.serviceNode, `${e.id}: ${e.broken.replace(/^its service name is for (\S+)/, "its service name's region is the default provider's ($1)")}; use the region of the endpoint's own provider (a data "aws_region" with the same provider)`, { resource: cfn.resource }));
    }
    return out;
  },
};

/** What says where the endpoint is: its provider, or its own `region` argument (AWS provider 6). */
function setBy(text: string, h: HardCodedRegion): string {
  const set = pairOf(h.endpoint.props, PROVIDER_ALIAS)?.key;
  if (set && text.slice(set.start, set.end) === 'region') return 'its region argument';
  return `the region of its provider${h.aliased ? '' : ' configuration'}`;
}
