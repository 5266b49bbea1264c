// Disagreements the generated networks found (test/property/network-consistency.property.test.ts),
// each from its shrunk description, written in both forms: the rule and the trace must give one answer.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyze } from '../../../server/src/core/analysis.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import type { EndpointDesc, NetDesc } from '../../helpers/net-desc.js';
import { toCloudFormation } from '../../helpers/net-cfn.js';
import { toTerraform } from '../../helpers/net-tf.js';

before(() => ensureTerraformParser());

function both(d: NetDesc, regions: string[]) {
  const cfn = toCloudFormation(d);
  const tf = toTerraform(d);
  const a = analyze(cfn.text, { fileName: 'net.yaml', settings: { regions } });
  const b = analyzeTerraform([{ path: 'main.tf', text: tf.text }], { settings: { regions } }).analysis;
  return [
    { form: 'cfn', ids: cfn.ids, findings: a.findings, net: a.network()! },
    { form: 'tf', ids: tf.ids, findings: b.findings, net: b.network()! },
  ].map((f) => ({
    ...f,
    rules: f.findings.map((x) => x.ruleId),
    trace: (from: string, to: string) => {
      const r = traceNetwork(f.net, f.ids.get(from)!, to);
      assert.ok(r.ok);
      return r.result;
    },
  }));
}

const endpoint = (e: Partial<EndpointDesc>): EndpointDesc => ({ service: 's3', type: 'Gateway', tables: [0], subnets: [], privateDns: 'unset', sgs: [], policy: 'none', cond: false, ...e });
const NET: NetDesc = { dnsSupport: 'on', dnsHostnames: 'on', igw: false, eigw: false, subnets: [{ zone: 0, table: 0, publicIp: false }], tables: [{ routes: [] }], nats: [], sgs: [], endpoints: [], workloads: [] };

test('a gateway endpoint whose service name hard-codes another region than the settings\': VPCE3001, and the trace is never private through it', () => {
  const d = { ...NET, endpoints: [endpoint({ service: 's3-other-region' })] };
  for (const f of both(d, ['eu-west-1'])) {
    assert.ok(f.rules.includes('VPCE3001'), `${f.form}: ${f.rules.join(', ')}`);
    const t = f.trace('subnet0', 's3');
    assert.equal(t.verdict, 'unknown', `${f.form}: ${t.summary}`);
    assert.match(t.summary, /cannot be created as written \(its service name is for us-east-1 but the stack deploys to eu-west-1\)/, f.form);
    // Not a type to fix: no "set the endpoint type" suggestion.
    assert.ok(!t.suggestions.some((s) => s.kind === 'set-endpoint-type'), f.form);
  }
  // Deployed to us-east-1 as well: the rule holds for eu-west-1, the trace says which region decides.
  for (const f of both(d, ['us-east-1', 'eu-west-1'])) {
    assert.ok(f.rules.includes('VPCE3001'), f.form);
    const t = f.trace('subnet0', 's3');
    assert.equal(t.verdict, 'unknown', `${f.form}: ${t.summary}`);
    assert.match(t.summary, /decided by the region the stack deploys to/, f.form);
  }
  // An interface endpoint in the wrong region whose group admits no 443: fixing the name leaves the
  // group as it is, so VPCE6003 still says so (only a wrong type silences it).
  const iface = { ...NET, sgs: [{ https: 'no' as const, from: 'vpc' as const, egress: 'all' as const }], endpoints: [endpoint({ service: 's3-other-region', type: 'Interface', tables: [], subnets: [0], sgs: [0] })] };
  for (const f of both(iface, ['eu-west-1'])) {
    assert.ok(f.rules.includes('VPCE3001') && f.rules.includes('VPCE6003'), `${f.form}: ${f.rules.join(', ')}`);
    assert.equal(f.trace('subnet0', 's3').verdict, 'unknown', f.form);
  }
  // Its own region: no finding, and the endpoint carries the traffic.
  for (const f of both(d, ['us-east-1'])) {
    assert.ok(!f.rules.includes('VPCE3001'), f.form);
    assert.equal(f.trace('subnet0', 's3').verdict, 'private', f.form);
  }
});

test('two gateway endpoints for one service on one route table: VPCE7001, and the trace through that table is unknown, naming both', () => {
  // The second one's policy denies everything: "private" through the first was a guess about which one the table keeps.
  const d = { ...NET, endpoints: [endpoint({ service: 'dynamodb' }), endpoint({ service: 'dynamodb', policy: 'deny-all' })] };
  for (const f of both(d, ['eu-west-1'])) {
    assert.ok(f.rules.includes('VPCE7001'), `${f.form}: ${f.rules.join(', ')}`);
    const t = f.trace('subnet0', 'dynamodb');
    assert.equal(t.verdict, 'unknown', `${f.form}: ${t.summary}`);
    const [a, b] = [f.ids.get('endpoint0')!, f.ids.get('endpoint1')!];
    assert.ok(t.summary.includes(`gateway endpoints ${a} and ${b} both add a route for dynamodb`), `${f.form}: ${t.summary}`);
  }
  // One of them on another route table: each table has its one route, and the trace follows it.
  const apart = { ...NET, subnets: [{ zone: 0 as const, table: 0, publicIp: false }, { zone: 1 as const, table: 1, publicIp: false }], tables: [{ routes: [] }, { routes: [] }], endpoints: [endpoint({ service: 'dynamodb' }), endpoint({ service: 'dynamodb', policy: 'deny-all', tables: [1] })] };
  for (const f of both(apart, ['eu-west-1'])) {
    assert.ok(!f.rules.includes('VPCE7001'), f.form);
    assert.equal(f.trace('subnet0', 'dynamodb').verdict, 'private', f.form);
    assert.equal(f.trace('subnet1', 'dynamodb').verdict, 'blocked', f.form);
  }
});
