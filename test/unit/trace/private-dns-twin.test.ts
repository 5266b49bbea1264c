// Two interface endpoints with private DNS for one service in one VPC: the second cannot be created
// (VPCE5002), so no path is private through the first as if the stack deployed. The trace said PRIVATE
// through the first one while check reported the error; both now read model/private-dns-twins.ts.
// Fixture: test/fixtures/trace-private-dns-twin (CloudFormation and its Terraform twin).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'trace-private-dns-twin');

test('CloudFormation: the path to a service whose second private-DNS endpoint cannot be created is unknown, naming it', () => {
  const a = analyze(readFileSync(join(DIR, 'template.yaml'), 'utf8'), { fileName: 'template.yaml', settings: { regions: ['eu-west-1'] } });
  const net = a.network()!;
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE5002').map((f) => f.resource), ['SsmEndpointCopy', 'MessagesEndpointCopy']);
  const ssm = trace(net, 'AppSubnet', parseTarget('ssm')!);
  assert.equal(ssm.verdict, 'unknown', ssm.summary);
  const hop = ssm.hops[ssm.decidingHop!]!;
  assert.equal(hop.resource, 'SsmEndpointCopy');
  assert.match(hop.reason, /cannot be created as written: SsmEndpoint already has private DNS for ssm in VPC Vpc/);
  // Only where the copy exists: with the defaults ssmmessages has one endpoint, and the branch that adds the copy is unknown.
  const messages = trace(net, 'AppSubnet', parseTarget('ssmmessages')!);
  assert.equal(messages.verdict, 'private', messages.summary);
  assert.deepEqual(messages.branches?.map((b) => [b.when, b.verdict]), [[{ SecondMessages: false }, 'private'], [{ SecondMessages: true }, 'unknown']]);
  assert.match(messages.branches![1]!.summary, /MessagesEndpointCopy cannot be created as written/);
});

test('Terraform: the same answer as the CloudFormation twin', async () => {
  await ensureTerraformParser();
  const r = analyzeTerraform([{ path: join(DIR, 'tf', 'main.tf'), text: readFileSync(join(DIR, 'tf', 'main.tf'), 'utf8') }], { settings: { regions: ['eu-west-1'] } });
  assert.deepEqual(r.analysis.findings.filter((f) => f.ruleId === 'VPCE5002').map((f) => f.resource), ['aws_vpc_endpoint.ssm_copy']);
  const ssm = trace(r.analysis.network()!, 'aws_subnet.app', parseTarget('ssm')!);
  assert.equal(ssm.verdict, 'unknown', ssm.summary);
  assert.equal(ssm.hops[ssm.decidingHop!]!.resource, 'aws_vpc_endpoint.ssm_copy');
});
