// Real public templates, eleventh round (2026-12-03): what a published how-to leaves for the reader to fill in.
// Each test fails on the code before its fix; the fixtures are our own (test/fixtures/real-cfn11), in the shapes
// published templates use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { traceText } from '../../server/src/core/trace/api.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn11', name), 'utf8');

const found = (file: string, regions: string[] = []) =>
  lintTemplate(fixture(file), { regions }).findings.map((f) => `${f.ruleId} ${f.message}`);

// `ServiceName: <paste the service name ...>` was no AWS name, so no rule judged it, and nothing was said of an
// endpoint that EC2 refuses to create. A parameter's default placeholder is the deployment's to replace, and a
// provider's com.amazonaws.vpce.<region>.vpce-svc-<id> is a name. A block scalar's closing line break (`!Sub |`) is no
// placeholder: that name is judged as the service it spells.
test('a placeholder written as the service name is reported; a parameter default and a provider name are not', () => {
  const placeholders = found('placeholder-service-name.yaml', ['eu-west-1']).filter((f) => /placeholder/.test(f));
  assert.deepEqual(placeholders, ['VPCE2003 PartnerEndpoint: <paste the service name from the partner console> is no endpoint service name: a placeholder to replace before deploying']);
});

// `com.amazonaws.<region>.ecr` (the API's host name, not an endpoint service) was unknown with no suggestion: the
// endpoint that was meant is ecr.api for the ECR API, or ecr.dkr for Docker's calls; both are offered as fixes.
test('an endpoint named .ecr suggests ecr.api and ecr.dkr', () => {
  const result = lintTemplate(fixture('ecr-service-name.yaml'));
  const unknown = result.findings.filter((f) => f.ruleId === 'VPCE2003');
  assert.equal(unknown.length, 1);
  assert.match(unknown[0]!.message, /com\.amazonaws\.\$\{AWS::Region\}\.ecr is not a known AWS endpoint service; did you mean com\.amazonaws\.\$\{AWS::Region\}\.ecr\.api or com\.amazonaws\.\$\{AWS::Region\}\.ecr\.dkr\?$/);
  assert.deepEqual((unknown[0]!.data as { suggestions: string[] }).suggestions, ['com.amazonaws.${AWS::Region}.ecr.api', 'com.amazonaws.${AWS::Region}.ecr.dkr']);
});

// The console's and sign-in's clients ask <region>.console.aws.amazon.com and <region>.signin.aws.amazon.com, not
// names under amazonaws.com. A private hosted zone for console.aws.amazon.com with a Regional record to the console
// endpoint (AWS's Console Private Access setup) was ignored, and the trace said PUBLIC through the public name; the
// sign-in zone holds no Regional record, so what it answers is not known, and no longer "public".
test('a console.aws.amazon.com private zone answers the console name with its endpoint', () => {
  const consoleTrace = traceText(fixture('console-private-access.yaml'), 'Workstation', 'console');
  assert.ok(consoleTrace.ok);
  assert.equal(consoleTrace.result.verdict, 'private', consoleTrace.result.summary);
  assert.match(consoleTrace.result.summary, /interface endpoint Console\b/);
  const signin = traceText(fixture('console-private-access.yaml'), 'Workstation', 'signin');
  assert.ok(signin.ok);
  assert.equal(signin.result.verdict, 'unknown', signin.result.summary);
  assert.match(signin.result.summary, /private hosted zone SigninZone/);
});
