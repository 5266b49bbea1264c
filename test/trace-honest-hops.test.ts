// Honest hops (issue 15, item 3): the hop that decides a failure is marked as failing, with the reason,
// and a suggestion never asks for what the template already has. The CLI text and the panel's view are
// the same TraceResult, so both are checked here (the panel reads the view's decidingHop).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../server/src/core/trace/api.js';
import { traceView } from '../server/src/core/trace/view.js';
import type { TraceResult } from '../server/src/core/trace/types.js';
import { applyEdits, fixSource, suggestionFix } from '../server/src/core/fixes/index.js';
import { lintTemplate } from '../server/src/core/engine.js';
import { runTrace } from '../server/src/cli/trace-command.js';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'trace', name), 'utf8');

function run(text: string, from: string, to: string): TraceResult {
  const answer = traceText(text, from, to);
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

const decisions = (r: TraceResult) => r.hops.map((h) => `${h.decision} ${h.kind}`);

test('EnableDnsSupport already true, hostnames off, no route out: the DNS hop decides the failure and only hostnames is asked for', () => {
  const text = fixture('dns-support-on.yaml');
  const r = run(text, 'Subnet', 'ssm');
  assert.equal(r.verdict, 'blocked');
  assert.deepEqual(decisions(r), ['pass subnet', 'block DNS', 'pass route table', 'block route']);
  assert.equal(r.hops[r.decidingHop!]!.kind, 'DNS');
  assert.match(r.hops[r.decidingHop!]!.reason, /SsmEndpoint has private DNS, but VPC Vpc lacks DNS hostnames, so the name resolves to the public endpoint/);
  assert.match(r.summary, /no route from Subnet to ssm, because the ssm name does not resolve to the endpoint: .*lacks DNS hostnames/);
  assert.deepEqual(r.suggestions.map((s) => [s.kind, s.message, s.data]), [
    ['enable-vpc-dns', 'turn on EnableDnsHostnames on Vpc so that private DNS of SsmEndpoint works', { vpc: 'Vpc', attributes: ['EnableDnsHostnames'] }],
  ]);
  // The edit sets only the attribute that is off; the template's EnableDnsSupport stays as written.
  const fix = suggestionFix(fixSource(text), r.suggestions[0]!, 'Subnet')!;
  assert.equal(fix.title, 'Turn on EnableDnsHostnames on Vpc');
  const fixed = applyEdits(text, fix.edits);
  assert.equal(fixed, text.replace('      EnableDnsSupport: true\n', '      EnableDnsSupport: true\n      EnableDnsHostnames: true\n'));
  assert.ok(!lintTemplate(fixed).findings.some((f) => f.ruleId === 'VPCE5001'));
  assert.equal(run(fixed, 'Subnet', 'ssm').verdict, 'private');
});

test('EnableDnsSupport off, hostnames on, a NAT gateway: public, decided at DNS (a note, not a failure), only support is asked for', () => {
  const text = fixture('dns-support-off-nat.yaml');
  const r = run(text, 'PrivateSubnet', 'ssm');
  assert.equal(r.verdict, 'public');
  assert.equal(r.hops[r.decidingHop!]!.kind, 'DNS');
  assert.equal(r.hops[r.decidingHop!]!.decision, 'note');
  assert.ok(!r.hops.some((h) => h.decision === 'block'));
  assert.match(r.summary, /through NAT gateway Nat .*, because the ssm name does not resolve to the endpoint: .*lacks DNS support/);
  assert.deepEqual(r.suggestions.map((s) => s.data), [{ vpc: 'Vpc', attributes: ['EnableDnsSupport'] }]);
  const fix = suggestionFix(fixSource(text), r.suggestions[0]!, 'PrivateSubnet')!;
  assert.equal(applyEdits(text, fix.edits), text.replace('EnableDnsSupport: false', 'EnableDnsSupport: true'));
});

test('both DNS attributes off (hostnames by default): both are asked for, each once', () => {
  const text = fixture('dns-support-on.yaml').replace('      EnableDnsSupport: true\n', '      EnableDnsSupport: false\n');
  const r = run(text, 'Subnet', 'ssm');
  assert.deepEqual(r.suggestions.map((s) => s.data.attributes), [['EnableDnsSupport', 'EnableDnsHostnames']]);
  assert.match(r.hops[r.decidingHop!]!.reason, /lacks DNS support and DNS hostnames/);
});

test('a passing path keeps its DNS hop a pass, and names the hop that chose the way', () => {
  const r = run(fixture('classic.yaml'), 'PrivateSubnetB', 'ssm');
  assert.equal(r.verdict, 'private');
  assert.equal(r.hops.find((h) => h.kind === 'DNS')!.decision, 'pass');
  assert.equal(r.hops[r.decidingHop!]!.kind, 'DNS');
  const s3 = run(fixture('classic.yaml'), 'PrivateSubnetB', 's3');
  assert.equal(s3.hops[s3.decidingHop!]!.resource, 'PrivateDefaultB');
});

test('the CLI text and the panel view say the same: the failing DNS hop, marked as deciding', () => {
  const text = fixture('dns-support-on.yaml');
  let out = '';
  assert.equal(runTrace({ file: 'f.yaml', text, from: 'Subnet', to: 'ssm', matrix: false, format: 'text' }, (s) => (out += s), () => {}), 0);
  assert.match(out, /✗ DNS +SsmEndpoint +SsmEndpoint has private DNS, but VPC Vpc lacks DNS hostnames.*← decides/);
  assert.match(out, /suggestion: turn on EnableDnsHostnames on Vpc/);
  assert.doesNotMatch(out, /EnableDnsSupport/);
  const view = traceView(run(text, 'Subnet', 'ssm'), () => ({ line: 0, character: 0 }));
  assert.equal(view.hops[view.decidingHop!]!.decision, 'block');
  assert.equal(view.hops[view.decidingHop!]!.kind, 'DNS');
  let json = '';
  runTrace({ file: 'f.yaml', text, from: 'Subnet', to: 'ssm', matrix: false, format: 'json' }, (s) => (json += s), () => {});
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(traceView(run(text, 'Subnet', 'ssm'), (o) => ({ line: text.slice(0, o).split('\n').length - 1, character: o - text.lastIndexOf('\n', o - 1) - 1 })))));
});
