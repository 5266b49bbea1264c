// A template whose endpoints are made by Fn::ForEach over a list parameter without a default
// (AWS::LanguageExtensions) declares a network the template alone cannot show. The map and the
// matrix say so, rather than "the template declares no VPC network", which would be false.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkOf } from '../../../server/src/core/trace/api.js';
import { networkMap } from '../../../server/src/core/map/map.js';
import { runTrace } from '../../../server/src/cli/trace-command.js';

const LOOP = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  Services: {Type: CommaDelimitedList}
  Vpc: {Type: AWS::EC2::VPC::Id}
  Subnets: {Type: CommaDelimitedList}
Resources:
  'Fn::ForEach::Endpoints':
    - Service
    - !Ref Services
    - Endpoint\${Service}:
        Type: AWS::EC2::VPCEndpoint
        Properties: {VpcId: !Ref Vpc, VpcEndpointType: Interface, SubnetIds: !Ref Subnets, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.\${Service}"}
`;

const NOTHING = `Resources:
  Topic: {Type: AWS::SNS::Topic}
`;

test('map: a loop over a deploy-time list is named, not called "no VPC network"', () => {
  const answer = networkMap(networkOf(LOOP)!, {}, 't.yaml');
  assert.equal(answer.ok, false);
  if (answer.ok) return;
  assert.match(answer.error, /Fn::ForEach::Endpoints/);
  assert.doesNotMatch(answer.error, /declares no VPC network/);
});

test('map: a template without any network still says it declares none', () => {
  const answer = networkMap(networkOf(NOTHING)!, {}, 't.yaml');
  assert.equal(answer.ok, false);
  if (!answer.ok) assert.match(answer.error, /declares no VPC network/);
});

test('a loop whose list is known is unrolled: nothing is left for deploy time', () => {
  const known = LOOP.replace('Services: {Type: CommaDelimitedList}', 'Services: {Type: CommaDelimitedList, Default: "ssm,logs"}');
  assert.equal(networkOf(known)!.defaults.deployTimeLoops, undefined);
  assert.deepEqual(networkOf(LOOP)!.defaults.deployTimeLoops, ['Fn::ForEach::Endpoints']);
});

test('matrix text: the resources left for deploy time are named under the table', () => {
  const lines: string[] = [];
  assert.equal(runTrace({ file: 't.yaml', text: LOOP, matrix: true, format: 'text' }, (s) => lines.push(s), () => {}), 0);
  assert.match(lines.join(''), /not traced: the resources of Fn::ForEach::Endpoints/);
});
