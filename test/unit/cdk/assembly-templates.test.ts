// One parsed form of an assembly's templates and one answer to "which parent deploys this nested template"
// for both readers that look across them (outside-rules.ts, nested-parameters.ts). Real `cdk synth` output:
// test/fixtures/cdk/nested-rule-app (a nested stack's rule on its parent's security group).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAssemblyTemplates } from '../../../server/src/core/cdk/assembly-templates.js';
import { outsideGroupRules } from '../../../server/src/core/cdk/outside-rules.js';
import { nestedParameters } from '../../../server/src/core/cdk/nested-parameters.js';

const OUT = join(__dirname, '..', '..', 'fixtures', 'cdk', 'nested-rule-app', 'cdk.out');
const PARENT = 'NetworkStack.template.json';
const NESTED = 'NetworkStackWorkers3FD418F0.nested.template.json';
const STACK = 'WorkersNestedStackWorkersNestedStackResourceCEAEF017';
const read = (name: string) => readFileSync(join(OUT, name), 'utf8');

test('the parent of a nested template: the stack resource whose aws:asset:path names it as its TemplateURL', () => {
  const app = readAssemblyTemplates(new Map([[PARENT, read(PARENT)], [NESTED, read(NESTED)]]));
  assert.deepEqual([...app.parsed.keys()], [PARENT, NESTED]);
  assert.deepEqual(app.unreadable, []);
  const parent = app.parentOf.get(NESTED)!;
  assert.equal(parent.file, PARENT);
  assert.equal(parent.id, STACK);
  assert.ok(parent.parameters && typeof parent.parameters === 'object');
  assert.equal(app.nestedAt.get(PARENT)?.get(STACK), NESTED);
  // Unreadable, the nested template still has its parent (what the parent gives it is then open).
  const blind = readAssemblyTemplates(new Map([[PARENT, read(PARENT)], [NESTED, 'not json']]));
  assert.deepEqual(blind.unreadable, [NESTED]);
  assert.equal(blind.parentOf.get(NESTED)?.file, PARENT);
});

// outside-rules.ts took any aws:asset:path on a stack resource, nested-parameters.ts only one CDK writes
// with `aws:asset:property: TemplateURL`: for the same assembly one reader had a parent the other did not.
test('a stack resource whose asset is not its TemplateURL is no parent, for both readers', () => {
  const parentText = read(PARENT).replace('"aws:asset:property": "TemplateURL"', '"aws:asset:property": "Code"');
  assert.notEqual(parentText, read(PARENT));
  const app = readAssemblyTemplates(new Map([[PARENT, parentText], [NESTED, read(NESTED)]]));
  assert.equal(app.parentOf.size, 0);
  assert.equal(outsideGroupRules(app).size, 0);
  assert.equal(nestedParameters(app).size, 0);
  // With the TemplateURL pair, both read the parent: the nested stack's rule is on the parent's group.
  const whole = readAssemblyTemplates(new Map([[PARENT, read(PARENT)], [NESTED, read(NESTED)]]));
  assert.deepEqual(Object.keys(outsideGroupRules(whole).get(NESTED)?.foreign ?? {}), ['SsmEndpointGroupfromNetworkStackWorkersA05EDC1244374A26881']);
  assert.deepEqual([...nestedParameters(whole).keys()], [NESTED]);
});
