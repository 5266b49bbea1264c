// The incremental lint keeps other resources' findings when an edit stays inside a resource's
// descriptions, tags or metadata (core/incremental/semantics.ts). That holds only while no code that
// compares resources reads those values: this test fails when engine code outside the schema, the
// resource-scoped rules' shared code and the fixes starts to read one of them by name, so that the
// list in semantics.ts is looked at again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INERT_PROPERTIES, INERT_RESOURCE_KEYS } from '../../server/src/core/incremental/semantics.js';
import { RESOURCE_LOCAL_RULES } from '../../server/src/core/rules/resource-local.js';

const CORE = join(__dirname, '..', '..', 'server', 'src', 'core');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// Where reading them is known not to reach another resource's findings: the ignore list (read anew on
// every version), the condition scan that skips Tags, the fixes (they edit text, never lint from it),
// the schema (resource-scoped), the inert list itself, and the CDK construct names (cdk/origins.ts: read
// from each version's own template after the lint, to name findings; they never decide one), and what a
// CDK app's templates say of each other (cdk/assembly-templates.ts parses the assembly's files as the face
// passes them, for nested-parameters.ts and outside-rules.ts, never the document linted; their answer
// reaches the lint as settings, which key its memo, so a change of them lints from scratch).
const ALLOWED = new Set(['cfn/template.ts', 'cfn/scenarios.ts', 'fixes/ignore.ts', 'fixes/families/convert.ts', 'incremental/semantics.ts', 'cdk/origins.ts', 'cdk/assembly-templates.ts']);

test('no code that compares resources reads the values the incremental lint treats as inert', () => {
  const names = [...INERT_PROPERTIES, ...INERT_RESOURCE_KEYS];
  for (const file of files(CORE)) {
    const rel = relative(CORE, file).split('\\').join('/');
    if (ALLOWED.has(rel) || rel.startsWith('schema/')) continue;
    const rule = /^rules\/(vpce\d{4})-/.exec(rel)?.[1]?.toUpperCase();
    if (rule && RESOURCE_LOCAL_RULES.has(rule)) continue;
    const text = readFileSync(file, 'utf8');
    for (const name of names) assert.ok(!new RegExp(`['"\`]${name}['"\`]`).test(text), `${rel} reads ${name}: check core/incremental/semantics.ts`);
  }
});
