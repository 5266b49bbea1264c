// Network resources the model cannot hold. One whose logical id is written twice (VPCE0002): CloudFormation deploys one of the copies
// (which one is not documented; no rule guesses), and the model holds neither. The trace said "BLOCKED — no
// route" for a subnet whose only default route was the duplicated one; now every answer the copy may change
// is unknown, naming it. Fixture: test/fixtures/trace-written-twice; real case: a blog template whose
// network ACL entry OutboundRule10 is written twice. Likewise those an Fn::ForEach loop over a parameter makes,
// and the routes a custom resource handed a route table may add.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace-written-twice', 'template.yaml'), 'utf8');

test('a path the duplicated route may carry is unknown, naming the logical id and where its second copy is', () => {
  const a = analyze(text, { fileName: 'template.yaml' });
  assert.deepEqual(a.findings.map((f) => f.ruleId), ['VPCE0002']);
  const r = trace(a.network()!, 'SubnetA', parseTarget('internet')!);
  assert.equal(r.verdict, 'unknown', r.summary);
  const hop = r.hops[r.decidingHop!]!;
  assert.equal(hop.resource, 'Default');
  assert.match(hop.reason, /logical id Default is written twice .*AWS::EC2::Route/);
  const second = text.lastIndexOf('  Default:') + 2;
  assert.deepEqual([hop.start, hop.end], [second, second + 'Default'.length]);
});

test('a resource of another kind written twice (two topics: nothing the network reads) leaves the answers as they are', () => {
  const other = text.replace(/  Default:\n    Type: AWS::EC2::Route\n    Properties: \{[^\n]*\n/g, '  Default:\n    Type: AWS::SNS::Topic\n');
  assert.notEqual(other, text);
  const a = analyze(other, { fileName: 'template.yaml' });
  assert.deepEqual(a.findings.map((f) => f.ruleId), ['VPCE0002']);
  assert.equal(trace(a.network()!, 'SubnetA', parseTarget('internet')!).verdict, 'blocked');
});

test('network resources an Fn::ForEach loop makes at deploy time: unknown, naming the loop, and no suggestion', () => {
  const loop = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace-deploy-time-loop', 'template.yaml'), 'utf8');
  const r = trace(analyze(loop, { fileName: 'template.yaml' }).network()!, 'SubnetA', parseTarget('s3')!);
  assert.equal(r.verdict, 'unknown', r.summary);
  const hop = r.hops[r.decidingHop!]!;
  assert.equal(hop.resource, 'Fn::ForEach::Endpoints');
  assert.match(hop.reason, /makes its resources \(AWS::EC2::VPCEndpoint\) from a collection known only at deploy time/);
  assert.deepEqual(r.suggestions, []);
});

test('a custom resource handed a route table may add routes to it: a path that is not private there is unknown, naming it', () => {
  const custom = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace-custom-resource-route', 'template.yaml'), 'utf8');
  const r = trace(analyze(custom, { fileName: 'template.yaml' }).network()!, 'SubnetA', parseTarget('internet')!);
  assert.equal(r.verdict, 'unknown', r.summary);
  const hop = r.hops[r.decidingHop!]!;
  assert.equal(hop.resource, 'Rt');
  assert.match(hop.reason, /custom resource AddRoute receives route table Rt and may add routes to it/);
});
