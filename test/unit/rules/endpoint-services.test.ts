// Endpoint services from the consumer's side: a Gateway endpoint to one, or the other kind of
// endpoint than the template's own service takes, is an error (VPCE2005) naming the type to use;
// fitting endpoints, and the routes that target a GatewayLoadBalancer endpoint, raise nothing at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { fixed } from '../fixes/helpers.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE2005');

test('Interface and GatewayLoadBalancer endpoints to endpoint services, and routes to the latter: no finding of any rule', () => {
  const text = readFileSync(join(FIXTURES, 'good.yaml'), 'utf8');
  assert.deepEqual(lintTemplate(text).findings.map((f) => `${f.ruleId} ${f.message}`), []);
});

test("the quick fix sets the type the template's own endpoint service takes", () => {
  const before = readFileSync(join(FIXTURES, 'bad-default-type.yaml'), 'utf8');
  const { text, fix } = fixed(before, 'VPCE2005');
  assert.equal(fix.title, 'Set VpcEndpointType to GatewayLoadBalancer');
  assert.ok(text.includes('      SubnetIds: [!Ref ConsumerSubnetId]\n      VpcEndpointType: GatewayLoadBalancer\n'), text);
});

test('a service of unknown kind: both types named, no quick fix data', () => {
  const text = readFileSync(join(FIXTURES, 'bad-explicit-gateway.json'), 'utf8');
  const [f, ...rest] = lintTemplate(text).findings.filter((x) => x.ruleId === 'VPCE2005');
  assert.equal(rest.length, 0);
  assert.match(f!.message, /Interface \(a Network Load Balancer service\) or GatewayLoadBalancer \(a Gateway Load Balancer service\)$/);
  assert.equal(f!.data, undefined);
});

test('an Interface endpoint to a Gateway Load Balancer service: the fix sets GatewayLoadBalancer in place', () => {
  const before = readFileSync(join(FIXTURES, 'bad-interface-to-gwlb-service.yaml'), 'utf8');
  const { text } = fixed(before, 'VPCE2005');
  assert.equal(text, before.replace('VpcEndpointType: Interface', 'VpcEndpointType: GatewayLoadBalancer'));
});
