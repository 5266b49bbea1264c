// split() of a text holding the deploy Region (`com.amazonaws.${region}.sts`, as data
// "aws_vpc_endpoint_service" names a service) at a separator a Region name cannot hold (".") has known
// parts around the Region. A centralised-endpoints module (schubergphilis-style) names each private hosted
// zone `join(".", reverse(split(".", service_name)))`, sts.<region>.amazonaws.com: the zone was unnamed,
// taken for none, and the trace said the sts name resolves to public addresses (BLOCKED) where the zone
// answers it with the endpoint's alias.
// https://developer.hashicorp.com/terraform/language/functions/split

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const HUB = (zoneName: string) => `
resource "aws_vpc" "hub" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.hub.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.hub.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
data "aws_vpc_endpoint_service" "sts" {
  service = "sts"
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.hub.id
  service_name        = data.aws_vpc_endpoint_service.sts.service_name
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
resource "aws_route53_zone" "sts" {
  name = ${zoneName}
  vpc {
    vpc_id = aws_vpc.hub.id
  }
}
resource "aws_route53_record" "apex" {
  zone_id = aws_route53_zone.sts.zone_id
  name    = ""
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.sts.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.sts.dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}
`;

test('a zone named by reversing the service name answers the service name', () => {
  const c = checkTf(HUB('join(".", reverse(split(".", data.aws_vpc_endpoint_service.sts.service_name)))'));
  const t = c.trace('aws_subnet.a', 'sts');
  assert.equal(t.verdict, 'private');
  assert.match(JSON.stringify(t), /aws_route53_zone\.sts/);
});

test('split keeps the Region whole, and gives up where the separator may be inside it', () => {
  const v = (e: string) => checkTf(`locals {\n  v = ${e}\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n`).prop('aws_vpc_endpoint.x', 'ServiceName');
  // The Region's own text is not known: the parts around it are, and their count.
  const count = (e: string) => checkTf(`data "aws_region" "r" {}\nlocals {\n  v = ${e}\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n`).prop('aws_vpc_endpoint.x', 'ServiceName');
  assert.equal(v('length(split(".", "com.amazonaws.eu-west-1.sts"))'), 4);
  assert.equal(count('length(split(".", "com.amazonaws.${data.aws_region.r.name}.sts"))'), 4);
  assert.equal(count('split(".", "com.amazonaws.${data.aws_region.r.name}.sts")[3]'), 'sts');
  // "-" may be inside a Region name: the count is not known.
  assert.notEqual(count('length(split("-", "com-${data.aws_region.r.name}"))'), 2);
});
