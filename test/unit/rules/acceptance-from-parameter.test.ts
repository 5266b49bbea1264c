// VPCE8002 where AcceptanceRequired comes from a parameter: the false it judges is the parameter's default,
// which whoever deploys may change (the finding says so), and the quick fix must not replace the `!Ref`
// with a literal (the stack would lose the choice its parameter gives). A parameter written `Default: false`
// unquoted is the same string parameter as `Default: "false"`: CloudFormation hands a parameter's value on
// as a string (parameters-section-structure.html).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { fixesFor } from '../../../server/src/core/fixes/index.js';
import { lines } from '../fixes/helpers.js';

const template = (def: string) =>
  lines(
    'Parameters:',
    '  Approve:',
    '    Type: String',
    `    Default: ${def}`,
    '    AllowedValues: ["true", "false"]',
    'Resources:',
    '  Service:',
    '    Type: AWS::EC2::VPCEndpointService',
    '    Properties:',
    '      NetworkLoadBalancerArns: [!Ref Nlb]',
    '      AcceptanceRequired: !Ref Approve',
    '  Nlb:',
    '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
  );

for (const def of ['"false"', 'false']) {
  test(`AcceptanceRequired: !Ref Approve with Default: ${def}: the default named, no fix that drops the parameter`, () => {
    const text = template(def);
    const found = lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE8002');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /with the default Approve false/);
    assert.deepEqual(fixesFor(text, found[0]!).map((f) => f.title), []);
  });
}

test('AcceptanceRequired: !Ref Approve with Default: "true": no finding', () => {
  assert.deepEqual(lintTemplate(template('"true"')).findings.filter((f) => f.ruleId === 'VPCE8002'), []);
});
