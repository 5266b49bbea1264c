// A private hosted zone (or VPC Lattice private DNS) answers a VPC's names only while the VPC has DNS
// support and DNS hostnames. With an attribute known only at deploy time, the zone's record is no sure
// answer: the name resolves to the zone's alias, or (the attribute off) not through it at all. Found by
// the unknown-value harness on real-cfn4/shared-services-endpoint.yaml (HubVpc's EnableDnsSupport from an
// import): the trace said private, while with the attribute off it is blocked.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'real-cfn4', 'shared-services-endpoint.yaml'), 'utf8');
// HubVpc's line is the first that sets the attributes.
const hub = (attr: string, value: string) => text.replace(`${attr}: true`, `${attr}: ${value}`);
const verdict = (t: string) => trace(analyze(t, { fileName: 't.yaml' }).network()!, 'HubSubnet', parseTarget('ssm')!);

for (const attr of ['EnableDnsSupport', 'EnableDnsHostnames']) {
  test(`HubVpc's ${attr} from an import: the zone's answer is unknown, naming it`, () => {
    assert.equal(verdict(hub(attr, 'true')).verdict, 'private', 'the fixture as it is');
    assert.notEqual(verdict(hub(attr, 'false')).verdict, 'private', 'with the attribute off');
    const r = verdict(hub(attr, '!ImportValue hub-dns'));
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match([r.summary, ...r.hops.map((h) => h.reason)].join('\n'), /hub-dns/);
  });
}
