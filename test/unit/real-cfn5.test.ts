// Real public templates, fifth round (2026-12-02): each test carries one fact a published CloudFormation
// template showed we got wrong, in a minimal fixture of our own (test/fixtures/real-cfn5); the template it
// came from is named beside it. Every test fails on the code before its fix. The findings the round's
// templates raise, each reviewed, are in test/unit/real-cfn5-findings.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../server/src/core/trace/api.js';
import { lintTemplate } from '../../server/src/core/engine.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn5', name), 'utf8');

function answer(file: string, from: string, to: string): [string, string] {
  const a = traceText(fixture(file), from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.ok ? [a.result.verdict, a.result.summary] : ['', ''];
}

// aws-samples/amazon-vpc-lattice-blueprints (centralized_vpc_endpoints/vpc_endpoints.yaml): a Fn::ForEach
// body associates each subnet with `RouteTableId: !Ref {Fn::Sub: '${SubnetType}RouteTable${AvailabilityZone}'}`.
// The Ref of a Sub was left as written, so no subnet had an association: every trace went to the main route
// table ("no route ... local route only") though the table the template gives routes elsewhere.
test('in a Fn::ForEach body, !Ref and !GetAtt of a Fn::Sub name the expanded logical id', () => {
  const [verdict, summary] = answer('foreach-ref-sub.yaml', 'Subnet2', 'internet');
  assert.equal(verdict, 'unknown', summary);
  assert.match(summary, /^leaves through internet gateway Igw to the internet \(if the workload has a public IP address/);
  const a = traceText(fixture('foreach-ref-sub.yaml'), 'Subnet1', 'internet');
  assert.ok(a.ok && a.result.hops.some((h) => h.kind === 'route' && h.resource === 'DefaultRoute1'), 'Subnet1 uses its own table\'s route');
});

// The same template's subnets, before the fix above, used the main route table, and a trace to an address of
// their own VPC (10.0.2.0/24 in 10.0.0.0/16) said "BLOCKED: no route ... local route only": the local route
// of the main route table carries it. Anything else is the main route table's other routes, which AWS makes
// none of but the template does not manage: unknown, not "no route".
test('a subnet on the main route table reaches its own VPC\'s addresses by the local route', () => {
  assert.deepEqual(answer('main-route-table-local.yaml', 'SubnetA', '10.0.5.0/24'), ['private', 'stays inside the VPC (local route)']);
  assert.deepEqual(answer('main-route-table-local.yaml', 'SubnetA', '10.1.0.0/24'), ['unknown', 'SubnetA uses the main route table of VPC Vpc, whose routes beyond the local one this template does not manage (AWS creates it with the local route only)']);
});

// The same template carves its subnets with `!Select [i, !Cidr [!GetAtt VPC.CidrBlock, 256, 8]]` (most VPC
// templates do): Fn::Cidr was not evaluated, so every subnet's range was "unknown" and a security group that
// admits one subnet's range could not be judged. Fn::Cidr gives count ranges of /(32 - bits) from the block's
// start (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html).
test('Fn::Cidr of a known block is its list of ranges: a group admitting one subnet\'s range is judged', () => {
  assert.equal(answer('cidr-subnets.yaml', 'SubnetA', 'ssm')[0], 'private');
  assert.deepEqual(answer('cidr-subnets.yaml', 'SubnetB', 'ssm'), ['blocked', 'the endpoint\'s security groups do not admit HTTPS from SubnetB: no rule of EndpointGroup allows inbound TCP 443 from SubnetB']);
});

// aws-samples/amazon-vpc-lattice-blueprints (3-advanced_architectures/1-centralized_vpc_endpoints/consumer.yaml):
// the consumer VPC reaches ssm, ssmmessages, ec2messages and sts through VPC Lattice resource configurations
// whose custom domain names are those services' names, its VPC association giving private DNS for
// *.amazonaws.com. The trace said "BLOCKED: the default ssm name resolves to its public addresses" and
// suggested an endpoint: Lattice makes private hosted zones for its resources' custom domain names within the
// domains DnsOptions allows (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DnsOptions.html).
test('VPC Lattice private DNS that covers a service\'s name leaves where the name resolves unknown', () => {
  for (const to of ['ssm', 's3']) {
    const [verdict, summary] = answer('lattice-dns.yaml', 'SubnetA', to);
    assert.equal(verdict, 'unknown', summary);
    assert.equal(summary, `VPC Lattice AssociationA gives VpcA private DNS for *.amazonaws.com: a resource of its service network whose custom domain name is the default ${to} name would answer it there, and whether the network holds one is not known from the template`);
  }
  // Verified domains only: no AWS service's name is a domain its provider can prove to own.
  assert.doesNotMatch(answer('lattice-dns.yaml', 'SubnetB', 'ssm')[1], /VPC Lattice/);
  // A service network endpoint that names ssm's domain alone: ssm unknown, s3 as before.
  assert.match(answer('lattice-dns.yaml', 'SubnetC', 'ssm')[1], /^VPC Lattice EndpointC gives VpcC private DNS for ssm\.<region>\.amazonaws\.com:/);
  assert.doesNotMatch(answer('lattice-dns.yaml', 'SubnetC', 's3')[1], /VPC Lattice/);
});

// AWS's AWS::EC2::VPCEndpoint reference page (Gateway Load Balancer endpoint example) writes ServiceName
// 'com.amazonaws.vpce.${AWS::Region}.vpce-svc-…' with no Fn::Sub: CloudFormation substitutes ${…} only inside
// Fn::Sub, so EC2 gets the text as written and rejects it (cfn-lint E1029). We said nothing, and read
// 'com.amazonaws.${AWS::Region}.s3' written so as S3: the trace answered "PRIVATE through gateway endpoint".
test('a ServiceName with ${AWS::Region} outside Fn::Sub is no service name', () => {
  const text = fixture('service-name-without-sub.yaml');
  const found = lintTemplate(text, { regions: ['us-east-1'] }).findings.filter((f) => f.ruleId === 'VPCE2003').map((f) => f.message);
  assert.deepEqual(found, [
    'GWLBEndpoint: com.amazonaws.vpce.${AWS::Region}.vpce-svc-123123a1c43abc123 is no service name: ${AWS::Region} is substituted only inside Fn::Sub, so CloudFormation passes it as written; write it with !Sub',
    'S3Endpoint: com.amazonaws.${AWS::Region}.s3 is no service name: ${AWS::Region} is substituted only inside Fn::Sub, so CloudFormation passes it as written; write it with !Sub',
  ]);
  assert.deepEqual(answer('service-name-without-sub.yaml', 'Subnet', 's3'), ['blocked', 'no route from Subnet to s3']);
  assert.equal(answer('service-name-without-sub.yaml', 'Subnet', 'dynamodb')[0], 'private');
});

// Landing-zone baselines hand route tables across stacks: `!Split [",", !ImportValue {Fn::Sub: '${NetworkStack}-RouteTables'}]`.
// The export's name was read only when written plainly, so the answer said "decided by import is" (a word
// of the sentence taken for the name); and a gateway endpoint whose route tables are not known made every
// service unknown, SQS too, though prefix-list routes come from gateway endpoints only, which SQS has not
// (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html).
test('an import named by a Sub is named as written; a service without gateway endpoints takes no prefix-list route', () => {
  assert.match(answer('import-and-gateway.yaml', 'SubnetA', 's3')[1], /; decided by import \$\{NetworkStack\}-RouteTables$/);
  assert.match(answer('import-and-gateway.yaml', 'SubnetA', 'dynamodb')[1], /an imported value \(its export name computed\) is known only at deploy time; decided by Computed's RouteTableIds$/);
  assert.deepEqual(answer('import-and-gateway.yaml', 'SubnetA', 'sqs'), ['blocked', 'no route from SubnetA to sqs']);
});

// Per-region mappings (`RegionMap: {us-east-1: {S3: com.amazonaws.us-east-1.s3}, eu-west-1: {...eu-west-1.s3}}`,
// `!FindInMap [RegionMap, !Ref AWS::Region, S3]`): the name was "known only at deploy time" and every S3 trace
// unknown, though in whichever region the stack deploys the name is that region's S3 (a region without an
// entry fails the stack). Entries that differ otherwise (dynamodb in one region, sqs in another) stay unknown.
test('a region-keyed mapping whose entries are one name with their own region is that name in the stack\'s region', () => {
  assert.deepEqual(answer('region-mapping.yaml', 'SubnetA', 's3'), ['private', 'stays on the AWS network through gateway endpoint S3']);
  assert.match(answer('region-mapping.yaml', 'SubnetA', 'dynamodb')[1], /Other's ServiceName is known only at deploy time: Fn::FindInMap \[RegionMap, AWS::Region, Ddb\] picks its entry by AWS::Region/);
});
