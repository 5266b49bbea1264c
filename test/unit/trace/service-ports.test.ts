// Interface endpoints of AWS services that are not served over HTTPS alone: the SES SMTP interface (TCP 25,
// 465, 587, 2465, 2587: https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html) and Amazon Keyspaces (CQL
// on 9142 beside the API's 443: https://docs.aws.amazon.com/keyspaces/latest/devguide/programmatic.endpoints.html).
// The catalogue's `ports` fact is read by admission's any-of verdict, so VPCE6003, the trace and the quick fix
// agree: a group admitting 587 reaches the SMTP endpoint (we said "no TCP 443: calls time out", and traced it
// BLOCKED); a group admitting 443 alone does not, and no HTTPS quick fix is offered for it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../../server/src/core/trace/api.js';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { servicePorts } from '../../../server/src/core/data/catalogue.js';
import { fixesFor } from '../../../server/src/core/fixes/index.js';

const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'service-ports', 'smtp-endpoint.yaml'), 'utf8');
const httpsOnly = text.replace('SecurityGroupIds: [!Ref SmtpGroup]', 'SecurityGroupIds: [!Ref HttpsOnlyGroup]');

const findings = (t: string) => lintTemplate(t, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === 'VPCE6003');
function traced(t: string, to: string) {
  const a = traceText(t, 'SubnetA', to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? a.result : undefined!;
}

test('the catalogue names the ports of the services served on other ports than HTTPS; others are 443', () => {
  assert.deepEqual(servicePorts('com.amazonaws.{region}.email-smtp'), [25, 465, 587, 2465, 2587]);
  assert.deepEqual(servicePorts('com.amazonaws.{region}.cassandra'), [443, 9142]);
  assert.deepEqual(servicePorts('com.amazonaws.{region}.ssm'), [443]);
});

test('an SMTP or CQL port admitted from the VPC reaches the endpoint: no VPCE6003, the trace is private', () => {
  assert.deepEqual(findings(text).map((f) => f.message), []);
  const smtp = traced(text, 'email-smtp');
  assert.equal(smtp.verdict, 'private', smtp.summary);
  assert.ok(smtp.hops.some((h) => h.kind === 'endpoint security group in' && h.decision === 'pass' && /TCP 587/.test(h.reason)), JSON.stringify(smtp.hops));
  assert.equal(traced(text, 'cassandra').verdict, 'private');
});

test('a group admitting HTTPS alone blocks the SMTP endpoint: VPCE6003 names the ports, the trace agrees, no HTTPS fix', () => {
  const [f, ...more] = findings(httpsOnly);
  assert.equal(more.length, 0);
  assert.match(f!.message, /^SmtpEndpoint: no security group of the endpoint \(HttpsOnlyGroup\) admits TCP on any of email-smtp's ports \(25, 465, 587, 2465, 2587\) from the VPC/);
  assert.deepEqual(fixesFor(httpsOnly, f!), []);
  const r = traced(httpsOnly, 'email-smtp');
  assert.equal(r.verdict, 'blocked', r.summary);
  assert.deepEqual(r.suggestions, [], 'an HTTPS rule would not help');
});
