// Gaps the 2026-12-02 CloudFormation audit left open (docs/audit.md), each closed with a test that
// failed before: YAML merge keys and aliases, SAM Globals, customer-managed prefix lists, IPv6 network
// ACL entries, Fn::FindInMap on deploy-time keys, policies resting on parameter defaults and the 2008
// policy language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { analyze } from '../../../server/src/core/analysis.js';
import { applyEdits } from '../../../server/src/core/fixes/edits.js';
import { parseText } from '../../../server/src/core/document/parse.js';
import { toPlain } from '../../../server/src/core/document/tree.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'audit', name), 'utf8');

function run(text: string, from: string, to: string): TraceResult {
  const answer = traceText(text, from, to);
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

const lint = (text: string) => lintTemplate(text, { regions: ['us-east-1'] }).findings;

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html: CloudFormation
// takes no aliases or hash merges; `aws cloudformation package` (aws/aws-cli#3827) and SAM expand them.
test('YAML merge keys are merged as PyYAML and `aws cloudformation package` merge them: the written key wins, the rule admits the VPC', () => {
  const text = fixture('yaml-merge-keys.yaml');
  const findings = lint(text);
  assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('VPCE1')).map((f) => f.message), [], 'no "<< is not a property" or missing IpProtocol');
  const r = run(text, 'Sub', 'ssm');
  assert.equal(r.verdict, 'private', r.summary);
  // The merged endpoint reads the anchor's properties and its own ServiceName.
  assert.equal(run(text, 'Sub', 'ssmmessages').verdict, 'private');
});

test('each alias and merge key gets one VPCE0006 warning where it is written; values from an anchor are reported where the anchor writes them', () => {
  const text = fixture('yaml-merge-keys.yaml');
  const findings = lint(text);
  const aliases = findings.filter((f) => f.ruleId === 'VPCE0006');
  assert.deepEqual(aliases.map((f) => [f.severity, text.slice(f.start, f.end)]), [['warning', '<<'], ['warning', '<<']]);
  assert.match(aliases[0]!.message, /aws cloudformation package/);
  // The hard-coded region of the anchored ServiceName: one finding per endpoint that uses it, at the anchor's text.
  const region = findings.filter((f) => f.ruleId === 'VPCE3002');
  assert.deepEqual(region.map((f) => text.slice(f.start, f.end)), ['us-east-1']);
  assert.equal(region[0]!.start, text.indexOf('com.amazonaws.us-east-1.ssm') + 'com.amazonaws.'.length);
  const plain = lint(text.replace('- <<: *https\n          CidrIp: 10.0.0.0/16', '- *https'));
  assert.deepEqual(plain.filter((f) => f.ruleId === 'VPCE0006').map((f) => text.slice(f.start, f.end).length), [6, 2]);
});

test('a merge key whose value is not a mapping is an error at that value, as PyYAML rejects it', () => {
  const text = fixture('yaml-merge-keys.yaml').replace('<<: *https', '<<: 443');
  const bad = lint(text).filter((f) => f.ruleId === 'VPCE0001');
  assert.equal(bad.length, 1);
  assert.equal(text.slice(bad[0]!.start, bad[0]!.end), '443');
  assert.match(bad[0]!.message, /merge key/);
  // PyYAML merges mapping nodes only: a tagged scalar (!Ref X) is none; a tagged mapping merges its pairs, untagged,
  // while aliases of it keep the tag.
  const scalar = parseText('a:\n  <<: !Ref X\n  b: 1\n');
  assert.deepEqual(scalar.problems.filter((p) => p.code === 'syntax').map((p) => p.start), [9]);
  const tagged = parseText('x: &t !Transform {Name: y}\na:\n  <<: *t\n  b: 1\nc: *t\n');
  assert.deepEqual(JSON.parse(JSON.stringify(toPlain(tagged.root))), { x: { 'Fn::Transform': { Name: 'y' } }, a: { Name: 'y', b: 1 }, c: { 'Fn::Transform': { Name: 'y' } } });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html
test('Fn::FindInMap by a key known only at deploy time is unknown naming that key; by a known key, resolved; one text under every key is that text', () => {
  const text = fixture('find-in-map-region.yaml');
  const model = analyze(text, { fileName: 'find-in-map-region.yaml' }).network()!.judged();
  const cidr = model.vpcs.get('Vpc')!.cidr;
  assert.ok(!cidr.known);
  assert.equal(cidr.decides, 'AWS::Region');
  assert.match(cidr.why, /Fn::FindInMap \[RegionMap, AWS::Region, Cidr\] picks its entry by AWS::Region, known only at deploy time/);
  const stage = model.subnets.get('SubStage')!.cidr;
  assert.ok(!stage.known && stage.decides === 'parameter Stage', JSON.stringify(stage));
  // A known key (the default of Env) resolves.
  const prod = model.subnets.get('SubProd')!.cidr;
  assert.ok(prod.known && prod.value.prefix === 24, JSON.stringify(prod));
  // EnableDnsHostnames is 'true' under every Region: known.
  const hostnames = model.vpcs.get('Vpc')!.dnsHostnames;
  assert.ok(hostnames.known && hostnames.value === true, JSON.stringify(hostnames));
});

// SAM merges Globals into each function: maps key by key, lists global entries first, intrinsics and
// other values the function's own (sam-specification-template-anatomy-globals.html; globals.py).
test('SAM Globals VpcConfig makes every AWS::Serverless::Function a workload; a function\'s own lists are appended, an intrinsic of its own wins', () => {
  const text = fixture('sam-globals-vpc.yaml');
  const model = analyze(text, { fileName: 'sam-globals-vpc.yaml' }).network()!.judged();
  const ids = (id: string) => {
    const w = model.workloads.get(id);
    return w && { subnets: w.subnets.items.map((i) => i.id), groups: w.securityGroups.items.map((i) => i.id) };
  };
  assert.deepEqual(ids('Inherits'), { subnets: ['SubA'], groups: ['FunctionSg'] });
  assert.deepEqual(ids('AddsItsOwn'), { subnets: ['SubA', 'SubB'], groups: ['FunctionSg', 'OpenSg'] });
  assert.equal(ids('Computed'), undefined, 'VpcConfig: !Ref AWS::NoValue replaces the global one: no VPC');
  const r = run(text, 'Inherits', 'ssm');
  assert.equal(r.verdict, 'private', r.summary);
  // The workload's subnet is read where Globals writes it.
  assert.equal(model.workloads.get('Inherits')!.subnets.items[0]!.at.start, text.indexOf('!Ref SubA]'));
  // Without the transform, Globals is no section of CloudFormation's: the functions are not workloads.
  const plain = analyze(text.replace('Transform: AWS::Serverless-2016-10-31\n', ''), { fileName: 'x.yaml' }).network()!.judged();
  assert.equal(plain.workloads.has('Inherits'), false);
});

// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: IPv4 entries (CidrBlock) and IPv6
// entries (Ipv6CidrBlock) each match their own family; the final * entries deny both.
test('network ACL entries meet flows of their own address family: IPv4-only entries deny an IPv6 endpoint\'s traffic, IPv6 entries never decide IPv4', () => {
  const text = fixture('nacl-ipv6.yaml');
  const v6 = run(text, 'App', 'ssm');
  assert.equal(v6.verdict, 'blocked', v6.summary);
  assert.match(v6.hops.find((h) => h.kind === 'network ACL out')!.reason, /over IPv6.*final \* rule denies it/);
  assert.equal(run(text, 'App', 'ec2messages').verdict, 'private');
  // IPv6 entries that allow everything open the IPv6 path...
  const open6 = `${text}  In6:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: -1, RuleAction: allow, Egress: false, Ipv6CidrBlock: '::/0'}\n  Out6:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: -1, RuleAction: allow, Egress: true, Ipv6CidrBlock: '::/0'}\n`;
  assert.equal(run(open6, 'App', 'ssm').verdict, 'private');
  assert.equal(run(open6, 'App', 'ssmmessages').verdict, 'private', 'dualstack: both families allowed');
  // ... and IPv6 entries that deny everything, ahead of the IPv4 allows, leave IPv4 alone.
  const deny6 = open6.replace(/RuleNumber: 200, Protocol: -1, RuleAction: allow/g, 'RuleNumber: 50, Protocol: -1, RuleAction: deny');
  assert.equal(run(deny6, 'App', 'ec2messages').verdict, 'private');
  assert.equal(run(deny6, 'App', 'ssm').verdict, 'blocked');
  // A dualstack endpoint: IPv4 allowed, IPv6 denied, the client chooses: unknown, saying so.
  const dual = run(text, 'App', 'ssmmessages');
  assert.equal(dual.verdict, 'unknown', dual.summary);
  assert.match(dual.summary, /over IPv4: rule 100 allows it; over IPv6: .*denies it/);
  // Its DNS records only IPv4 (DnsRecordIpType ipv4): its clients come over IPv4.
  const records4 = text.replace('IpAddressType: dualstack', 'IpAddressType: dualstack\n      DnsOptions: {DnsRecordIpType: ipv4}');
  assert.equal(run(records4, 'App', 'ssmmessages').verdict, 'private');
});

// A customer-managed prefix list the template writes (AWS::EC2::PrefixList): its entries are the
// addresses of routes and rules that name it. https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
test('a route to a template prefix list routes its entries: private ranges never carry the internet or S3; a public entry beside the S3 endpoint is named', () => {
  const text = fixture('prefix-lists.yaml');
  assert.equal(run(text, 'App', 'internet').verdict, 'blocked');
  assert.equal(run(text, 'App', 's3').verdict, 'private');
  const onPrem = run(text, 'App', '10.50.1.0/24');
  assert.equal(onPrem.hops.find((h) => h.kind === 'route')?.resource, 'ToOnPremises', onPrem.summary);
  // An entry in S3's public range may be more specific than the endpoint's route for some addresses.
  const publicEntry = text.replace('- {Cidr: 172.16.0.0/12, Description: branch offices}', '- {Cidr: 52.216.0.0/15, Description: pinned range}');
  const s3 = run(publicEntry, 'App', 's3');
  assert.equal(s3.verdict, 'unknown', s3.summary);
  assert.match(s3.summary, /ToOnPremises sends 52\.216\.0\.0\/15 \(an entry of prefix list OnPremises\)/);
  // An entry known only at deploy time: unknown, naming it.
  const computed = text.replace('- {Cidr: 172.16.0.0/12, Description: branch offices}', '- {Cidr: !ImportValue branch-range}');
  const open = run(computed, 'App', 'internet');
  assert.equal(open.verdict, 'unknown', open.summary);
  assert.match(open.summary, /an entry of OnPremises is known only at deploy time/);
  // Of a static route and a prefix-list entry of the same length, the static route wins.
  const statik = `${text}  Peered:\n    Type: AWS::EC2::Route\n    Properties: {RouteTableId: !Ref Routes, DestinationCidrBlock: 10.50.0.0/16, VpcPeeringConnectionId: pcx-0123456789abcdef0}\n`;
  assert.equal(run(statik, 'App', '10.50.1.0/24').hops.find((h) => h.kind === 'route')?.resource, 'Peered');
});

test('a security-group rule from a template prefix list admits exactly its entries', () => {
  const text = fixture('prefix-lists.yaml');
  assert.equal(run(text, 'App', 'ssm').verdict, 'private');
  const others = text.replace('- {Cidr: 10.0.1.0/24, Description: app subnet}', '- {Cidr: 192.168.0.0/16, Description: elsewhere}');
  const r = run(others, 'App', 'ssm');
  assert.equal(r.verdict, 'blocked', r.summary);
  assert.ok(lintTemplate(others, { regions: ['us-east-1'] }).findings.some((f) => f.ruleId === 'VPCE6003'), 'VPCE6003: the endpoint admits nobody in the VPC');
  // A list the template does not write (an AWS-managed one, pl-…) stays unknown.
  const managed = text.replace('SourcePrefixListId: !Ref AppClients', 'SourcePrefixListId: pl-0123456789abcdef0');
  assert.equal(run(managed, 'App', 'ssm').verdict, 'unknown');
});

// A `${Param}` of a policy's !Sub is the parameter's value: with its default, the finding says so.
test('a policy value read from a parameter default through !Sub is judged with that default, and the finding says "with the default"', () => {
  const text = fixture('policy-sub-defaults.yaml');
  const found = lint(text).filter((f) => f.ruleId === 'VPCE9010');
  assert.deepEqual(found.map((f) => f.message.replace(/^\S+ /, '')), [
    'policy: aws:PrincipalAccount holds a system-generated identifier; endpoint policies allow no wildcard in its value (with the default Acct 12345678901*)',
    'policy: aws:PrincipalAccount holds a system-generated identifier; endpoint policies allow no wildcard in its value (with the default Acct 12345678901*)',
  ]);
  assert.deepEqual(found.map((f) => f.resource), ['Ep', 'Ep2']);
  // The deployment's own value (no default) is not known: nothing to judge.
  const noDefault = text.replace("    Default: '12345678901*'\n", '');
  assert.deepEqual(lint(noDefault).filter((f) => f.ruleId === 'VPCE9010'), []);
  // A Sub with its own variable map keeps ${Acct} a variable of that map.
  const bound = text.replace("aws:PrincipalAccount: !Sub '${Acct}'", "aws:PrincipalAccount: !Sub ['${Acct}', {Acct: '123456789012'}]");
  assert.equal(lint(bound).filter((f) => f.ruleId === 'VPCE9010').length, 1);
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html and
// reference_policies_variables.html: 2008-10-17 reads ${aws:username} as literal text.
test('Version 2008-10-17 with IAM policy variables: VPCE9003 at the Version key, fixed to 2012-10-17; without variables the 2008 language is fine', () => {
  const text = fixture('policy-version-2008.yaml');
  const analysis = analyze(text, { fileName: 'policy-version-2008.yaml' });
  const found = analysis.findings.filter((f) => f.ruleId === 'VPCE9003');
  assert.deepEqual(found.map((f) => [f.resource, text.slice(f.start, f.end)]), [['Ep', 'Version'], ['Ep2', '"Version"']]);
  assert.match(found[0]!.message, /\$\{aws:username\} is literal text/);
  assert.match(found[1]!.message, /\$\{aws:PrincipalTag\/team\}/);
  const [fix] = analysis.fixes(found[0]!);
  assert.ok(fix, 'a quick fix');
  const fixed = applyEdits(text, fix.edits);
  assert.equal(fixed, text.replace("Version: '2008-10-17'", "Version: '2012-10-17'"));
});
