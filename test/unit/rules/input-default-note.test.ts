// A finding that rests on an input's default says which input and which default, in both formats: a
// CloudFormation parameter's Default, a Terraform variable's `default` (whoever applies may pass another value
// with -var, a .tfvars file or a module call). A value from terraform.tfvars is the configured value, not a
// default, and is not called one. A fix never writes a literal over the reference that gives the choice.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { fixesFor } from '../../../server/src/core/fixes/index.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { withDefaultsNote } from '../../../server/src/core/model/defaults-note.js';
import { lines } from '../fixes/helpers.js';

before(() => ensureTerraformParser());

const cfn = (typeLine: string) =>
  lines(
    'Parameters:',
    '  EpType:',
    '    Type: String',
    '    Default: Gateway',
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16',
    '  Ep:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
    `      VpcEndpointType: ${typeLine}`,
  );

test('CloudFormation VPCE2001 on a parameter\'s default: the default named, no fix over the !Ref', () => {
  const text = cfn('!Ref EpType');
  const [f, ...more] = lintTemplate(text, { regions: ['eu-west-1'] }).findings.filter((x) => x.ruleId === 'VPCE2001');
  assert.equal(more.length, 0);
  assert.equal(f!.message, 'Ep: ssm has no Gateway endpoint, only Interface (with the default EpType Gateway)');
  assert.deepEqual(fixesFor(text, f!).map((x) => x.title), []);
});

test('CloudFormation VPCE2001 on a written type: no default named, the conversion offered', () => {
  const text = cfn('Gateway');
  const [f] = lintTemplate(text, { regions: ['eu-west-1'] }).findings.filter((x) => x.ruleId === 'VPCE2001');
  assert.equal(f!.message, 'Ep: ssm has no Gateway endpoint, only Interface');
  // The endpoint has no subnets yet: the fix converts it whole (convert.ts), leaving the subnets to choose.
  assert.deepEqual(fixesFor(text, f!).map((x) => x.title), ['Make Ep an Interface endpoint, then choose subnets']);
});

const tf = (type: string, service = '') => `
variable "ep_type" {
  default = "Gateway"
}
variable "accept" {
  type    = bool
  default = false
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "ep" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = ${type}
}
resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = ${service || 'var.accept'}
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/x/abc"]
}
`;

function check(files: { path: string; text: string }[]) {
  const r = analyzeTerraform(files, { settings: { regions: ['eu-west-1'] } });
  const of = (rule: string) => r.analysis.findings.filter((f) => f.ruleId === rule);
  const titles = (rule: string) => of(rule).flatMap((f) => r.analysis.verifiedFixes(f).map((x) => x.title));
  return { r, of, titles };
}

test('Terraform: a finding on a variable\'s default names the variable, where the finding sits', () => {
  const text = tf('var.ep_type');
  const { r, of, titles } = check([{ path: 'main.tf', text }]);
  const [type] = of('VPCE2001');
  assert.equal(type!.message, 'aws_vpc_endpoint.ep: ssm has no Gateway endpoint, only Interface (with the default var.ep_type Gateway)');
  assert.equal(r.module.text.slice(type!.start, type!.end), '"Gateway"');
  const [accept] = of('VPCE8002');
  assert.match(accept!.message, /acceptance_required is false \(with the default var\.accept false\), so/);
  // Neither fix writes a literal over the variable: the choice stays the caller's.
  assert.deepEqual(titles('VPCE2001'), []);
  assert.deepEqual(titles('VPCE8002'), []);
});

test('Terraform: a value from terraform.tfvars is the configured value, not called a default', () => {
  const { of } = check([{ path: 'main.tf', text: tf('var.ep_type') }, { path: 'terraform.tfvars', text: 'ep_type = "Gateway"\naccept = false\n' }]);
  assert.equal(of('VPCE2001')[0]!.message, 'aws_vpc_endpoint.ep: ssm has no Gateway endpoint, only Interface');
  assert.doesNotMatch(of('VPCE8002')[0]!.message, /default/);
});

test('Terraform: written literals name no default, and their fixes (the conversion, the flag) are offered', () => {
  const { of, titles } = check([{ path: 'main.tf', text: tf('"Gateway"', 'false') }]);
  assert.equal(of('VPCE2001')[0]!.message, 'aws_vpc_endpoint.ep: ssm has no Gateway endpoint, only Interface');
  assert.doesNotMatch(of('VPCE8002')[0]!.message, /default/);
  assert.deepEqual(titles('VPCE2001'), ['Make aws_vpc_endpoint.ep an Interface endpoint, then choose subnets']);
  assert.deepEqual(titles('VPCE8002'), ['Set acceptance_required = true']);
});

test('the note: each default once, "defaults" for several, nothing for none', () => {
  assert.equal(withDefaultsNote([]), '');
  assert.equal(withDefaultsNote([undefined]), '');
  assert.equal(withDefaultsNote([{ parameter: 'A', value: 'x' }, { parameter: 'A', value: 'x' }]), ' (with the default A x)');
  assert.equal(withDefaultsNote([{ parameter: 'A', value: 'x' }, undefined, { parameter: 'var.b', value: 'false' }]), ' (with the defaults A x and var.b false)');
});
