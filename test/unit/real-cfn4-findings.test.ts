// The fourth round's real templates (test/fixtures/real-cfn4/templates, sources and licences in its
// README): every finding they raise and the trace answers checked by hand, each with why it is true.
// A change that adds, drops or rewords one of them fails here and is reviewed against AWS's documents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { traceText } from '../../server/src/core/trace/api.js';

const template = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn4', 'templates', name), 'utf8');

/** Each finding as `RULE severity message`, in the order the engine gives them. */
function findings(name: string): string[] {
  return lintTemplate(template(name), { regions: ['us-east-1'] }).findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
}

const EXPECTED: Record<string, string[]> = {
  // True: EC2 refuses route tables for an interface endpoint ("Route table IDs are only supported for
  // Gateway type VPC Endpoint", CreateVpcEndpoint; RouteTableIds is for gateway endpoints only).
  'widdix-vpc-endpoint.yaml': ['VPCE2002 error Endpoint: an Interface endpoint takes no RouteTableIds'],
  // True: Allow * to * on * is the default endpoint policy; writing it restricts nothing (info only).
  'smsm-env-vpc-endpoints.yaml': ['VPCE9014 info VPCEndpointKMS policy allows every principal every action on every resource: it is the default policy and restricts nothing (only when KMSVPCEndpointCondition is true)'],
  'ssdsw-shared-network.yaml': ['VPCE9014 info VPCEndpointSageMakerNotebook policy allows every principal every action on every resource: it is the default policy and restricts nothing'],
  // Nested stacks and serverless applications give the routes' tables and targets: nothing to judge.
  'eiji-network-root.yaml': [],
  // A gateway endpoint whose route table and VPC are nested-stack outputs: nothing certain to report.
  'gford-lambda-s3-endpoint.json': [],
  // cdk synths: gateway and interface endpoints with VPC-range ingress, a cross-Region endpoint with
  // ServiceRegion, an NLB endpoint service, regional NAT gateways, ec2-alpha's Fn::GetAtt ids: all clean.
  'cdk-integ-vpc-endpoint.json': [],
  'cdk-integ-endpoint-service.json': [],
  'cdk-integ-regional-nat.json': [],
  'cdk-alpha-gateways.json': [],
  // True: DynamoDB's gateway endpoint routes its IPv4 prefix list only (the catalogue: IPv6 on gateway
  // endpoints is S3's alone); the subnet has an IPv6 range, so IPv6 traffic to DynamoDB does not use it
  // (the table has no IPv6 route at all, so that traffic finds no way out).
  'cdk-alpha-dynamodb-endpoint.json': ['VPCE4002 warning testDynamoEndpoint03D5BDE5: subnet dynamodbSubnet81957A26 uses route table TestRoottableRouteTableFA28AA38 and has IPv6, but this dynamodb gateway endpoint routes IPv4 only; its IPv6 traffic to dynamodb does not use the endpoint: route table TestRoottableRouteTableFA28AA38 has no IPv6 route for it, so it fails unless the client falls back to IPv4'],
};

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`real-cfn4 ${name}: the reviewed findings, no more`, () => {
    assert.deepEqual(findings(name), expected);
  });
}

const ANSWERS: [file: string, from: string, to: string, verdict: string, why: RegExp][] = [
  // The S3 prefix-list route of the gateway endpoint is more specific than the (absent) default route.
  ['ssdsw-shared-network.yaml', 'PrivateSubnetA', 's3', 'private', /gateway endpoint VPCEndpointS3/],
  // The endpoint group admits 443 only from members of SageMakerSecurityGroup; a subnet has no group of its own.
  ['ssdsw-shared-network.yaml', 'PrivateSubnetA', 'ssm', 'unknown', /admits it only from members of security group SageMakerSecurityGroup/],
  // Its route table holds only the local route and the S3 prefix list.
  ['ssdsw-shared-network.yaml', 'PrivateSubnetA', 'internet', 'blocked', /no route/],
  // Private DNS on, the endpoint group admits the VPC's range.
  ['cdk-integ-vpc-endpoint.json', 'MyVpcPrivateSubnet1Subnet', 'ecr.dkr', 'private', /interface endpoint MyVpcEcrDockerEndpoint/],
  // The gateway endpoint wins over the interface endpoint without private DNS.
  ['cdk-integ-vpc-endpoint.json', 'MyVpcPrivateSubnet1Subnet', 'dynamodb', 'private', /gateway endpoint MyVpcDynamoDbEndpointE6A39B0D/],
  // eu-west-1's S3 is the stack's own only where it deploys there.
  ['cdk-integ-vpc-endpoint.json', 'MyVpcPrivateSubnet1Subnet', 'com.amazonaws.eu-west-1.s3', 'unknown', /the VPC's region decides/],
  // A regional NAT gateway leaves through the VPC's internet gateway.
  ['cdk-integ-regional-nat.json', 'ManualModeProbe20297005', 'internet', 'public', /regional NAT gateway ManualModeVpcRegionalNatGateway9B258FF3/],
  // Its subnets are a nested stack's output.
  ['gford-lambda-s3-endpoint.json', 'LambdaS3Write', 's3', 'unknown', /decided by VPC\.Outputs\.PrivateSubnets/],
  ['cdk-alpha-dynamodb-endpoint.json', 'dynamodbSubnet81957A26', 'dynamodb', 'private', /gateway endpoint testDynamoEndpoint03D5BDE5/],
  // Only 192.168.0.0/16 goes to the internet gateway: no default route.
  ['cdk-alpha-gateways.json', 'testsubnetSubnetDD417829', 'internet', 'blocked', /no route/],
];

for (const [file, from, to, verdict, why] of ANSWERS) {
  test(`real-cfn4 ${file}: ${from} → ${to} is ${verdict}`, () => {
    const answer = traceText(template(file), from, to);
    assert.ok(answer.ok, answer.ok ? '' : answer.error);
    if (!answer.ok) return;
    assert.equal(answer.result.verdict, verdict, answer.result.summary);
    assert.match(answer.result.summary, why);
  });
}
