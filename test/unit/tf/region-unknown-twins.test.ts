// A service name whose only unknown is its Region, as a Terraform variable and as a CloudFormation
// parameter (test/fixtures/tf/region-unknown, test/fixtures/rules/VPCE2001/bad-region-parameter.yaml): the
// same findings on the same endpoint, each in its format's words, and the same model fact naming the value.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { analyze } from '../../../server/src/core/analysis.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const TF_TEXT = readFileSync(join(FIXTURES, 'tf', 'region-unknown', 'main.tf'), 'utf8');
const CFN_TEXT = readFileSync(join(FIXTURES, 'rules', 'VPCE2001', 'bad-region-parameter.yaml'), 'utf8');

before(() => ensureTerraformParser());

test('the Terraform fixture and its CloudFormation twin: VPCE2001 on the SQS endpoint alone, each in its words', () => {
  const tf = analyzeTerraform([{ path: 'main.tf', text: TF_TEXT }], { settings: { regions: ['eu-west-1'] } }).analysis;
  const cfn = analyze(CFN_TEXT, { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } });
  assert.deepEqual(tf.findings.map((f) => `${f.ruleId} ${TF_TEXT.slice(f.start, f.end)}`), ['VPCE2001 service_name']);
  assert.deepEqual(cfn.findings.map((f) => `${f.ruleId} ${CFN_TEXT.slice(f.start, f.end)}`), ['VPCE2001 ServiceName']);
  assert.match(tf.findings[0]!.message, /vpc_endpoint_type = "Interface"/);
  assert.doesNotMatch(tf.findings[0]!.message, /VpcEndpointType|CloudFormation/);
  const tfEndpoint = tf.network()!.defaults.endpoints.get('aws_vpc_endpoint.sqs')!;
  const cfnEndpoint = cfn.network()!.defaults.endpoints.get('SqsEndpoint')!;
  assert.deepEqual([tfEndpoint.service, cfnEndpoint.service].map((s) => s.known && s.value), ['com.amazonaws.{region}.sqs', 'com.amazonaws.{region}.sqs']);
  assert.deepEqual([tfEndpoint.nameRegion?.decides, cfnEndpoint.nameRegion?.decides], ['var.aws_region', 'parameter Region']);
  // Where the value is written: the variable's reference in the name, the parameter's in the !Sub.
  assert.equal(TF_TEXT.slice(tfEndpoint.nameRegion!.at!.start, tfEndpoint.nameRegion!.at!.end).includes('var.aws_region'), true, TF_TEXT.slice(tfEndpoint.nameRegion!.at!.start, tfEndpoint.nameRegion!.at!.end));
  assert.match(CFN_TEXT.slice(cfnEndpoint.nameRegion!.at!.start, cfnEndpoint.nameRegion!.at!.end), /\$\{Region\}/);
});
