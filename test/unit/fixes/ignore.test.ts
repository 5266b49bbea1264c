// "Ignore VPCExxxx for Resource" writes the resource's Metadata ignore list in the template's style,
// and the finding is gone; "Turn VPCExxxx off" edits or creates the project file's rules.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyEdits, fixSource, ignoreFix, ruleOffEdit } from '../../../server/src/core/fixes/index.js';
import { findingsOf, lines, onlyFinding } from './helpers.js';

function ignored(text: string, ruleId: string): string {
  const f = onlyFinding(text, ruleId);
  const src = fixSource(text);
  const fix = ignoreFix(text, src.root, src.json, f.resource!, ruleId);
  assert.ok(fix, 'an ignore action');
  assert.equal(fix.title, `Ignore ${ruleId} for ${f.resource}`);
  const out = applyEdits(text, fix.edits);
  assert.deepEqual(findingsOf(out).filter((x) => x.ruleId === ruleId || x.ruleId.startsWith('VPCE0')), [], out);
  return out;
}

const acceptance = (...extra: string[]) => lines('Resources:', '  Svc:', '    Type: AWS::EC2::VPCEndpointService', ...extra, '    Properties:', '      NetworkLoadBalancerArns: [arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/x/1]', '      AcceptanceRequired: false');

test('YAML block: Metadata is created after the resource\'s last member', () => {
  const text = acceptance();
  assert.equal(ignored(text, 'VPCE8002'), text + lines('    Metadata:', '      vpce-lens:', '        ignore:', '          - VPCE8002'));
});

test('YAML: an existing ignore list is extended, flow or block; Metadata without vpce-lens gets it', () => {
  const flow = acceptance('    Metadata: {vpce-lens: {ignore: [VPCE9999]}}');
  assert.equal(ignored(flow, 'VPCE8002'), flow.replace('[VPCE9999]', '[VPCE9999, VPCE8002]'));
  const block = acceptance('    Metadata:', '      vpce-lens:', '        ignore:', '          - VPCE9999  # why');
  assert.equal(ignored(block, 'VPCE8002'), block.replace('          - VPCE9999  # why\n', '          - VPCE9999  # why\n          - VPCE8002\n'));
  const other = acceptance('    Metadata:', '      Owner: team-a');
  assert.equal(ignored(other, 'VPCE8002'), other.replace('      Owner: team-a\n', '      Owner: team-a\n      vpce-lens:\n        ignore:\n          - VPCE8002\n'));
});

test('JSON: written with the document\'s indentation', () => {
  const text = JSON.stringify({ Resources: { Svc: { Type: 'AWS::EC2::VPCEndpointService', Properties: { NetworkLoadBalancerArns: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/x/1'], AcceptanceRequired: false } } } }, null, 4) + '\n';
  const out = ignored(text, 'VPCE8002');
  const parsed = JSON.parse(out) as { Resources: { Svc: { Metadata: unknown } } };
  assert.deepEqual(parsed.Resources.Svc.Metadata, { 'vpce-lens': { ignore: ['VPCE8002'] } });
  assert.ok(out.includes('            "Metadata": {\n                "vpce-lens": {'), out);
});

test('the project file: rules created, extended or changed, in YAML and JSON', () => {
  assert.equal(ruleOffEdit('', false, 'VPCE6001')!.newText, "rules:\n  VPCE6001: 'off'\n");
  const yaml = 'regions: [eu-west-1]\nrules:\n  VPCE5003: warning\n';
  const add = applyEdits(yaml, [ruleOffEdit(yaml, false, 'VPCE6001')!]);
  assert.equal(add, yaml + "  VPCE6001: 'off'\n");
  assert.deepEqual(parse(add), { regions: ['eu-west-1'], rules: { VPCE5003: 'warning', VPCE6001: 'off' } });
  assert.equal(applyEdits(yaml, [ruleOffEdit(yaml, false, 'VPCE5003')!]), yaml.replace('warning', "'off'"));
  const noRules = 'regions: [eu-west-1]\n';
  assert.equal(applyEdits(noRules, [ruleOffEdit(noRules, false, 'VPCE6001')!]), noRules + "rules:\n  VPCE6001: 'off'\n");
  const json = '{\n  "regions": ["eu-west-1"]\n}\n';
  assert.deepEqual(JSON.parse(applyEdits(json, [ruleOffEdit(json, true, 'VPCE6001')!])), { regions: ['eu-west-1'], rules: { VPCE6001: 'off' } });
});
