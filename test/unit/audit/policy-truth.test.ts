// Truth audit 2026-12-01 (docs/audit.md): endpoint policies real users write, standalone and inside
// CloudFormation and Terraform, each once answered falsely. Every test fails on the code before its fix.
// AWS pages: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html (considerations),
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { IAM_SOURCE } from '../../../server/src/core/data/iam-index.generated.js';
import { traceText } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const POLICY_RULES = /^VPCE9|^VPCE2004/;

function policyFile(statements: object[], service = 's3'): { rule: string; message: string }[] {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return lintDocument(text, { fileName: 'p.json', policyFile: true, policyService: service }).findings.map((f) => ({ rule: f.ruleId, message: f.message }));
}

function template(policy: string, type: 'Gateway' | 'Interface' = 'Gateway'): { rule: string; message: string }[] {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PolicyParam:
    Type: String
  Who:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Who, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      VpcEndpointType: ${type}
${type === 'Gateway' ? '      RouteTableIds: [!Ref Rt]' : '      SubnetIds: [subnet-0123456789abcdef0]'}
      PolicyDocument:
${policy}
`;
  return lintDocument(text, { fileName: 't.yaml', settings: { regions: ['us-east-1'] } })
    .findings.filter((f) => POLICY_RULES.test(f.ruleId))
    .map((f) => ({ rule: f.ruleId, message: f.message }));
}

function terraform(policy: string, extra = ''): { rule: string; message: string }[] {
  const text = `
variable "who" { type = string }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
${extra}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.rt.id]
  policy          = ${policy}
}
`;
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['us-east-1'] } });
  return r.analysis.findings.filter((f) => POLICY_RULES.test(f.ruleId)).map((f) => ({ rule: f.ruleId, message: f.message }));
}

const STAR = { Effect: 'Allow', Principal: '*', Resource: '*' };

// --- Statements that are template intrinsics, not statement objects -------------------------------

test('CloudFormation: a statement chosen by !If (one branch AWS::NoValue) is judged as the statement it may be, never as a statement missing Principal, Action and Resource', () => {
  const findings = template(`        Version: "2012-10-17"
        Statement:
          - !If
            - IsProd
            - Effect: Allow
              Principal: "*"
              Action: s3:GetObject
              Resource: "*"
            - !Ref AWS::NoValue
          - Effect: Allow
            Principal: "*"
            Action: s3:PutObject
            Resource: "*"`);
  assert.deepEqual(findings, []);
});

test('CloudFormation: a misspelt action inside an !If statement is still found, with the condition named', () => {
  const findings = template(`        Version: "2012-10-17"
        Statement:
          - !If
            - IsProd
            - Effect: Allow
              Principal: "*"
              Action: s3:GetObjekt
              Resource: "*"
            - !Ref AWS::NoValue`);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0]!.rule, 'VPCE9005');
  assert.match(findings[0]!.message, /s3:GetObjekt.*only when IsProd is true/);
});

test('CloudFormation: two !If branches may carry the same Sid: only one of them is deployed', () => {
  const findings = template(`        Version: "2012-10-17"
        Statement:
          - !If
            - IsProd
            - {Sid: Read, Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*"}
            - {Sid: Read, Effect: Allow, Principal: "*", Action: "s3:*", Resource: "*"}`);
  assert.deepEqual(findings, []);
});

test('CloudFormation: a Statement list from a parameter or from !If is not a statement without Principal, Action and Resource', () => {
  assert.deepEqual(template(`        Version: "2012-10-17"
        Statement: !Ref PolicyParam`), []);
  assert.deepEqual(
    template(`        Version: "2012-10-17"
        Statement: !If [IsProd, [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*"}], [{Effect: Deny, Principal: "*", Action: "s3:DeleteObject", Resource: "*"}]]`),
    [],
  );
});

test('Terraform: a statement list built by a conditional or a for expression is unknown, not a statement missing its elements', () => {
  const conditional = terraform(`jsonencode({
    Version   = "2012-10-17"
    Statement = var.who == "x" ? [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }] : []
  })`);
  assert.deepEqual(conditional, []);
  const forExpr = terraform(`jsonencode({
    Version   = "2012-10-17"
    Statement = [for a in ["s3:GetObject"] : { Effect = "Allow", Principal = "*", Action = a, Resource = "*" }]
  })`);
  assert.deepEqual(forExpr, []);
});

// --- Principals of gateway endpoints ----------------------------------------------------------------

test('gateway endpoint: {"AWS": ["*"]} is the same principal as "*"', () => {
  assert.deepEqual(template(`        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: ["*"]}
            Action: s3:GetObject
            Resource: "*"`), []);
  assert.deepEqual(terraform(`jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = ["*"] }, Action = "s3:GetObject", Resource = "*" }]
  })`), []);
  // aws_iam_policy_document writes principals as lists: type "AWS" with identifiers ["*"].
  assert.deepEqual(
    terraform('data.aws_iam_policy_document.p.json', `data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}`),
    [],
  );
});

test('gateway endpoint: a principal from a parameter, a variable or an !If whose branches are "*" is not known to be wrong', () => {
  assert.deepEqual(template(`        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: !If [IsProd, "*", {AWS: "*"}]
            Action: s3:GetObject
            Resource: "*"`), []);
  assert.deepEqual(template(`        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Ref Who}
            Action: s3:GetObject
            Resource: "*"`), []);
  assert.deepEqual(terraform(`jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = var.who, Action = "s3:GetObject", Resource = "*" }]
  })`), []);
});

test('gateway endpoint: a role ARN as principal is still reported, and an account built by !Sub too', () => {
  const role = template(`        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "arn:aws:iam::123456789012:role/app"}
            Action: s3:GetObject
            Resource: "*"`);
  assert.deepEqual(role.map((f) => f.rule), ['VPCE9012']);
  const sub = template(`        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/app"}
            Action: s3:GetObject
            Resource: "*"`);
  assert.deepEqual(sub.map((f) => f.rule), ['VPCE9012']);
});

// --- NotPrincipal -------------------------------------------------------------------------------

test('NotPrincipal with Deny is supported in VPC endpoint policies (IAM NotPrincipal page): no finding', () => {
  // With an Allow beside it: a policy of Deny statements alone allows nothing (VPCE9016).
  assert.deepEqual(policyFile([{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }, { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'sqs:*', Resource: '*' }], 'sqs'), []);
});

test('NotPrincipal with Allow is not supported by IAM: reported as such', () => {
  const findings = policyFile([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'sqs:*', Resource: '*' }], 'sqs');
  assert.deepEqual(findings.map((f) => f.rule), ['VPCE9004']);
  assert.match(findings[0]!.message, /NotPrincipal.*Deny/);
});

// --- Actions --------------------------------------------------------------------------------------

test('actions are case-insensitive and take wildcards anywhere in the name: no finding', () => {
  assert.deepEqual(policyFile([{ ...STAR, Action: ['s3:getobject', 'S3:GETOBJECT', 's3:Get*Acl', 's3:*Object*', 's3:?etObject', 's3:*'] }]), []);
});

test('a wildcard in the service prefix that matches services is not "not an AWS service prefix"', () => {
  const findings = policyFile([{ ...STAR, Action: ['*:GetObject', 's3*:GetObject', 's?:*'] }]);
  assert.deepEqual(findings, []);
});

test('an action the index does not hold is reported against the dated index, not as a fact about AWS', () => {
  const date = /@[\d.]+$/.exec(IAM_SOURCE) ? IAM_SOURCE : '';
  assert.ok(date);
  const unknownName = policyFile([{ ...STAR, Action: 's3:PutBucketQuantumEntanglement' }]);
  assert.equal(unknownName.length, 1);
  assert.match(unknownName[0]!.message, /is not in the IAM reference of \d{4}-\d{2}-\d{2}/);
  const unknownPrefix = policyFile([{ ...STAR, Action: 'zzzbrandnewservice:DoThing' }]);
  const action = unknownPrefix.filter((f) => f.rule === 'VPCE9005');
  assert.equal(action.length, 1);
  assert.match(action[0]!.message, /not a service prefix in the IAM reference of \d{4}-\d{2}-\d{2}/);
  // Whatever the reference holds, the prefix is not s3's: a policy of only that action allows nothing through an S3 endpoint.
  assert.deepEqual(unknownPrefix.filter((f) => f.rule !== 'VPCE9005').map((f) => f.rule), ['VPCE9016']);
});

// --- Conditions -------------------------------------------------------------------------------------

test('an operator of another family than its key is not claimed to "never match": IAM does not document that', () => {
  const findings = policyFile([{ ...STAR, Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SecureTransport': 'true' } } }]);
  assert.deepEqual(findings.map((f) => f.rule), ['VPCE9008']);
  assert.doesNotMatch(findings[0]!.message, /never matches/);
  assert.match(findings[0]!.message, /Bool/);
});

test('a name close to a known one is an error with its suggestion; one far from every known name may be newer than the index: a warning', () => {
  const text = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ ...STAR, Action: action, Condition: { StringEquals: { 'aws:PrincipleOrgID': 'o-abcdefghij', 'aws:BrandNewGlobalKeyOf2027': 'x' } } }] });
  const findings = lintDocument(text('s3:GetObjekt'), { fileName: 'p.json', policyFile: true, policyService: 's3' }).findings;
  const typo = findings.find((f) => f.ruleId === 'VPCE9005')!;
  assert.equal(typo.severity, 'error');
  assert.match(typo.message, /did you mean s3:GetObject\?/);
  const keys = findings.filter((f) => f.ruleId === 'VPCE9007').map((f) => [f.severity, f.message]);
  assert.equal(keys.length, 2);
  assert.ok(keys.some(([s, m]) => s === 'error' && /aws:PrincipleOrgID is not a condition key in the IAM reference of .*did you mean aws:PrincipalOrgID\?/.test(m!)), JSON.stringify(keys));
  assert.ok(keys.some(([s, m]) => s === 'warning' && /aws:BrandNewGlobalKeyOf2027 is not a condition key in the IAM reference of \d{4}-\d{2}-\d{2}$/.test(m!)), JSON.stringify(keys));
  const far = lintDocument(text('s3:PutBucketQuantumEntanglement'), { fileName: 'p.json', policyFile: true, policyService: 's3' }).findings.find((f) => f.ruleId === 'VPCE9005')!;
  assert.equal(far.severity, 'warning');
});

test('an endpoint service name written as the IAM prefix (monitoring:* on the CloudWatch endpoint) suggests the service\'s prefix, not the nearest spelling', () => {
  const text = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ ...STAR, Action: action }] });
  const suggestion = (action: string) => lintDocument(text(action), { fileName: 'p.json', policyFile: true }).findings.find((f) => f.ruleId === 'VPCE9005')?.message;
  assert.match(suggestion('monitoring:*') ?? '', /monitoring is not a service prefix .*did you mean cloudwatch:\*\?/);
  assert.match(suggestion('kinesis-firehose:PutRecord') ?? '', /did you mean firehose:PutRecord\?/);
  // A misspelt prefix that is no endpoint name still gets the nearest spelling.
  assert.match(suggestion('dynamodbb:Query') ?? '', /did you mean dynamodb:Query\?/);
});

// --- Where findings land inside Terraform strings ---------------------------------------------------

function terraformSpans(policy: string): string[] {
  const text = `
variable "bucket" { type = string }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.rt.id]
  policy          = ${policy}
}
`;
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['us-east-1'] } });
  return r.analysis.findings.filter((f) => f.ruleId === 'VPCE9005').map((f) => r.module.text.slice(f.start, f.end));
}

test('Terraform: a finding in a heredoc or quoted JSON policy with an interpolation lands on the action, not a character beside it', () => {
  assert.deepEqual(
    terraformSpans(`<<EOF
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObjekt","Resource":"arn:aws:s3:::\${var.bucket}/*"}]}
EOF`),
    ['s3:GetObjekt'],
  );
  assert.deepEqual(
    terraformSpans(`"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"s3:GetObjekt\\",\\"Resource\\":\\"arn:aws:s3:::\${var.bucket}/*\\"}]}"`),
    ['s3:GetObjekt'],
  );
});

test('an ARN operator on a key that holds an ARN is not "not an operator for" it, though the reference types the key String', () => {
  assert.deepEqual(policyFile([{ ...STAR, Action: 's3:GetObject', Condition: { ArnLike: { 'aws:SourceVpcArn': 'arn:aws:ec2:us-east-1:123456789012:vpc/*' } } }]), []);
});

test('an S3 endpoint policy naming s3-object-lambda actions is not told they never apply: no AWS page says either way', () => {
  assert.deepEqual(policyFile([{ ...STAR, Action: 's3-object-lambda:GetObject', Resource: 'arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/x' }]), []);
});

test('an empty Statement list is reported as empty, not as "must be a mapping"', () => {
  const findings = policyFile([]);
  assert.deepEqual(findings.map((f) => f.message), ['Endpoint policy: Statement must not be empty']);
});

// --- Checked and right: guarded so they stay so --------------------------------------------------------

test('a PolicyDocument from a parameter, AWS::NoValue or Fn::FindInMap is unknown: no policy finding', () => {
  assert.deepEqual(template('        !Ref PolicyParam'), []);
  assert.deepEqual(template('        !Ref AWS::NoValue'), []);
  assert.deepEqual(template('        !FindInMap [Policies, s3, doc]'), []);
});

test('Terraform: aws_vpc_endpoint_policy and a jsonencode of a local are judged as the endpoint\'s policy', () => {
  const findings = terraform(`jsonencode({ Version = "2012-10-17", Statement = local.st })`, `locals { st = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObjekt", Resource = "*" }] }`);
  assert.deepEqual(findings.map((f) => f.rule), ['VPCE9005']);
});

test('condition operators are case-sensitive (IAM rejects "Invalid Condition type : stringEquals"); condition keys are not', () => {
  const findings = policyFile([{ ...STAR, Action: 's3:GetObject', Condition: { stringEquals: { 'AWS:PRINCIPALORGID': 'o-abcdefghij' } } }]);
  assert.deepEqual(findings.map((f) => f.rule), ['VPCE9008']);
  assert.match(findings[0]!.message, /stringEquals is not a condition operator; did you mean StringEquals\?/);
});

// --- The trace reads the same statements -------------------------------------------------------------

function traceS3(statements: string): { verdict: string; summary: string } {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
  Statements:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetA
      RouteTableId: !Ref Rt
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Rt]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}
`;
  const answer = traceText(text, 'SubnetA', 's3', { action: 's3:DeleteObject' });
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return { verdict: answer.result.verdict, summary: answer.result.summary };
}

test('trace: a Deny chosen by !If may or may not be deployed: the action is unknown, not blocked', () => {
  const r = traceS3(`          - Effect: Allow
            Principal: "*"
            Action: "*"
            Resource: "*"
          - !If
            - IsProd
            - {Effect: Deny, Principal: "*", Action: "s3:DeleteObject", Resource: "*"}
            - !Ref AWS::NoValue`);
  assert.equal(r.verdict, 'unknown', r.summary);
});

test('trace: statements from a parameter may allow the action: unknown, not "no Allow statement matches"', () => {
  const r = traceS3('          !Ref Statements'.replace('          !Ref', '          - !Ref'));
  assert.equal(r.verdict, 'unknown', r.summary);
});

test('a JSON string policy with a computed part outside a JSON string (a !Ref in a !Join, ${Param} in a !Sub) is unknown, not "not valid JSON"', () => {
  assert.deepEqual(template(`        !Join ["", ['{"Version": "2012-10-17", "Statement": [', !Ref PolicyParam, ']}']]`), []);
  assert.deepEqual(template(`        !Sub '{"Version": "2012-10-17", "Statement": [\${PolicyParam}]}'`), []);
  // A real syntax error beside computed parts inside strings is still one.
  const broken = template(`        !Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\${PolicyParam}/*",}]}'`);
  assert.deepEqual(broken.map((f) => f.rule), ['VPCE9001']);
});

test('VPCE9014 reads {"AWS": ["*"]} as every principal, as the trace and VPCE9012 do', () => {
  const findings = policyFile([{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: '*', Resource: '*' }]);
  assert.deepEqual(findings.map((f) => f.rule), ['VPCE9014']);
});

test('a policy file set to an endpoint service whose IAM prefix is not known (bedrock-runtime: actions are bedrock:) judges no action as another service\'s', () => {
  const findings = policyFile([{ ...STAR, Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*' }], 'bedrock-runtime');
  assert.deepEqual(findings, []);
});

test('an endpoint whose service name comes from a parameter\'s default does not have its policy judged against that default', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Svc:
    Type: String
    Default: s3
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.\${Svc}
      VpcEndpointType: Interface
      SubnetIds: [subnet-0123456789abcdef0]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: arn:aws:sqs:us-east-1:123456789012:q
`;
  const findings = lintDocument(text, { fileName: 't.yaml', settings: { regions: ['us-east-1'] } }).findings.filter((f) => POLICY_RULES.test(f.ruleId));
  assert.deepEqual(findings.map((f) => f.message), []);
});
