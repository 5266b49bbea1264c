// The sixth round's real templates (test/fixtures/real-cfn6/templates, sources and licences in its
// README): every finding they raise and the trace answers checked by hand, each with why it is true.
// A change that adds, drops or rewords one of them fails here and is reviewed against AWS's documents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { traceText } from '../../server/src/core/trace/api.js';

const dir = join(__dirname, '..', 'fixtures', 'real-cfn6', 'templates');
const template = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Each finding as `RULE severity message`, in the order the engine gives them. */
function findings(name: string): string[] {
  return lintTemplate(template(name), { regions: ['us-east-1'] }).findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
}

const EXPECTED: Record<string, string[]> = {
  // A private MWAA VPC: twelve endpoints (the three airflow ones, sqs, logs, monitoring, kms, ecr.api,
  // ecr.dkr, sagemaker.api with private DNS; s3 and dynamodb gateways on the private table), one group
  // admitting 443 from anywhere, VPC DNS attributes on: nothing wrong that the template shows.
  'mwaa-least-privilege.yaml': [],
  // SAM, a private REST API whose policy and access association read the execute-api endpoint's id out of
  // !GetAtt DnsEntries, a Route 53 alias record to its DNS name in a zone passed as a parameter, a function
  // in parameter subnets: nothing the template decides is wrong (the VPC, its DNS attributes and the
  // subnets are the stack's parameters).
  'sam-private-api-custom-domain.yaml': [],
};

test('real-cfn6: every stored template has its reviewed findings', () => {
  assert.deepEqual(readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort(), Object.keys(EXPECTED).sort());
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`real-cfn6 ${name}: the reviewed findings, no more`, () => {
    assert.deepEqual(findings(name), expected);
  });
}

const ANSWERS: [file: string, from: string, to: string, verdict: string, summary: string][] = [
  // Private DNS on, the endpoint group admits 443 from 0.0.0.0/0, EnableDnsSupport and EnableDnsHostnames on.
  ['mwaa-least-privilege.yaml', 'PrivateSubnet1', 'airflow.env', 'private', 'stays on the AWS network through interface endpoint AirflowEnvVpcEndoint'],
  // The private route table is in the gateway endpoint's RouteTableIds.
  ['mwaa-least-privilege.yaml', 'PrivateSubnet2', 's3', 'private', 'stays on the AWS network through gateway endpoint S3VpcEndoint'],
  // The private route table holds the local route only: no NAT gateway, no internet gateway route.
  ['mwaa-least-privilege.yaml', 'PrivateSubnet1', 'internet', 'blocked', 'no route from PrivateSubnet1 to the internet'],
  // No ssm endpoint, and no way out: the default ssm name's public addresses are unreachable.
  ['mwaa-least-privilege.yaml', 'PrivateSubnet1', 'ssm', 'blocked', 'no route from PrivateSubnet1 to ssm'],
  // AssociatePublicIpAddress "true" in a subnet whose table sends 0.0.0.0/0 to the attached internet gateway.
  ['mwaa-least-privilege.yaml', 'BastionHostInstance', 'internet', 'public', 'leaves through internet gateway InternetGateway to the internet'],
  // The bastion's group writes no egress (AWS's allow-all); private DNS sends the sqs name to the endpoint in the same VPC.
  ['mwaa-least-privilege.yaml', 'BastionHostInstance', 'sqs', 'private', 'stays on the AWS network through interface endpoint SqsVpcEndoint'],
  // The function's subnets are the List<AWS::EC2::Subnet::Id> parameter.
  ['sam-private-api-custom-domain.yaml', 'LambdaFunction', 'sns', 'unknown', 'the subnets of LambdaFunction are known only at deploy time (decided by parameter SubnetIds)'],
];

for (const [file, from, to, verdict, summary] of ANSWERS) {
  test(`real-cfn6 ${file}: ${from} → ${to} is ${verdict}`, () => {
    const answer = traceText(template(file), from, to);
    assert.ok(answer.ok, answer.ok ? '' : answer.error);
    if (!answer.ok) return;
    assert.equal(answer.result.verdict, verdict, answer.result.summary);
    assert.equal(answer.result.summary, summary);
  });
}
