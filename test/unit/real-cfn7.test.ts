// Real public templates, seventh round (2026-12-02): each test carries one fact a published CloudFormation
// shape showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn7); the pattern it
// came from is named beside it. Every test fails on the code before its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../server/src/core/trace/api.js';
import { lintTemplate } from '../../server/src/core/engine.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn7', name), 'utf8');

function traced(file: string, from: string, to: string) {
  const a = traceText(fixture(file), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

// Centralised endpoints (AWS's "Centralized access to VPC private endpoints" pattern, aws-samples'
// hub-and-spoke templates): the spokes get a Route 53 Resolver forwarding rule for
// ssm.<region>.amazonaws.com whose targets are the hub's inbound resolver, which answers with the hub
// endpoint's addresses. We ignored Resolver rules: the spoke's ssm was "blocked: resolves to public
// addresses, no route". A rule associated with the VPC takes the names at or under its domain, the most
// specific rule deciding; it beats a private hosted zone of the same name (an endpoint's private DNS is
// one) and loses to a more specific zone; a SYSTEM rule keeps its names Resolver's.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-domain-name-matches.html
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-autodefined-rules.html
test('a Resolver rule associated with the VPC decides where the service name resolves: unknown, naming the rule', () => {
  const spoke = traced('resolver-rules.yaml', 'SpokeApp', 'ssm');
  assert.equal(spoke.verdict, 'unknown', spoke.summary);
  assert.equal(spoke.summary, 'Resolver rule SsmRule (ssm.${AWS::Region}.amazonaws.com), associated with SpokeVpc, forwards the default ssm name to other DNS resolvers (its target addresses): they answer it, so where it resolves is known only at deploy time');
  const dns = spoke.hops.find((h) => h.kind === 'DNS')!;
  assert.equal(dns.resource, 'SsmRuleAssoc');
  // A name no rule takes resolves as before: public, and the spoke has no way there.
  assert.equal(traced('resolver-rules.yaml', 'SpokeApp', 'sqs').summary, 'no route from SpokeSubnet to sqs');
  // amazonaws.com is forwarded, but the endpoint's private DNS zone (ssm.<region>.amazonaws.com) is more
  // specific: private. sqs is kept Resolver's by a SYSTEM rule: private. logs is forwarded: unknown.
  assert.equal(traced('resolver-rules.yaml', 'App', 'ssm').verdict, 'private');
  assert.equal(traced('resolver-rules.yaml', 'App', 'sqs').verdict, 'private');
  const logs = traced('resolver-rules.yaml', 'App', 'logs');
  assert.equal(logs.verdict, 'unknown', logs.summary);
  assert.match(logs.summary, /^Resolver rule AllAws \(amazonaws\.com\.\), associated with AppVpc, forwards the default logs name/);
  // A rule the template does not define (shared through AWS RAM) may take any name.
  const shared = traced('resolver-rules.yaml', 'SharedSubnet', 'sqs');
  assert.equal(shared.verdict, 'unknown', shared.summary);
  assert.match(shared.summary, /^Resolver rule association SharedRuleAssoc may decide how SharedVpc resolves names the template does not show \(.*parameter SharedRuleId.*\): the default sqs name may be one of them$/);
  // A Route 53 Profile (the newer way to share a hub's zones, rules and endpoints' private DNS) may answer any name.
  const profile = traced('resolver-rules.yaml', 'ProfileSubnet', 'ssm');
  assert.equal(profile.verdict, 'unknown', profile.summary);
  assert.match(profile.summary, /^Route 53 Profile association ProfileDns may decide how ProfileVpc resolves names the template does not show \(the Route 53 Profile ProfileDns associates may hold/);
});

// Directory-integrated VPCs (Active Directory landing zones) hand their instances the directory's DNS
// servers with AWS::EC2::DHCPOptions. Those servers, not the VPC's resolver, answer the service's name:
// the endpoint's private DNS is seen only if they forward to the resolver. We called such a path private.
// https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html
test('DHCP options with other DNS servers make the name\'s answer theirs: unknown, naming the options', () => {
  const corp = traced('dhcp-dns-servers.yaml', 'CorpApp', 'ssm');
  assert.equal(corp.verdict, 'unknown', corp.summary);
  assert.equal(corp.summary, 'DHCP options DirectoryDns may give VPC CorpVpc DNS servers other than its resolver: they, not Route 53 Resolver, answer the default ssm name, so where it resolves is known only at deploy time');
  assert.equal(corp.hops.find((h) => h.kind === 'DNS')?.resource, 'CorpDhcp');
  // AmazonProvidedDNS is the VPC's resolver: the endpoint's private DNS answers.
  assert.equal(traced('dhcp-dns-servers.yaml', 'PlainApp', 'ssm').verdict, 'private');
});

// Templates that make a second zone optional list an endpoint's subnets as
// [SubnetA, !If [Both, SubnetB, AWS::NoValue]]. With the condition undecided (a parameter without a
// default), we traced SubnetB's client to SubnetA's interface as if SubnetB were surely not the
// endpoint's: "blocked by SubnetA's network ACL" and "traffic crosses zones", though with Both the
// interface is in the client's own subnet, where no network ACL is met
// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html). The answer is now unknown,
// naming the condition; each deployment keeps its own verdict.
test('an endpoint subnet under an undecided condition: a known subnet elsewhere does not decide', () => {
  const r = traced('endpoint-subnet-condition.yaml', 'App', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(r.summary, "the network ACL of endpoint subnet SubnetA drops inbound HTTPS, but Ssm's subnets are not all known (Ssm's SubnetIds depends on condition Both, which this deployment does not decide): the interface in SubnetB's zone may be in another subnet");
  assert.ok(!r.hops.some((h) => h.kind === 'Availability Zone'), 'no zone note resting on one branch');
  assert.deepEqual(r.branches?.map((b) => `${JSON.stringify(b.when)} ${b.verdict}`), ['{} unknown', '{"Both":true} private', '{"Both":false} blocked']);
});

// VPCE5003 says an endpoint without private DNS is not used by clients of the default name. Where a
// Resolver rule of the VPC forwards that name, the resolvers it names decide (they may well answer with
// this endpoint's addresses): the finding, like the trace, does not claim what it cannot know.
test('VPCE5003 is silent where a Resolver rule takes the service name, and speaks where nothing does', () => {
  const found = lintTemplate(fixture('private-dns-off-forwarded.yaml'), { regions: ['us-east-1'] }).findings.filter((f) => f.ruleId === 'VPCE5003');
  assert.deepEqual(found.map((f) => f.resource), ['Logs']);
});
