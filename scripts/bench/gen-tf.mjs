// Generates a Terraform tree for benchmarks: the same two-AZ VPC network as gen-template.mjs (VPC
// with DNS on, public and private subnets, route tables with inline routes and associations, NAT
// gateways, an endpoint security group admitting 443 from the VPC, S3/DynamoDB Gateway endpoints,
// five Interface endpoints with private DNS, policies by jsonencode), repeated; exactly n resource
// blocks, spread over folders (modules) of at most `perModule` resources, two files each.
//
//   node scripts/bench/gen-tf.mjs 5000 /tmp/tf-tree
//   import { generateTerraform } from './gen-tf.mjs'; generateTerraform(5000, dir)

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'sqs', 'logs', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'monitoring', 'events', 'sns', 'lambda'];
const POLICY_SERVICES = new Set(['sqs', 'logs', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'monitoring', 'events', 'sns', 'lambda']);

function network(k) {
  const out = [];
  const add = (type, name, body) => out.push(`resource "${type}" "${name}${k}" {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`);
  const octet = k % 250;
  const tags = (label) => [`tags = {`, `  Name = "\${var.environment}-${label}-${k}"`, `}`];
  add('aws_vpc', 'main', [`cidr_block           = "10.${octet}.0.0/16"`, 'enable_dns_support   = true', 'enable_dns_hostnames = true', ...tags('vpc')]);
  add('aws_internet_gateway', 'igw', [`vpc_id = aws_vpc.main${k}.id`, ...tags('igw')]);
  ['a', 'b'].forEach((az, i) => add('aws_subnet', `public_${az}`, [`vpc_id                  = aws_vpc.main${k}.id`, `cidr_block              = "10.${octet}.${i * 16}.0/20"`, `availability_zone       = data.aws_availability_zones.available.names[${i}]`, 'map_public_ip_on_launch = true', ...tags(`public-${az}`)]));
  ['a', 'b'].forEach((az, i) => add('aws_subnet', `private_${az}`, [`vpc_id            = aws_vpc.main${k}.id`, `cidr_block        = "10.${octet}.${64 + i * 16}.0/20"`, `availability_zone = data.aws_availability_zones.available.names[${i}]`, ...tags(`private-${az}`)]));
  add('aws_route_table', 'public', [`vpc_id = aws_vpc.main${k}.id`, 'route {', '  cidr_block = "0.0.0.0/0"', `  gateway_id = aws_internet_gateway.igw${k}.id`, '}']);
  ['a', 'b'].forEach((az) => add('aws_route_table_association', `public_${az}`, [`subnet_id      = aws_subnet.public_${az}${k}.id`, `route_table_id = aws_route_table.public${k}.id`]));
  ['a', 'b'].forEach((az) => add('aws_nat_gateway', `nat_${az}`, [`subnet_id = aws_subnet.public_${az}${k}.id`, ...tags(`nat-${az}`)]));
  ['a', 'b'].forEach((az) => add('aws_route_table', `private_${az}`, [`vpc_id = aws_vpc.main${k}.id`, 'route {', '  cidr_block     = "0.0.0.0/0"', `  nat_gateway_id = aws_nat_gateway.nat_${az}${k}.id`, '}']));
  ['a', 'b'].forEach((az) => add('aws_route_table_association', `private_${az}`, [`subnet_id      = aws_subnet.private_${az}${k}.id`, `route_table_id = aws_route_table.private_${az}${k}.id`]));
  add('aws_security_group', 'endpoints', [`vpc_id      = aws_vpc.main${k}.id`, 'description = "HTTPS from the VPC"', 'ingress {', '  from_port   = 443', '  to_port     = 443', '  protocol    = "tcp"', `  cidr_blocks = [aws_vpc.main${k}.cidr_block]`, '}']);
  for (const svc of ['s3', 'dynamodb']) {
    add('aws_vpc_endpoint', svc, [`vpc_id            = aws_vpc.main${k}.id`, `service_name      = "com.amazonaws.\${data.aws_region.current.name}.${svc}"`, 'vpc_endpoint_type = "Gateway"', `route_table_ids   = [aws_route_table.private_a${k}.id, aws_route_table.private_b${k}.id]`]);
  }
  for (let j = 0; j < 5; j++) {
    const svc = INTERFACE_SERVICES[(k * 5 + j) % INTERFACE_SERVICES.length];
    const policy = POLICY_SERVICES.has(svc) && j === 0 ? ['policy = jsonencode({', '  Version = "2012-10-17"', `  Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*", Condition = { StringEquals = { "aws:PrincipalAccount" = "111122223333" } } }]`, '})'] : [];
    add('aws_vpc_endpoint', svc.replace('.', '_'), [`vpc_id              = aws_vpc.main${k}.id`, `service_name        = "com.amazonaws.\${data.aws_region.current.name}.${svc}"`, 'vpc_endpoint_type   = "Interface"', 'private_dns_enabled = true', `subnet_ids          = [aws_subnet.private_a${k}.id, aws_subnet.private_b${k}.id]`, `security_group_ids  = [aws_security_group.endpoints${k}.id]`, ...policy]);
  }
  return out;
}

/** Writes n resource blocks under dir; returns the folders written. */
export function generateTerraform(n, dir, perModule = 500) {
  const blocks = [];
  for (let k = 0; blocks.length < n; k++) blocks.push(...network(k));
  blocks.length = n;
  const folders = [];
  for (let m = 0; m * perModule < n; m++) {
    const folder = join(dir, `module${String(m).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    const mine = blocks.slice(m * perModule, (m + 1) * perModule);
    writeFileSync(join(folder, 'variables.tf'), 'variable "environment" {\n  default = "bench"\n}\n\ndata "aws_region" "current" {}\n\ndata "aws_availability_zones" "available" {}\n');
    writeFileSync(join(folder, 'main.tf'), mine.join('\n'));
    folders.push(folder);
  }
  return folders;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) generateTerraform(Number(process.argv[2] ?? 5000), process.argv[3] ?? '/tmp/tf-tree');
