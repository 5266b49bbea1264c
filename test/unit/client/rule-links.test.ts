// The server's rule links (docs/rules.md#vpce1234, for any LSP editor) become, in VS Code, links that
// open the rule's page: a command link in hovers, an extension URI for diagnostics' code links. Only
// links to the rules document change; the AWS link and any other stay as they are.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rewriteHoverLinks, ruleCommandLink, ruleIdOfDocLink, ruleIdOfUriQuery, RULE_URI_PATH } from '../../../client/src/rule-links.js';
import { hover, serviceSpans } from '../../../server/src/lsp/hover.js';
import { resourceIndex } from '../../../server/src/lsp/template-position.js';
import { ruleDocUrl } from '../../../server/src/lsp/diagnostics.js';
import { analyze } from '../../../server/src/core/engine.js';

const DOCS = pathToFileURL('/opt/ext dir/docs/rules.md').href;

test('the rule id of a rules-document link; nothing for other links', () => {
  assert.equal(ruleIdOfDocLink(ruleDocUrl(DOCS, 'VPCE1002')), 'VPCE1002');
  assert.equal(ruleIdOfDocLink('https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#vpce1002'), undefined);
  assert.equal(ruleIdOfDocLink(`${DOCS}#section`), undefined);
  assert.equal(ruleIdOfDocLink('file:///x/other.md#vpce1002'), undefined);
});

test('a finding\'s hover: the rule link runs the rule-page command with the id; the AWS link is untouched', () => {
  const text = 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n      VpcEndpointTyp: Gateway\n';
  const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const a = analyze(text, { fileName: '/t.yaml' });
  const view = { version: 1, analysis: 1, kind: a.kind, findings: [...a.findings], resources: resourceIndex(a.parsed.root), services: serviceSpans(a) };
  const h = hover(doc, text.indexOf('VpcEndpointTyp') + 2, view, DOCS);
  const value = (h!.contents as { value: string }).value;
  assert.ok(value.includes(`](${ruleDocUrl(DOCS, 'VPCE1002')})`), value);
  const out = rewriteHoverLinks(value);
  assert.ok(out.includes(`[VPCE1002 documentation](${ruleCommandLink('VPCE1002')})`), out);
  assert.ok(!out.includes('rules.md'), out);
  assert.ok(out.includes('[AWS documentation](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html)'), `the AWS link, to the page of the finding's resource type, stays: ${out}`);
  assert.equal(ruleCommandLink('VPCE1002'), 'command:vpceLens.showRuleDoc?%5B%22VPCE1002%22%5D');
});

test('the extension URI of a rule: only /rule?VPCE1234 is accepted', () => {
  assert.equal(ruleIdOfUriQuery(RULE_URI_PATH, 'VPCE5001'), 'VPCE5001');
  assert.equal(ruleIdOfUriQuery(RULE_URI_PATH, 'VPCE5001&x=1'), undefined);
  assert.equal(ruleIdOfUriQuery('/other', 'VPCE5001'), undefined);
});
