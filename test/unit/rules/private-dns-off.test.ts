// VPCE5003 speaks whether or not the catalogue knows that the service offers private DNS; only where
// it is known to does the finding carry the data the quick fix needs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { allServices, shortName } from '../../../server/src/core/data/catalogue.js';

const endpoint = (pattern: string, extra = '') => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub ${pattern.replace('{region}', '${AWS::Region}')}
      SubnetIds: [subnet-0123456789abcdef0]
${extra}`;

const interfaceOnly = (privateDns: boolean | null) => allServices().find((s) => s.privateDns === privateDns && s.types.length === 1 && s.types[0] === 'Interface' && s.pattern.startsWith('com.amazonaws.{region}.'));

const own = (text: string) => lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE5003');

test('a service known to offer private DNS: turn it on, with the quick fix', () => {
  const service = interfaceOnly(true)!;
  const [f, ...rest] = own(endpoint(service.pattern));
  assert.equal(rest.length, 0);
  assert.match(f!.message, new RegExp(`clients using the default ${shortName(service.pattern).replace(/\./g, '\\.')} name do not use this endpoint; add PrivateDnsEnabled: true$`));
  assert.deepEqual(f!.data, { member: 'PrivateDnsEnabled', value: true, exists: false });
});

test('a service whose private DNS is unknown: reported, with both ways out and no quick fix', (t) => {
  const service = interfaceOnly(null);
  if (!service) return t.skip('the catalogue knows private DNS for every interface-only service');
  const [f, ...rest] = own(endpoint(service.pattern));
  assert.equal(rest.length, 0);
  assert.match(f!.message, /do not use this endpoint; they must use the endpoint's own DNS names, or add PrivateDnsEnabled: true if .+ offers private DNS$/);
  assert.equal(f!.data, undefined);
});

test('a service without private DNS, a provider endpoint service, or PrivateDnsEnabled written out: silent', () => {
  const without = interfaceOnly(false);
  if (without) assert.deepEqual(own(endpoint(without.pattern)), []);
  assert.deepEqual(own(endpoint('com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0')), []);
  assert.deepEqual(own(endpoint(interfaceOnly(true)!.pattern, '      PrivateDnsEnabled: false\n')), []);
});

// Found by the unknown-value mutation harness (test/property/unknown-mutations.test.ts): another
// endpoint of the VPC whose service, type or private DNS is known only at deploy time may be the one that
// answers the default name (or the S3 gateway endpoint that keeps it private); the advice to turn on
// private DNS here would then not deploy. The rule stays silent, as it does for one known to.
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE5003');
const unknownIn = (file: string, endpoint: string, property: string, by: string) => {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const at = text.indexOf(`  ${endpoint}:`);
  const line = new RegExp(`(\\n\\s+${property}: )[^\\n]+`).exec(text.slice(at))!;
  return text.slice(0, at + line.index) + line[1] + by + text.slice(at + line.index + line[0].length);
};

for (const [property, by] of [['ServiceName', '!ImportValue logs-service'], ['VpcEndpointType', '!ImportValue logs-type'], ['PrivateDnsEnabled', '!ImportValue logs-private-dns']] as const) {
  test(`another Logs endpoint whose ${property} is known only at deploy time: no VPCE5003 on the second`, () => {
    const text = unknownIn('good-private-dns-on-another-endpoint.yaml', 'LogsEndpoint', property, by);
    assert.deepEqual(own(text).map((f) => f.message), []);
  });
}

for (const [property, by] of [['ServiceName', '!ImportValue gateway-service'], ['VpcEndpointType', '!ImportValue gateway-type']] as const) {
  test(`an S3 endpoint whose ${property} is known only at deploy time may be the S3 gateway endpoint: no VPCE5003 on the interface one`, () => {
    const text = unknownIn('good.yaml', 'S3GatewayEndpoint', property, by);
    assert.deepEqual(own(text).filter((f) => f.resource === 'S3InterfaceEndpoint').map((f) => f.message), []);
  });
}
