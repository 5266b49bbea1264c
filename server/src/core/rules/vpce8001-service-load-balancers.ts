import { resourcesOfType } from '../cfn/template.js';
import { pairOf } from '../document/tree.js';
import { branches } from '../cfn/values.js';
import { compatible } from '../cfn/refs.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE8001',
  severity: 'error',
  title: 'Endpoint service needs exactly one kind of load balancer',
  why: 'An endpoint service fronts either Network Load Balancers or Gateway Load Balancers: with both, or with neither, it fails to create.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpointservice.html',
  // Terraform: aws_vpc_endpoint_service's network_load_balancer_arns and gateway_load_balancer_arns.
  terraform: {
    why:
      'An aws_vpc_endpoint_service fronts either Network Load Balancers (network_load_balancer_arns) or Gateway Load Balancers (gateway_load_balancer_arns): with both, or with neither, it is not created.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_service',
  },
} as const;

export const serviceLoadBalancers: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const r of resourcesOfType(ctx.template, 'AWS::EC2::VPCEndpointService')) {
      if (r.propertiesKey && !r.properties) continue;
      const nlb = pairOf(r.properties, 'NetworkLoadBalancerArns');
      const gwlb = pairOf(r.properties, 'GatewayLoadBalancerArns');
      // With Fn::If, each branch may set one list and AWS::NoValue the other: judge branch by branch.
      // An empty list names no load balancer: it is as good as absent.
      const present = (p: typeof nlb) => (p ? branches(ctx.values.value(p.value)).map((b) => ({ on: b.value.kind !== 'absent' && !(b.value.kind === 'list' && b.value.items.length === 0), when: b.when })) : [{ on: false, when: [] }]);
      const pairs = present(nlb).flatMap((a) => present(gwlb).filter((b) => compatible(a.when, b.when, ctx.template)).map((b) => [a.on, b.on]));
      if (pairs.some(([a, b]) => a && b) && gwlb) {
        out.push(finding(meta, gwlb.key, `${r.id}: an endpoint service takes ${ctx.words.prop('NetworkLoadBalancerArns')} or ${ctx.words.prop('GatewayLoadBalancerArns')}, not both${conditionNote(r, [])}`, { resource: r }));
      } else if (pairs.some(([a, b]) => !a && !b)) {
        out.push(finding(meta, r.propertiesKey ?? r.key, `${r.id}: an endpoint service needs ${ctx.words.prop('NetworkLoadBalancerArns')} or ${ctx.words.prop('GatewayLoadBalancerArns')}${conditionNote(r, [])}`, { resource: r }));
      }
    }
    return out;
  },
};
