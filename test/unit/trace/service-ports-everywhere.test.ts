// One answer for the ports an endpoint serves (catalogue `ports`, servicePorts): after VPCE6003 and the
// trace's own hops, every other place that judged an interface endpoint on TCP 443 reads the same fact —
// the NAT64 leg's network ACL, the map's verdict, the hover and completion of security groups, and the
// quick fixes and trace suggestions that choose or write a group for an endpoint. The SES SMTP interface
// is served on 25, 465, 587, 2465 and 2587, not on 443 (https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceText } from '../../../server/src/core/trace/api.js';
import { networkMap } from '../../../server/src/core/map/map.js';
import { analyze } from '../../../server/src/core/analysis.js';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { applyEdits, fixesFor, fixSource, suggestionFix } from '../../../server/src/core/fixes/index.js';
import { networkFactsOf } from '../../../server/src/lsp/complete/assist-view.js';
import { groupText } from '../../../server/src/lsp/complete/element-text.js';
import { endpointDrafts } from '../../../server/src/lsp/complete/endpoint-values.js';
import type { Slot } from '../../../server/src/lsp/complete/position.js';

const dir = join(__dirname, '..', '..', 'fixtures', 'service-ports');
const nat64 = readFileSync(join(dir, 'smtp-nat64.yaml'), 'utf8');
const direct = readFileSync(join(dir, 'smtp-endpoint.yaml'), 'utf8');
const SMTP = '25, 465, 587, 2465, 2587';

function traced(t: string, from: string, to: string) {
  const a = traceText(t, from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

test('NAT64 to an SMTP endpoint: the NAT subnet network ACL is judged on the SMTP ports', () => {
  const r = traced(nat64, 'V6Only', 'email-smtp');
  assert.equal(r.verdict, 'private', r.summary);
  const hop = r.hops.find((h) => h.kind === 'NAT subnet network ACL out');
  assert.equal(hop?.decision, 'pass', JSON.stringify(hop));
  assert.match(hop!.reason, new RegExp(`TCP on any of ${SMTP}`));
  // An ACL that lets out HTTPS alone drops every SMTP port: blocked, and the answer names them, not HTTPS.
  const https = traced(nat64.replace('PortRange: {From: 587, To: 587}', 'PortRange: {From: 443, To: 443}'), 'V6Only', 'email-smtp');
  assert.equal(https.verdict, 'blocked', https.summary);
  assert.match(https.summary, new RegExp(`^the network ACL of NAT subnet NatSubnet drops TCP on any of email-smtp's ports \\(${SMTP}\\) to SmtpEndpoint$`));
  assert.deepEqual(https.suggestions, []);
});

test("the map's verdict is the trace's: an SMTP endpoint reached on 587 is private, one admitting 443 alone blocked", () => {
  const map = (t: string, from: string) => {
    const m = networkMap(networkOf(t)!, { from, to: 'email-smtp' }, 't.yaml');
    assert.ok(m.ok, m.ok ? '' : m.error);
    return m.ok ? m : undefined!;
  };
  assert.match(map(nat64, 'V6Only').subtitle!, /^V6Only → email-smtp: PRIVATE/);
  assert.match(map(direct, 'SubnetA').subtitle!, /^SubnetA → email-smtp: PRIVATE/);
  const blocked = map(direct.replace('SecurityGroupIds: [!Ref SmtpGroup]', 'SecurityGroupIds: [!Ref HttpsOnlyGroup]'), 'SubnetA');
  assert.match(blocked.subtitle!, /^SubnetA → email-smtp: BLOCKED — the endpoint's security groups do not admit email-smtp's ports/);
});

test("hover: a group's admission of each non-HTTPS service's ports from its VPC, beside 443's", () => {
  const facts = networkFactsOf(analyze(direct, { settings: { regions: ['eu-west-1'] } }))!;
  // The markdown's escapes removed: the words are what is judged.
  const text = (id: string) => groupText(facts.groups.find((g) => g.id === id)!, facts).replace(/\\(.)/g, '$1');
  assert.match(text('SmtpGroup'), new RegExp(`- Admits email-smtp's ports \\(${SMTP}\\) from its VPC: yes — `));
  assert.match(text('SmtpGroup'), /- Admits TCP 443 from its VPC: no/);
  assert.match(text('HttpsOnlyGroup'), new RegExp(`- Admits email-smtp's ports \\(${SMTP}\\) from its VPC: no — `));
  assert.match(text('CqlGroup'), /- Admits cassandra's ports \(443, 9142\) from its VPC: yes — /);
  // Each rule says which of those ports it admits.
  assert.match(text('SmtpGroup'), /tcp 587 from 10\.0\.0\.0\/16 — TCP 443: not admitted; email-smtp's ports: admitted/);
  // A template without such a service shows 443 alone.
  const plain = networkFactsOf(analyze(direct.replace(/email-smtp|cassandra/g, 'ssm'), { settings: { regions: ['eu-west-1'] } }))!;
  assert.doesNotMatch(groupText(plain.groups[0]!, plain), /ports \(/);
});

test('completion of an SMTP endpoint\'s SecurityGroupIds ranks and describes groups by the SMTP ports, never "admits 443"', () => {
  const facts = networkFactsOf(analyze(direct, { settings: { regions: ['eu-west-1'] } }))!;
  const slot: Slot = { path: [], at: 'value', start: 0, end: 0, typed: '', quoted: false, pad: false } as Slot;
  const drafts = (id: string) => endpointDrafts(['Properties', 'SecurityGroupIds', '[]'], slot, facts.endpoints.find((e) => e.id === id), facts, [], { json: false, shortRef: true });
  const smtp = drafts('SmtpEndpoint');
  assert.deepEqual(smtp.map((d) => d.label).slice(0, 1), ['SmtpGroup']);
  assert.equal(smtp.find((d) => d.label === 'SmtpGroup')!.detail, "admits TCP 587 from the VPC, one of email-smtp's ports");
  assert.equal(smtp.find((d) => d.label === 'HttpsOnlyGroup')!.detail, `admits none of email-smtp's ports (${SMTP}) from the VPC`);
  assert.ok(smtp.every((d) => !/443/.test(d.detail ?? '')), JSON.stringify(smtp.map((d) => d.detail)));
  // Keyspaces: CQL or its API, either admitted.
  assert.equal(drafts('KeyspacesEndpoint').find((d) => d.label === 'CqlGroup')!.detail, "admits TCP 9142 from the VPC, one of cassandra's ports");
});

// An SMTP endpoint written without VpcEndpointType is a Gateway endpoint (VPCE2001): the conversion to Interface
// gives it a group that admits the service's ports, not an HTTPS one.
test("converting an SMTP endpoint to Interface picks a group admitting the SMTP ports, else writes one", () => {
  const gateway = direct.replace(/(ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.email-smtp\n)      VpcEndpointType: Interface\n/, '$1').replace('      SecurityGroupIds: [!Ref SmtpGroup]\n', '');
  const converted = (t: string) => {
    const f = lintTemplate(t, { regions: ['eu-west-1'] }).findings.find((x) => x.ruleId === 'VPCE2001' && x.resource === 'SmtpEndpoint');
    assert.ok(f, 'VPCE2001 on SmtpEndpoint');
    const fix = fixesFor(t, f).find((x) => /Interface/.test(x.title));
    assert.ok(fix, 'a conversion');
    return applyEdits(t, fix.edits);
  };
  const out = converted(gateway);
  assert.match(out, /SecurityGroupIds: \[!Ref SmtpGroup\]/);
  assert.deepEqual(lintTemplate(out, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.message), []);
  // No group admits them: a new one with a rule for each SMTP port from the VPC.
  const none = converted(gateway.replace(/FromPort: 587\n          ToPort: 587/, 'FromPort: 22\n          ToPort: 22'));
  assert.match(none, /SmtpEndpointSecurityGroup:/);
  for (const port of SMTP.split(', ')) assert.match(none, new RegExp(`FromPort: ${port}\\n\\s+ToPort: ${port}`));
  assert.doesNotMatch(none.slice(none.indexOf('SmtpEndpointSecurityGroup:')), /FromPort: 443/);
  assert.deepEqual(lintTemplate(none, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.message), []);
});

test('the trace\'s "create an endpoint" suggestion for email-smtp writes a group admitting the SMTP ports', () => {
  const text = [
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}',
    '  Subnet:',
    '    Type: AWS::EC2::Subnet',
    '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a}',
    '  Rt:',
    '    Type: AWS::EC2::RouteTable',
    '    Properties: {VpcId: !Ref Vpc}',
    '  Assoc:',
    '    Type: AWS::EC2::SubnetRouteTableAssociation',
    '    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Rt}',
    '  HttpsGroup:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: HTTPS from the VPC',
    '      VpcId: !Ref Vpc',
    '      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]',
    '',
  ].join('\n');
  const r = traced(text, 'Subnet', 'email-smtp');
  const s = r.suggestions.find((x) => x.kind === 'create-endpoint');
  assert.ok(s, JSON.stringify(r.suggestions));
  const fix = suggestionFix(fixSource(text), s, 'Subnet');
  assert.ok(fix);
  const out = applyEdits(text, fix.edits);
  // Not the HTTPS group: a new one admitting each SMTP port from the VPC, which VPCE6003 and the trace accept.
  assert.doesNotMatch(out, /- !Ref HttpsGroup/);
  const group = out.slice(out.indexOf('EmailSmtpEndpointSecurityGroup:\n'));
  assert.match(group, /GroupDescription: TCP 25, 465, 587, 2465, 2587 from the VPC to EmailSmtpEndpoint/);
  for (const port of SMTP.split(', ')) assert.match(group, new RegExp(`FromPort: ${port}\\n\\s+ToPort: ${port}`));
  assert.deepEqual(lintTemplate(out, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.message), []);
});

// The catalogue's other services served on other ports (SERVICES.md "Ports"): the AWS IoT Core data endpoint
// (MQTT 8883 or 443, HTTPS 8443 or 443: https://docs.aws.amazon.com/iot/latest/developerguide/protocols.html)
// and an Aurora DSQL cluster's connection endpoint (PostgreSQL, 5432:
// https://docs.aws.amazon.com/aurora-dsql/latest/userguide/accessing.html). A group admitting only those ports
// reaches the endpoint (we said VPCE6003, "calls time out"); one admitting none of them does not.
test('IoT Core data (8883) and an Aurora DSQL cluster (5432): judged on their own ports', () => {
  const endpoint = (service: string, port: number) =>
    direct
      .replace('!Sub com.amazonaws.${AWS::Region}.email-smtp', `!Sub com.amazonaws.\${AWS::Region}.${service}`)
      .replace(/FromPort: 587\n          ToPort: 587/, `FromPort: ${port}\n          ToPort: ${port}`);
  const vpce6003 = (t: string) => lintTemplate(t, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003' && f.resource === 'SmtpEndpoint').map((f) => f.message);
  assert.deepEqual(vpce6003(endpoint('iot.data', 8883)), []);
  assert.deepEqual(vpce6003(endpoint('dsql-abcdefghijklmnopqrstuvwxyz', 5432)), []);
  assert.match(vpce6003(endpoint('dsql-abcdefghijklmnopqrstuvwxyz', 443))[0] ?? '', /admits TCP on any of dsql-abcdefghijklmnopqrstuvwxyz's ports \(5432\) from the VPC/);
  assert.match(vpce6003(endpoint('iot.data', 22))[0] ?? '', /admits TCP on any of iot\.data's ports \(443, 8443, 8883\) from the VPC/);
});
