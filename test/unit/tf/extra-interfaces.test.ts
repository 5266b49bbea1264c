// An instance's second network interface, in the subnet where the endpoint has its address: traffic to
// that address leaves through it, with its groups. Before, the trace read only the first interface:
// private, though the interface the traffic may leave through lets nothing out.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_interface_attachment
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkinterfaceattachment.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { traceText } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const fixture = (dir: string, name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', dir, name), 'utf8');

test('a second interface in the endpoint\'s subnet whose answer differs makes the trace unknown, naming it, in both formats', () => {
  const c = checkTf(fixture('tf/workloads', 'instance-extra-interface.tf'));
  for (const [from, nic] of [['aws_instance.app', 'aws_network_interface.side'], ['aws_instance.worker', 'aws_network_interface.worker_side'], ['aws_instance.multi', 'aws_network_interface.multi_side']] as const) {
    const r = c.trace(from, 'ssm');
    assert.equal(r.verdict, 'unknown', `${from}: ${r.summary}`);
    const hop = r.hops[r.decidingHop!]!;
    assert.equal(hop.resource, nic);
    assert.match(hop.reason, new RegExp(`^${from.replace('.', '\\.')} also has network interface ${nic.replace('.', '\\.')} in aws_subnet\\.endpoints, where aws_vpc_endpoint\\.ssm has an address: .*the answer is blocked \\(blocked by the security group egress rules: no rule of aws_security_group\\.closed allows outbound TCP 443`));
  }
  // An interface in a subnet the endpoint has no address in changes nothing.
  assert.equal(c.trace('aws_instance.db_client', 'ssm').verdict, 'private');
  for (const [from, nic] of [['App', 'Side'], ['Multi', 'MultiSide']]) {
    const a = traceText(fixture('real-cfn6', 'instance-extra-interface.yaml'), from!, 'ssm');
    assert.ok(a.ok);
    if (!a.ok) continue;
    assert.equal(a.result.verdict, 'unknown', a.result.summary);
    assert.equal(a.result.hops[a.result.decidingHop!]!.resource, nic);
    // The first interface is the one at device index 0, wherever it is listed.
    assert.equal(a.result.hops[0]!.reason, `instance ${from} runs in subnet AppSubnet`);
  }
});
