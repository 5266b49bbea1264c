// Traffic to a public address from a subnet whose route table holds a gateway endpoint's prefix-list route:
// the route goes to the service's AWS-managed prefix list, whose addresses the template does not show, and
// it beats the default route for them (most specific route; route-tables-priority.html). Whether the address
// is one of them decides the way: unknown, naming the endpoint's route. The trace said PUBLIC through the NAT
// gateway for 52.218.1.1 (an S3 address in eu-west-1). A private range is never in such a list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import type { Network } from '../../../server/src/core/model/network.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'trace-cidr-gateway-prefix-list');

function expect(net: Network, subnet: string, endpoint: string, nat: string) {
  const s3Address = trace(net, subnet, parseTarget('52.218.1.1')!);
  assert.equal(s3Address.verdict, 'unknown', s3Address.summary);
  const hop = s3Address.hops[s3Address.decidingHop!]!;
  assert.equal(hop.kind, 'route');
  assert.equal(hop.resource, endpoint);
  assert.match(hop.reason, /s3's prefix list .* whether 52\.218\.1\.1\/32 falls in it is known only at deploy time/);
  // The internet at large and the service by name keep their answers; a private range is in no service's list.
  assert.equal(trace(net, subnet, parseTarget('internet')!).verdict, 'public');
  assert.equal(trace(net, subnet, parseTarget('s3')!).verdict, 'private');
  const privateRange = trace(net, subnet, parseTarget('192.168.5.0/24')!);
  assert.ok(privateRange.hops.some((h) => h.kind === 'route' && h.resource !== endpoint && h.decision === 'pass' && h.reason.includes(nat)), privateRange.summary);
}

test("CloudFormation: a public address may be the service's, whose prefix-list route then carries it", () => {
  const net = analyze(readFileSync(join(DIR, 'template.yaml'), 'utf8'), { fileName: 'template.yaml' }).network()!;
  expect(net, 'SubnetA', 'S3', 'Nat');
});

test('Terraform: the same answer as the CloudFormation twin', async () => {
  await ensureTerraformParser();
  const r = analyzeTerraform([{ path: join(DIR, 'main.tf'), text: readFileSync(join(DIR, 'main.tf'), 'utf8') }]);
  expect(r.analysis.network()!, 'aws_subnet.app', 'aws_vpc_endpoint.s3', 'aws_nat_gateway.nat');
});
