// "Turn VPCExxxx off in .vpce-lens.yaml": an edit of the project file the document is linted with, or
// a new file in the workspace folder when there is none and the client can create files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleOffAction } from '../../server/src/lsp/rule-off.js';
import { ProjectConfigs } from '../../server/src/lsp/project.js';
import { forgetProjectConfigs } from '../../server/src/project-config.js';

function setup(config?: string) {
  const root = mkdtempSync(join(tmpdir(), 'vpce-rule-off-'));
  mkdirSync(join(root, 'stacks'));
  if (config !== undefined) writeFileSync(join(root, '.vpce-lens.yaml'), config);
  forgetProjectConfigs();
  const uri = pathToFileURL(join(root, 'stacks', 't.yaml')).href;
  const doc = TextDocument.create(uri, 'yaml', 1, 'Resources: {}\n');
  return { root, doc, ctx: (canCreateFiles: boolean) => ({ projects: new ProjectConfigs(() => undefined), folders: [pathToFileURL(root).href], openText: () => undefined, canCreateFiles }) };
}

test('an existing project file gets the rule in its rules map', () => {
  const { root, doc, ctx } = setup('regions: [eu-west-1]\nrules:\n  VPCE5003: warning\n');
  const action = ruleOffAction(doc, 'VPCE6001', ctx(false));
  assert.equal(action?.title, 'Turn VPCE6001 off in .vpce-lens.yaml');
  const edits = action!.edit.changes![pathToFileURL(join(root, '.vpce-lens.yaml')).href]!;
  assert.deepEqual(edits, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: "  VPCE6001: 'off'\n" }]);
});

test('no project file: one is created in the workspace folder, only when the client can create files', () => {
  const { root, doc, ctx } = setup();
  assert.equal(ruleOffAction(doc, 'VPCE6001', ctx(false)), undefined);
  const action = ruleOffAction(doc, 'VPCE6001', ctx(true));
  assert.equal(action?.title, 'Turn VPCE6001 off in a new .vpce-lens.yaml');
  const uri = pathToFileURL(join(root, '.vpce-lens.yaml')).href;
  assert.deepEqual(action!.edit.documentChanges, [
    { kind: 'create', uri, options: { ignoreIfExists: true } },
    { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "rules:\n  VPCE6001: 'off'\n" }] },
  ]);
});
