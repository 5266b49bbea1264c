// VPCE0007 and the resolver answer one question: what a name the template does not write stands for.
// A name the rule reports is one the resolver calls missing; a name a transform makes (SAM) or may make
// (a macro) is reported by neither, and the resolver says why it is not known.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { buildTemplate } from '../../../server/src/core/cfn/template.js';
import { Resolver } from '../../../server/src/core/cfn/resolve.js';
import { asMap } from '../../../server/src/core/document/tree.js';
import { lintTemplate } from '../../../server/src/core/engine.js';

function whyOf(text: string, ref: string): string {
  const root = asMap(parseText(text).root)!;
  const v = new Resolver(buildTemplate(text, root)).value(parseText(`{Ref: ${ref}}`).root);
  assert.equal(v.kind, 'unknown');
  return v.kind === 'unknown' ? v.why : '';
}

function reported(text: string): string[] {
  return lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE0007').map((f) => text.slice(f.start, f.end));
}

const sam = (transform: string) =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Transform: ${transform}`,
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties: {Runtime: python3.12, Handler: a.b, CodeUri: s/}',
    '  Q:',
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    '      QueueName: !Ref FnRole',
    '      Tags: [{Key: a, Value: !Ref Missing}, {Key: b, Value: !Ref AWS::StackName}, {Key: c, Value: !Ref AWS::Regoin}]',
  ].join('\n') + '\n';

test('SAM: its generated names are declared; other missing names are reported, and the resolver agrees', () => {
  const text = sam('AWS::Serverless-2016-10-31');
  assert.deepEqual(reported(text), ['Missing', 'AWS::Regoin']);
  assert.match(whyOf(text, 'FnRole'), /FnRole is made by the SAM transform/);
  assert.match(whyOf(text, 'Missing'), /Missing is neither a parameter nor a resource of this template/);
  assert.match(whyOf(text, 'AWS::Regoin'), /AWS::Regoin is neither a parameter nor a resource/);
  assert.match(whyOf(text, 'AWS::StackName'), /known only at deploy time/);
});

test('a macro may add any name: nothing is reported and the resolver says so', () => {
  const text = sam('[AWS::Serverless-2016-10-31, MyMacro]');
  assert.deepEqual(reported(text), []);
  assert.match(whyOf(text, 'Missing'), /Missing is not declared in this template \(the template's transform MyMacro may add names/);
});

test('without a transform, SAM-looking names are missing too', () => {
  const text = sam('[]').replace('AWS::Serverless::Function', 'AWS::Lambda::Function');
  assert.deepEqual(reported(text), ['FnRole', 'Missing', 'AWS::Regoin']);
});

test('a deploy-time Fn::ForEach collection makes names unknown: nothing is reported', () => {
  const text = [
    'Transform: AWS::LanguageExtensions',
    'Parameters: {Names: {Type: CommaDelimitedList}}',
    'Resources:',
    '  Fn::ForEach::Q:',
    '    - N',
    '    - !Ref Names',
    '    - Queue${N}: {Type: AWS::SQS::Queue}',
    '  Other:',
    '    Type: AWS::SQS::Queue',
    '    Properties: {QueueName: !GetAtt QueueX.QueueName}',
  ].join('\n') + '\n';
  assert.deepEqual(reported(text), []);
  assert.match(whyOf(text, 'QueueX'), /QueueX is not declared in this template \(Fn::ForEach loop Q makes names known only at deploy time\)/);
});

test('Conditions may refer to parameters only: a resource is no candidate there', () => {
  const text = ['Parameters: {Stage: {Type: String}}', 'Conditions:', '  C: !Equals [!Ref Stag, prod]', 'Resources:', '  Stag2: {Type: AWS::SQS::Queue}'].join('\n') + '\n';
  const [f] = lintTemplate(text).findings.filter((x) => x.ruleId === 'VPCE0007');
  assert.match(f!.message, /declares no parameter Stag, .*closest declared name is Stage$/);
});
