// Path-trace benchmark: one trace on a generated template of 500 subnets and 50 endpoints, and the full
// matrix of 100 sources × 20 destinations, in-process. Targets (issue "Path trace"): ≤ 50 ms per trace,
// ≤ 1 s for the matrix. Prints a Markdown section (also used by BENCHMARKS.md).
//
//   node scripts/bench/trace-bench.mjs [--quick]
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');

/** n VPCs × s subnets each; per VPC: NAT, S3 gateway endpoint, one interface endpoint (ssm), SGs, an ACL. */
export function traceTemplate(vpcs, subnetsPerVpc) {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  const add = (id, type, props) => lines.push(`  ${id}:`, `    Type: ${type}`, '    Properties:', ...props.map((p) => `      ${p}`));
  for (let v = 0; v < vpcs; v++) {
    const o = v % 250;
    add(`Vpc${v}`, 'AWS::EC2::VPC', [`CidrBlock: 10.${o}.0.0/16`, 'EnableDnsSupport: true', 'EnableDnsHostnames: true']);
    add(`Igw${v}`, 'AWS::EC2::InternetGateway', ['Tags: []']);
    add(`Attach${v}`, 'AWS::EC2::VPCGatewayAttachment', [`VpcId: !Ref Vpc${v}`, `InternetGatewayId: !Ref Igw${v}`]);
    add(`Public${v}`, 'AWS::EC2::Subnet', [`VpcId: !Ref Vpc${v}`, `CidrBlock: 10.${o}.255.0/24`, 'MapPublicIpOnLaunch: true']);
    add(`PublicRt${v}`, 'AWS::EC2::RouteTable', [`VpcId: !Ref Vpc${v}`]);
    add(`PublicDefault${v}`, 'AWS::EC2::Route', [`RouteTableId: !Ref PublicRt${v}`, 'DestinationCidrBlock: 0.0.0.0/0', `GatewayId: !Ref Igw${v}`]);
    add(`PublicAssoc${v}`, 'AWS::EC2::SubnetRouteTableAssociation', [`SubnetId: !Ref Public${v}`, `RouteTableId: !Ref PublicRt${v}`]);
    add(`Nat${v}`, 'AWS::EC2::NatGateway', [`SubnetId: !Ref Public${v}`, 'AllocationId: eipalloc-0123456789abcdef0']);
    add(`Acl${v}`, 'AWS::EC2::NetworkAcl', [`VpcId: !Ref Vpc${v}`]);
    for (const [n, egress] of [[100, true], [100, false]]) add(`Acl${v}${egress ? 'Out' : 'In'}`, 'AWS::EC2::NetworkAclEntry', [`NetworkAclId: !Ref Acl${v}`, `RuleNumber: ${n}`, 'Protocol: -1', 'RuleAction: allow', `Egress: ${egress}`, 'CidrBlock: 0.0.0.0/0']);
    add(`EndpointSg${v}`, 'AWS::EC2::SecurityGroup', ['GroupDescription: endpoints', `VpcId: !Ref Vpc${v}`, 'SecurityGroupIngress:', `  - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.${o}.0.0/16}`]);
    const tables = [];
    for (let s = 0; s < subnetsPerVpc; s++) {
      add(`Subnet${v}x${s}`, 'AWS::EC2::Subnet', [`VpcId: !Ref Vpc${v}`, `CidrBlock: 10.${o}.${s}.0/24`, `AvailabilityZone: !Select [${s % 3}, !GetAZs '']`]);
      add(`Rt${v}x${s}`, 'AWS::EC2::RouteTable', [`VpcId: !Ref Vpc${v}`]);
      add(`Default${v}x${s}`, 'AWS::EC2::Route', [`RouteTableId: !Ref Rt${v}x${s}`, 'DestinationCidrBlock: 0.0.0.0/0', `NatGatewayId: !Ref Nat${v}`]);
      add(`Assoc${v}x${s}`, 'AWS::EC2::SubnetRouteTableAssociation', [`SubnetId: !Ref Subnet${v}x${s}`, `RouteTableId: !Ref Rt${v}x${s}`]);
      add(`AclAssoc${v}x${s}`, 'AWS::EC2::SubnetNetworkAclAssociation', [`SubnetId: !Ref Subnet${v}x${s}`, `NetworkAclId: !Ref Acl${v}`]);
      if (s % 2 === 0) tables.push(`!Ref Rt${v}x${s}`);
    }
    add(`S3Endpoint${v}`, 'AWS::EC2::VPCEndpoint', [`VpcId: !Ref Vpc${v}`, 'ServiceName: !Sub com.amazonaws.${AWS::Region}.s3', `RouteTableIds: [${tables.join(', ')}]`]);
    add(`SsmEndpoint${v}`, 'AWS::EC2::VPCEndpoint', [`VpcId: !Ref Vpc${v}`, 'ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm', 'VpcEndpointType: Interface', 'PrivateDnsEnabled: true', `SubnetIds: [!Ref Subnet${v}x0, !Ref Subnet${v}x1, !Ref Subnet${v}x2]`, `SecurityGroupIds: [!Ref EndpointSg${v}]`]);
  }
  return lines.join('\n') + '\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bundle() {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-trace-bench-'));
  const outfile = join(dir, 'trace.cjs');
  buildSync({ stdin: { contents: "export * from './server/src/core/trace/api.ts'; export { trace } from './server/src/core/trace/trace.ts'; export { parseTarget } from './server/src/core/trace/targets.ts';", resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error',
    // As scripts/build.mjs: jsonc-parser's UMD main requires its own files at run time.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } });
  return { mod: createRequire(import.meta.url)(outfile), dir };
}

const { mod, dir } = bundle();
const { networkOf, traceText, traceMatrix, trace, parseTarget } = mod;
const runs = quick ? 3 : 9;

// 1. One trace on 500 subnets and 50 endpoints (25 VPCs × 20 subnets, an S3 gateway and an SSM interface endpoint each).
const big = traceTemplate(25, 20);
const net = networkOf(big);
const pairs = [];
for (let i = 0; i < 100; i++) pairs.push([`Subnet${(i * 7) % 25}x${(i * 3) % 20}`, ['s3', 'ssm', 'sqs', 'internet'][i % 4]]);
for (const [from, to] of pairs.slice(0, 10)) trace(net, from, parseTarget(to)); // warm-up
const perTrace = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  for (const [from, to] of pairs) trace(net, from, parseTarget(to));
  perTrace.push((performance.now() - t0) / pairs.length);
}
const whole = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  traceText(big, 'Subnet12x7', 's3');
  whole.push(performance.now() - t0);
}

// 2. The matrix: 100 sources × 20 destinations on one model.
const m100 = traceTemplate(5, 20);
const mnet = networkOf(m100);
const sources = [...mnet.defaults.subnets.keys()].filter((s) => s.startsWith('Subnet')).slice(0, 100);
const targets = ['s3', 'dynamodb', 'ssm', 'ssmmessages', 'ec2messages', 'sqs', 'sns', 'sts', 'kms', 'logs', 'monitoring', 'events', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'lambda', 'ec2', 'elasticloadbalancing', 'execute-api', 'internet'].map(parseTarget);
const matrix = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const model = networkOf(m100);
  for (const s of sources) for (const t of targets) trace(model, s, t);
  matrix.push(performance.now() - t0);
}
const cells = sources.length * targets.filter(Boolean).length;

// 3. Conditions: 17 endpoints, each under its own condition (the "new or existing VPC" templates have as
// many); every trace looks at the bounded set of deployments (defaults + each single change).
const condLines = ['Parameters:'];
for (let i = 0; i < 17; i++) condLines.push(`  Want${i}: {Type: String, Default: "true"}`);
condLines.push('Conditions:', ...Array.from({ length: 17 }, (_, i) => `  Has${i}: !Equals [!Ref Want${i}, "true"]`));
const conditional = traceTemplate(1, 20).replace('Resources:', `${condLines.join('\n')}\nResources:`).replace(/^( {2}Subnet0x(\d+):\n {4}Type: .*)$/gm, (line, _all, i) => (Number(i) < 17 ? `${line}\n    Condition: Has${i}` : line));
const condMatrix = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  traceMatrix(networkOf(conditional));
  condMatrix.push(performance.now() - t0);
}
const condNet = networkOf(conditional);
const condCells = traceMatrix(condNet).cells.flat().length;
rmSync(dir, { recursive: true, force: true });

const ok = (v, limit) => (v <= limit ? 'PASS' : 'FAIL');
const out = [
  '## Path trace (in-process)',
  '',
  `Generated templates (\`scripts/bench/trace-bench.mjs\`): 25 VPCs × 20 subnets = ${net.defaults.subnets.size} subnets and ${net.defaults.endpoints.size} endpoints (${big.split('\n').length} lines); and 5 VPCs × 20 subnets for the matrix. Medians of ${runs} runs.`,
  '',
  '| Measurement | Median | Target | |',
  '| --- | --- | --- | --- |',
  `| One trace on the built model (mean of 100 source/destination pairs) | ${median(perTrace).toFixed(3)} ms | ≤ 50 ms | ${ok(median(perTrace), 50)} |`,
  `| For reference: a trace from raw text (YAML parse + model + trace), 500 subnets; the language server keeps the model per document version | ${median(whole).toFixed(0)} ms | — | |`,
  `| Matrix: ${sources.length} sources × ${targets.length} destinations = ${cells} traces, model included | ${median(matrix).toFixed(0)} ms | ≤ 1 s | ${ok(median(matrix), 1000)} |`,
  `| Matrix with 17 conditions (${condNet.deployments().length} deployments looked at of ${condNet.bounded()?.total ?? 1}): ${condCells} cells, model included | ${median(condMatrix).toFixed(0)} ms | ≤ 1 s | ${ok(median(condMatrix), 1000)} |`,
  '',
];
process.stdout.write(out.join('\n'));
// `--append FILE`: add this section to BENCHMARKS.md (npm run bench does).
const appendAt = process.argv.indexOf('--append');
if (appendAt > 0) (await import('node:fs')).appendFileSync(process.argv[appendAt + 1], '\n' + out.join('\n'));
