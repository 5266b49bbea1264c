// A template written for `aws cloudformation package` (test/fixtures/nested-local): its nested stack's
// TemplateURL is a local file, relative to the template; the trace reads the parent with it
// (cli/nested-trace.ts, core/cdk/nested-inline.ts), as a CDK stack's is read with its assembly's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const DIR = join(ROOT, 'test', 'fixtures', 'nested-local');

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const first = (r: { out: string }) => r.out.split('\n')[0]!;

test('the nested template a local TemplateURL names is read with its parent', () => {
  const ssm = run(['trace', 'main.yaml', '--from', 'SubnetA', '--to', 'ssm'], DIR);
  assert.equal(ssm.err, '');
  assert.match(first(ssm), /^SubnetA → ssm: PRIVATE — .*SsmEndpoint$/);
  assert.match(ssm.out, /✓ endpoint security group in +EndpointGroup .*\(stacks\/endpoints\.yaml:11:3\)/);
  // The parent's STS endpoint uses the nested stack's group (its output), open to the range the parent passes.
  assert.match(first(run(['trace', 'main.yaml', '--from', 'SubnetB', '--to', 'sts'], DIR)), /^SubnetB → sts: PRIVATE — /);
  // The nested stack adds no route and no endpoint: only the main route table, which no template manages, decides.
  const s3 = first(run(['trace', 'main.yaml', '--from', 'SubnetA', '--to', 's3'], DIR));
  assert.match(s3, /^SubnetA → s3: UNKNOWN — SubnetA uses the main route table of VPC Vpc, whose routes beyond the local one/);
  assert.doesNotMatch(s3, /nested stack/);
});

test('a TemplateURL that is a URL, or a local file that is missing, leaves the nested stack as the parent alone says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-'));
  try {
    cpSync(DIR, dir, { recursive: true });
    const main = readFileSync(join(dir, 'main.yaml'), 'utf8');
    writeFileSync(join(dir, 'url.yaml'), main.replace('TemplateURL: stacks/endpoints.yaml', 'TemplateURL: https://example-bucket.s3.amazonaws.com/stacks/endpoints.yaml'));
    writeFileSync(join(dir, 'missing.yaml'), main.replace('TemplateURL: stacks/endpoints.yaml', 'TemplateURL: stacks/nothing.yaml'));
    for (const f of ['url.yaml', 'missing.yaml']) {
      assert.match(first(run(['trace', f, '--from', 'SubnetB', '--to', 'sts'], dir)), /^SubnetB → sts: UNKNOWN — .*Endpoints\.Outputs\.EndpointGroupId/, f);
      assert.match(first(run(['trace', f, '--from', 'SubnetA', '--to', 'ssm'], dir)), /^SubnetA → ssm: UNKNOWN — nested stack Endpoints receives Vpc and may create an interface endpoint for ssm/, f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// SAM's nested application takes a file path as its Location, which `sam package` / `sam deploy` upload as
// `aws cloudformation package` does a TemplateURL (aws-samples/container-patterns deploys its isolated VPC so);
// its Parameters are the nested stack's.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html
test('an AWS::Serverless::Application whose Location is a local file is read with its parent; an application from the repository is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-'));
  try {
    cpSync(DIR, dir, { recursive: true });
    const main = readFileSync(join(dir, 'main.yaml'), 'utf8');
    const sam = main.replace('Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: stacks/endpoints.yaml', 'Type: AWS::Serverless::Application\n    Properties:\n      Location: stacks/endpoints.yaml');
    assert.notEqual(sam, main);
    writeFileSync(join(dir, 'sam.yaml'), `Transform: AWS::Serverless-2016-10-31\n${sam}`);
    assert.match(first(run(['trace', 'sam.yaml', '--from', 'SubnetA', '--to', 'ssm'], dir)), /^SubnetA → ssm: PRIVATE — .*SsmEndpoint$/);
    assert.match(first(run(['trace', 'sam.yaml', '--from', 'SubnetB', '--to', 'sts'], dir)), /^SubnetB → sts: PRIVATE — /);
    const repo = sam.replace('Location: stacks/endpoints.yaml', 'Location:\n        ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/endpoints\n        SemanticVersion: 1.0.0');
    writeFileSync(join(dir, 'repo.yaml'), `Transform: AWS::Serverless-2016-10-31\n${repo}`);
    assert.match(first(run(['trace', 'repo.yaml', '--from', 'SubnetA', '--to', 'ssm'], dir)), /^SubnetA → ssm: UNKNOWN — /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
