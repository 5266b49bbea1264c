// Hover markdown shows a template's values as text: no link, image or emphasis can be injected.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hover, serviceSpans } from '../../../server/src/lsp/hover.js';
import { analyze } from '../../../server/src/core/analysis.js';
import type { AnalysisView } from '../../../server/src/lsp/lint-protocol.js';
import { codeSpan, escapeMarkdown } from '../../../server/src/core/util/markdown.js';

function hoverOn(serviceName: string): string {
  const text = `Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: '${serviceName.replace(/'/g, "''")}'\n`;
  const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  // The view as the lint worker makes it; the hover only reads its service spans here.
  const view = { findings: [], services: serviceSpans(analyze(text, { fileName: 't.yaml' })) } as unknown as AnalysisView;
  const h = hover(doc, text.indexOf('ServiceName: ') + 15, view, 'https://example.invalid/docs');
  assert.ok(h, 'a hover on the ServiceName');
  return (h.contents as { value: string }).value;
}

/** What a markdown renderer would make a link or emphasis of, outside code spans. */
function outsideCode(md: string): string {
  return md.replace(/(`+)[\s\S]*?\1/g, '');
}

test('a ServiceName with markdown or a link in it is shown as code, not rendered', () => {
  for (const name of ['com.amazonaws.eu-west-1.x`](https://evil.example) **bold** `', 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123``[a](javascript:alert(1))``', 'evil` <img src=x onerror=alert(1)> [click](http://x)']) {
    const md = hoverOn(name);
    const rest = outsideCode(md);
    assert.ok(!/\]\(|<img|\*\*bold/.test(rest), `${name} → ${md}`);
  }
});

test('codeSpan keeps any text inside one span; escapeMarkdown leaves no active punctuation', () => {
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x`'), '`` `x` ``');
  assert.equal(codeSpan('plain'), '`plain`');
  assert.equal(escapeMarkdown('[a](b) **c**\n# d'), '\\[a\\]\\(b\\) \\*\\*c\\*\\* \\# d');
});
