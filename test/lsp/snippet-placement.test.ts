// Snippets only where a resource can start; completion in a value position offers values only.
// Calls the completion handler directly on a TextDocument (no server needed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CompletionItem, type TextEdit } from 'vscode-languageserver/node';
import { completions as complete } from '../../server/src/lsp/completion.js';
import { resourceIndex } from '../../server/src/lsp/template-position.js';
import { analyze } from '../../server/src/core/engine.js';

/** Completion as the server answers it, with the version's analysis view (the resource index is what snippets read). */
function completions(doc: TextDocument, offset: number): CompletionItem[] {
  const view = { version: 1, analysis: 1, kind: 'template' as const, findings: [], resources: resourceIndex(analyze(doc.getText(), { fileName: doc.uri }).parsed.root), services: [] };
  return complete(doc, offset, view) as CompletionItem[];
}

function at(text: string, marker = '|') {
  const offset = text.indexOf(marker);
  const clean = text.slice(0, offset) + text.slice(offset + marker.length);
  const doc = TextDocument.create('file:///t.' + (clean.trimStart().startsWith('{') ? 'json' : 'yaml'), clean.trimStart().startsWith('{') ? 'json' : 'yaml', 1, clean);
  return { items: completions(doc, offset), doc, clean };
}

const snippets = (items: ReturnType<typeof completions>) => items.filter((i) => i.kind === CompletionItemKind.Snippet);

const YAML = ['Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16', '  Api:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', '      ServiceName: com.amazonaws.eu-west-1.execute-api'];

test('YAML: at the resource names\' column inside Resources, the snippets are offered and replace the typed word', () => {
  const { items, doc, clean } = at([...YAML, '  vpce|', 'Outputs: {}', ''].join('\n'));
  const s3 = snippets(items).find((i) => i.label === 'vpce-s3-gateway');
  assert.ok(s3, 'the S3 snippet');
  const edit = s3.textEdit as TextEdit;
  assert.equal(doc.offsetAt(edit.range.start), clean.indexOf('  vpce\n') + 2);
  assert.equal(doc.offsetAt(edit.range.end), clean.indexOf('  vpce\n') + 6);
});

test('YAML: after Enter at the end of a value, and in the value itself, no snippet is offered', () => {
  // Enter after the ServiceName value: the new line is at the properties' column.
  assert.deepEqual(snippets(at([...YAML, '      |', ''].join('\n')).items), []);
  // The value itself: values only (here none: this is not a ServiceName slot of a known service).
  const value = at([...YAML.slice(0, -1), '      ServiceName: com.amazonaws.eu-west-1.execute-api|', ''].join('\n')).items;
  assert.deepEqual(snippets(value), []);
  assert.ok(value.every((i) => i.kind === CompletionItemKind.Value));
  // A property line, a top-level line and a line outside Resources get none either.
  assert.deepEqual(snippets(at([...YAML, '      Sub|', ''].join('\n')).items), []);
  assert.deepEqual(snippets(at([...YAML, 'Out|', ''].join('\n')).items), []);
  assert.deepEqual(snippets(at(['Parameters:', '  x|', 'Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', ''].join('\n')).items), []);
});

test('JSON: between resources of the Resources object only', () => {
  const json = (inner: string) => `{\n  "Resources": {\n    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},\n${inner}\n  }\n}\n`;
  assert.ok(snippets(at(json('    "vpce|')).items).some((i) => i.label === 'vpce-interface'));
  const inside = `{\n  "Resources": {\n    "Vpc": {\n      "Type": "AWS::EC2::VPC",\n      |\n    }\n  }\n}\n`;
  assert.deepEqual(snippets(at(inside).items), []);
});
