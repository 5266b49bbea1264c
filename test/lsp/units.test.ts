// The language server's pure helpers, without a connection: settings from whatever a client sends,
// the value slot completion reads from the line being typed, policy-file globs, code action kinds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../server/src/lsp/settings.js';
import { valueSlotAt } from '../../server/src/lsp/template-position.js';
import { isPolicyFile, relativeTo } from '../../server/src/lsp/paths.js';
import { wants } from '../../server/src/lsp/code-actions.js';

test('settings: malformed values are dropped, rule ids and levels normalised, policy globs defaulted', () => {
  assert.deepEqual(normalize(undefined), { engine: { regions: [], rules: {} }, policyFiles: ['**/*endpoint*policy*.json'], traceServices: [] });
  assert.deepEqual(normalize({ regions: [' eu-west-1 ', 7, ''], rules: { vpce3002: 'ERROR', VPCE1: 'loud', VPCE2: 3 }, policyFiles: 'x', traceServices: [' SQS ', 'sqs', 'ecr.api', '../etc', 4] }), {
    engine: { regions: ['eu-west-1'], rules: { VPCE3002: 'error' } },
    policyFiles: ['**/*endpoint*policy*.json'],
    traceServices: ['sqs', 'ecr.api'],
    problems: [
      'vpceLens.rules.VPCE1: unknown rule id (rule ids look like VPCE1002: docs/rules.md or vpce-lens --rules lists them); ignored',
      'vpceLens.rules.VPCE2: unknown rule id (rule ids look like VPCE1002: docs/rules.md or vpce-lens --rules lists them); ignored',
      'vpceLens.regions: 7 is not a string; ignored',
      'vpceLens.policyFiles: expected a list of strings, not "x"; ignored',
      'vpceLens.traceServices: 4 is not a string; ignored',
      'vpceLens.traceServices: "../etc" is not a service short name such as s3 or ecr.api; ignored',
    ],
  });
  assert.deepEqual(normalize({ policyFiles: [] }).policyFiles, [], 'an empty list turns policy files off');
  assert.deepEqual(normalize({ policyFiles: ['p/*.json'] }).policyFiles, ['p/*.json']);
});

test('value slot: the value after ServiceName/VpcEndpointType on the cursor line, in YAML, flow and JSON', () => {
  const at = (text: string, cursor = text.indexOf('|')) => valueSlotAt(text.replace('|', ''), cursor);
  assert.deepEqual(at('      ServiceName: !Sub com.am|azonaws.x   # c\n'), { key: 'ServiceName', start: 19, end: 39, typed: '!Sub com.am' });
  assert.deepEqual(at('    Properties: {VpcEndpointType: Int|, VpcId: v}'), { key: 'VpcEndpointType', start: 34, end: 37, typed: 'Int' });
  assert.deepEqual(at('        "ServiceName": "s|",'), { key: 'ServiceName', start: 23, end: 26, typed: '"s' });
  assert.equal(at('      MyServiceName: x|'), undefined);
  assert.equal(at('      ServiceName: !Join [|'), undefined);
});

test('policy files: globs match the path relative to the workspace folder, or the base name', () => {
  const folders = ['file:///work/proj'];
  assert.equal(relativeTo(folders, 'file:///work/proj/policies/a%20b.json'), 'policies/a b.json');
  assert.equal(isPolicyFile(folders, 'file:///work/proj/x/s3-endpoint-policy.json', ['**/*endpoint*policy*.json']), true);
  assert.equal(isPolicyFile(folders, 'file:///work/proj/policies/gw.json', ['policies/*.json']), true);
  assert.equal(isPolicyFile(folders, 'file:///work/proj/other/gw.json', ['policies/*.json']), false);
});

test('code action kinds: source.fixAll.vpce-lens answers source, source.fixAll and itself', () => {
  for (const only of [['source'], ['source.fixAll'], ['source.fixAll.vpce-lens']]) assert.equal(wants(only, 'source.fixAll.vpce-lens'), true);
  assert.equal(wants(['quickfix'], 'source.fixAll.vpce-lens'), false);
  assert.equal(wants(['source.organizeImports'], 'source.fixAll.vpce-lens'), false);
  assert.equal(wants(undefined, 'quickfix'), true);
});
