// The VPC map's picture, built from the network model of the trace fixtures and the examples: what is
// drawn inside what, which edges join which nodes, and how a traced path is laid over it hop by hop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf } from '../../../server/src/core/trace/api.js';
import { buildPicture, type MapEdge, type Picture } from '../../../server/src/core/map/picture.js';
import { networkMap, WHOLE_MAP_NODES } from '../../../server/src/core/map/map.js';

const ROOT = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const net = (p: string) => networkOf(read(p))!;
const picture = (p: string) => buildPicture(net(p).judged());
const node = (pic: Picture, id: string) => pic.nodes.find((n) => n.id === id);
const edgesBetween = (pic: Picture, from: string, to: string): MapEdge[] => pic.edges.filter((e) => e.from === from && e.to === to);

function traced(p: string, from: string, to: string): Picture {
  const m = networkMap(net(p), { from, to }, p);
  assert.ok(m.ok, m.ok ? '' : m.error);
  return m.picture;
}

test('VPC ⊃ zone ⊃ subnet; route tables and endpoints in their VPC; services outside it', () => {
  const pic = picture('examples/endpoints-fixed.yaml');
  assert.equal(node(pic, 'VPC')?.kind, 'vpc');
  assert.equal(node(pic, 'VPC')?.detail, '10.0.0.0/16');
  const a = node(pic, 'PrivateSubnetA')!;
  const b = node(pic, 'PrivateSubnetB')!;
  // !Select [0|1, !GetAZs ""]: two zones, each subnet in its own.
  assert.notEqual(a.parent, b.parent);
  assert.equal(node(pic, a.parent!)?.kind, 'zone');
  assert.equal(node(pic, a.parent!)?.parent, 'VPC');
  assert.equal(a.detail, '10.0.1.0/24');
  assert.equal(node(pic, 'PrivateRouteTable')?.parent, 'VPC');
  assert.equal(node(pic, 'S3Endpoint')?.kind, 'gateway-endpoint');
  assert.equal(node(pic, 'SsmEndpoint')?.kind, 'interface-endpoint');
  assert.equal(node(pic, 'service:com.amazonaws.{region}.s3')?.parent, undefined);
  // Each node points back at its declaration.
  const text = read('examples/endpoints-fixed.yaml');
  assert.equal(text.slice(a.at!.start, a.at!.end), 'PrivateSubnetA');
});

test('edges: subnet → route table, the gateway endpoint route, interface endpoint ENIs, endpoint → service', () => {
  const pic = picture('examples/endpoints-fixed.yaml');
  assert.equal(edgesBetween(pic, 'PrivateSubnetA', 'PrivateRouteTable')[0]?.kind, 'association');
  const route = edgesBetween(pic, 'PrivateRouteTable', 'S3Endpoint')[0];
  assert.equal(route?.kind, 'route');
  assert.equal(route?.label, 's3 prefix list');
  assert.deepEqual(pic.edges.filter((e) => e.to === 'SsmEndpoint').map((e) => `${e.from}:${e.label}`), ['PrivateSubnetA:ENI', 'PrivateSubnetB:ENI']);
  assert.equal(edgesBetween(pic, 'S3Endpoint', 'service:com.amazonaws.{region}.s3').length, 1);
  // No edge points at a node that is not drawn.
  const ids = new Set(pic.nodes.map((n) => n.id));
  for (const e of pic.edges) assert.ok(ids.has(e.from) && ids.has(e.to), e.id);
});

test('NAT gateway in its subnet\'s zone; the internet gateway leads to the internet; the condition of a conditional endpoint', () => {
  const pic = picture('test/fixtures/trace/classic.yaml');
  assert.equal(node(pic, 'Nat')?.parent, node(pic, 'PublicSubnet')?.parent);
  assert.equal(edgesBetween(pic, 'Nat', 'PublicSubnet')[0]?.kind, 'placement');
  assert.equal(edgesBetween(pic, 'Igw', 'internet').length, 1);
  assert.equal(edgesBetween(pic, 'PrivateRtA', 'Nat')[0]?.label, '0.0.0.0/0');
  assert.equal(node(pic, 'QueueEndpoint')?.condition, 'HasQueueEndpoint');
  assert.equal(node(pic, 'SsmEndpoint')?.condition, undefined);
  assert.equal(node(pic, 'Worker')?.kind, 'workload');
});

test('a subnet without a route table association uses the main route table, drawn as one', () => {
  const text = `Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Lonely: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a}}
`;
  const pic = buildPicture(networkOf(text)!.judged());
  assert.equal(node(pic, 'main-route-table:Vpc')?.kind, 'main-route-table');
  assert.equal(edgesBetween(pic, 'Lonely', 'main-route-table:Vpc').length, 1);
  assert.equal(node(pic, node(pic, 'Lonely')!.parent!)?.label, 'eu-west-1a');
});

test('one VPC only: the others and what is in them are left out', () => {
  const m = networkMap(net('test/fixtures/trace/unknown-route-tables.yaml'), { vpc: 'Vpc2' }, 'x');
  assert.ok(m.ok);
  const ids = m.picture.nodes.map((n) => n.id);
  assert.ok(ids.includes('Subnet2') && ids.includes('Rt2'));
  assert.ok(!ids.includes('Subnet1') && !ids.includes('Vpc1') && !ids.includes('Igw'));
  const none = networkMap(net('test/fixtures/trace/unknown-route-tables.yaml'), { vpc: 'Nope' }, 'x');
  assert.equal(none.ok, false);
});

test('a public path through NAT is highlighted hop by hop: subnet, route, NAT, its subnet and route table, internet gateway, internet', () => {
  const pic = traced('test/fixtures/trace/classic.yaml', 'PrivateSubnetA', 'internet');
  const onPath = pic.nodes.filter((n) => n.path).map((n) => n.id);
  assert.deepEqual(onPath.sort(), ['Igw', 'Nat', 'PrivateRtA', 'PrivateSubnetA', 'PublicRt', 'PublicSubnet', 'internet'].sort());
  for (const n of pic.nodes.filter((x) => x.path)) assert.equal(n.path, 'pass', n.id);
  const pathEdges = pic.edges.filter((e) => e.path).map((e) => `${e.from}->${e.to}`);
  assert.deepEqual(pathEdges.sort(), ['Igw->internet', 'Nat->PublicSubnet', 'PrivateRtA->Nat', 'PrivateSubnetA->PrivateRtA', 'PublicRt->Igw', 'PublicSubnet->PublicRt'].sort());
  // Nothing off the path is marked.
  assert.equal(node(pic, 'PrivateSubnetB')?.path, undefined);
});

test('a private path through a gateway endpoint ends at the service', () => {
  const pic = traced('examples/endpoints-fixed.yaml', 'PrivateSubnetA', 's3');
  const pathEdges = pic.edges.filter((e) => e.path).map((e) => `${e.from}->${e.to}:${e.path}`);
  assert.deepEqual(pathEdges, ['S3Endpoint->service:com.amazonaws.{region}.s3:pass', 'PrivateSubnetA->PrivateRouteTable:pass', 'PrivateRouteTable->S3Endpoint:pass']);
});

test('a private path through an interface endpoint: the local route, then the endpoint, then the service', () => {
  const pic = traced('examples/endpoints-fixed.yaml', 'PrivateSubnetA', 'ssm');
  assert.deepEqual(pic.nodes.filter((n) => n.path).map((n) => `${n.id}:${n.path}`), ['PrivateSubnetA:pass', 'PrivateRouteTable:pass', 'SsmEndpoint:pass', 'service:com.amazonaws.{region}.ssm:pass']);
  assert.ok(node(pic, 'SsmEndpoint')!.notes.some((n) => n.startsWith('endpoint security group in')));
});

test('a blocked path: the hop that blocks is red, where it happens', () => {
  // ssm: private DNS needs DNS hostnames, which are off, so the name resolves to public addresses and
  // the route table has no route there.
  const pic = traced('examples/endpoints-with-mistakes.yaml', 'PrivateSubnetA', 'ssm');
  const last = pic.edges.find((e) => e.to === 'service:com.amazonaws.{region}.ssm' && e.path);
  assert.equal(last?.from, 'PrivateRouteTable');
  assert.equal(last?.path, 'block');
  assert.equal(node(pic, 'service:com.amazonaws.{region}.ssm')?.path, 'block');
  // The DNS hop names SsmEndpoint (its private DNS does not answer): the path does not go through it.
  assert.deepEqual(pic.nodes.filter((n) => n.path).map((n) => n.id), ['PrivateSubnetA', 'PrivateRouteTable', 'service:com.amazonaws.{region}.ssm']);
  // The DNS hop (which the trace says decides) is told on the edge into the service its name leads to,
  // and labels it; the subnet's route-table association, which passes, stays green.
  assert.ok(last!.notes.some((n) => n.startsWith('DNS (SsmEndpoint)')), 'the DNS hop is told on the edge into the service');
  assert.equal(last!.label, 'DNS');
  assert.deepEqual(pic.edges.filter((e) => e.path === 'block').map((e) => `${e.from}->${e.to}`), ['PrivateRouteTable->service:com.amazonaws.{region}.ssm']);
  assert.equal(edgesBetween(pic, 'PrivateSubnetA', 'PrivateRouteTable').find((e) => e.path)?.path, 'pass');
  // An interface endpoint's security group refusing 443: the endpoint and the way into it (the local
  // route) are red, and the path stops there.
  const sg = traced('test/fixtures/trace/classic.yaml', 'IsolatedSubnet', 'kms');
  const blocked = sg.edges.filter((e) => e.path === 'block').map((e) => `${e.from}->${e.to}`);
  assert.deepEqual(blocked, ['IsolatedRt->KmsEndpoint']);
  assert.equal(node(sg, 'KmsEndpoint')?.path, 'block');
  assert.ok(node(sg, 'KmsEndpoint')!.notes.some((n) => n.includes('ClosedSg')));
  assert.equal(node(sg, 'service:com.amazonaws.{region}.kms')?.path, undefined);
});

test('an unknown hop is unknown on the map, with the value that decides it named', () => {
  const pic = traced('test/fixtures/trace/unknown-route-tables.yaml', 'Subnet1', 's3');
  const unknown = pic.edges.filter((e) => e.path === 'unknown');
  assert.equal(unknown.length, 1);
  assert.equal(unknown[0]!.from, 'Rt1');
  assert.equal(unknown[0]!.to, 'S3Endpoint1');
  assert.equal(unknown[0]!.decides, 'parameter RouteTables');
  assert.equal(node(pic, 'S3Endpoint1')?.path, 'unknown');
});

test('the picture of a path is the picture without one plus marks: no node is lost or moved', () => {
  const plain = picture('test/fixtures/trace/classic.yaml');
  const pic = traced('test/fixtures/trace/classic.yaml', 'Worker', 's3');
  for (const n of plain.nodes) assert.equal(node(pic, n.id)?.parent, n.parent, n.id);
  // The picture given is not changed by laying a path over it.
  assert.ok(plain.nodes.every((n) => n.path === undefined));
});

test('a network too large for one picture: the map shows one VPC (the source\'s, or the first) and says so', async () => {
  // The benchmarks' generator (plain JavaScript): its path in a variable keeps the type checker off it.
  const generator = '../../../scripts/bench/gen-template.mjs';
  const { generateTemplate } = (await import(generator)) as { generateTemplate: (n: number) => string };
  const big = networkOf(generateTemplate(500))!;
  const whole = buildPicture(big.judged());
  assert.ok(whole.nodes.length > WHOLE_MAP_NODES);
  const first = networkMap(big, {}, 'big');
  assert.ok(first.ok);
  assert.match(first.note!, /the network has 17 VPCs .* this map shows the first, VPC0; choose another with --vpc/);
  assert.ok(first.picture.nodes.length <= WHOLE_MAP_NODES);
  assert.ok(first.picture.nodes.every((n) => n.id !== 'VPC1' && n.parent !== 'VPC1'));
  const fromThird = networkMap(big, { from: 'PrivateSubnetA3', to: 's3' }, 'big');
  assert.ok(fromThird.ok);
  assert.match(fromThird.note!, /this map shows VPC3, where PrivateSubnetA3 is/);
  assert.ok(fromThird.picture.nodes.some((n) => n.id === 'PrivateSubnetA3' && n.path === 'pass'));
  // Asked for one VPC: no note, that VPC.
  const asked = networkMap(big, { vpc: 'VPC5' }, 'big');
  assert.ok(asked.ok && asked.note === undefined && asked.picture.nodes.some((n) => n.id === 'VPC5'));
});

test('a route to a prefix list of the template is one edge and one route, labelled with the list, though the model routes each entry', () => {
  const pic = picture('test/fixtures/audit/prefix-lists.yaml');
  const toTgw = pic.edges.filter((e) => e.from === 'Routes' && e.kind === 'route' && e.resource === 'ToOnPremises');
  assert.deepEqual(toTgw.map((e) => e.label), ['prefix list OnPremises']);
  assert.equal(node(pic, 'Routes')?.detail, '3 routes (local +)');
});
