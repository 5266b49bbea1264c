// The service hover names, beside each fact the catalogue knows, the AWS page it comes from; an unknown
// fact gets no link (there is nothing to check it against).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allServices, citation } from '../../server/src/core/data/catalogue.js';
import { describeService } from '../../server/src/lsp/service-text.js';

test('each known fact in the hover links its source page', () => {
  const ssm = allServices().find((s) => s.pattern === 'com.amazonaws.{region}.ssm')!;
  const text = describeService(ssm);
  assert.equal(typeof ssm.privateDns, 'boolean');
  assert.ok(text.includes(`- Private DNS: ${ssm.privateDns ? 'yes' : 'no'} ([source](${citation(ssm, 'privateDns')}))`), text);
  assert.ok(text.includes(`- Endpoint policy: ${ssm.policy ? 'yes' : 'no'} ([source](${citation(ssm, 'policy')}))`), text);
  assert.ok(text.includes(`([source](${citation(ssm, 'ipv6')}))`), text);
});

test('an unknown fact has no source link', () => {
  const unknown = allServices().find((s) => s.privateDns == null && s.types.includes('Interface'))!;
  const line = describeService(unknown).split('\n').find((l) => l.startsWith('- Private DNS:'))!;
  assert.equal(line, '- Private DNS: unknown');
});
