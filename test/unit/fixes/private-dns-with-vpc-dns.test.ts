// VPCE5003's quick fix (turn on private DNS) in a VPC whose DNS support or hostnames are off: EC2 refuses
// private DNS there (VPCE5001, an error), so the fix that turned on private DNS alone left a template that
// does not deploy ("…, then: private DNS needs EnableDnsHostnames"). The fix now turns on the VPC's missing
// attributes in the same change, and the trace's "turn on private DNS" suggestion makes the same edit.
// Found by test/property/fix-trace-advice.test.ts on test/fixtures/rules/VPCE0007/bad-short-form.yaml.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../../server/src/core/analysis.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { applyEdits } from '../../../server/src/core/fixes/index.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { fixOfSuggestion } from '../../../server/src/lsp/trace.js';

before(() => ensureTerraformParser());

const CFN = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: https
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]
  SsmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Sg]
`;

const TF = `data "aws_region" "current" {}
resource "aws_vpc" "main" {
  cidr_block         = "10.0.0.0/16"
  enable_dns_support = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.sg.id]
}
`;

function check(a: Analysis, endpoint: string, subnet: string, hostnames: RegExp) {
  const f = a.findings.find((x) => x.ruleId === 'VPCE5003' && x.resource === endpoint);
  assert.ok(f, a.findings.map((x) => x.ruleId).join(', '));
  const fixes = a.verifiedFixes(f);
  assert.equal(fixes.length, 1, fixes.map((x) => x.title).join('; '));
  const fix = fixes[0]!;
  assert.equal(fix.leaves, undefined, `the fix leaves ${fix.leaves}: ${fix.title}`);
  const fixed = applyEdits(a.text, fix.edits);
  assert.match(fixed, hostnames);
  const after = a.relint(fixed);
  assert.deepEqual(after.filter((x) => x.severity !== 'info').map((x) => `${x.ruleId} ${x.message}`), a.findings.filter((x) => x.severity !== 'info').map((x) => `${x.ruleId} ${x.message}`));
  assert.ok(!after.some((x) => x.ruleId === 'VPCE5003' || x.ruleId === 'VPCE5001'));
  // The trace's suggestion: the same text.
  const r = trace(a.network()!, subnet, parseTarget('ssm')!);
  const s = r.suggestions.find((x) => x.kind === 'enable-private-dns');
  assert.ok(s, r.summary);
  const sfix = fixOfSuggestion(a, s, subnet);
  assert.ok(sfix);
  assert.equal(applyEdits(a.text, sfix.edits), fixed);
}

test('CloudFormation: VPCE5003 in a VPC without DNS hostnames turns on private DNS and EnableDnsHostnames, as the trace does', () => {
  check(analyze(CFN, { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }), 'SsmEndpoint', 'Subnet', /EnableDnsHostnames: true/);
});

test('Terraform: the same with enable_dns_hostnames', () => {
  check(analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis, 'aws_vpc_endpoint.ssm', 'aws_subnet.a', /enable_dns_hostnames\s*=\s*true/);
});
