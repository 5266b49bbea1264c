// The CLI's trace with no --region: a subnet's written zone (eu-west-1a) places the VPC in eu-west-1
// (model/zone-region.ts), so a path to a Region-named service is decided, and its last line names the zone; a
// zone the deployment picks (Fn::GetAZs) leaves the Region to decide. check reports subnets in two Regions' zones.
// The built CLI is spawned, as CI meets it, in a scratch repository (a .git folder ends the configuration lookup).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

const TEMPLATE = (zone: string, more = '') => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  AppSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: ${zone}
${more}  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref AppSubnetA
      RouteTableId: !Ref Rt
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Rt]
`;

function run(template: string, args: string[]) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-zone-region-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'template.yaml'), template);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const TRACE = (to: string) => ['trace', 'template.yaml', '--from', 'AppSubnetA', '--to', to];

test('trace, no --region: the zone eu-west-1a decides the Region of a Region-named service, and is named', () => {
  const own = run(TEMPLATE('eu-west-1a'), TRACE('com.amazonaws.eu-west-1.s3'));
  assert.equal(own.code, 0, own.err);
  assert.match(own.out, /^AppSubnetA → s3 in eu-west-1: PRIVATE — stays on the AWS network through gateway endpoint S3Endpoint$/m);
  assert.match(own.out, /^ {2}i region +AppSubnetA {2}Vpc is in eu-west-1, the Region of the zone eu-west-1a of subnet AppSubnetA: a subnet is created in its VPC's Region only/m);
  const other = run(TEMPLATE('euw1-az3'), TRACE('com.amazonaws.us-east-1.s3'));
  assert.match(other.out, /^AppSubnetA → s3 in us-east-1: UNKNOWN — Vpc is in eu-west-1, and no interface endpoint in it answers the us-east-1 s3 names/m);
  assert.match(other.out, /the zone euw1-az3 of subnet AppSubnetA/);
});

test('trace, no --region: a zone from Fn::GetAZs leaves the Region to decide', () => {
  const r = run(TEMPLATE("!Select [0, !GetAZs '']"), TRACE('com.amazonaws.eu-west-1.s3'));
  assert.match(r.out, /^AppSubnetA → s3 in eu-west-1: UNKNOWN — the VPC's region decides/m);
  assert.doesNotMatch(r.out, /the zone .* of subnet/);
});

test('check: a second subnet in a zone of another Region is VPCE3006', () => {
  const more = `  AppSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: us-east-1b
`;
  const r = run(TEMPLATE('eu-west-1a', more), ['check', 'template.yaml']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /template\.yaml:18:25: error VPCE3006 AppSubnetB: its zone us-east-1b is in us-east-1, but subnet AppSubnetA's zone eu-west-1a is in eu-west-1/);
});
