// Terraform module folders on disk, for the tests that run the CLI or the language server on real files
// (a module is a folder: its .tf files, its tfvars, its local modules' folders beside it).

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temporary folder (`vpce-<prefix>-…`) holding `files` (paths relative to it, `/`-separated; folders made as needed). */
export function tfFolder(prefix: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `vpce-${prefix}-`));
  writeFiles(dir, files);
  return dir;
}

/** Writes `files` under `dir` (paths relative to it), making their folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * A module whose terraform.tfvars decides a finding: `dns = true` (line 2) turns on private DNS in a VPC
 * without DNS hostnames (VPCE5001 on that value); `private_dns_enabled = var.dns` is main.tf's line 8.
 * The CLI (test/cli/terraform-tfvars.test.ts) and the editor (test/lsp/terraform.test.ts) give the same answer on it.
 */
export const DNS_FROM_TFVARS = {
  'variables.tf': 'variable "dns" {\n  default = false\n}\n',
  'terraform.tfvars': '# private DNS on\ndns = true\n',
  'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = var.dns
}
data "aws_region" "current" {}
`,
};

/** `files` with each path put under `folder/`. */
export function under(folder: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [`${folder}/${path}`, text]));
}
