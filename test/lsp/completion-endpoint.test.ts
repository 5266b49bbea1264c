// Completion of an endpoint's network properties over a real connection: SubnetIds, SecurityGroupIds,
// RouteTableIds, VpcId, IpAddressType and DnsOptions, answered from the network model's facts —
// including what the template cannot know (a VPC or zone given at deploy time, a service whose IPv6
// support the catalogue does not state) and what exists only under a condition.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CompletionItem, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, completeAt as complete, fileUri, ROOT, positionAt } from './client.js';

const NETWORK = readFileSync(`${ROOT}test/fixtures/assist/network.yaml`, 'utf8');
let client: LspClient;
let n = 0;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});


/** Opens `text` with `|` marking the cursor and asks for completion there. */
const completeAt = (marked: string, language = 'yaml') => complete(client, marked, fileUri(`test/lsp/assist-${++n}.${language === 'json' ? 'json' : 'yaml'}`), language);

function apply(text: string, item: CompletionItem): string {
  return applyLspEdits(text, [item.textEdit as TextEdit]);
}

test('SubnetIds: the VPC\'s subnets, one per unused zone first, listed and used zones last, other VPCs never', async () => {
  const { text, items } = await completeAt(NETWORK.replace('        - !Ref SubnetB1\n', '        - !Ref SubnetB1\n        - |\n'));
  assert.deepEqual(items.map((i) => i.label), ['SubnetC1', 'SubnetA2', 'SubnetA1', 'SubnetB1']);
  assert.match(items[0]!.detail!, /^eu-west-1c · 10\.0\.4\.0\/24$/);
  assert.match(items[1]!.detail!, /zone already used/);
  assert.match(items[2]!.detail!, /already listed/);
  assert.ok(!items.some((i) => i.label === 'ElsewhereSubnet'), 'a subnet of another VPC is not offered');
  assert.ok(apply(text, items[0]!).includes('        - !Ref SubnetB1\n        - !Ref SubnetC1\n'));
  assert.match((items[0]!.documentation as { value: string }).value, /Availability Zone: eu\\-west\\-1c/);
});

test('SubnetIds in a flow list and after `!Ref `: the edit keeps the document\'s style', async () => {
  const flow = await completeAt(NETWORK.replace('      SubnetIds:\n        - !Ref SubnetA1\n        - !Ref SubnetB1\n', '      SubnetIds: [!Ref SubnetA1, |]\n'));
  assert.equal(flow.items[0]!.label, 'SubnetB1', 'zone b is unused: its subnet first');
  assert.ok(apply(flow.text, flow.items[0]!).includes('SubnetIds: [!Ref SubnetA1, !Ref SubnetB1]'));
  const after = await completeAt(NETWORK.replace('        - !Ref SubnetB1\n', '        - !Ref SubnetB1\n        - !Ref Sub|\n'));
  const c1 = after.items.find((i) => i.label === 'SubnetC1')!;
  assert.equal(c1.filterText, '!Ref SubnetC1');
  assert.ok(apply(after.text, c1).includes('        - !Ref SubnetC1\n'));
});

test('SubnetIds when the endpoint\'s VPC is not one the template creates and a zone is a parameter: all offered, marked', async () => {
  const marked = NETWORK.replace('Parameters:\n', 'Parameters:\n  ZoneParam:\n    Type: AWS::EC2::AvailabilityZone::Name\n')
    .replace('Resources:\n', 'Resources:\n  Lookup:\n    Type: Custom::VpcLookup\n    Properties:\n      ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:lookup\n')
    .replace('      CidrBlock: 10.0.4.0/24\n      AvailabilityZone: eu-west-1c', '      CidrBlock: 10.0.4.0/24\n      AvailabilityZone: !Ref ZoneParam')
    .replace('      VpcId: !Ref Vpc\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm', '      VpcId: !GetAtt Lookup.VpcId\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm')
    .replace('        - !Ref SubnetA1\n        - !Ref SubnetB1\n', '        - |\n');
  const { items } = await completeAt(marked);
  const c1 = items.find((i) => i.label === 'SubnetC1')!;
  assert.match(c1.detail!, /deploy-time zone parameter ZoneParam/);
  assert.ok(items.some((i) => i.label === 'ElsewhereSubnet'), 'no subnet is ruled out: the VPC a custom resource returns may be any');
  assert.ok(items.every((i) => /may not be in the endpoint's VPC/.test(i.detail!)));
  assert.deepEqual(items.slice(0, 3).map((i) => i.label), ['SubnetA1', 'SubnetB1', 'SubnetC1'], 'still one per zone first');
  assert.match((c1.documentation as { value: string }).value, /Availability Zone: chosen at deploy time: `parameter ZoneParam`/);
});

test('SecurityGroupIds: groups admitting 443 from the VPC first, then unknown, then not; another VPC\'s never', async () => {
  const { text, items } = await completeAt(NETWORK.replace('        - !Ref HttpsGroup\n', '        - !Ref HttpsGroup\n        - |\n'));
  assert.deepEqual(items.map((i) => i.label), ['AdminGroup', 'WebGroup', 'HttpsGroup']);
  assert.match(items[0]!.detail!, /443 from the VPC: unknown/);
  assert.match(items[1]!.detail!, /does not admit 443/);
  assert.match(items[2]!.detail!, /admits 443 from the VPC · already listed/);
  assert.ok(apply(text, items[1]!).includes('        - !Ref HttpsGroup\n        - !Ref WebGroup\n'));
  // The rule's range, named as the trace names it (the rule and the parameter that decides it).
  assert.match((items[0]!.documentation as { value: string }).value, /tcp 443 from unknown \\\(the address range of AdminGroup\\'s SecurityGroupIngress rule is known only at deploy time\\: parameter AdminCidr has no default\\\) — TCP 443: unknown/);
});

test('RouteTableIds: the VPC\'s route tables with their subnets', async () => {
  const { items } = await completeAt(NETWORK.replace('      RouteTableIds:\n        - !Ref PrivateRoutes\n', '      RouteTableIds:\n        - |\n'));
  assert.deepEqual(items.map((i) => i.label), ['PrivateRoutes']);
  assert.equal(items[0]!.detail, 'subnets: SubnetA1, SubnetB1');
  assert.match((items[0]!.documentation as { value: string }).value, /NAT gateway Nat \(conditional: `UseNat`\)/);
});

test('VpcId: the template\'s VPCs with their CIDR', async () => {
  const { text, items } = await completeAt(NETWORK.replace('      VpcId: !Ref Vpc\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm', '      VpcId: |\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm'));
  assert.deepEqual(items.map((i) => i.label), ['Vpc', 'OtherVpc']);
  assert.match(items[0]!.detail!, /^10\.0\.0\.0\/16/);
  assert.ok(apply(text, items[0]!).includes('      VpcId: !Ref Vpc\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm'));
});

test('IpAddressType: only what the service supports; unknown support offers all, marked', async () => {
  const at = (service: string) => NETWORK.replace('      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n      VpcEndpointType: Interface\n', `      ServiceName: ${service}\n      VpcEndpointType: Interface\n      IpAddressType: |\n`);
  const ssm = await completeAt(at('!Sub com.amazonaws.${AWS::Region}.ssm'));
  assert.deepEqual(ssm.items.map((i) => i.label), ['ipv4', 'dualstack', 'ipv6']);
  assert.match(ssm.items[1]!.detail!, /ssm \(Interface\) supports IPv6/);
  const acm = await completeAt(at('!Sub com.amazonaws.${AWS::Region}.acm'));
  assert.deepEqual(acm.items.map((i) => i.label), ['ipv4'], 'the catalogue says acm has no IPv6 endpoint');
  const notebook = await completeAt(at('!Sub aws.sagemaker.${AWS::Region}.notebook'));
  assert.deepEqual(notebook.items.map((i) => i.label), ['ipv4', 'dualstack', 'ipv6']);
  assert.match(notebook.items[2]!.detail!, /IPv6 support unknown/);
});

test('DnsOptions: its keys and each key\'s values from the schema', async () => {
  const keys = await completeAt(NETWORK.replace('      PrivateDnsEnabled: true\n', '      PrivateDnsEnabled: true\n      DnsOptions:\n        Dns|\n'));
  assert.deepEqual(keys.items.map((i) => i.label).sort(), ['DnsRecordIpType', 'PrivateDnsOnlyForInboundResolverEndpoint', 'PrivateDnsPreference', 'PrivateDnsSpecifiedDomains']);
  assert.ok(apply(keys.text, keys.items.find((i) => i.label === 'DnsRecordIpType')!).includes('        DnsRecordIpType: \n'));
  const values = await completeAt(NETWORK.replace('      PrivateDnsEnabled: true\n', '      PrivateDnsEnabled: true\n      DnsOptions:\n        PrivateDnsOnlyForInboundResolverEndpoint: |\n'));
  assert.deepEqual(values.items.map((i) => i.label), ['OnlyInboundResolver', 'AllResolvers', 'NotSpecified']);
});

test('JSON: SubnetIds items are written {"Ref": "X"}, inside an existing Ref only the id', async () => {
  const tpl = (items: string) => `{
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "SubnetA": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}},
    "SubnetB": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "eu-west-1b"}},
    "E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.\${AWS::Region}.sqs"}, "VpcEndpointType": "Interface", "SubnetIds": [${items}]}}
  }
}
`;
  const bare = await completeAt(tpl('{"Ref": "SubnetA"}, "|"'), 'json');
  assert.equal(bare.items[0]!.label, 'SubnetB');
  assert.ok(apply(bare.text, bare.items[0]!).includes('"SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]'));
  const inRef = await completeAt(tpl('{"Ref": "SubnetA"}, {"Ref": "Sub|"}'), 'json');
  assert.ok(apply(inRef.text, inRef.items[0]!).includes('{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]'));
});

test('while the text does not parse, the last model of the document still answers', async () => {
  const uri = fileUri('test/lsp/assist-broken.yaml');
  client.open(uri, NETWORK);
  await client.waitFor(uri);
  const marked = NETWORK.replace('        - !Ref SubnetB1\n', '        - !Ref SubnetB1\n        - |\n').replace('  OtherVpc:\n', '  OtherVpc: [\n');
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  client.change(uri, [{ text }]);
  const r = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) });
  assert.equal(r[0]?.label, 'SubnetC1');
  client.close(uri);
});

test('a subnet or group that exists only under a condition is marked conditional', async () => {
  const marked = NETWORK.replace('  SubnetC1:\n    Type: AWS::EC2::Subnet\n', '  SubnetC1:\n    Type: AWS::EC2::Subnet\n    Condition: UseNat\n')
    .replace('  WebGroup:\n    Type: AWS::EC2::SecurityGroup\n', '  WebGroup:\n    Type: AWS::EC2::SecurityGroup\n    Condition: UseNat\n')
    .replace('        - !Ref SubnetB1\n', '        - !Ref SubnetB1\n        - |\n');
  const { items } = await completeAt(marked);
  const c1 = items.find((i) => i.label === 'SubnetC1')!;
  assert.match(c1.detail!, /conditional \(UseNat\)/);
  assert.match((c1.documentation as { value: string }).value, /conditional: exists only when `UseNat` is true/);
  const groups = await completeAt(marked.replace('        - |\n', '').replace('        - !Ref HttpsGroup\n', '        - !Ref HttpsGroup\n        - |\n'));
  assert.match(groups.items.find((i) => i.label === 'WebGroup')!.detail!, /conditional \(UseNat\)/);
});
