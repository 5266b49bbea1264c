// A private network's range (RFC 1918, RFC 6598, IPv6 unique local) that only a default route to the internet
// takes: the internet routes none of it, so the trace ends blocked at the internet gateway, not PUBLIC
// (trace/routed.ts privateOverInternet). A public address and a documentation address keep their answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';

const TEXT = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace-private-range', 'template.yaml'), 'utf8');

function trace(from: string, to: string) {
  const net = networkOf(TEXT, ['eu-west-1']);
  assert.ok(net);
  const t = traceNetwork(net, from, to);
  assert.ok(t.ok, t.ok ? '' : t.error);
  return t.result;
}

test('through a NAT gateway or straight through the internet gateway, a private range reaches nothing', () => {
  const cases: [string, string][] = [['Private', '10.9.0.0/16'], ['Private', '192.168.1.5'], ['Public', '172.20.0.0/16'], ['Private', '100.64.3.0/24']];
  for (const [from, to] of cases) {
    const r = trace(from, to);
    assert.equal(r.verdict, 'blocked', `${from} → ${to}: ${r.summary}`);
    const last = r.hops.at(-1)!;
    assert.equal(last.kind, 'internet gateway');
    assert.equal(last.decision, 'block');
    assert.match(last.reason, /private network's range .* which the internet does not route/);
  }
});

test('a public address, a range only partly private and a documentation address still leave through the internet gateway', () => {
  for (const to of ['8.8.8.8', '10.0.0.0/7', '203.0.113.9']) assert.equal(trace('Private', to).verdict, 'public', to);
  // Inside the VPC: the local route, never the internet gateway.
  assert.notEqual(trace('Private', '10.0.0.9').verdict, 'blocked');
});
