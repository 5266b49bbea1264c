// Which subnets use a route table, through AWS::EC2::SubnetRouteTableAssociation.

import { refResource } from './refs.js';
import type { Resolver } from './resolve.js';
import { resourcesOfType, type Resource, type Template } from './template.js';
import { addToGroup } from '../util/group.js';

const cache = new WeakMap<Template, Map<string, Resource[]>>();

export function subnetsOfRouteTable(template: Template, values: Resolver, routeTable: Resource): Resource[] {
  let index = cache.get(template);
  if (!index) {
    index = new Map();
    for (const r of resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation')) {
      const table = refResource(template, values.prop(r.properties, 'RouteTableId'))?.id;
      const subnet = refResource(template, values.prop(r.properties, 'SubnetId'));
      if (table && subnet?.type === 'AWS::EC2::Subnet') addToGroup(index, table, subnet);
    }
    cache.set(template, index);
  }
  return index.get(routeTable.id) ?? [];
}
