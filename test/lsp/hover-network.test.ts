// Hover on a subnet, route table or security group — at its key under Resources and at a Ref or GetAtt
// to it — over a real connection: its facts from the network model, unknown facts said to be unknown
// with why, conditional routes marked, and every template value escaped.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { LspClient, fileUri, ROOT, positionAt } from './client.js';

const NETWORK = readFileSync(`${ROOT}test/fixtures/assist/network.yaml`, 'utf8');
let client: LspClient;
let n = 0;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});


/** The hover's markdown at the `nth` occurrence of `needle` (plus `into` characters) in `text`. */
async function hoverAt(text: string, needle: string, into = 2, nth = 0): Promise<string | undefined> {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const uri = fileUri(`test/lsp/hover-net-${++n}.yaml`);
  client.open(uri, text);
  await client.waitFor(uri);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, at + into) });
  client.close(uri);
  return h ? (h.contents as MarkupContent).value : undefined;
}

test('a subnet at its key: zone, VPC, CIDR, address families and route table', async () => {
  const text = (await hoverAt(NETWORK, '  SubnetA1:\n', 4))!;
  assert.match(text, /\*\*Subnet\*\* `SubnetA1`/);
  assert.match(text, /Availability Zone: eu\\-west\\-1a/);
  assert.match(text, /VPC: Vpc/);
  assert.match(text, /IPv4 CIDR: 10\\\.0\\\.1\\\.0\\\/24/);
  assert.match(text, /Route table: PrivateRoutes/);
  assert.match(text, /Address families: IPv4 only/);
  const c1 = (await hoverAt(NETWORK, '  SubnetC1:\n', 4))!;
  assert.match(c1, /Route table: the VPC's main route table/);
});

test('an IPv6-only subnet: its families and DNS64, which its NAT64 routes rest on', async () => {
  const text = readFileSync(`${ROOT}test/fixtures/trace/ipv6-routes.yaml`, 'utf8');
  const v6 = (await hoverAt(text, '  V6NoDns64:\n', 4))!;
  assert.match(v6, /Address families: IPv6 only\\, DNS64 off/);
  assert.match(v6, /IPv4 CIDR: none \\\(IPv6\\-only\\\)/);
  assert.match((await hoverAt(text, '  V6Nat64:\n', 4))!, /Address families: IPv6 only\\, DNS64 on/);
  assert.match((await hoverAt(text, '  Dual:\n', 4))!, /Address families: IPv4 and IPv6 \\\(dual\\-stack\\\)/);
});

test('a dual-stack subnet with DNS64: its clients reach IPv4-only names through NAT64, which the hover says', async () => {
  const text = readFileSync(`${ROOT}test/fixtures/trace/dual-stack.yaml`, 'utf8');
  assert.match((await hoverAt(text, '  DualDns64:\n', 4))!, /Address families: IPv4 and IPv6 \\\(dual\\-stack\\\)\\, DNS64 on\\: IPv4\\-only names through NAT64/);
  const plain = (await hoverAt(text, '  DualBoth:\n', 4))!;
  assert.match(plain, /Address families: IPv4 and IPv6 \\\(dual\\-stack\\\)/);
  assert.doesNotMatch(plain, /DNS64/);
});

test('a route table at a !Ref to it: routes with their targets, the conditional one marked, and its subnets', async () => {
  const text = (await hoverAt(NETWORK, '- !Ref PrivateRoutes', 8))!;
  assert.match(text, /\*\*Route table\*\* `PrivateRoutes`/);
  assert.match(text, /Associated subnets: `SubnetA1`, `SubnetB1`/);
  assert.match(text, /0\\\.0\\\.0\\\.0\\\/0 → NAT gateway Nat \(conditional: `UseNat`\)/);
  assert.match(text, /the prefix list of s3 → gateway endpoint S3Endpoint/);
});

test('a security group: its rules, whether each admits 443, and whether it admits 443 from its VPC', async () => {
  const https = (await hoverAt(NETWORK, '- !Ref HttpsGroup', 8))!;
  assert.match(https, /Admits TCP 443 from its VPC: yes/);
  assert.match(https, /tcp 443 from 10\\\.0\\\.0\\\.0\\\/16 — TCP 443: admitted/);
  assert.match(https, /Egress:\n  - all traffic to 0\\\.0\\\.0\\\.0\\\/0 \\\(the default rule\\\) — TCP 443: admitted/);
  const web = (await hoverAt(NETWORK, '  WebGroup:\n', 4))!;
  assert.match(web, /Admits TCP 443 from its VPC: no — no rule of WebGroup allows inbound TCP 443/);
  assert.match(web, /tcp 80 from 10\\\.0\\\.0\\\.0\\\/16 — TCP 443: not admitted/);
  const admin = (await hoverAt(NETWORK, '  AdminGroup:\n', 4))!;
  assert.match(admin, /Admits TCP 443 from its VPC: unknown — .*known only at deploy time/);
  assert.match(admin, /TCP 443: unknown/);
});

test('a GetAtt to a group, and unknown facts with their reason', async () => {
  const text = NETWORK.replace('Parameters:\n', 'Parameters:\n  VpcParam:\n    Type: AWS::EC2::VPC::Id\n  ZoneParam:\n    Type: String\n')
    .replace('  ElsewhereSubnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref OtherVpc\n      CidrBlock: 10.9.1.0/24\n      AvailabilityZone: eu-west-1a', '  ElsewhereSubnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !ImportValue shared-vpc\n      CidrBlock: !ImportValue shared-cidr\n      AvailabilityZone: eu-west-1a')
    .replace('      SecurityGroupIds:\n        - !Ref HttpsGroup\n', '      SecurityGroupIds:\n        - !GetAtt HttpsGroup.GroupId\n');
  const group = (await hoverAt(text, '!GetAtt HttpsGroup.GroupId', 10))!;
  assert.match(group, /\*\*Security group\*\* `HttpsGroup`/);
  const sub = (await hoverAt(text, '  ElsewhereSubnet:\n', 4))!;
  assert.match(sub, /VPC: outside the template, given at deploy time \(import shared\\-vpc\)/);
  assert.match(sub, /IPv4 CIDR: unknown — /);
});

test('template values are escaped: a zone written as markdown stays text', async () => {
  const text = NETWORK.replace('      AvailabilityZone: eu-west-1c', '      AvailabilityZone: "[x](https://evil.example) **b** <img>"');
  const sub = (await hoverAt(text, '  SubnetC1:\n', 4))!;
  assert.ok(!sub.includes('[x](https'), sub);
  assert.ok(!sub.includes('<img>'), sub);
  assert.match(sub, /\\\[x\\\]\\\(https/);
});

test('no network hover elsewhere: a VPC key or a plain value says nothing of it', async () => {
  const vpc = await hoverAt(NETWORK, '  Vpc:\n', 3);
  assert.ok(!vpc || !/\*\*(Subnet|Route table|Security group)\*\*/.test(vpc));
});

test('JSON: at {"Ref": "X"} and "Fn::GetAtt": ["X", ...]; a bare mention of the id is no reference', async () => {
  const text = `{
  "Description": "SubnetA and WebSg",
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "SubnetA": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}},
    "WebSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "web", "VpcId": {"Ref": "Vpc"}}},
    "E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.\${AWS::Region}.sqs"}, "VpcEndpointType": "Interface",
      "SubnetIds": [{"Ref": "SubnetA"}], "SecurityGroupIds": [{"Fn::GetAtt": ["WebSg", "GroupId"]}]}}
  }
}
`;
  const uri = fileUri(`test/lsp/hover-net-${++n}.json`);
  client.open(uri, text, 'json');
  await client.waitFor(uri);
  const at = async (needle: string, into: number) => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf(needle) + into) });
    return h ? (h.contents as MarkupContent).value : '';
  };
  assert.match(await at('{"Ref": "SubnetA"}', 11), /\*\*Subnet\*\* `SubnetA`/);
  assert.match(await at('["WebSg"', 3), /\*\*Security group\*\* `WebSg`[\s\S]*Admits TCP 443 from its VPC: no/);
  assert.match(await at('"SubnetA": {', 3), /\*\*Subnet\*\* `SubnetA`/);
  assert.doesNotMatch(await at('SubnetA and', 2), /Subnet/);
  client.close(uri);
});

test('while typing: a description edit keeps the facts (the worker does not send them again), a CIDR edit renews them', async () => {
  const uri = fileUri(`test/lsp/hover-net-${++n}.yaml`);
  let text = NETWORK;
  client.open(uri, text);
  await client.waitFor(uri, (p) => p.version === 1);
  const hover = async () => {
    const at = text.indexOf('  SubnetA1:\n') + 4;
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, at) });
    return h ? (h.contents as MarkupContent).value : '';
  };
  const edit = async (from: number, to: number, insert: string) => {
    const range = { start: positionAt(text, from), end: positionAt(text, to) };
    text = text.slice(0, from) + insert + text.slice(to);
    const version = client.change(uri, [{ range, text: insert }]);
    await client.waitFor(uri, (p) => p.version === version);
  };
  // Typing into a GroupDescription, character by character: the facts stay with each version.
  const description = text.indexOf('admits 80 only') + 'admits 80 only'.length;
  for (const [i, ch] of [...' and 22'].entries()) {
    await edit(description + i, description + i, ch);
    assert.match(await hover(), /IPv4 CIDR: 10\\\.0\\\.1\\\.0\\\/24/, `after typing ${i + 1} characters of a description`);
  }
  // Then a subnet's CIDR: the facts are made again and say so.
  const cidr = text.indexOf('10.0.1.0/24');
  await edit(cidr + 5, cidr + 6, '7');
  assert.match(await hover(), /IPv4 CIDR: 10\\\.0\\\.7\\\.0\\\/24/);
  // And back to the description: the new facts are the ones kept.
  await edit(description, description + 1, '');
  assert.match(await hover(), /IPv4 CIDR: 10\\\.0\\\.7\\\.0\\\/24/);
  client.close(uri);
});
