// `npm run bench:scale [-- --runs N --quick --cases REGEX]`: how the CLI scales with input. Unknown properties in
// one resource (10k, 100k, 1M: one schema error each; was quadratic) and whole templates of 10 and
// 50 MB in YAML and JSON (many endpoints with their subnets and security groups). Each case runs
// N times (default 3) as its own process; medians of wall time, CPU time and peak RSS, and RSS per MB
// of input, are printed as a Markdown table (append it to BENCHMARKS.md by hand, with the date).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const quick = args.includes('--quick');
// `--cases REGEX`: only the cases whose name matches (e.g. --cases template).
const only = args.includes('--cases') ? new RegExp(args[args.indexOf('--cases') + 1], 'i') : undefined;
const dir = mkdtempSync(join(tmpdir(), 'vpce-scale-'));

function unknownProperties(n) {
  const parts = ['Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n'];
  for (let i = 0; i < n; i++) parts.push(`      Unknown${i}: 1\n`);
  return parts.join('');
}

/** A template of about `mb` MB: blocks of a subnet, a security group and an interface endpoint. */
function template(mb, json) {
  const resources = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } } };
  const out = { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const block = {
      [`Subnet${i}`]: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: `10.${(i >> 8) & 255}.${i & 255}.0/28`, AvailabilityZone: { 'Fn::Select': [i % 3, { 'Fn::GetAZs': '' }] } } },
      [`Sg${i}`]: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'endpoint', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
      [`Endpoint${i}`]: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.sqs' }, VpcEndpointType: 'Interface', PrivateDnsEnabled: i === 0, SubnetIds: [{ Ref: `Subnet${i}` }], SecurityGroupIds: [{ Ref: `Sg${i}` }] } },
    };
    Object.assign(resources, block);
    size += json ? JSON.stringify(block, null, 2).length : yamlOf(block, 1).length;
  }
  return json ? JSON.stringify(out, null, 2) : yamlOf(out, 0);
}

function yamlOf(value, depth) {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) return value.map((v) => `\n${pad}- ${yamlOf(v, depth + 1).replace(/^\n\s*/, '')}`).join('');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `\n${pad}${k}:${typeof v === 'object' ? yamlOf(v, depth + 1) : ` ${yamlOf(v, depth + 1)}`}`).join('');
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function measure(file, extra = []) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=8192', join(ROOT, 'scripts', 'bench', 'scale-child.cjs'), 'check', '--format', 'json', '--max-size', '200', ...extra, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const line = r.stderr.trim().split('\n').at(-1);
    results.push(JSON.parse(line));
  }
  const median = (k) => results.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  return { wallMs: median('wallMs'), cpuMs: median('cpuMs'), maxRssMB: median('maxRssMB'), code: results[0].code };
}

const rows = [];
const cases = [
  ...[10_000, 100_000, 1_000_000].filter((n) => !quick || n <= 100_000).map((n) => ({ name: `${n.toLocaleString('en')} unknown properties`, text: () => unknownProperties(n), ext: 'yaml' })),
  ...[10, 50].filter((mb) => !quick || mb === 10).flatMap((mb) => [
    { name: `${mb} MB template, YAML`, text: () => template(mb, false).slice(1) + '\n', ext: 'yaml' },
    { name: `${mb} MB template, JSON`, text: () => template(mb, true), ext: 'json' },
  ]),
];
for (const c of cases.filter((x) => !only || only.test(x.name))) {
  const file = join(dir, `case.${c.ext}`);
  writeFileSync(file, c.text());
  const mb = statSync(file).size / 1048576;
  const m = measure(file);
  rows.push(`| ${c.name} | ${mb.toFixed(1)} | ${(m.wallMs / 1000).toFixed(2)} | ${(m.cpuMs / 1000).toFixed(2)} | ${m.maxRssMB.toFixed(0)} | ${(m.maxRssMB / mb).toFixed(0)} |`);
  console.error(rows.at(-1));
}
rmSync(dir, { recursive: true, force: true });
console.log(`Medians of ${runs} runs, each its own process (node ${process.version}; \`vpce-lens check --format json --max-size 200\`):\n`);
console.log('| input | MB | wall s | CPU s | peak RSS MB | RSS MB per input MB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
