// Route 53 Resolver rules, DHCP options and Route 53 Profile associations in Terraform, read as the
// CloudFormation types with the same properties (tf/lower-dns-redirects.ts): the configuration gets the
// answers its CloudFormation twin gets (test/fixtures/real-cfn7). Before, Terraform ignored them: the
// spoke of the centralised-endpoints pattern was "blocked, no route" to ssm, a directory VPC "private".
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_resolver_rule_association
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_dhcp_options_association

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { traceText } from '../../../server/src/core/trace/api.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const fixtures = join(__dirname, '..', '..', 'fixtures');
const tf = () => checkTf(readFileSync(join(fixtures, 'tf', 'dns-redirects', 'main.tf'), 'utf8'));
const cfn = (file: string, from: string, to: string) => {
  const a = traceText(readFileSync(join(fixtures, 'real-cfn7', file), 'utf8'), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
};

test('Resolver rules and a Route 53 Profile: the configuration answers as its CloudFormation twin', () => {
  const c = tf();
  const pairs: [string, string, string, string][] = [
    ['aws_instance.spoke_app', 'SpokeApp', 'ssm', 'unknown'],
    ['aws_instance.app', 'App', 'ssm', 'private'],
    ['aws_instance.app', 'App', 'sqs', 'private'],
    ['aws_instance.app', 'App', 'logs', 'unknown'],
    ['aws_subnet.shared', 'SharedSubnet', 'sqs', 'unknown'],
    ['aws_subnet.profile', 'ProfileSubnet', 'ssm', 'unknown'],
  ];
  for (const [from, twin, to, verdict] of pairs) {
    const r = c.trace(from, to);
    assert.equal(r.verdict, verdict, `${from} → ${to}: ${r.summary}`);
    assert.equal(cfn('resolver-rules.yaml', twin, to).verdict, verdict, `${twin} → ${to}`);
  }
  // In Terraform's words: the rule's domain as written, the association's argument by its name.
  assert.equal(c.trace('aws_instance.spoke_app', 'ssm').summary, 'Resolver rule aws_route53_resolver_rule.ssm (ssm.${data.aws_region.current.name}.amazonaws.com), associated with aws_vpc.spoke, forwards the default ssm name to other DNS resolvers (its target addresses): they answer it, so where it resolves is known only at deploy time');
  assert.match(c.trace('aws_subnet.shared', 'sqs').summary, /aws_route53_resolver_rule_association\.shared's resolver_rule_id names a rule this configuration does not define \(rslvr-rr-0123456789abcdef0\)/);
  assert.equal(c.trace('aws_instance.spoke_app', 'ssm').hops.find((h) => h.kind === 'DNS')?.resource, 'aws_route53_resolver_rule_association.ssm');
});

test('DHCP options: other DNS servers make the answer theirs; AmazonProvidedDNS keeps the resolver\'s; "default" gives no server', () => {
  const c = tf();
  const corp = c.trace('aws_instance.corp_app', 'ssm');
  assert.equal(corp.verdict, 'unknown', corp.summary);
  assert.match(corp.summary, /^DHCP options aws_vpc_dhcp_options\.directory may give VPC aws_vpc\.corp DNS servers other than its resolver/);
  assert.equal(cfn('dhcp-dns-servers.yaml', 'CorpApp', 'ssm').verdict, 'unknown');
  assert.equal(c.trace('aws_instance.plain_app', 'ssm').verdict, 'private');
  assert.equal(cfn('dhcp-dns-servers.yaml', 'PlainApp', 'ssm').verdict, 'private');
  // dhcp_options_id = "default" associates no options: DHCP hands out no DNS server at all.
  const reset = c.trace('aws_subnet.reset', 'ssm');
  assert.equal(reset.verdict, 'unknown', reset.summary);
  assert.match(reset.summary, /dhcp_options_id is default: the VPC has no DHCP options, so its instances are given no DNS server/);
});
