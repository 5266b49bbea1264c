// The fifth round's real templates (test/fixtures/real-cfn5/templates, sources and licences in its
// README): every finding they raise and the trace answers checked by hand, each with why it is true.
// A change that adds, drops or rewords one of them fails here and is reviewed against AWS's documents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { traceText } from '../../server/src/core/trace/api.js';

const dir = join(__dirname, '..', 'fixtures', 'real-cfn5', 'templates');
const template = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Each finding as `RULE severity message`, in the order the engine gives them. */
function findings(name: string): string[] {
  return lintTemplate(template(name), { regions: ['us-east-1'] }).findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
}

const privateDnsOff = (id: string, service: string) => `VPCE5003 info ${id}: private DNS is off (CloudFormation's default), so clients using the default ${service} name do not use this endpoint; add PrivateDnsEnabled: true`;

const EXPECTED: Record<string, string[]> = {
  // Spoke interface endpoints with private DNS, a group admitting the spoke's range, a transit gateway and a
  // Network Firewall inspection VPC: nothing wrong that the template shows.
  'anfw-centralized-2az.yaml': [],
  // True: the three SSM endpoints leave PrivateDnsEnabled out, and AWS::EC2::VPCEndpoint's default is false, so
  // the agent's default ssm, ssmmessages and ec2messages names resolve to public addresses, through the
  // firewall and the NAT gateway (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html).
  'anfw-multi-endpoint.yaml': [privateDnsOff('SSMEndpoint', 'ssm'), privateDnsOff('SSMMessagesEndpoint', 'ssmmessages'), privateDnsOff('EC2MessagesEndpoint', 'ec2messages')],
  // Fn::ForEach loops (nested, with &{}-free keys, !Ref of a Fn::Sub), !Cidr subnets, a Lattice resource
  // gateway and resource configurations: clean.
  'lattice-central-endpoints.yaml': [],
  'lattice-consumer-account.yaml': [],
  'lattice-consumer-central.yaml': [],
};

test('real-cfn5: every stored template has its reviewed findings', () => {
  assert.deepEqual(readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort(), Object.keys(EXPECTED).sort());
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`real-cfn5 ${name}: the reviewed findings, no more`, () => {
    assert.deepEqual(findings(name), expected);
  });
}

const ANSWERS: [file: string, from: string, to: string, verdict: string, why: RegExp][] = [
  // Private DNS on, the endpoint group admits 10.1.0.0/16, the subnet is 10.1.1.0/24.
  ['anfw-centralized-2az.yaml', 'SubnetAWorkload1', 'ssm', 'private', /interface endpoint SpokeASSMEndpoint/],
  // 0.0.0.0/0 goes to the transit gateway, whose routes and way back the trace does not follow.
  ['anfw-centralized-2az.yaml', 'SubnetAWorkload1', 'internet', 'unknown', /transit gateway/],
  // The inspection VPC's transit gateway subnet sends 0.0.0.0/0 to a firewall endpoint: beyond it, not shown.
  ['anfw-centralized-2az.yaml', 'SubnetCTGW1', 'internet', 'unknown', /Gateway Load Balancer endpoint/],
  // The firewall subnet's table sends 0.0.0.0/0 to the NAT gateway, whose public subnet routes to the internet gateway.
  ['anfw-centralized-2az.yaml', 'SubnetCFirewall1', 'internet', 'public', /NAT gateway SubnetCNATGateway1/],
  // Private DNS off: the ssm name resolves publicly and 0.0.0.0/0 goes to the firewall endpoint.
  ['anfw-multi-endpoint.yaml', 'PrivateInstance1', 'ssm', 'unknown', /Gateway Load Balancer endpoint/],
  // The NAT subnet launches public addresses and routes 0.0.0.0/0 to the internet gateway.
  ['anfw-multi-endpoint.yaml', 'NATSubnet', 'internet', 'public', /internet gateway InternetGateway/],
  // The endpoint group admits 443 only from the resource gateway's group; a subnet has no group of its own.
  ['lattice-central-endpoints.yaml', 'EndpointsSubneta', 'ssm', 'unknown', /admits it only from members of security group RGWSecurityGroup/],
  // 10.0.2.0/24 is in the VPC's 10.0.0.0/16: the local route of the subnet's own table (a ForEach association).
  ['lattice-central-endpoints.yaml', 'RGWSubneta', '10.0.2.0/24', 'private', /local route/],
  // Its table (made by the loop) holds the local route only.
  ['lattice-central-endpoints.yaml', 'RGWSubneta', 's3', 'blocked', /no route/],
  // The endpoint group admits 443 from the instances' group; private DNS on.
  ['lattice-consumer-account.yaml', 'Instancea', 'secretsmanager', 'private', /interface endpoint SecretsManagerEndpoint/],
  // The VPC association gives private DNS for all domains: a resource of the shared service network may carry ssm's name.
  ['lattice-consumer-account.yaml', 'Instancea', 'ssm', 'unknown', /VPC Lattice ServiceNetworkVpcAssociation gives VPC private DNS for all custom domain names/],
  // The published pattern: ssm through a Lattice resource configuration; *.amazonaws.com covers its name.
  ['lattice-consumer-central.yaml', 'Instancea', 'ssm', 'unknown', /VPC Lattice VpcLatticeVpcAssociation gives VPC private DNS for \*\.amazonaws\.com/],
];

for (const [file, from, to, verdict, why] of ANSWERS) {
  test(`real-cfn5 ${file}: ${from} → ${to} is ${verdict}`, () => {
    const answer = traceText(template(file), from, to);
    assert.ok(answer.ok, answer.ok ? '' : answer.error);
    if (!answer.ok) return;
    assert.equal(answer.result.verdict, verdict, answer.result.summary);
    assert.match(answer.result.summary, why);
  });
}
