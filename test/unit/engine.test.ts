// The engine's promises to its faces: templates only, never a throw, a finding for every bad input,
// and quick even on hostile input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../server/src/core/engine.js';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sqs
      VpcEndpointType: Interface
      SubnetIds: []
`;

function timed<T>(fn: () => T, limitMs: number): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `took ${ms.toFixed(0)} ms (limit ${limitMs})`);
  return out;
}

test('files that are not templates get nothing', () => {
  for (const text of ['', 'version: "3"\nservices:\n  web: {image: nginx}\n', '{"name": "x", "dependencies": {}}', 'apiVersion: v1\nkind: Pod\n', '- a\n- b\n', 'just text']) {
    assert.deepEqual(lintTemplate(text), { isTemplate: false, findings: [] }, JSON.stringify(text));
  }
});

test('a template is recognised by AWSTemplateFormatVersion or by an AWS:: resource type', () => {
  assert.equal(lintTemplate('AWSTemplateFormatVersion: "2010-09-09"\n').isTemplate, true);
  assert.equal(lintTemplate('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n').isTemplate, true);
  assert.equal(lintTemplate('Resources:\n  Q:\n    Type: Custom::Thing\n').isTemplate, false);
  assert.equal(lintTemplate('Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n').isTemplate, true);
});

test('every prefix of a template (a file being typed) lints without throwing', () => {
  for (let i = 0; i <= TEMPLATE.length; i += 3) {
    const result = lintTemplate(TEMPLATE.slice(0, i));
    assert.ok(!result.findings.some((f) => f.ruleId === 'VPCE0000'), `internal error at prefix ${i}`);
    for (const f of result.findings) assert.ok(f.start >= 0 && f.end <= i && f.start <= f.end, `range out of text at prefix ${i}`);
  }
});

test('a truncated template gets a syntax finding at the break', () => {
  const text = TEMPLATE.replace('SubnetIds: []', 'SubnetIds: [!Ref A,');
  const { findings } = lintTemplate(text);
  const syntax = findings.filter((f) => f.ruleId === 'VPCE0001');
  assert.ok(syntax.length > 0);
  assert.ok(syntax[0]!.start >= text.indexOf('SubnetIds'), 'syntax finding points near the break');
});

test('binary junk after a template ends quickly with a finding', () => {
  const junk = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
  const { findings } = timed(() => lintTemplate(TEMPLATE + junk), 5000);
  assert.ok(findings.some((f) => f.ruleId === 'VPCE0001'));
});

test('pure binary junk is not taken for a template', () => {
  const junk = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(1 + ((i * 31) % 250))).join('');
  assert.equal(timed(() => lintTemplate(junk), 5000).isTemplate, false);
});

test('deep nesting ends quickly with a finding', () => {
  const text = TEMPLATE + 'Outputs:\n  X:\n    Value: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n';
  const { findings } = timed(() => lintTemplate(text), 5000);
  assert.ok(findings.some((f) => f.ruleId === 'VPCE0004'));
});

test('a YAML alias bomb ends quickly with a finding', () => {
  let text = TEMPLATE + 'Mappings:\n';
  text += '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= 15; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const { findings } = timed(() => lintTemplate(text), 5000);
  assert.ok(findings.some((f) => f.ruleId === 'VPCE0004'));
});

test('odd values where lists and strings belong do not crash any rule', () => {
  const odd = ['~', '42', 'true', '{}', '[]', '[[[]]]', '{Fn::If: [C]}', '{Ref: ""}', '!Sub [1, 2, 3]', '!GetAtt ""', '!Select [x, y]', '!Join [1]', "!Split [',']", '!If', '!FindInMap [A]'];
  for (const v of odd) {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: ${v}
      EnableDnsHostnames: ${v}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: ${v}
      SecurityGroupIngress: ${v}
  E:
    Type: AWS::EC2::VPCEndpoint
    Condition: ${v === '~' ? 'C' : 'D'}
    Properties:
      VpcId: ${v}
      ServiceName: ${v}
      VpcEndpointType: ${v}
      SubnetIds: ${v}
      SecurityGroupIds: ${v}
      RouteTableIds: ${v}
      PrivateDnsEnabled: ${v}
      IpAddressType: ${v}
      PolicyDocument: ${v}
  S:
    Type: AWS::EC2::VPCEndpointService
    Properties: ${v}
  P:
    Type: AWS::EC2::VPCEndpointServicePermissions
    Properties:
      AllowedPrincipals: ${v}
`;
    const { findings } = lintTemplate(text, { regions: ['us-east-1'] });
    const internal = findings.find((f) => f.ruleId === 'VPCE0000');
    assert.equal(internal, undefined, `${v}: ${internal?.message}`);
  }
});

test('severity overrides and off apply; Metadata ignores apply per resource', () => {
  const text = TEMPLATE.replace('      VpcEndpointType: Interface\n', '');
  const base = lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE2001');
  assert.equal(base.length, 1);
  assert.equal(base[0]!.severity, 'error');
  assert.equal(lintTemplate(text, { rules: { VPCE2001: 'warning' } }).findings.find((f) => f.ruleId === 'VPCE2001')?.severity, 'warning');
  assert.equal(lintTemplate(text, { rules: { VPCE2001: 'off' } }).findings.find((f) => f.ruleId === 'VPCE2001'), undefined);
  const ignored = text.replace('!Sub com.amazonaws.${AWS::Region}.sqs', 'com.amazonaws.us-east-1.sqs').replace('    Type: AWS::EC2::VPCEndpoint\n', '    Type: AWS::EC2::VPCEndpoint\n    Metadata:\n      vpce-lens:\n        ignore: [VPCE2001]\n');
  const after = lintTemplate(ignored).findings;
  assert.equal(after.find((f) => f.ruleId === 'VPCE2001'), undefined);
  assert.ok(after.some((f) => f.ruleId === 'VPCE3002'), 'other rules still run on the ignoring resource');
});
