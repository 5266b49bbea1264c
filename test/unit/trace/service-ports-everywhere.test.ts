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

