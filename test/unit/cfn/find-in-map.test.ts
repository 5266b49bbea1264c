// What an Fn::FindInMap reads (cfn/find-in-map.ts), recorded once by the resolver: the reads VPCE0010 and the
// region rules judge, the value made of them, and the trace through an endpoint whose every read entry names
// another Region than its key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { asMap, valueOf, type MapNode, type Node } from '../../../server/src/core/document/tree.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { Resolver } from '../../../server/src/core/cfn/resolve.js';
import { withPseudos } from '../../../server/src/core/cfn/values.js';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';

const MAPPINGS = `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  M:
    eu-west-1: {svc: com.amazonaws.eu-west-1.sqs}
    us-east-1: {svc: com.amazonaws.eu-west-1.sqs}
    Default: {svc: none}
  Env:
    prod: {svc: com.amazonaws.eu-west-1.sqs}
`;

function read(expr: string, regions: string[] = []) {
  const text = `${MAPPINGS}Resources:\n  Vpc: {Type: AWS::EC2::VPC}\nOutputs:\n  X:\n    Value: ${expr}\n`;
  const parsed = parseText(text);
  const template = buildTemplate(text, parsed.root as MapNode);
  if (regions.length) template.regions = regions;
  const node = valueOf(asMap(valueOf(asMap(valueOf(template.root, 'Outputs')), 'X')), 'Value')!;
  const values = new Resolver(template);
  const lookup = values.lookup(node);
  const where = (n: Node) => text.slice(n.start, n.end);
  return {
    value: withPseudos(values.value(node)),
    lookup: lookup && { ...lookup, reads: lookup.reads.map((r) => ('entry' in r ? `${r.top}: ${where(r.entry)} (key ${where(r.key)})` : 'missing' in r ? `${r.top}: no ${r.missing}` : `${r.top}: undecided`)) },
  };
}

test('keys written as text: one read, the entry or what is missing', () => {
  assert.deepEqual(read('!FindInMap [Env, prod, svc]').lookup, { keys: ['Env', 'prod', 'svc'], byParameter: false, reads: ['prod: com.amazonaws.eu-west-1.sqs (key prod)'] });
  assert.deepEqual(read('!FindInMap [Env, test, svc]').lookup?.reads, ['test: no entry']);
  assert.deepEqual(read('!FindInMap [Nope, test, svc]').lookup?.reads, ['test: no mapping']);
  assert.deepEqual(read('!FindInMap [Env, prod, nothing]').lookup?.reads, ['prod: no key']);
});

test("AWS::Region: each named Region's read, else each of the map's own Region entries (not Default)", () => {
  const expr = '!FindInMap [M, !Ref AWS::Region, svc]';
  const named = read(expr, ['us-east-1', 'ap-south-1']).lookup;
  assert.equal(named?.regions, 'named');
  assert.deepEqual(named?.reads, ['us-east-1: com.amazonaws.eu-west-1.sqs (key us-east-1)', 'ap-south-1: no entry']);
  const own = read(expr).lookup;
  assert.equal(own?.regions, 'entries');
  assert.deepEqual(own?.reads, ['eu-west-1: com.amazonaws.eu-west-1.sqs (key eu-west-1)', 'us-east-1: com.amazonaws.eu-west-1.sqs (key us-east-1)']);
  // A Sub with more than the Region is no Region key.
  assert.equal(read("!FindInMap [M, !Sub '${AWS::Region}-x', svc]").lookup, undefined);
});

test("each Region reads its entry with its own name as AWS::Region: one entry is portable, another Region's is not", () => {
  const one = `${MAPPINGS}`.replace('    us-east-1: {svc: com.amazonaws.eu-west-1.sqs}\n', '');
  const text = (head: string) => `${head}Resources:\n  Vpc: {Type: AWS::EC2::VPC}\nOutputs:\n  X:\n    Value: !FindInMap [M, !Ref AWS::Region, svc]\n`;
  const valueIn = (t: string) => {
    const template = buildTemplate(t, parseText(t).root as MapNode);
    return withPseudos(new Resolver(template).value(valueOf(asMap(valueOf(asMap(valueOf(template.root, 'Outputs')), 'X')), 'Value')));
  };
  assert.equal(valueIn(text(one)), 'com.amazonaws.${AWS::Region}.sqs');
  // eu-west-1's entry is the Region's name, us-east-1's is eu-west-1's: they differ, so it is not known.
  assert.equal(valueIn(text(MAPPINGS)), undefined);
});

// Every entry of the map names eu-west-1 under another Region's key: the stack deploys only where the map has an
// entry, and there the endpoint asks for another Region's service. Not private, with no Region named.
test('an endpoint whose every read entry names another Region is not a private path', () => {
  const template = `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  Services:
    us-east-1: {Sqs: com.amazonaws.eu-west-1.sqs}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: HTTPS from the VPC
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]
  Sqs:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !FindInMap [Services, !Ref AWS::Region, Sqs]
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Group]
`;
  const verdict = (t: string, to = 'com.amazonaws.eu-west-1.sqs') => {
    const answer = traceNetwork(networkOf(t)!, 'Subnet', to);
    assert.ok(answer.ok);
    return answer.result;
  };
  const wrong = verdict(template, 'sqs');
  assert.notEqual(wrong.verdict, 'private', wrong.summary);
  assert.match(JSON.stringify(wrong.hops), /mapping Services has entries only for us-east-1/);
  // The entry under its own Region: private.
  assert.equal(verdict(template.replace('us-east-1: {Sqs', 'eu-west-1: {Sqs'), 'sqs').verdict, 'private');
});
