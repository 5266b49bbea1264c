// One finding per syntax problem: a syntax error is reported once, at its root; the resources that
// still parse are analysed by the rules that judge a resource by itself; nothing is said about the
// broken text, and the rules that compare resources stay silent while any resource is broken.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { parseText } from '../../../server/src/core/document/parse.js';
import { asMap, valueOf } from '../../../server/src/core/document/tree.js';
import { LineIndex } from '../../../server/src/core/document/line-index.js';

const GOOD_WITH_MISTAKE = `  Good:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sqs
      VpcEndpointType: interface
      SubnetIds: [subnet-0123456789abcdef0]
`;

function lint(text: string) {
  const lines = new LineIndex(text);
  return lintTemplate(text).findings.map((f) => {
    const p = lines.positionAt(f.start);
    return `${p.line + 1}:${p.character + 1} ${f.ruleId} ${f.message}`;
  });
}

test('an unclosed quote in one resource: one finding at the quote, the other resource still checked', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Broken:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: 'vpc-1
      ServiceName: com.amazonaws.us-east-1.s3
${GOOD_WITH_MISTAKE}`;
  assert.deepEqual(lint(text), [
    "6:14 VPCE0001 Missing closing 'quote: the string opened here never ends",
    '13:24 VPCE1003 Good: VpcEndpointType must be one of Interface, Gateway, GatewayLoadBalancer, ServiceNetwork, Resource, Tunnel; did you mean Interface?',
  ]);
});

test('two broken resources: one finding each, none on the valid lines between or after them', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  First:
    Type: AWS::EC2::VPCEndpoint
    Properties: [a, b
      VpcId: vpc-1
${GOOD_WITH_MISTAKE}  Second:
    Type: AWS::EC2::Subnet
      Properties:
      VpcId: vpc-1
Outputs:
  Id:
    Value: !Ref Good
`;
  const findings = lint(text);
  const syntax = findings.filter((f) => f.includes('VPCE0001'));
  assert.equal(syntax.length, 2, findings.join('\n'));
  assert.match(syntax[0]!, /^5:/);
  assert.match(syntax[1]!, /^1[56]:/);
  assert.ok(findings.some((f) => f.startsWith('12:24 VPCE1003')), findings.join('\n'));
});

test('the resources that parse stay in the tree; a broken one is there with an unknown value', () => {
  const text = `Resources:\n  Broken:\n    Type: "AWS::EC2::VPC\n  Fine:\n    Type: AWS::EC2::Subnet\n`;
  const parsed = parseText(text);
  const resources = asMap(valueOf(asMap(parsed.root), 'Resources'))!;
  assert.deepEqual(resources.pairs.map((p) => [p.key.value, p.value?.kind ?? null]), [['Broken', null], ['Fine', 'map']]);
  assert.equal(parsed.problems.length, 1);
  assert.deepEqual(parsed.broken?.map((b) => text.slice(b.start, b.end)), ['Broken:\n    Type: "AWS::EC2::VPC']);
});

test('rules that compare resources stay silent while any resource is broken', () => {
  // Alone, the monitoring endpoint without private DNS gets VPCE5003 (a cross-resource rule: it looks
  // for the VPC's DNS settings and other endpoints). With a broken resource beside it, it must not.
  const endpoint = `  MonitoringEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.monitoring
      VpcEndpointType: Interface
      SubnetIds: [subnet-0123456789abcdef0]
`;
  const clean = `Resources:\n${endpoint}`;
  assert.ok(lint(clean).some((f) => f.includes('VPCE5003')), 'the premise: VPCE5003 fires on the clean template');
  const broken = `Resources:\n  Other:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {a: 1\n${endpoint}`;
  assert.deepEqual(lint(broken).filter((f) => !f.includes('VPCE0001')), []);
});

test('a broken section other than Resources: only the syntax finding, as nothing can be resolved safely', () => {
  const text = `Parameters:\n  Vpc:\n    Type: 'String\nResources:\n${GOOD_WITH_MISTAKE}`;
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => f.split(' ')[1]), ['VPCE0001']);
});

test('every rule named as judging a resource by itself is a registered rule', async () => {
  const { rules } = await import('../../../server/src/core/rules/index.js');
  const { RESOURCE_LOCAL_RULES } = await import('../../../server/src/core/rules/resource-local.js');
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const id of RESOURCE_LOCAL_RULES) assert.ok(ids.has(id), `${id} is not a registered rule`);
});
