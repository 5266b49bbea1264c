// The hover on a finding explains the rule in the document's own words: a .tf finding with the rule's
// Terraform text and the registry page, a template's with the CloudFormation text (over a real connection).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { LspClient } from './client.js';
import { tfFolder } from '../helpers/tf-folder.js';
import { ruleById } from '../../server/src/core/rules/index.js';

const BAD_TF = readFileSync(join(__dirname, '..', 'fixtures', 'tf', 'rules', 'VPCE2001', 'bad.tf'), 'utf8');

const BAD_YAML = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Ssm:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
`;

async function findingHover(client: LspClient, uri: string, text: string, languageId: string): Promise<string> {
  client.open(uri, text, languageId);
  const { diagnostics } = await client.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'VPCE2001'));
  const d = diagnostics.find((x) => x.code === 'VPCE2001')!;
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
  client.close(uri);
  assert.ok(h, 'a hover on the finding');
  return (h.contents as MarkupContent).value;
}

test('a .tf finding\'s hover gives the rule\'s Terraform text and registry page; a template\'s the CloudFormation text', async () => {
  const meta = ruleById('VPCE2001')!.meta;
  assert.ok(meta.terraform);
  const dir = tfFolder('lsp-tf-hover', { 'main.tf': BAD_TF });
  const client = await LspClient.start({ debounceMs: 0 });
  client.settings = { regions: ['eu-west-1'] };
  try {
    const tf = await findingHover(client, pathToFileURL(join(dir, 'main.tf')).href, BAD_TF, 'terraform');
    assert.ok(tf.includes(meta.terraform.why), tf);
    assert.ok(!tf.includes(meta.why), `the CloudFormation text is not shown for a .tf finding: ${tf}`);
    assert.ok(tf.includes(`[Terraform documentation](${meta.terraform.docs})`), tf);
    assert.ok(tf.includes(`[AWS documentation](${meta.docs})`), tf);
    const yaml = await findingHover(client, pathToFileURL(join(dir, 'stack.yaml')).href, BAD_YAML, 'yaml');
    assert.ok(yaml.includes(meta.why) && !yaml.includes(meta.terraform.why) && !yaml.includes('Terraform documentation'), yaml);
  } finally {
    await client.stop();
  }
});
