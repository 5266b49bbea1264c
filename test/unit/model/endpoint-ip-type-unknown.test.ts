// An interface endpoint's IpAddressType known only at deploy time is not CloudFormation's default ipv4:
// the endpoint has whichever type its subnets let AWS create it with (ipv4 needs subnets with IPv4
// ranges, dualstack subnets with both, ipv6 IPv6-only subnets), and where more than one fits, what
// depends on the family is unknown, naming the value. Found by the unknown-value mutation harness
// (test/property/unknown-mutations.test.ts): the trace said "blocked: the name has IPv4 addresses only"
// from an IPv6-only subnet, and VPCE6003 said an IPv6-only 443 rule admits nothing, for an endpoint whose
// type was a parameter. https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { endpointIpTypes } from '../../../server/src/core/model/endpoint-family.js';

const FIXTURE = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace', 'ipv6-families.yaml'), 'utf8');
// The queue endpoint's type from a parameter without a default; its subnet is dual-stack.
const TEXT = FIXTURE.replace('Resources:', 'Parameters:\n  QueueIpType: {Type: String}\nResources:').replace(/(SqsEndpoint:[\s\S]*?)IpAddressType: dualstack/, '$1IpAddressType: !Ref QueueIpType');

const run = (text: string) => analyze(text, { fileName: 't.yaml', settings: { regions: ['us-east-1'] } });

test('an unknown IpAddressType: the types its subnets fit (a dual-stack subnet: ipv4 or dualstack), never the default alone', () => {
  const a = run(TEXT);
  const model = a.network()!.defaults;
  assert.deepEqual(endpointIpTypes(model, model.endpoints.get('SqsEndpoint')!), ['ipv4', 'dualstack']);
  // Written: that type alone.
  assert.deepEqual(endpointIpTypes(model, model.endpoints.get('SsmEndpoint')!), ['dualstack']);
});

test('an unknown IpAddressType that decides the family: the trace is unknown and names the parameter', () => {
  const a = run(TEXT);
  for (const from of ['Ipv6Only', 'DualStack']) {
    const r = trace(a.network()!, from, parseTarget('sqs')!);
    assert.equal(r.verdict, 'unknown', `${from}: ${r.summary}`);
    assert.match(`${r.summary} ${r.hops.map((h) => h.reason).join(' ')}`, /QueueIpType/);
  }
  // From a subnet without IPv6 every fitting type is reached over IPv4: the IPv6-only group blocks it.
  assert.equal(trace(a.network()!, 'Ipv4Only', parseTarget('sqs')!).verdict, 'blocked');
});

test('VPCE6003 is silent when a type that fits the subnets lets the groups admit 443 (dualstack: over IPv6)', () => {
  const a = run(TEXT);
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE6003' && f.resource === 'SqsEndpoint').map((f) => f.message), []);
});

test('subnets that fit one type decide it: IPv4-only subnets make an unknown IpAddressType ipv4', () => {
  const text = TEXT.replace(/(SqsEndpoint:[\s\S]*?)SubnetIds: \[!Ref DualStack\]/, '$1SubnetIds: [!Ref Ipv4Only]');
  const a = run(text);
  const model = a.network()!.defaults;
  assert.deepEqual(endpointIpTypes(model, model.endpoints.get('SqsEndpoint')!), ['ipv4']);
  // The IPv6-only group admits no IPv4: VPCE6003 holds for the one type the endpoint can have.
  assert.equal(a.findings.filter((f) => f.ruleId === 'VPCE6003' && f.resource === 'SqsEndpoint').length, 1);
  const r = trace(a.network()!, 'Ipv6Only', parseTarget('sqs')!);
  assert.equal(r.verdict, 'blocked', r.summary);
});
