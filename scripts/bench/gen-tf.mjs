// Generates a Terraform tree for benchmarks: gen-template.mjs's network written in Terraform, resource for
// resource (30 per network: the VPC, an internet gateway and its attachment, public and private subnets, route
// tables with aws_route routes and associations, Elastic IPs and NAT gateways, an endpoint security group with
// 443 from the VPC and a rule admitting itself, S3/DynamoDB Gateway endpoints, five Interface endpoints with
// private DNS, the same policies by jsonencode), so that "per resource" compares the same work in both formats.
// Every resource refers only to resources written before it in the same network, and a network never spans two
// folders: each folder is a valid root module (a cross-folder reference would be an undeclared resource). Folders
// hold whole networks, at most `perModule` resources each; the last network may be cut short anywhere.
//
//   node scripts/bench/gen-tf.mjs 5000 /tmp/tf-tree
//   import { generateTerraform } from './gen-tf.mjs'; generateTerraform(5000, dir)

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'sqs', 'logs', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'monitoring', 'events', 'sns', 'lambda'];
const POLICY_SERVICES = new Set(['sqs', 'logs', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'monitoring', 'events', 'sns', 'lambda']);
const AZS = ['a', 'b'];

function network(k) {
  const out = [];
  const add = (type, name, body) => out.push(`resource "${type}" "${name}${k}" {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`);
  const octet = k % 250;
  const cidr = `10.${octet}.0.0/16`;
  const tags = (label) => [`tags = {`, `  Name = "\${var.environment}-${label}-${k}"`, `}`];
  const attached = `depends_on = [aws_internet_gateway_attachment.igw${k}]`;
  add('aws_vpc', 'main', [`cidr_block           = "${cidr}"`, 'enable_dns_support   = true', 'enable_dns_hostnames = true', 'instance_tenancy     = "default"', ...tags('vpc')]);
  add('aws_internet_gateway', 'igw', tags('igw'));
  add('aws_internet_gateway_attachment', 'igw', [`vpc_id              = aws_vpc.main${k}.id`, `internet_gateway_id = aws_internet_gateway.igw${k}.id`]);
  AZS.forEach((az, i) => add('aws_subnet', `public_${az}`, [`vpc_id                  = aws_vpc.main${k}.id`, `cidr_block              = "10.${octet}.${i * 16}.0/20"`, `availability_zone       = data.aws_availability_zones.available.names[${i}]`, 'map_public_ip_on_launch = true', ...tags(`public-${az}`)]));
  AZS.forEach((az, i) => add('aws_subnet', `private_${az}`, [`vpc_id            = aws_vpc.main${k}.id`, `cidr_block        = "10.${octet}.${128 + i * 32}.0/19"`, `availability_zone = data.aws_availability_zones.available.names[${i}]`, ...tags(`private-${az}`)]));
  add('aws_route_table', 'public', [`vpc_id = aws_vpc.main${k}.id`, ...tags('public-rt')]);
  add('aws_route', 'public_default', [`route_table_id         = aws_route_table.public${k}.id`, 'destination_cidr_block = "0.0.0.0/0"', `gateway_id             = aws_internet_gateway.igw${k}.id`, attached]);
  AZS.forEach((az) => add('aws_route_table_association', `public_${az}`, [`subnet_id      = aws_subnet.public_${az}${k}.id`, `route_table_id = aws_route_table.public${k}.id`]));
  for (const az of AZS) {
    add('aws_eip', `nat_${az}`, ['domain = "vpc"', attached]);
    add('aws_nat_gateway', `nat_${az}`, [`allocation_id = aws_eip.nat_${az}${k}.id`, `subnet_id     = aws_subnet.public_${az}${k}.id`, ...tags(`nat-${az}`)]);
  }
  for (const az of AZS) {
    add('aws_route_table', `private_${az}`, [`vpc_id = aws_vpc.main${k}.id`, ...tags(`private-rt-${az}`)]);
    add('aws_route', `private_default_${az}`, [`route_table_id         = aws_route_table.private_${az}${k}.id`, 'destination_cidr_block = "0.0.0.0/0"', `nat_gateway_id         = aws_nat_gateway.nat_${az}${k}.id`]);
    add('aws_route_table_association', `private_${az}`, [`subnet_id      = aws_subnet.private_${az}${k}.id`, `route_table_id = aws_route_table.private_${az}${k}.id`]);
  }
  // Half the groups say the CIDR literally, half by reference, as gen-template.mjs does.
  const cidrValue = k % 2 === 0 ? `"${cidr}"` : `aws_vpc.main${k}.cidr_block`;
  add('aws_security_group', 'endpoints', [
    `description = "Interface endpoints of \${var.environment} network ${k}"`,
    `vpc_id      = aws_vpc.main${k}.id`,
    'ingress {', '  description = "HTTPS from the VPC"', '  protocol    = "tcp"', '  from_port   = 443', '  to_port     = 443', `  cidr_blocks = [${cidrValue}]`, '}',
    'egress {', '  description = "All outbound"', '  protocol    = "-1"', '  from_port   = 0', '  to_port     = 0', '  cidr_blocks = ["0.0.0.0/0"]', '}',
    ...tags('vpce-sg'),
  ]);
  add('aws_vpc_security_group_ingress_rule', 'endpoints_self', [`security_group_id            = aws_security_group.endpoints${k}.id`, 'ip_protocol                  = "tcp"', 'from_port                    = 443', 'to_port                      = 443', `referenced_security_group_id = aws_security_group.endpoints${k}.id`, 'description                  = "HTTPS between endpoint clients in the group"']);
  const tables = `route_table_ids   = [aws_route_table.private_a${k}.id, aws_route_table.private_b${k}.id]`;
  // Every third network restricts the S3 endpoint with a policy, as gen-template.mjs does.
  const s3Policy = k % 3 === 0
    ? ['policy = jsonencode({', '  Version = "2012-10-17"', '  Statement = [{', '    Sid       = "AllowEnvironmentBuckets"', '    Effect    = "Allow"', '    Principal = "*"', '    Action    = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]', '    Resource  = ["arn:${data.aws_partition.current.partition}:s3:::${var.bucket_prefix}-*", "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_prefix}-*/*"]', '  }]', '})']
    : [];
  add('aws_vpc_endpoint', 's3', [`vpc_id            = aws_vpc.main${k}.id`, 'service_name      = "com.amazonaws.${data.aws_region.current.name}.s3"', 'vpc_endpoint_type = "Gateway"', tables, ...s3Policy]);
  add('aws_vpc_endpoint', 'dynamodb', [`vpc_id            = aws_vpc.main${k}.id`, 'service_name      = "com.amazonaws.${data.aws_region.current.name}.dynamodb"', 'vpc_endpoint_type = "Gateway"', tables]);
  for (let j = 0; j < 5; j++) {
    const svc = INTERFACE_SERVICES[(k * 5 + j) % INTERFACE_SERVICES.length];
    const prefix = svc.split('.')[0] === 'monitoring' ? 'cloudwatch' : svc.split('.')[0];
    const policy = POLICY_SERVICES.has(svc) && (k + j) % 4 === 0
      ? ['policy = jsonencode({', '  Version = "2012-10-17"', '  Statement = [{', '    Effect    = "Allow"', '    Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }', `    Action    = "${prefix}:*"`, '    Resource  = "*"', '  }]', '})']
      : [];
    add('aws_vpc_endpoint', svc.replace(/[.-]/g, '_'), [`vpc_id              = aws_vpc.main${k}.id`, `service_name        = "com.amazonaws.\${data.aws_region.current.name}.${svc}"`, 'vpc_endpoint_type   = "Interface"', 'private_dns_enabled = true', `subnet_ids          = [aws_subnet.private_a${k}.id, aws_subnet.private_b${k}.id]`, `security_group_ids  = [aws_security_group.endpoints${k}.id]`, ...policy]);
  }
  return out;
}

export const RESOURCES_PER_NETWORK = network(0).length;

const VARIABLES = [
  'variable "environment" {\n  description = "Prefix for resource names"\n  type        = string\n  default     = "bench"\n}\n',
  'variable "bucket_prefix" {\n  description = "Prefix of the buckets the S3 endpoints allow"\n  type        = string\n  default     = "bench-data"\n}\n',
  'data "aws_region" "current" {}\n',
  'data "aws_partition" "current" {}\n',
  'data "aws_caller_identity" "current" {}\n',
  'data "aws_availability_zones" "available" {\n  state = "available"\n}\n',
].join('\n');

const networksPerFolder = (perModule) => Math.max(1, Math.floor(perModule / RESOURCES_PER_NETWORK));

/** How many resources each folder of generateTerraform(n, dir, perModule) holds, in order: the split a
 * like-for-like CloudFormation input copies (one template per folder, as a stack takes at most 500). */
export function folderSizes(n, perModule = 500) {
  const full = networksPerFolder(perModule) * RESOURCES_PER_NETWORK;
  const sizes = [];
  for (let left = n; left > 0; left -= full) sizes.push(Math.min(full, left));
  return sizes;
}

/** Writes exactly n resource blocks under dir, whole networks per folder; returns the folders written. */
export function generateTerraform(n, dir, perModule = 500) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`generateTerraform: n must be a positive integer (got ${n})`);
  const perFolder = networksPerFolder(perModule);
  const folders = [];
  let written = 0;
  for (let k = 0; written < n; ) {
    const folder = join(dir, `module${String(folders.length).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    const blocks = [];
    const outputs = [];
    for (let i = 0; i < perFolder && written < n; i++, k++) {
      const mine = network(k).slice(0, n - written);
      blocks.push(...mine);
      written += mine.length;
      outputs.push(`output "vpc${k}_id" {\n  value = aws_vpc.main${k}.id\n}\n`);
    }
    writeFileSync(join(folder, 'variables.tf'), VARIABLES);
    writeFileSync(join(folder, 'main.tf'), blocks.join('\n'));
    writeFileSync(join(folder, 'outputs.tf'), outputs.join('\n'));
    folders.push(folder);
  }
  return folders;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) generateTerraform(Number(process.argv[2] ?? 5000), process.argv[3] ?? '/tmp/tf-tree');
