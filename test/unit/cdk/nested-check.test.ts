// The check of a parent with its nested stacks (core/cdk/nested-check.ts): which rules it runs, and where
// each finding is put (the file, its own offsets and names, the stack resources that deploy it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlinedFindings, NETWORK_RULES } from '../../../server/src/core/cdk/nested-check.js';
import { inlineNestedStacks } from '../../../server/src/core/cdk/nested-inline.js';
import { rules } from '../../../server/src/core/rules/index.js';

const RULES = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'rules');

test('NETWORK_RULES are the rules that read the network model, directly or through a helper that does', () => {
  const files = readdirSync(RULES).filter((f) => f.endsWith('.ts'));
  const reads = (text: string) => /\.network\(\)/.test(text);
  const helpers = files.filter((f) => !/^vpce\d{4}-/.test(f) && reads(readFileSync(join(RULES, f), 'utf8'))).map((f) => f.replace(/\.ts$/, '.js'));
  assert.ok(helpers.length > 0, 'the helpers that read the model are found (rules/private-dns.ts)');
  const readers = files.filter((f) => {
    if (!/^vpce\d{4}-/.test(f)) return false;
    const text = readFileSync(join(RULES, f), 'utf8');
    return reads(text) || helpers.some((h) => text.includes(`'./${h}'`));
  }).map((f) => f.slice(0, 8).toUpperCase());
  assert.ok(readers.length > 10);
  assert.deepEqual([...NETWORK_RULES].sort(), readers.sort());
  for (const id of NETWORK_RULES) assert.ok(rules.some((r) => r.meta.id === id), id);
});

const PARENT = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.5.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.5.0.0/24
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: n.yaml
      Parameters:
        VpcId: !Ref Vpc
        SubnetId: !Ref Subnet
`;
const NESTED = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpcId:
    Type: String
  SubnetId:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a name the parent uses too
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.5.0.0/16 }
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcId
      ServiceName: com.amazonaws.eu-west-1.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref SubnetId]
      SecurityGroupIds: [!Ref Vpc]
`;

test('a nested endpoint judged with its parent\'s VPC: in the nested file, at its own offsets and names, the parent\'s VPC related in the parent\'s file', () => {
  const texts = new Map([['p.yaml', PARENT], ['n.yaml', NESTED]]);
  const stacks = inlineNestedStacks('p.yaml', (f) => texts.get(f), (f) => (f === 'p.yaml' ? new Map([['Net', 'n.yaml']]) : undefined))!;
  const found = inlinedFindings(stacks, { regions: ['eu-west-1'] });
  assert.deepEqual(found.map((p) => [p.file, p.finding.ruleId]), [['n.yaml', 'VPCE5001']]);
  const [{ finding, chain }] = found as [(typeof found)[number]];
  assert.equal(NESTED.slice(finding.start, finding.end), 'true');
  assert.equal(finding.resource, 'Endpoint');
  assert.equal(finding.data, undefined);
  assert.deepEqual(chain.map((l) => [l.parent, l.stack, PARENT.slice(l.key.start, l.key.end)]), [['p.yaml', 'Net', 'Net']]);
  // The VPC (the parent's; the nested group of the same name was renamed Net/Vpc) is in the parent's file.
  assert.deepEqual(finding.related?.map((r) => [r.file?.path, r.file?.start.line, PARENT.slice(r.start, r.end)]), [['p.yaml', 2, 'Vpc']]);
  // Only the network rules run here: the nested template's other rules are its own file's.
  assert.ok(found.every((p) => NETWORK_RULES.has(p.finding.ruleId)));
});
