// The endpoint service catalogue: which AWS services a VPC endpoint can reach, with which endpoint
// types and features. Compiled by hand from the AWS PrivateLink documentation, each fact citing its
// page (services.json, SERVICES.md says how to refresh it).

import data from './services.json';
import { isRegionShaped, partitionOfRegion } from './regions.js';
import { closest } from '../util/suggest.js';

export type EndpointKind = 'Gateway' | 'Interface';

export interface ServiceInfo {
  pattern: string;
  title: string;
  types: EndpointKind[];
  policy: boolean | null;
  privateDns: boolean | null;
  ipv6: Partial<Record<EndpointKind, boolean | null>>;
  /**
   * true: on AWS's list of services an interface endpoint reaches in another Region (ServiceRegion).
   * Absent: not on that list when the catalogue was compiled (a service may join it later).
   */
  crossRegion?: true;
  /**
   * The TCP ports the service's interface endpoint serves, where its page names ports other than HTTPS's
   * (SES's SMTP interface, Keyspaces' CQL). Absent: HTTPS, 443, as for every AWS service API.
   */
  ports?: number[];
  cite: Record<string, string>;
}

/** What a `ServiceName` says, once its region is set aside. */
export interface ServiceName {
  /** The name with its region written as `{region}`, as catalogue patterns are. */
  pattern: string;
  /** The region the name hard-codes, with its offset inside the name; undefined for `${AWS::Region}`. */
  literalRegion?: { region: string; index: number };
  info: ServiceInfo | undefined;
  /** A provider's endpoint service (`com.amazonaws.vpce.<region>.vpce-svc-…`), not an AWS service. */
  isCustom: boolean;
  /** The name is a parameter's default, which a deployment may override. */
  fromParameter?: string;
  /** The name holds `${…}` outside Fn::Sub: CloudFormation passes it as written (`pattern` is that text). */
  unsubstituted?: true;
}

const services: ServiceInfo[] = (data.services as unknown as ServiceInfo[]).map((s) => ({ ...s, types: [...s.types] }));
const byPattern = new Map(services.map((s) => [s.pattern, s]));
// Names AWS makes per resource or cell: `…dsql-{cluster}` (an Aurora DSQL cluster's connection endpoint),
// `…timestream.ingest-{cell}` (the Timestream cell an account is mapped to). A placeholder other than
// {region} stands for one run of lower-case letters and digits; an exact entry always wins.
const families = services
  .filter((s) => /\{(?!region\})[a-z]+\}/.test(s.pattern))
  .map((s) => ({ info: s, re: new RegExp(`^${s.pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(?!region\})[a-z]+\}/g, '[a-z0-9]+')}$`) }));

function lookup(pattern: string): ServiceInfo | undefined {
  return byPattern.get(pattern) ?? families.find((f) => f.re.test(pattern))?.info;
}
const sources: Record<string, string> = data.sources;

export function citation(info: ServiceInfo, fact: string): string | undefined {
  const key = info.cite[fact];
  return key ? sources[key] : undefined;
}

export function allServices(): readonly ServiceInfo[] {
  return services;
}

/** The short name users know a service by: `com.amazonaws.{region}.ssm` → `ssm`. */
export function shortName(pattern: string): string {
  return pattern.replace(/^com\.amazonaws\.(\{region\}\.)?/, '').replace('{region}.', '');
}

const HTTPS_ONLY: readonly number[] = [443];

/** The TCP ports an AWS service's interface endpoint serves (its pattern, `{region}` for the region): 443 unless the catalogue names others. */
export function servicePorts(pattern: string): readonly number[] {
  return parseServiceName(pattern.replace('{region}', '${AWS::Region}'))?.info?.ports ?? HTTPS_ONLY;
}

/** Whether these ports are HTTPS's alone (the answer for every AWS service API, and what an HTTPS rule fixes). */
export function httpsOnly(ports: readonly number[]): boolean {
  return ports.length === 1 && ports[0] === 443;
}

/** How a message names the ports a service's endpoint is reached on: `TCP 443`, or `TCP on any of email-smtp's ports (25, 465, …)`. */
export function portsText(pattern: string, ports: readonly number[] = servicePorts(pattern)): string {
  return httpsOnly(ports) ? 'TCP 443' : `TCP on any of ${shortName(pattern)}'s ports (${ports.join(', ')})`;
}

/**
 * Reads a service name whose region is either `${AWS::Region}` or a literal. Returns undefined when
 * the text has no recognisable shape (then nobody should judge it).
 */
export function parseServiceName(text: string): ServiceName | undefined {
  // The same few names are read for every endpoint on every keystroke: each is parsed once.
  const kept = parsedNames.get(text);
  if (kept !== undefined || parsedNames.has(text)) return kept;
  if (parsedNames.size >= 4096) parsedNames.clear();
  const parsed = parseUncached(text);
  if (parsed) Object.freeze(parsed.literalRegion);
  parsedNames.set(text, parsed && Object.freeze(parsed));
  return parsed;
}

const parsedNames = new Map<string, ServiceName | undefined>();

function parseUncached(text: string): ServiceName | undefined {
  const isCustom = /(^|\.)vpce-svc-[0-9a-f]+$/.test(text) || text.startsWith('com.amazonaws.vpce.');
  const segments = text.split('.');
  let literalRegion: ServiceName['literalRegion'];
  let index = 0;
  const normalised = segments.map((seg) => {
    const at = index;
    index += seg.length + 1;
    if (seg === '${AWS::Region}') return '{region}';
    if (!literalRegion && isRegionShaped(seg)) {
      literalRegion = { region: seg, index: at };
      return '{region}';
    }
    return seg;
  });
  // A few names carry a fixed region in AWS's own list (Route 53 Global Resolver): those are exact.
  const exact = byPattern.get(text);
  if (exact) return { pattern: text, literalRegion: undefined, info: exact, isCustom: false };
  const pattern = normalised.join('.');
  if (pattern.includes('${')) return undefined;
  // The China Regions name many AWS services cn.com.amazonaws.<region>.<service> (ecr.api, ssm, ec2…):
  // the same service as com.amazonaws.<region>.<service> elsewhere. Only a known service is read so.
  // https://github.com/aws/aws-cdk/issues/11140 (describe-vpc-endpoint-services in cn-north-1)
  const china = pattern.startsWith('cn.com.amazonaws.') && (!literalRegion || partitionOfRegion(literalRegion.region)?.id === 'aws-cn') ? lookup(pattern.slice(3)) : undefined;
  // A family member keeps its own name (two DSQL clusters are two services), with the family's facts.
  if (china) return { pattern: pattern.slice(3), literalRegion, info: china, isCustom };
  return { pattern, literalRegion, info: lookup(pattern), isCustom };
}

/** The catalogue entry of a pattern (`com.amazonaws.{region}.sqs`, `…dsql-abcd`); undefined for a provider's service or an unknown one. */
export function serviceByPattern(pattern: string): ServiceInfo | undefined {
  return lookup(pattern);
}

/** A family's own pattern (`…dsql-{cluster}`) is a form, not a name a template can use (completion leaves it out). */
export function isNameForm(info: ServiceInfo): boolean {
  return families.some((f) => f.info === info);
}

/** The catalogue entry a misspelt or misplaced service name most likely meant. */
export function suggestService(pattern: string): ServiceInfo | undefined {
  const last = pattern.split('.').pop() ?? '';
  // Same last word under another prefix: com.amazonaws.{region}.notebook → aws.sagemaker.{region}.notebook.
  const sameTail = services.filter((s) => s.pattern.endsWith(`.${last}`));
  if (sameTail.length === 1) return sameTail[0];
  const best = closest(pattern, services.map((s) => s.pattern));
  return best ? byPattern.get(best) : undefined;
}
