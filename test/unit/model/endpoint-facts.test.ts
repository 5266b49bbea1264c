// The endpoint facts every rule and the trace share (type, service, private DNS) come from the network
// model: computed Properties make them unknown (never CloudFormation's defaults), a condition makes them
// conditional (a value per branch), and the rules that judge them read the model, not the template.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { factBranches } from '../../../server/src/core/model/types.js';

const RULES = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'rules');
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');

function endpoint(file: string, id: string) {
  const a = analyze(readFileSync(join(FIXTURES, file), 'utf8'), { fileName: file });
  return a.network()!.judged().endpoints.get(id)!;
}

test('Properties computed by Fn::Transform: type, service and private DNS are unknown, with the deciding value named', () => {
  const e = endpoint('VPCE2002/good-properties-transform.yaml', 'SqsEndpoint');
  for (const f of [e.type, e.service, e.privateDns]) {
    assert.equal(f.known, false);
    assert.match(f.known ? '' : f.why, /Fn::Transform/);
  }
  assert.equal(e.subnets.complete, false, 'an unknown list is not an empty one');
  assert.equal(e.typeDefaulted, false);
});

test('Properties chosen by Fn::If: unknown when no deployment decides it, the chosen branch in a deployment that does', () => {
  const e = endpoint('VPCE2002/good-properties-if.yaml', 'SqsEndpoint');
  assert.equal(e.type.known, false);
  assert.equal(e.type.known ? '' : e.type.decides, 'condition IsInterface');
  const a = analyze(readFileSync(join(FIXTURES, 'VPCE2002/good-properties-if.yaml'), 'utf8'), { fileName: 'x.yaml' });
  // The defaults' deployment: UseInterface defaults to 'true', so IsInterface holds.
  const chosen = a.network()!.defaults.endpoints.get('SqsEndpoint')!;
  assert.deepEqual([chosen.type.known && chosen.type.value, chosen.privateDns.known && chosen.privateDns.value], ['Interface', true]);
});

test('a value under Fn::If is a conditional fact: its value on each branch', () => {
  const e = endpoint('VPCE2001/bad-if-branch.yaml', 'LogsEndpoint');
  assert.deepEqual(factBranches(e.type).map((b) => [b.when, b.value]), [[['IsProd'], 'Interface'], [['!IsProd'], 'Gateway']]);
  const dns = endpoint('VPCE5001/bad-if-branch.yaml', 'LogsEndpoint');
  assert.deepEqual(factBranches(dns.privateDns).map((b) => [b.when, b.value]), [[['IsProd'], true], [['!IsProd'], false]]);
});

test('the endpoint-type and private DNS rules read the model, not the template', () => {
  for (const f of ['vpce2001-endpoint-type-unsupported.ts', 'vpce5001-private-dns-needs-vpc-dns.ts', 'vpce5002-duplicate-private-dns.ts', 'vpce5003-private-dns-off.ts', 'private-dns.ts']) {
    const text = readFileSync(join(RULES, f), 'utf8');
    for (const direct of ['ctx.endpoints()', 'definiteType', 'pairOf(', 'valueOf(', 'e.types', 'e.services', 'ctx.values']) {
      assert.ok(!text.includes(direct), `${f} reads ${direct}: endpoint facts come from ctx.network()`);
    }
  }
});

// Found by the unknown-value mutation harness (test/property/unknown-mutations.test.ts): one branch known
// and the other a parameter without default read as the known one on every branch, so VPCE5003 said
// "private DNS is off, so clients using the default monitoring name ..." with no condition.
test('a ServiceName whose Fn::If has a branch known only at deploy time is not known: the rules judge no one service', () => {
  const text = `Parameters:
  OtherService: {Type: String}
  UseMonitoring: {Type: String, AllowedValues: ['yes', 'no']}
Conditions:
  Monitoring: !Equals [!Ref UseMonitoring, 'yes']
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !If [Monitoring, !Sub 'com.amazonaws.\${AWS::Region}.monitoring', !Ref OtherService]
      VpcEndpointType: Interface
      SubnetIds: [!Ref Subnet]
`;
  const a = analyze(text, { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } });
  const e = a.network()!.judged().endpoints.get('Endpoint')!;
  assert.equal(e.service.known, false);
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE5003' && !/only when/.test(f.message)).map((f) => f.message), []);
});
