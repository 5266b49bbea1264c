// The map's CLI faces, as CI meets them (bin/vpce-lens.js over the built bundle): `trace --format svg`
// and `--format mermaid` draw the path on the VPC map; `map` draws the whole network.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

function run(args: string[]) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('trace --format svg: valid XML with the path highlighted, the same bytes on every run', () => {
  const args = ['trace', 'test/fixtures/trace/classic.yaml', '--from', 'PrivateSubnetA', '--to', 'internet', '--format', 'svg'];
  const r = run(args);
  assert.equal(r.code, 0, r.err);
  assert.equal(XMLValidator.validate(r.out), true);
  assert.match(r.out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const id of ['PrivateSubnetA', 'PrivateRtA', 'Nat', 'Igw']) assert.match(r.out, new RegExp(`class="node [^"]*path path-pass[^"]*" data-node="${id}"`), id);
  assert.match(r.out, /<desc>PrivateSubnetA → internet: PUBLIC/);
  assert.equal(run(args).out, r.out);
});

test('trace --format mermaid: a flowchart for a pull-request comment, with the blocked hop red', () => {
  const r = run(['trace', 'examples/endpoints-with-mistakes.yaml', '--from', 'PrivateSubnetA', '--to', 'ssm', '--format', 'mermaid']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.equal(lines[0], '---');
  assert.match(lines[1]!, /^title: "PrivateSubnetA → ssm: BLOCKED/);
  assert.ok(lines.includes('flowchart LR'));
  assert.ok(lines.some((l) => /^  linkStyle \d+ stroke:#cf222e/.test(l)), 'the blocked edge is not red');
  assert.ok(lines.some((l) => /^  class [n\d,]+ block$/.test(l)), 'no node is marked blocked');
});

test('map: the whole network as SVG (default) or Mermaid; one VPC with --vpc', () => {
  const svg = run(['map', 'examples/endpoints-fixed.yaml']);
  assert.equal(svg.code, 0, svg.err);
  assert.equal(XMLValidator.validate(svg.out), true);
  assert.doesNotMatch(svg.out, / path-(pass|block|unknown)/);
  const mmd = run(['map', 'test/fixtures/trace/unknown-route-tables.yaml', '--vpc', 'Vpc3', '--format', 'mermaid']);
  assert.equal(mmd.code, 0, mmd.err);
  assert.match(mmd.out, /Subnet3/);
  assert.doesNotMatch(mmd.out, /Subnet1|Subnet2/);
});

test('hostile names: the SVG stays valid XML and the Mermaid labels hold no raw markup', () => {
  const svg = run(['trace', 'test/fixtures/trace/map-hostile-names.yaml', '--from', 'Sub"net&<x>]]>--', '--to', 's3', '--format', 'svg']);
  assert.equal(svg.code, 0, svg.err);
  assert.equal(XMLValidator.validate(svg.out), true);
  assert.doesNotMatch(svg.out, /<script|<img/);
  const mmd = run(['map', 'test/fixtures/trace/map-hostile-names.yaml', '--format', 'mermaid']);
  assert.equal(mmd.code, 0, mmd.err);
  assert.doesNotMatch(mmd.out, /<script|<img|\]-->\|"x"\|/);
});

test('usage errors: exit 2 with a message', () => {
  const cases: [string[], RegExp][] = [
    [['map', 'examples/endpoints-fixed.yaml', '--format', 'json'], /map prints svg or mermaid/],
    [['trace', 'examples/endpoints-fixed.yaml', '--matrix', '--format', 'svg'], /matrix prints text or json/],
    [['trace', 'examples/endpoints-fixed.yaml', '--from', 'PrivateSubnetA', '--format', 'svg'], /needs --from/],
    [['check', 'examples', '--format', 'mermaid'], /draws a map/],
    [['map', 'examples/endpoints-fixed.yaml', '--vpc', 'Nope'], /Nope is not a VPC/],
    [['map', 'examples/s3_endpoint_policy.json'], /not a CloudFormation template/],
    [['trace', 'examples/endpoints-fixed.yaml', '--from', 'Nope', '--to', 's3', '--format', 'mermaid'], /Nope is not a resource/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    assert.equal(r.out, '');
  }
});

test('a Terraform module is drawn from the Terraform adapter\'s network: its resources by address, valid XML', () => {
  const m = run(['map', 'examples/terraform', '--format', 'mermaid']);
  assert.equal(m.code, 0, m.err);
  for (const address of ['aws_vpc.main', 'aws_subnet.app', 'aws_route_table.app', 'aws_vpc_endpoint.ssm', 'aws_instance.app']) assert.ok(m.out.includes(`["${address}<br/>`) || m.out.includes(`[/"${address}<br/>`), address);
  assert.doesNotMatch(m.out, /not a CloudFormation template/);
  const svg = run(['trace', 'examples/terraform/main.tf', '--from', 'aws_subnet.app', '--to', 'ssm', '--format', 'svg']);
  assert.equal(svg.code, 0, svg.err);
  assert.equal(XMLValidator.validate(svg.out), true);
  assert.match(svg.out, /data-node="aws_subnet\.app"/);
  const missing = run(['trace', 'examples/terraform', '--format', 'svg']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /trace needs --from/);
});
