// Path-trace verdicts on the classic VPC endpoint layouts (test/fixtures/trace/*.yaml), each checked
// against the AWS rule it rests on (cited in server/src/core/trace and network).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceMatrix, traceText } from '../server/src/core/trace/api.js';
import type { TraceResult } from '../server/src/core/trace/types.js';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'trace', name), 'utf8');
const CLASSIC = fixture('classic.yaml');

function run(from: string, to: string, action?: string, text = CLASSIC): TraceResult {
  const answer = traceText(text, from, to, { action });
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

const hop = (r: TraceResult, kind: string) => r.hops.find((h) => h.kind === kind);

test('private subnet with the S3 gateway endpoint on its route table: private, through the prefix-list route', () => {
  const r = run('PrivateSubnetA', 's3');
  assert.equal(r.verdict, 'private');
  assert.match(hop(r, 'route')!.reason, /prefix-list route, more specific than any default route/);
  assert.equal(hop(r, 'route')!.resource, 'S3Endpoint');
});

test('private subnet whose route table is not on the endpoint: public through the NAT gateway, with the fix', () => {
  const r = run('PrivateSubnetB', 's3');
  assert.equal(r.verdict, 'public');
  assert.match(r.summary, /NAT gateway Nat.*charged per GB/);
  assert.deepEqual(r.hops.map((h) => h.kind), ['subnet', 'DNS', 'route table', 'route', 'NAT gateway', 'route table', 'internet gateway']);
  assert.deepEqual(r.suggestions.map((s) => [s.kind, s.data]), [['associate-route-table', { endpoint: 'S3Endpoint', routeTable: 'PrivateRtB' }]]);
});

test('isolated subnet: the internet is blocked for want of a route, S3 still private through its endpoint', () => {
  assert.equal(run('IsolatedSubnet', 'internet').verdict, 'blocked');
  assert.equal(run('IsolatedSubnet', 's3').verdict, 'private');
});

test('public subnet reaches the internet through the internet gateway with its public IP', () => {
  const r = run('PublicSubnet', 'internet');
  assert.equal(r.verdict, 'public');
  assert.equal(hop(r, 'internet gateway')!.decision, 'pass');
});

test('interface endpoint with private DNS: private from any subnet of the VPC, through the local route', () => {
  const r = run('PrivateSubnetB', 'ssm');
  assert.equal(r.verdict, 'private');
  assert.equal(hop(r, 'DNS')!.resource, 'SsmEndpoint');
  assert.equal(hop(r, 'endpoint security group in')!.decision, 'pass');
  assert.match(hop(r, 'Availability Zone')!.reason, /crosses zones/);
});

test('interface endpoint without private DNS: the default name stays public, and the trace says how to fix it', () => {
  const r = run('PrivateSubnetB', 'logs');
  assert.equal(r.verdict, 'public');
  assert.match(hop(r, 'DNS')!.reason, /resolves to its public addresses \(the interface endpoint has no private DNS\)/);
  assert.ok(r.suggestions.some((s) => s.kind === 'enable-private-dns' && s.resource === 'LogsEndpoint'));
});

test('private DNS with the VPC DNS hostnames off: resolves publicly, and no route out means blocked', () => {
  const r = run('Subnet', 'ssm', undefined, fixture('dns-off.yaml'));
  assert.equal(r.verdict, 'blocked');
  assert.match(hop(r, 'DNS')!.reason, /lacks DNS hostnames/);
  assert.ok(r.suggestions.some((s) => s.kind === 'enable-vpc-dns' && s.resource === 'Vpc'));
});

test('endpoint security group without 443: blocked at the endpoint, with the fix', () => {
  const r = run('PrivateSubnetB', 'kms');
  assert.equal(r.verdict, 'blocked');
  assert.equal(hop(r, 'endpoint security group in')!.decision, 'block');
  assert.match(hop(r, 'endpoint security group in')!.reason, /no rule of ClosedSg allows inbound TCP 443 from PrivateSubnetB/);
  assert.ok(r.suggestions.some((s) => s.kind === 'allow-https' && s.resource === 'ClosedSg'));
});

test('network ACL that drops the return traffic on ephemeral ports: blocked', () => {
  const r = run('StrictSubnet', 's3');
  assert.equal(r.verdict, 'blocked');
  const back = hop(r, 'network ACL in (return traffic)')!;
  assert.equal(back.decision, 'block');
  assert.match(back.reason, /final \* rule denies/);
  assert.equal(hop(r, 'network ACL out')!.decision, 'pass');
});

test('a conditional endpoint says so', () => {
  const r = run('PrivateSubnetB', 'sqs');
  assert.equal(r.verdict, 'private');
  assert.match(r.summary, /only when condition HasQueueEndpoint is true/);
});

test('workloads start from their subnet and security groups', () => {
  const r = run('Worker', 'ssm');
  assert.equal(r.verdict, 'private');
  assert.equal(r.hops[0]!.kind, 'function');
  assert.equal(hop(r, 'security group egress')!.decision, 'pass');
});

test('the endpoint policy is the last check: network reachable, policy denied', () => {
  const denied = run('PrivateSubnetA', 's3', 's3:PutObject');
  assert.equal(denied.verdict, 'blocked');
  assert.equal(denied.policy, 'denied');
  assert.match(denied.summary, /^network reachable, policy denied/);
  const allowed = run('PrivateSubnetA', 's3', 's3:GetObject');
  assert.equal(allowed.verdict, 'private');
  assert.equal(allowed.policy, 'allowed');
  assert.equal(run('PrivateSubnetA', 's3').policy, 'restricted');
});

test('every hop points at its resource in the template', () => {
  const r = run('PrivateSubnetB', 's3');
  for (const h of r.hops) assert.equal(CLASSIC.slice(h.start, h.end), h.resource);
});

test('bad sources and destinations are clear errors', () => {
  const a = traceText(CLASSIC, 'Nope', 's3');
  assert.ok(!a.ok && /Nope is not a resource of this template; sources: PublicSubnet/.test(a.error));
  const b = traceText(CLASSIC, 'PrivateSubnetA', 'notaservice');
  assert.ok(!b.ok && /unknown destination notaservice/.test(b.error));
  assert.ok(!traceText('not: a template', 'A', 's3').ok);
});

test('the matrix: every source × every destination, one verdict each', () => {
  const m = traceMatrix(networkOf(CLASSIC)!);
  assert.deepEqual(m.sources.map((s) => s.id), ['PublicSubnet', 'PrivateSubnetA', 'PrivateSubnetB', 'IsolatedSubnet', 'StrictSubnet', 'Worker']);
  assert.deepEqual(m.targets.slice(0, 5), ['s3', 'ssm', 'logs', 'kms', 'sqs']);
  assert.equal(m.targets.at(-1), 'internet');
  const cell = (from: string, to: string) => m.cells[m.sources.findIndex((s) => s.id === from)]![m.targets.indexOf(to)]!.verdict;
  assert.equal(cell('PrivateSubnetA', 's3'), 'private');
  assert.equal(cell('PrivateSubnetB', 's3'), 'public');
  assert.equal(cell('IsolatedSubnet', 'internet'), 'blocked');
});
