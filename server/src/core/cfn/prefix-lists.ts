// Customer-managed prefix lists the template creates (AWS::EC2::PrefixList): their entries, where the
// template writes them literally, are the addresses a route's DestinationPrefixListId or a security-group
// rule's SourcePrefixListId / DestinationPrefixListId stands for. AWS-managed lists (pl-… of
// com.amazonaws.<region>.s3) and lists outside the template keep their entries unknown.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-prefixlist.html
// https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html

import { valueOf } from '../document/tree.js';
import { parseIpv4Cidr } from '../util/cidr.js';
import { resourcesOfType } from './template.js';
import { literal, withPseudos, type Value } from './values.js';
import { parseServiceName } from '../data/catalogue.js';
import { regionOpen } from './endpoints.js';
import { keySpan, spanOf } from './facts.js';
import type { Adapter } from './network.js';
import type { PrefixList } from '../model/types.js';

/** Reads every AWS::EC2::PrefixList of the deployment into the model, before routes and groups read them. */
export function readPrefixLists(a: Adapter): void {
  for (const r of resourcesOfType(a.template, 'AWS::EC2::PrefixList')) {
    const state = a.state(r);
    if (state === 'absent') continue;
    const list: PrefixList = { id: r.id, at: keySpan(r), entries: [], complete: true };
    const entries = a.values.prop(r.properties, 'Entries');
    if (state.maybe) Object.assign(list, { complete: false, why: `${r.id} exists only when condition ${state.maybe} is true, which the deployment does not decide` });
    else if (entries.kind === 'list') {
      for (const item of entries.items) {
        if (item.kind === 'absent') continue;
        const cidr = item.kind === 'map' ? a.values.value(valueOf(item.node, 'Cidr') ?? null) : undefined;
        const text = cidr ? literal(cidr) : undefined;
        if (text === undefined) {
          Object.assign(list, { complete: false, why: `an entry of ${r.id} is known only at deploy time` });
          break;
        }
        const range = parseIpv4Cidr(text);
        list.entries.push(range ? { text, range, at: spanOf(cidr!.node) } : { text, at: spanOf(cidr!.node) });
      }
    } else if (entries.kind !== 'absent') Object.assign(list, { complete: false, why: entries.kind === 'unknown' ? entries.why : `the entries of ${r.id} are known only at deploy time` });
    a.model.prefixLists.set(r.id, list);
  }
}

/** The template prefix list a value names (`!Ref List`, `!GetAtt List.PrefixListId`), with all its entries known. */
export function knownPrefixList(a: Adapter, v: Value): PrefixList | undefined {
  if (v.kind !== 'ref' || (v.attr !== undefined && v.attr !== 'PrefixListId')) return undefined;
  const list = a.model.prefixLists.get(v.target);
  return list?.complete ? list : undefined;
}

/**
 * The AWS service whose AWS-managed prefix list a value is, when the configuration looks the list up by
 * the service's name (Terraform's data "aws_prefix_list" with `name = "com.amazonaws.<region>.s3"`,
 * lowered to Fn::ManagedPrefixList [name, address]). A customer-managed list's name cannot begin with
 * com.amazonaws, so such a name is AWS's list of that service, the one a gateway endpoint's rules name:
 * the IPv4 ranges of the service in the lookup's Region (a name of another Region finds no list and
 * fails the plan).
 * https://docs.amazonaws.cn/AWSEC2/latest/APIReference/API_CreateManagedPrefixList.html (PrefixListName)
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/prefix_list
 * Only the services with gateway endpoints (S3, DynamoDB) are judged: theirs are the lists a gateway
 * endpoint's routes and rules use.
 */
export function managedPrefixListOf(a: Adapter, v: Value): { service: string; by: string } | undefined {
  if (v.kind !== 'unknown' || v.node?.kind !== 'map' || v.node.pairs.length !== 1 || v.node.pairs[0]!.key.value !== 'Fn::ManagedPrefixList') return undefined;
  const args = v.node.pairs[0]!.value;
  if (args?.kind !== 'seq' || args.items.length !== 2) return undefined;
  const name = a.values.value(args.items[0]!);
  const text = withPseudos(name);
  const by = literal(a.values.value(args.items[1]!));
  // A name whose one unknown is its Region (`com.amazonaws.${var.aws_region}.s3`) is that service's list all the
  // same: a lookup of another Region's name finds none, so any plan that succeeds read the lookup Region's.
  const parsed = text === undefined ? regionOpen(name) : parseServiceName(text);
  if (!parsed?.info || parsed.isCustom || !parsed.info.types.includes('Gateway') || by === undefined) return undefined;
  return { service: parsed.info.pattern, by };
}
