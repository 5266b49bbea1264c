// An aws_iam_policy_document with source_policy_documents / override_policy_documents was lowered as an
// unknown policy, so an endpoint policy built from a base document and per-service statements was neither
// checked nor traced. It is now the document the AWS provider makes (tf/policy-merge.ts): sources, then the
// block's own statements, then overrides; a Sid replaces the statement with that Sid in place, a statement
// without one is appended; Id the last non-empty, Version the greatest; a Sid twice among the sources (or the
// block's statements) fails the provider's read, so the policy is unknown, named.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { endpointPolicy, statementBlock } from '../../helpers/tf-endpoint-policy.js';

before(() => ensureTerraformParser());

type Plain = { Version?: unknown; Id?: unknown; Statement?: { Sid?: string; Effect?: string; Action?: unknown }[] };

const doc = (name: string, body: string) => `data "aws_iam_policy_document" "${name}" {${body}\n}\n`;
/** Each statement as `Sid:Effect:actions` (no Sid: `-`). */
const shape = (p: unknown) => ((p as Plain).Statement ?? []).map((s) => `${s.Sid ?? '-'}:${s.Effect}:${[s.Action].flat().join(',')}`);

test('sources first, the own statements next, overrides last; a Sid replaces in place, none (or "") appends', () => {
  const more = [
    doc('a', statementBlock('Base', 'Deny', ['s3:DeleteObject']) + statementBlock(undefined, 'Allow', ['s3:ListBucket'])),
    doc('b', statementBlock('Put', 'Allow', ['s3:PutObject'])),
    doc('o', statementBlock('Base', 'Deny', ['s3:DeleteBucket']) + statementBlock('', 'Allow', ['s3:GetBucketAcl'])),
    doc(
      'merged',
      `
  source_policy_documents   = [data.aws_iam_policy_document.a.json, data.aws_iam_policy_document.b.json]
  override_policy_documents = [data.aws_iam_policy_document.o.json]` +
        statementBlock('Put', 'Deny', ['s3:PutObjectAcl']) +
        statementBlock(undefined, 'Allow', ['s3:GetObject']),
    ),
  ].join('');
  const { policy } = endpointPolicy(more);
  assert.deepEqual(shape(policy), [
    // a's Base, overridden by o's in its place; the own Put replaces b's in its place.
    'Base:Deny:s3:DeleteBucket',
    '-:Allow:s3:ListBucket',
    'Put:Deny:s3:PutObjectAcl',
    '-:Allow:s3:GetObject',
    // o's statement with an empty Sid is appended, never put in place of another.
    ':Allow:s3:GetBucketAcl',
  ]);
});

test('overrides merge in list order: the later one wins a Sid', () => {
  const more = [
    doc('o1', statementBlock('S', 'Allow', ['s3:GetObject'])),
    doc('o2', statementBlock('S', 'Deny', ['s3:GetObject'])),
    doc('merged', `\n  override_policy_documents = [data.aws_iam_policy_document.o1.json, data.aws_iam_policy_document.o2.json]`),
  ].join('');
  const { policy, trace } = endpointPolicy(more);
  assert.deepEqual(shape(policy), ['S:Deny:s3:GetObject']);
  assert.equal(trace('s3:GetObject').verdict, 'blocked');
});

test('a Sid twice among the source documents fails the provider: the policy is unknown, the Sid named', () => {
  const more = [
    doc('a', statementBlock('Same', 'Allow', ['s3:GetObject'])),
    doc('b', statementBlock('Same', 'Allow', ['s3:PutObject'])),
    doc('merged', `\n  source_policy_documents = [data.aws_iam_policy_document.a.json, data.aws_iam_policy_document.b.json]`),
  ].join('');
  const { trace, policyHop } = endpointPolicy(more);
  assert.equal(trace('s3:GetObject').verdict, 'unknown');
  assert.match(policyHop('s3:GetObject')?.reason ?? '', /Sid "Same" is written twice in source_policy_documents/);
  assert.match(policyHop('s3:GetObject')?.reason ?? '', /decided by data\.aws_iam_policy_document\.merged's Sid "Same"/);
});

test('a Sid twice in a block\'s own statements fails the provider too, merged or not', () => {
  const more = doc('merged', statementBlock('Twice', 'Allow', ['s3:GetObject']) + statementBlock('Twice', 'Deny', ['s3:GetObject']));
  const { trace, policyHop } = endpointPolicy(more);
  assert.equal(trace('s3:GetObject').verdict, 'unknown');
  assert.match(policyHop('s3:GetObject')?.reason ?? '', /Sid "Twice" is written twice in its statements/);
});

test('Id: the last non-empty one; Version: the greatest of the documents\'', () => {
  const more = [
    `locals {
  base = jsonencode({ Version = "2012-10-17", Id = "from-source", Statement = [] })
  over = jsonencode({ Id = "", Statement = [] })
}
`,
    doc('merged', `\n  version                   = "2008-10-17"\n  policy_id                 = "own"\n  source_policy_documents   = [local.base]\n  override_policy_documents = [local.over]`),
  ].join('');
  const { policy } = endpointPolicy(more);
  assert.equal((policy as Plain).Id, 'own');
  assert.equal((policy as Plain).Version, '2012-10-17');
});

test('a JSON string (heredoc), a jsonencode object and a local are documents; null entries are skipped', () => {
  const more = [
    `locals {
  deny_delete = jsonencode({
    Statement = [{ Sid = "NoDelete", Effect = "Deny", Action = "s3:DeleteObject", Resource = "*", Principal = "*" }]
  })
}
variable "extra" {
  type    = string
  default = null
}
`,
    doc(
      'merged',
      `
  source_policy_documents = [local.deny_delete, var.extra, <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{ "Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*" }]
    }
    JSON
  ]`,
    ),
  ].join('');
  const { policy, trace } = endpointPolicy(more);
  assert.deepEqual(shape(policy), ['NoDelete:Deny:s3:DeleteObject', 'Read:Allow:s3:GetObject']);
  assert.equal(trace('s3:GetObject').verdict, 'private');
  assert.equal(trace('s3:DeleteObject').verdict, 'blocked');
});

test('an input not known makes the policy unknown, named by the value that decides it', () => {
  const more = `variable "base_policy" {
  type = string
}
${doc('merged', `\n  source_policy_documents = [var.base_policy]` + statementBlock(undefined, 'Allow', ['s3:GetObject']))}`;
  const { trace, policyHop } = endpointPolicy(more);
  assert.equal(trace('s3:GetObject').verdict, 'unknown');
  assert.match(policyHop('s3:GetObject')?.reason ?? '', /decided by var\.base_policy/);
  // The whole list not known names the list.
  const list = endpointPolicy(`variable "docs" {
  type = list(string)
}
${doc('merged', `\n  override_policy_documents = var.docs`)}`);
  assert.match(list.policyHop('s3:GetObject')?.reason ?? '', /decided by var\.docs/);
});

test('a string that is not JSON fails the provider\'s read: unknown, never judged as a policy', () => {
  const { trace, policyHop, rules } = endpointPolicy(doc('merged', `\n  source_policy_documents = ["{ not json"]`));
  assert.equal(trace('s3:GetObject').verdict, 'unknown');
  assert.match(policyHop('s3:GetObject')?.reason ?? '', /is not JSON/);
  assert.deepEqual(rules.filter((r) => r.startsWith('VPCE9')), []);
});

test('source_json / override_json: merged with AWS provider 4, refused by 5 and later, unknown where the version is not pinned', () => {
  const legacy = (constraint: string | undefined) =>
    `${constraint ? `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${constraint}"\n    }\n  }\n}\n` : ''}${[
      doc('base', statementBlock('Base', 'Allow', ['s3:GetObject'])),
      doc('over', statementBlock('Base', 'Deny', ['s3:GetObject'])),
      doc('merged', `\n  source_json   = data.aws_iam_policy_document.base.json\n  override_json = data.aws_iam_policy_document.over.json` + statementBlock(undefined, 'Allow', ['s3:PutObject'])),
    ].join('')}`;
  const v4 = endpointPolicy(legacy('~> 4.0'));
  assert.deepEqual(shape(v4.policy), ['Base:Deny:s3:GetObject', '-:Allow:s3:PutObject']);
  assert.equal(v4.trace('s3:GetObject').verdict, 'blocked');
  const v5 = endpointPolicy(legacy('>= 5.0'));
  assert.equal(v5.trace('s3:GetObject').verdict, 'unknown');
  assert.match(v5.policyHop('s3:GetObject')?.reason ?? '', /not accepted by AWS provider 5 and later/);
  const open = endpointPolicy(legacy(undefined));
  assert.equal(open.trace('s3:GetObject').verdict, 'unknown');
  assert.match(open.policyHop('s3:GetObject')?.reason ?? '', /decided by the AWS provider version/);
  // Empty, they are not set, whatever the version.
  const empty = endpointPolicy(doc('merged', `\n  source_json   = ""\n  override_json = ""` + statementBlock(undefined, 'Deny', ['s3:GetObject'])));
  assert.equal(empty.trace('s3:GetObject').verdict, 'blocked');
});

test('a source statement a variable chooses (or leaves out) is not known: the policy is unknown, named by the choice', () => {
  const more = `variable "strict" {
  type = bool
}
locals {
  base = jsonencode({
    Statement = [var.strict ? { Sid = "NoPut", Effect = "Deny", Action = "s3:PutObject", Resource = "*", Principal = "*" } : { Sid = "NoDelete", Effect = "Deny", Action = "s3:DeleteObject", Resource = "*", Principal = "*" }]
  })
}
${doc('merged', `\n  source_policy_documents = [local.base]` + statementBlock('NoPut', 'Allow', ['s3:PutObject']))}`;
  const { trace, policyHop } = endpointPolicy(more);
  assert.equal(trace('s3:PutObject').verdict, 'unknown');
  assert.match(policyHop('s3:PutObject')?.reason ?? '', /decided by var\.strict/);
});
