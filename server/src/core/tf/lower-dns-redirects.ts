// What takes a VPC's DNS queries away from Route 53 Resolver's own answers, in Terraform: Resolver rules
// and their associations, DHCP options and their association, Route 53 Profile associations. Lowered to
// the CloudFormation types with the same properties, so cfn/network-resolver.ts and model/dns-redirects.ts
// give a configuration the answers they give a template (the centralised-endpoints pattern forwards
// `ssm.<region>.amazonaws.com` from the spokes to a hub's resolver; a directory's DHCP options hand the
// instances other DNS servers).
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_resolver_rule
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_resolver_rule_association
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_dhcp_options
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_dhcp_options_association
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53profiles_association

import { CFN } from './lower-resources.js';

export const DNS_REDIRECT_LOWERERS = {
  aws_route53_resolver_rule: CFN('AWS::Route53Resolver::ResolverRule', { domain_name: 'DomainName', rule_type: 'RuleType' }),
  aws_route53_resolver_rule_association: CFN('AWS::Route53Resolver::ResolverRuleAssociation', { resolver_rule_id: 'ResolverRuleId', vpc_id: 'VPCId' }),
  aws_vpc_dhcp_options: CFN('AWS::EC2::DHCPOptions', { domain_name_servers: 'DomainNameServers' }),
  aws_vpc_dhcp_options_association: CFN('AWS::EC2::VPCDHCPOptionsAssociation', { vpc_id: 'VpcId', dhcp_options_id: 'DhcpOptionsId' }),
  aws_route53profiles_association: CFN('AWS::Route53Profiles::ProfileAssociation', { profile_id: 'ProfileId', resource_id: 'ResourceId' }),
};

/** Types whose `.id` is a reference to the lowered resource (module.ts MODELLED). */
export const DNS_REDIRECT_TYPES = ['aws_route53_resolver_rule', 'aws_vpc_dhcp_options'];
