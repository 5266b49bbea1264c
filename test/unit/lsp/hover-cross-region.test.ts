// Hover on a cross-Region endpoint's ServiceName says which Region's names it answers, from the model's one
// fact (model/cross-region.ts answersRegion) that the trace and the DNS rules read: decided where the Region
// the stack deploys to is known, per Region for several, the deciding value named for none.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hover, serviceSpans } from '../../../server/src/lsp/hover.js';
import { analyze } from '../../../server/src/core/analysis.js';
import type { AnalysisView } from '../../../server/src/lsp/lint-protocol.js';

const TEXT = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Cross:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.us-east-1.ecr.api
      ServiceRegion: us-east-1
`;

function hoverText(regions: string[]): string {
  const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, TEXT);
  const view = { findings: [], services: serviceSpans(analyze(TEXT, { fileName: 't.yaml', settings: { regions } })) } as unknown as AnalysisView;
  const h = hover(doc, TEXT.indexOf('com.amazonaws.us-east-1.ecr.api') + 3, view, 'https://example.invalid/docs');
  assert.ok(h, 'a hover on the ServiceName');
  // As rendered: the text is escaped markdown (a Region name is the template's text).
  return (h.contents as { value: string }).value.replace(/\\(.)/g, '$1');
}

test('hover of a cross-Region endpoint: the Region it answers, resolved against where the stack deploys', () => {
  assert.match(hoverText(['eu-west-1']), /Cross-Region endpoint, created in eu-west-1 for the service in us-east-1: with private DNS it answers us-east-1's names of the service, not the VPC's own Region's/);
  assert.match(hoverText(['us-east-1']), /a same-Region endpoint, answering the VPC's own names/);
  assert.match(hoverText(['eu-west-1', 'us-east-1']), /eu-west-1: no, us-east-1: yes/);
  assert.match(hoverText([]), /decided by the Region the stack deploys to/);
});
