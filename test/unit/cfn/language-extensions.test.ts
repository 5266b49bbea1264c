// AWS::LanguageExtensions is applied before the rules run, as CloudFormation applies it: endpoints
// made by Fn::ForEach are checked, their findings land inside the loop body and name the expanded
// logical id; what only a deployment knows stays unexpanded and unjudged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { parseText } from '../../../server/src/core/document/parse.js';
import { buildTemplate, looksLikeTemplate } from '../../../server/src/core/cfn/template.js';
import { expandValue } from '../../../server/src/core/cfn/language-extensions.js';

const HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  VpcId: {Type: AWS::EC2::VPC::Id}
  SubnetA: {Type: AWS::EC2::Subnet::Id}
  Services:
    Type: CommaDelimitedList
    Default: sqs, kms
  ServicesWithoutDefault:
    Type: CommaDelimitedList
`;

const loop = (collection: string, key = "'Endpoint&{Service}'") => `${HEAD}Resources:
  Fn::ForEach::Endpoints:
    - Service
    - ${collection}
    - ${key}:
        Type: AWS::EC2::VPCEndpoint
        Properties:
          VpcId: !Ref VpcId
          ServiceName: !Sub com.amazonaws.\${AWS::Region}.\${Service}
          SubnetIds: [!Ref SubnetA]
`;

function template(text: string) {
  const { root } = parseText(text, { json: false });
  assert.ok(looksLikeTemplate(root));
  return buildTemplate(text, root);
}

test('Fn::ForEach over a written list makes one resource per item, named as CloudFormation names them', () => {
  const t = template(loop('[ecr.api, ecr.dkr]'));
  assert.deepEqual(t.resources.map((r) => r.id), ['Endpointecrapi', 'Endpointecrdkr']);
  const text = loop('[ecr.api, ecr.dkr]');
  assert.equal(text.slice(t.resources[0]!.key.start, t.resources[0]!.key.end), "'Endpoint&{Service}'");
});

test('endpoints made by a loop are checked: findings inside the body, messages naming the expanded id', () => {
  const text = loop('[ecr.api, ecr.dkr]');
  // Without VpcEndpointType these are Gateway endpoints, which ECR does not offer.
  const found = lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE2001');
  assert.deepEqual(found.map((f) => f.message.split(':')[0]), ['Endpointecrapi', 'Endpointecrdkr']);
  for (const f of found) assert.equal(text.slice(f.start, f.end), 'ServiceName');
});

test('the identifier inside a Sub with its own variables', () => {
  const text = loop('[ecr.api]').replace("!Sub com.amazonaws.\${AWS::Region}.\${Service}", "!Sub ['com.amazonaws.\${AWS::Region}.\${Name}', {Name: !Ref Service}]");
  assert.match(text, /Name: !Ref Service/);
  const found = lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE2001');
  assert.deepEqual(found.map((f) => f.message.split(':')[0]), ['Endpointecrapi']);
});

test("a list parameter's default is the collection; without a default nothing is expanded or judged", () => {
  assert.deepEqual(template(loop('!Ref Services')).resources.map((r) => r.id), ['Endpointsqs', 'Endpointkms']);
  const unknown = loop('!Ref ServicesWithoutDefault');
  assert.deepEqual(template(unknown).resources, []);
  assert.deepEqual(lintTemplate(unknown).findings, []);
});

test('nested loops, a mapping as the collection, intrinsics in DeletionPolicy', () => {
  const text = `${HEAD}Mappings:
  Retention:
    Dev: {Policy: Delete}
    Prod: {Policy: Retain}
  Endpoints:
    Shared:
      Services: [logs, monitoring]
Resources:
  Fn::ForEach::Vpcs:
    - Env
    - [Dev, Prod]
    - Fn::ForEach::Services:
        - Service
        - !FindInMap [Endpoints, Shared, Services]
        - '\${Env}\${Service}Endpoint':
            Type: AWS::EC2::VPCEndpoint
            DeletionPolicy: !FindInMap [Retention, !Ref Env, Policy]
            UpdateReplacePolicy: !FindInMap [Retention, !Ref Env, Policy]
            Properties:
              VpcId: !Ref VpcId
              VpcEndpointType: Interface
              PrivateDnsEnabled: true
              ServiceName: !Sub com.amazonaws.\${AWS::Region}.\${Service}
              SubnetIds: [!Ref SubnetA]
              Tags: [{Key: env, Value: !Ref Env}]
`;
  const t = template(text);
  assert.deepEqual(t.resources.map((r) => r.id), ['DevlogsEndpoint', 'DevmonitoringEndpoint', 'ProdlogsEndpoint', 'ProdmonitoringEndpoint']);
  // Dev's and Prod's endpoints are in the one VPC parameter VpcId names, each with private DNS: the Prod ones
  // cannot be created (VPCE5002); nothing else is found in the expanded loops.
  assert.deepEqual(
    lintTemplate(text).findings.map((f) => `${f.ruleId} ${f.message.split(':')[0]}`),
    ['VPCE5002 ProdlogsEndpoint', 'VPCE5002 ProdmonitoringEndpoint'],
  );
});

test('without the transform, Fn::ForEach is not expanded', () => {
  const text = loop('[sqs]').replace('Transform: AWS::LanguageExtensions\n', '');
  assert.deepEqual(template(text).resources, []);
});

test('Fn::Length of a known list is its length; Fn::ToJsonString under PolicyDocument is the document', () => {
  const { root } = parseText('A: {Fn::Length: [a, b, c]}\nB: {Fn::Length: !Ref Unknown}\n', { json: false });
  const scope = { parameterDefault: () => undefined, mappings: undefined };
  const out = expandValue(root, scope);
  assert.equal(out?.kind === 'map' && out.pairs[0]!.value?.kind === 'scalar' ? out.pairs[0]!.value.value : undefined, 3);
  assert.equal(out?.kind === 'map' ? out.pairs[1]!.value : undefined, root?.kind === 'map' ? root.pairs[1]!.value : null, 'an unknown list is left as written');
  const text = `${HEAD}Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcId
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [rtb-0123456789abcdef0]
      PolicyDocument:
        Fn::ToJsonString:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: sqs:SendMessage
              Resource: "*"
`;
  const found = lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE9006');
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0]!.start, found[0]!.end), 'sqs:SendMessage');
});

test('a loop inside Properties whose collection is unknown is no unknown property', () => {
  const text = `${HEAD}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref VpcId
      Fn::ForEach::Ingress:
        - Cidr
        - !Ref ServicesWithoutDefault
        - SecurityGroupIngress: []
`;
  assert.deepEqual(lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE1002'), []);
});

test('Fn::FindInMap with a DefaultValue gives the default when the written keys find nothing', () => {
  const text = `${HEAD}Mappings:
  Endpoints:
    prod: {Service: sqs}
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcId
      ServiceName: !Sub
        - com.amazonaws.\${AWS::Region}.\${Name}
        - Name: !FindInMap [Endpoints, dev, Service, {DefaultValue: kms}]
      SubnetIds: [!Ref SubnetA]
`;
  // The default names KMS, which has Interface endpoints only: VpcEndpointType left out makes a Gateway.
  const [f] = lintTemplate(text).findings.filter((x) => x.ruleId === 'VPCE2001');
  assert.match(f!.message, /but kms has Interface endpoints only/);
  assert.equal(lintTemplate(text.replace('dev, Service', 'prod, Service')).findings.filter((x) => x.ruleId === 'VPCE2001')[0]?.message.includes('sqs'), true);
});

test('loops in Conditions are unrolled: the conditions they make are known by name and read like written ones', async () => {
  const { compatible } = await import('../../../server/src/core/cfn/refs.js');
  const t = template(`${HEAD}  Env: {Type: String, Default: a}
Conditions:
  Fn::ForEach::EnvIs:
    - Name
    - [a, b]
    - Is\${Name}: !Equals [!Ref Env, !Ref Name]
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Condition: Isa
    Properties:
      VpcId: !Ref VpcId
      ServiceName: com.amazonaws.us-east-1.sqs
`);
  assert.deepEqual([...t.conditions.keys()], ['Isa', 'Isb']);
  // Env = a and Env = b exclude each other: that is only seen when the loop is unrolled.
  assert.equal(compatible(['Isa'], ['Isb'], t), false);
  assert.equal(compatible(['Isa'], ['Isa'], t), true);
});

test('without the transform, a loop in Conditions stays as written', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Fn::ForEach::EnvIs:
    - Name
    - [a, b]
    - Is\${Name}: !Equals [a, !Ref Name]
Resources: {}
`;
  assert.deepEqual([...template(text).conditions.keys()], ['Fn::ForEach::EnvIs']);
});
