// Names and facts added by the tenth pass (SERVICES.md, "Tenth pass"), seen where a user meets them: the SES API, the
// console's static-content and AWS Context endpoints are services VPCE2003 knows, the hover states the endpoint
// policies read on AWS's pages with the page, and AWS Context's private DNS turns VPCE5003's advice plain.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { allServices } from '../../../server/src/core/data/catalogue.js';
import { describeService } from '../../../server/src/lsp/service-text.js';

const IDENTITIES_PAGE = 'https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/trusted-identities.html';
const line = (pattern: string, label: string) => {
  const s = allServices().find((x) => x.pattern === pattern);
  assert.ok(s, `${pattern} is in the catalogue`);
  return describeService(s).split('\n').find((l) => l.startsWith(`- ${label}:`));
};

const template = (names: string[], extra = '      PrivateDnsEnabled: true\n') => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
${names
  .map(
    (name, i) => `  Endpoint${i}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${name}
      VpcEndpointType: Interface
${extra}      SubnetIds: [!Ref SubnetA]
`,
  )
  .join('')}`;

test('the SES API, console static-content and AWS Context endpoints are known services; a misspelling is not', () => {
  const unknown = lintTemplate(template(['email', 'email-fips', 'console-static', 'context', 'emial']), { regions: [] })
    .findings.filter((f) => f.ruleId === 'VPCE2003')
    .map((f) => f.message.split(':')[0]);
  assert.deepEqual(unknown, ['Endpoint4']);
});

test('the SES API endpoint is its own service: it does not take the SMTP endpoint facts', () => {
  const email = allServices().find((s) => s.pattern === 'com.amazonaws.{region}.email');
  assert.ok(email);
  assert.deepEqual([email.policy, email.privateDns, email.ipv6.Interface, email.ports], [null, null, null, undefined]);
});

test('the console and sign-in endpoints take an endpoint policy, cited to the Console Private Access page', () => {
  for (const name of ['console', 'signin']) {
    assert.equal(line(`com.amazonaws.{region}.${name}`, 'Endpoint policy'), `- Endpoint policy: yes ([source](${IDENTITIES_PAGE}))`, name);
    // Their DNS page tells you to make the hosted zones yourself, which states neither value.
    assert.equal(line(`com.amazonaws.{region}.${name}`, 'Private DNS'), '- Private DNS: unknown', name);
  }
});

test('the endpoint policy of SWF, WorkSpaces Secure Browser and MediaConnect is stated with its own page', () => {
  const pages: Record<string, string> = {
    swf: 'https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-vpc-iam.html',
    'workspaces-web': 'https://docs.aws.amazon.com/workspaces-web/latest/adminguide/vpc-endpoint-policy.html',
    mediaconnect: 'https://docs.aws.amazon.com/mediaconnect/latest/ug/vpc-endpoints.html',
  };
  for (const [name, page] of Object.entries(pages)) {
    assert.equal(line(`com.amazonaws.{region}.${name}`, 'Endpoint policy'), `- Endpoint policy: yes ([source](${page}))`, name);
  }
});

test('AWS Context offers private DNS: left at the default, VPCE5003 says to turn it on and offers the fix', () => {
  const found = lintTemplate(template(['context'], ''), { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE5003');
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /add PrivateDnsEnabled: true$/);
  assert.deepEqual(found[0]!.data, { member: 'PrivateDnsEnabled', value: true, exists: false });
});
