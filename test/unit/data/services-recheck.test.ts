// Facts and citations changed by the 2026-12-03 recheck of the most used services (SERVICES.md, "Recheck (2026-12-03)"),
// seen where a user meets them: the service hover states the fact and links the page it was read on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allServices } from '../../../server/src/core/data/catalogue.js';
import { describeService } from '../../../server/src/lsp/service-text.js';

const MQ_PAGE = 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/connect-to-amazonmq.html';
const line = (pattern: string, label: string) => {
  const s = allServices().find((x) => x.pattern === pattern);
  assert.ok(s, `${pattern} is in the catalogue`);
  return describeService(s).split('\n').find((l) => l.startsWith(`- ${label}:`));
};

test('Amazon MQ API endpoints take an endpoint policy (the MQ page names mq and mq-fips, then the policy)', () => {
  for (const name of ['mq', 'mq-fips']) {
    assert.equal(line(`com.amazonaws.{region}.${name}`, 'Endpoint policy'), `- Endpoint policy: yes ([source](${MQ_PAGE}))`);
  }
});

test('Amazon MQ private DNS stays unknown: its PrivateLink serves only the api.aws names, not the default one', () => {
  assert.equal(line('com.amazonaws.{region}.mq', 'Private DNS'), '- Private DNS: unknown');
});

test('the endpoint policy of Lambda, Athena, Secrets Manager and SNS links a current AWS page, not the archived table', () => {
  const pages: Record<string, string> = {
    lambda: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-endpoints.html',
    athena: 'https://docs.aws.amazon.com/athena/latest/ug/interface-vpc-endpoint.html',
    secretsmanager: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html',
    sns: 'https://docs.aws.amazon.com/sns/latest/dg/sns-vpc-endpoint-policy.html',
  };
  for (const [name, page] of Object.entries(pages)) {
    assert.equal(line(`com.amazonaws.{region}.${name}`, 'Endpoint policy'), `- Endpoint policy: yes ([source](${page}))`, name);
  }
});
