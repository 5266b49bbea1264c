// The Terraform benchmark tree (scripts/bench/gen-tf.mjs) must be what tf-bench says it is: gen-template.mjs's
// networks written in Terraform resource for resource, each folder a valid root module. A tree whose references
// cross folders (as the first generator's did: 177 undeclared resources) or whose networks differ from the
// CloudFormation ones makes "per resource" compare different work.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { analyze } from '../../../server/src/core/engine.js';

const ROOT = join(__dirname, '..', '..', '..');
const gen = (name: string) => import(join(ROOT, 'scripts', 'bench', name));
const SETTINGS = { regions: ['eu-west-1'] };

/** What each Terraform type of the generator is in CloudFormation. */
const CFN_TYPE: Record<string, string> = {
  aws_vpc: 'AWS::EC2::VPC', aws_internet_gateway: 'AWS::EC2::InternetGateway', aws_internet_gateway_attachment: 'AWS::EC2::VPCGatewayAttachment',
  aws_subnet: 'AWS::EC2::Subnet', aws_route_table: 'AWS::EC2::RouteTable', aws_route: 'AWS::EC2::Route',
  aws_route_table_association: 'AWS::EC2::SubnetRouteTableAssociation', aws_eip: 'AWS::EC2::EIP', aws_nat_gateway: 'AWS::EC2::NatGateway',
  aws_security_group: 'AWS::EC2::SecurityGroup', aws_vpc_security_group_ingress_rule: 'AWS::EC2::SecurityGroupIngress', aws_vpc_endpoint: 'AWS::EC2::VPCEndpoint',
};

before(() => ensureTerraformParser());

test('the Terraform benchmark tree is the CloudFormation benchmark\'s networks, each folder a valid module', async () => {
  const { generateTerraform, RESOURCES_PER_NETWORK } = await gen('gen-tf.mjs');
  const { generateTemplate } = await gen('gen-template.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-bench-tree-'));
  try {
    const folders: string[] = generateTerraform(1000, dir);
    const tfTypes: string[] = [];
    for (const folder of folders) {
      const files = readdirSync(folder).sort().map((f) => ({ path: join(folder, f), text: readFileSync(join(folder, f), 'utf8') }));
      const types = [...files.map((f) => f.text).join('\n').matchAll(/^resource "(\w+)"/gm)].map((m) => m[1]!);
      assert.ok(types.length <= 500 && types.length > 0, `${folder}: ${types.length} resources`);
      // Whole networks per folder: the folder's first resource is a network's VPC.
      assert.equal(types[0], 'aws_vpc', folder);
      tfTypes.push(...types);
      const { analysis } = analyzeTerraform(files, { settings: SETTINGS });
      assert.deepEqual(analysis.findings.map((f) => `${f.ruleId} ${f.message}`), [], folder);
    }
    assert.equal(tfTypes.length, 1000);
    assert.equal(RESOURCES_PER_NETWORK, 30);
    const template = generateTemplate(1000);
    const cfnTypes = [...template.slice(template.indexOf('\nResources:')).matchAll(/^ {4}Type: (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(tfTypes.map((t) => CFN_TYPE[t] ?? t), cfnTypes);
    assert.deepEqual(analyze(template, { fileName: 'bench.yaml', settings: SETTINGS }).findings.map((f) => f.ruleId), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
