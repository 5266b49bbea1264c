// A whole resource handed on as a value (a module output `value = aws_route_table.private`, a local
// `rt = aws_route_table.private`) is an object of the resource's attributes: `.id` of it is the
// resource's id (https://developer.hashicorp.com/terraform/language/expressions/references#resources).
// hashintel/hash's network module outputs its VPC, subnets and route tables so; the caller's S3 gateway
// endpoint names `module.base_network.rtpriv.id`, and every trace to S3 was unknown ("a whole resource,
// not a value"); the endpoints' `module.base_network.vpc.default_security_group_id` was unknown too.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import type { ModuleFolders } from '../../../server/src/core/tf/local-modules.js';
import { toPlain, type Node } from '../../../server/src/core/document/tree.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

/** A lowered resource's property, intrinsics included. */
function prop(c: ReturnType<typeof checkTf>, address: string, key: string): unknown {
  const get = (n: Node | null | undefined, k: string) => (n?.kind === 'map' ? n.pairs.find((p) => p.key.value === k)?.value : undefined);
  const props = toPlain(get(get(get(c.r.module.root, 'Resources'), address), 'Properties') ?? null) as Record<string, unknown> | null;
  return JSON.parse(JSON.stringify(props?.[key] ?? null));
}

const NETWORK = `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
`;

test('a local holding a whole route table: its .id is the table', () => {
  const c = checkTf(`${NETWORK}
locals {
  rt = aws_route_table.private
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [local.rt.id]
}
`);
  assert.deepEqual(prop(c, 'aws_vpc_endpoint.s3', 'RouteTableIds'), [{ Ref: 'aws_route_table.private' }]);
  assert.equal(c.trace('aws_subnet.private', 's3').verdict, 'private');
});

test('a whole VPC: an attribute the block writes and its default group are read through it', () => {
  const c = checkTf(`${NETWORK}
locals {
  vpc = aws_vpc.main
}
resource "aws_security_group" "ep" {
  vpc_id = local.vpc.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [local.vpc.cidr_block]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = local.vpc.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.private.id]
  security_group_ids  = [local.vpc.default_security_group_id, aws_security_group.ep.id]
}
`);
  assert.deepEqual(prop(c, 'aws_security_group.ep', 'VpcId'), { Ref: 'aws_vpc.main' });
  assert.deepEqual(prop(c, 'aws_vpc_endpoint.ssm', 'SecurityGroupIds'), [{ 'Fn::GetAtt': ['aws_vpc.main', 'DefaultSecurityGroup'] }, { Ref: 'aws_security_group.ep' }]);
  // The subnet's range is inside the VPC's block, which the endpoint's own group admits on 443.
  assert.equal(c.trace('aws_subnet.private', 'ssm').verdict, 'private');
});

test('a module output holding whole resources: the caller reads their ids', () => {
  const folders: ModuleFolders = {
    root: 'root',
    read: (_from, source) => (source === './net' ? { dir: 'root/net', files: [{ path: 'root/net/main.tf', text: `${NETWORK}\noutput "vpc" {\n  value = aws_vpc.main\n}\noutput "rtpriv" {\n  value = aws_route_table.private\n}\n` }] } : { error: 'no such folder' }),
  };
  const main = `
module "net" {
  source = "./net"
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = module.net.vpc.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [module.net.rtpriv.id]
}
`;
  const r = analyzeTerraform([{ path: 'root/main.tf', text: main }], { settings: { regions: ['eu-west-1'] } }, folders);
  const a = traceNetwork(r.analysis.network()!, 'module.net.aws_subnet.private', 's3');
  assert.ok(a.ok);
  assert.equal(a.result.verdict, 'private');
});

test('an attribute known only after apply stays unknown, named', () => {
  const c = checkTf(`${NETWORK}
locals {
  rt = aws_route_table.private
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [local.rt.owner_id]
}
`);
  const t = c.trace('aws_subnet.private', 's3');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /local\.rt\.owner_id/);
});
