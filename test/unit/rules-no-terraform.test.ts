// The rules whose meta says no Terraform file raises them though the Terraform check does not silence them
// (tf/analysis.ts TF_SILENT_RULES): a configuration holding what each finds in a template gets none of them,
// while the template with the same mistakes does. The rules document's "—" rests on this.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../server/src/core/tf/analysis.js';
import { lintTemplate } from '../../server/src/core/engine.js';
import { rules } from '../../server/src/core/rules/index.js';

before(() => ensureTerraformParser());

const CHECKED = ['VPCE0006', 'VPCE0007', 'VPCE1004'];

const template = `AWSTemplateFormatVersion: '2010-09-09'
Tags: &tags
  - Key: team
    Value: net
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-xxxxxxxx
      ServiceName: com.amazonaws.eu-west-1.ssm
      VpcEndpointType: Interface
      SubnetIds: [subnet-12345]
      SecurityGroupIds: [!Ref MissingGroup]
      Tags: *tags
`;

// The module declares a variable, so a reference to one it does not declare is judged (tf/undeclared.ts).
const hcl = `
variable "endpoint_subnet" {}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = "vpc-xxxxxxxx"
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = ["subnet-12345"]
  security_group_ids = [var.endpoint_group]
}
`;

// JSON holds no alias: a key spelt "<<" and a value "*tags" are plain text.
const json = JSON.stringify({
  variable: { endpoint_subnet: {} },
  resource: {
    aws_vpc_endpoint: {
      s3: { '<<': '*tags', vpc_id: 'vpc-xxxxxxxx', service_name: 'com.amazonaws.eu-west-1.s3', route_table_ids: ['rtb-CHANGEME', '${var.route_table}'] },
    },
  },
});

test('the template raises each of them: the configurations below hold the same mistakes', () => {
  const ids = new Set(lintTemplate(template, { regions: ['eu-west-1'] }).findings.map((f) => f.ruleId));
  for (const id of CHECKED) assert.ok(ids.has(id), `${id} not raised on the template`);
});

for (const [name, path, text] of [['HCL', 'main.tf', hcl], ['JSON', 'main.tf.json', json]] as const) {
  test(`a Terraform configuration in ${name} gets none of them; its undeclared reference is VPCE0005`, () => {
    const ids = analyzeTerraform([{ path, text }], { settings: { regions: ['eu-west-1'] } }).analysis.findings.map((f) => f.ruleId);
    assert.ok(ids.includes('VPCE0005'), ids.join(' '));
    for (const id of CHECKED) assert.ok(!ids.includes(id), `${id} raised on ${path}`);
  });
}

test('each of them says why in its meta', () => {
  for (const id of CHECKED) assert.ok(rules.find((r) => r.meta.id === id)?.meta.noTerraform, id);
});
