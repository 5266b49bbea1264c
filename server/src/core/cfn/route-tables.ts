// Which subnets use a route table, through AWS::EC2::SubnetRouteTableAssociation.

import { refResource } from './refs.js';
import type { Resolver } from './resolve.js';
import type { Resource, Template } from './template.js';

export function subnetsOfRouteTable(template: Template, values: Resolver, routeTable: Resource): Resource[] {
  const out: Resource[] = [];
  for (const r of template.resources) {
    if (r.type !== 'AWS::EC2::SubnetRouteTableAssociation') continue;
    if (refResource(template, values.prop(r.properties, 'RouteTableId'))?.id !== routeTable.id) continue;
    const subnet = refResource(template, values.prop(r.properties, 'SubnetId'));
    if (subnet?.type === 'AWS::EC2::Subnet') out.push(subnet);
  }
  return out;
}
