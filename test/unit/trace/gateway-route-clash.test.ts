// Two gateway endpoints of one service on one route table: the table holds one route to the service's prefix
// list, so the second endpoint fails to create (VPCE7001) whatever family its route carries. The rule and the
// trace read one fact, model/gateway-route-clashes.ts. The IPv6 flow matched only the dual-stack endpoint's
// route and the trace said it stayed private through that endpoint, the one VPCE7001 says cannot be created.
// Fixture: test/fixtures/trace-gateway-route-clash (CloudFormation and its Terraform twin).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { gatewayRouteClashIn } from '../../../server/src/core/model/gateway-route-clashes.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { networkFactsOf } from '../../../server/src/lsp/complete/assist-view.js';
import { elementText } from '../../../server/src/lsp/complete/element-text.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'trace-gateway-route-clash');
const RULES = join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE7001');

/** No way of the trace passes through the endpoint that cannot be created, and the IPv6 way's route hop names both endpoints. */
function assertNoWayThrough(r: TraceResult, first: string, second: string): void {
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.ok(!r.hops.some((h) => h.resource === second && h.decision === 'pass'), `a hop passes through ${second}: ${r.summary}`);
  assert.doesNotMatch(r.summary, new RegExp(`through gateway endpoint ${second.replace(/\./g, '\\.')}`));
  const v6 = r.hops.find((h) => h.kind === 'route' && /^over IPv6/.test(h.reason));
  assert.ok(v6, r.hops.map((h) => `${h.kind}: ${h.reason}`).join('\n'));
  assert.equal(v6.decision, 'unknown');
  assert.equal(v6.resource, second);
  assert.ok(v6.reason.includes(`gateway endpoints ${first} and ${second} both add a route for s3`), v6.reason);
}

test('CloudFormation: the IPv6 way to S3 is not private through the dual-stack endpoint VPCE7001 says cannot be created', () => {
  const a = analyze(readFileSync(join(DIR, 'template.yaml'), 'utf8'), { fileName: 'template.yaml', settings: { regions: ['eu-west-1'] } });
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE7001').map((f) => f.resource), ['S3EndpointDual']);
  const net = a.network()!;
  assertNoWayThrough(trace(net, 'V6Only', parseTarget('s3')!), 'S3Endpoint', 'S3EndpointDual');
  assertNoWayThrough(trace(net, 'Dual', parseTarget('s3')!), 'S3Endpoint', 'S3EndpointDual');
  // One fact per deployment's model, found once: the trace's every route choice reads the same answer.
  const model = net.defaults;
  const clash = gatewayRouteClashIn(model, 'Rt', 'com.amazonaws.{region}.s3');
  assert.ok(clash && !('doubt' in clash) && clash.earlier.endpoint.id === 'S3Endpoint' && clash.route.endpoint.id === 'S3EndpointDual');
  assert.equal(gatewayRouteClashIn(model, 'Rt', 'com.amazonaws.{region}.s3'), clash);
});

test('Terraform: the same answer as the CloudFormation twin', async () => {
  await ensureTerraformParser();
  const r = analyzeTerraform([{ path: join(DIR, 'tf', 'main.tf'), text: readFileSync(join(DIR, 'tf', 'main.tf'), 'utf8') }], { settings: { regions: ['eu-west-1'] } });
  assert.deepEqual(r.analysis.findings.filter((f) => f.ruleId === 'VPCE7001').map((f) => f.resource), ['aws_vpc_endpoint.s3_dual']);
  assertNoWayThrough(trace(r.analysis.network()!, 'aws_subnet.v6_only', parseTarget('s3')!), 'aws_vpc_endpoint.s3', 'aws_vpc_endpoint.s3_dual');
});

test("hover: a route table's route EC2 refuses says so, with the conditions both endpoints need, and none where they cannot both be", () => {
  const a = analyze(readFileSync(join(DIR, 'template.yaml'), 'utf8'), { fileName: 'template.yaml', settings: { regions: ['eu-west-1'] } });
  const facts = networkFactsOf(a)!;
  const routes = facts.routeTables.find((t) => t.id === 'Rt')!.routes;
  assert.deepEqual(routes.filter((r) => r.refused).map((r) => [r.target, r.refused]), [['gateway endpoint S3EndpointDual', 'EC2 refuses it (VPCE7001): S3Endpoint already routes s3 through this table']]);
  assert.match(elementText(facts, 'routeTable', 'Rt')!, /gateway endpoint S3EndpointDual — EC2 refuses it .*S3Endpoint already routes s3 through this table/);
  // Two endpoints whose conditions exclude each other: no deployment has both routes.
  const exclusive = analyze(readFileSync(join(RULES, 'good-exclusive-conditions.yaml'), 'utf8'), { fileName: 'good.yaml' });
  assert.deepEqual(exclusive.findings.filter((f) => f.ruleId === 'VPCE7001'), []);
  assert.equal(networkFactsOf(exclusive)!.routeTables.find((t) => t.id === 'Rt')!.routes.filter((r) => r.refused).length, 0);
});
