// A peering connection carries traffic only to the peer VPC's own addresses (no edge-to-edge routing): a
// service's public addresses or the internet routed to one are not reached, not even by the peer's gateway
// endpoint or internet gateway. That answer is certain whichever VPC is the peer; an address of the peer
// VPC stays unknown (the trace does not follow the peering there). Before, every route to a peering
// connection stopped at it, unknown.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const CFN = readFileSync(join(FIXTURES, 'trace', 'peering-edge.yaml'), 'utf8');
const TF = readFileSync(join(FIXTURES, 'tf', 'peering-edge.tf'), 'utf8');

before(() => ensureTerraformParser());

function both(cfnFrom: string, tfFrom: string, to: string): TraceResult[] {
  const a = traceNetwork(networkOf(CFN)!, cfnFrom, to);
  const b = traceNetwork(analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!, tfFrom, to);
  assert.ok(a.ok && b.ok, a.ok ? (b.ok ? '' : b.error) : a.error);
  assert.equal(b.result.verdict, a.result.verdict, `${a.result.summary} / ${b.result.summary}`);
  return [a.result, b.result];
}

test("S3 and the internet routed to a peering connection are blocked: the peer's gateway endpoint and internet gateway are not extended to it", () => {
  for (const to of ['s3', 'internet']) {
    const [c, t] = both('AppSubnet', 'aws_subnet.app', to);
    assert.equal(c!.verdict, 'blocked', c!.summary);
    const hop = c!.hops.find((h) => h.kind === 'peering connection')!;
    assert.equal(hop.decision, 'block');
    assert.equal(hop.resource, 'Peering');
    assert.match(hop.reason, /only to the peer VPC's own addresses/);
    // Terraform's connection id is known only after apply: the route is named, the answer the same.
    assert.match(t!.summary, /routed to the peering connection of route aws_route_table\.app\.route\[0\], which reaches only the peer VPC's own addresses/);
  }
  // The peer reaches S3 through its own endpoint.
  for (const r of both('SharedSubnet', 'aws_subnet.shared', 's3')) assert.equal(r.verdict, 'private', r.summary);
});

test("an address of the peer VPC is reached over the peering, which the trace does not follow: unknown", () => {
  for (const r of both('AppSubnet', 'aws_subnet.app', '10.1.1.10/32')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.ok(!r.hops.some((h) => h.decision === 'block'));
  }
});
