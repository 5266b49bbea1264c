// aws_route53_record in a private hosted zone the configuration makes: the record's name (as the AWS
// provider completes it with the zone's) and the interface endpoint whose DNS name it gives
// (`aws_vpc_endpoint.x.dns_entry[0].dns_name`) are read as CloudFormation's AWS::Route53::RecordSet
// with `!GetAtt X.DnsEntries` is (test/unit/real-cfn3.test.ts): the trace's DNS hop goes through that
// endpoint, where before it said "unknown" (the zone's records were not read).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork, traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { hclToJson } from './hcl-to-json.js';

before(() => ensureTerraformParser());

function analyze(files: Record<string, string>) {
  return analyzeTerraform(Object.entries(files).map(([path, text]) => ({ path, text })), { settings: { regions: ['eu-west-1'] } }).analysis;
}

function trace(text: string, from = 'aws_subnet.a', to = 's3'): TraceResult {
  const a = traceNetwork(analyze({ 'main.tf': text }).network()!, from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.result;
}

const hops = (r: TraceResult) => [r.summary, ...r.hops.map((h) => h.reason)].join("\n");

// The Terraform twin of real-cfn3's panorama template: two interface endpoints without private DNS
// whose group admits the VPC, and a private zone for s3.<region>.amazonaws.com.
const NETWORK = `
data "aws_region" "current" {}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.v.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.s3"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}
resource "aws_vpc_endpoint" "other" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}
resource "aws_route53_zone" "s3" {
  name = "s3.\${data.aws_region.current.name}.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.v.id
  }
}
`;

const record = (name: string, alias: string, more = '') => `
resource "aws_route53_record" "s3" {
  ${more}
  zone_id = aws_route53_zone.s3.zone_id
  name    = ${name}
  type    = "A"
  alias {
    name                   = ${alias}
    zone_id                = aws_vpc_endpoint.s3.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}
`;

test('an alias record naming the endpoint\'s dns_entry sends the traffic through that endpoint, as in CloudFormation', () => {
  const r = trace(NETWORK + record('"*.s3.${data.aws_region.current.name}.amazonaws.com"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name'));
  assert.equal(r.verdict, 'private', r.summary);
  assert.match(hops(r), /private hosted zone aws_route53_zone\.s3 .* answers \*\.s3\.\{region\}\.amazonaws\.com with the DNS name of aws_vpc_endpoint\.s3 \(record aws_route53_record\.s3\)/);
  // The zone without the record: its records are not known, so the answer is unknown, never "public".
  assert.equal(trace(NETWORK).verdict, 'unknown');
  // VPCE5003 for the sts endpoint (no zone answers its name), none for the s3 one: CloudFormation's findings.
  const f = analyze({ 'main.tf': NETWORK + record('"*.s3.${data.aws_region.current.name}.amazonaws.com"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name') }).findings;
  assert.deepEqual(f.filter((x) => x.ruleId === 'VPCE5003').map((x) => x.resource), ['aws_vpc_endpoint.other']);
});

test('the same answer as the CloudFormation twin, hop for hop', () => {
  const cfn = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      PrivateDnsEnabled: false
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Group]
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: !Sub s3.\${AWS::Region}.amazonaws.com
      VPCs: [{ VPCId: !Ref Vpc, VPCRegion: !Ref AWS::Region }]
  Record:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: !Sub "*.s3.\${AWS::Region}.amazonaws.com"
      Type: A
      AliasTarget:
        DNSName: !Select [1, !Split [":", !Select [0, !GetAtt S3Endpoint.DnsEntries]]]
        HostedZoneId: !Select [0, !Split [":", !Select [0, !GetAtt S3Endpoint.DnsEntries]]]
`;
  const c = traceText(cfn, 'Subnet', 's3');
  assert.ok(c.ok);
  const t = trace(NETWORK + record('"*.s3.${data.aws_region.current.name}.amazonaws.com"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name'));
  const ids: Record<string, string> = { Vpc: 'aws_vpc.v', Subnet: 'aws_subnet.a', Group: 'aws_security_group.endpoints', S3Endpoint: 'aws_vpc_endpoint.s3', Zone: 'aws_route53_zone.s3', Record: 'aws_route53_record.s3' };
  const rename = (s: string) => s.replace(/\b(Vpc|Subnet|Group|S3Endpoint|Zone|Record)\b/g, (m) => ids[m]!);
  assert.equal(t.verdict, c.result.verdict);
  assert.deepEqual(t.hops.map((h) => rename(h.kind + ' ' + h.decision)), c.result.hops.map((h) => rename(h.kind + ' ' + h.decision)));
});

test('a name relative to the zone is completed with the zone\'s name, as the AWS provider does; "" is the zone itself', () => {
  assert.equal(trace(NETWORK + record('"*"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name')).verdict, 'private');
  assert.equal(trace(NETWORK + record('""', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name')).verdict, 'private');
  // A relative name for another host under the zone answers another name: the zone decides the service's, unknown.
  assert.equal(trace(NETWORK + record('"www"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name')).verdict, 'unknown');
  // Written in full, in a region of its own, with a final dot: the same record.
  assert.equal(trace(NETWORK + record('"s3.eu-west-1.amazonaws.com."', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name')).verdict, 'private');
});

test('a record naming another service\'s endpoint, or one that may not exist, leaves the answer to the zone: unknown', () => {
  assert.equal(trace(NETWORK + record('"*"', 'aws_vpc_endpoint.other.dns_entry[0].dns_name')).verdict, 'unknown');
  const maybe = 'variable "make" {}\n' + record('"*"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name', 'count = var.make ? 1 : 0');
  const r = trace(NETWORK + maybe);
  assert.equal(r.verdict, 'unknown', r.summary);
  // A DNS name the configuration cannot know (an input) names no endpoint.
  assert.equal(trace(NETWORK + 'variable "target" {}\n' + record('"*"', 'var.target')).verdict, 'unknown');
});

test('records made with for_each or count, written as a template, as a CNAME\'s records', () => {
  // One endpoint per service (for_each), one record per endpoint: each.value is the endpoint instance.
  const services = NETWORK.replace('resource "aws_vpc_endpoint" "s3" {', 'resource "aws_vpc_endpoint" "this" {\n  for_each = toset(["s3", "kms"])').replace('.s3"\n  vpc_endpoint_type', '.\${each.key}"\n  vpc_endpoint_type');
  const forEach = `
resource "aws_route53_record" "s3" {
  for_each = aws_vpc_endpoint.this
  zone_id  = aws_route53_zone.s3.zone_id
  name     = each.key == "s3" ? "" : "\${each.key}.example"
  type     = "A"
  alias {
    name                   = each.value.dns_entry[0].dns_name
    zone_id                = each.value.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}
`;
  const r = trace(services + forEach);
  assert.equal(r.verdict, 'private', r.summary);
  assert.match(hops(r), /with the DNS name of aws_vpc_endpoint\.this\["s3"\] \(record aws_route53_record\.s3\["s3"\]\)/);
  const count = `
resource "aws_route53_record" "s3" {
  count   = 1
  zone_id = aws_route53_zone.s3.id
  name    = "*.s3.\${data.aws_region.current.name}.amazonaws.com"
  type    = "CNAME"
  ttl     = 300
  records = ["\${aws_vpc_endpoint.s3.dns_entry[0]["dns_name"]}"]
}
`;
  const c = trace(NETWORK + count);
  assert.equal(c.verdict, 'private', c.summary);
  assert.match(hops(c), /record aws_route53_record\.s3\[0\]/);
});

test('an endpoint of terraform-aws-modules\' vpc-endpoints module, named by its endpoints output', () => {
  const start = NETWORK.indexOf('resource "aws_vpc_endpoint" "s3" {');
  const end = NETWORK.indexOf('resource "aws_vpc_endpoint" "other"');
  const module = NETWORK.slice(0, start) + `module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id  = aws_vpc.v.id
  security_group_ids = [aws_security_group.endpoints.id]
  endpoints = {
    s3 = {
      service             = "s3"
      service_type        = "Interface"
      private_dns_enabled = false
      subnet_ids          = [aws_subnet.a.id]
    }
  }
}
` + NETWORK.slice(end);
  const r = trace(module + record('"*"', 'module.endpoints.endpoints["s3"].dns_entry[0].dns_name').replace('aws_vpc_endpoint.s3.dns_entry[0].hosted_zone_id', '"Z1"'));
  assert.equal(r.verdict, 'private', r.summary);
  assert.match(hops(r), /with the DNS name of module\.endpoints\.aws_vpc_endpoint\.this\["s3"\]/);
});

test('the same zone and record written in Terraform\'s JSON syntax (vpc and alias blocks as objects)', () => {
  const text = NETWORK + record('"*"', 'aws_vpc_endpoint.s3.dns_entry[0].dns_name');
  // One block of a type may be written as an object rather than an array of one.
  const doc = JSON.parse(hclToJson(text));
  const blocks = doc.resource as Record<string, Record<string, Record<string, unknown[]>>>[];
  const single = (type: string, nested: string) => {
    const b = blocks.find((r) => r[type])![type]!.s3!;
    b[nested] = b[nested]![0] as unknown[];
  };
  single('aws_route53_record', 'alias');
  single('aws_route53_zone', 'vpc');
  const json = JSON.stringify(doc, null, 2);
  assert.match(json, /"alias": \{/);
  const a = traceNetwork(analyze({ 'main.tf.json': json }).network()!, 'aws_subnet.a', 's3');
  assert.ok(a.ok);
  assert.equal(a.result.verdict, 'private', a.result.summary);
});
