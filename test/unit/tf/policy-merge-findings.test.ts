// A merged aws_iam_policy_document is checked and traced as the document the provider makes
// (tf/policy-merge.ts): a finding on a statement lands where that statement is written — another data
// source's block, in another file, or a JSON string — and the trace reads the merged statements: a base
// document's deny blocks the traced action, a per-service allow lets it through.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { endpointPolicy, statementBlock } from '../../helpers/tf-endpoint-policy.js';

before(() => ensureTerraformParser());

// A base deny-outside-the-organisation document in its own file, merged with the endpoint's statements.
const BASE = `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "DenyOutsideOrg"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abcdefghij"]
    }
  }
  statement {
    sid       = "DenyDelete"
    effect    = "Deny"
    actions   = ["s3:DeleteObjekt"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
`;
const merged = (statements: string) => `data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]${statements}
}
`;

test('a finding on a source document\'s statement lands in that statement, in its own file', () => {
  const c = endpointPolicy(merged(statementBlock('Read', 'Allow', ['s3:GetObject'])), [{ path: 'base.tf', text: BASE }]);
  const typo = c.r.analysis.findings.find((f) => f.ruleId === 'VPCE9005');
  assert.ok(typo, JSON.stringify(c.findings));
  assert.equal(c.r.module.text.slice(typo.start, typo.end), 's3:DeleteObjekt');
  const file = c.r.module.files.find((f) => typo.start >= f.start && typo.end <= f.end);
  assert.equal(file?.path, 'base.tf');
  assert.equal(typo.resource, 'aws_vpc_endpoint.s3');
});

test('a finding in a JSON string source lands on its characters in the heredoc', () => {
  const c = endpointPolicy(`data "aws_iam_policy_document" "merged" {
  source_policy_documents = [<<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*", "Principal": "*"}]}
EOF
  ]
}
`);
  const typo = c.r.analysis.findings.find((f) => f.ruleId === 'VPCE9005');
  assert.ok(typo, JSON.stringify(c.findings));
  assert.equal(c.r.module.text.slice(typo.start, typo.end).replace(/"/g, ''), 's3:GetObjekt');
});

test('the trace through a merged policy: the base document\'s deny blocks, the added allow lets through', () => {
  // The base document's deny of deletes, merged with an allow of reads and deletes.
  const base = `data "aws_iam_policy_document" "base" {${statementBlock('DenyDelete', 'Deny', ['s3:DeleteObject'])}
}
`;
  const c = endpointPolicy(base + merged(statementBlock('Read', 'Allow', ['s3:GetObject', 's3:DeleteObject'])));
  assert.equal(c.trace('s3:DeleteObject').verdict, 'blocked');
  assert.match(c.policyHop('s3:DeleteObject')?.reason ?? '', /Deny statement DenyDelete matches s3:DeleteObject/);
  assert.equal(c.trace('s3:GetObject').verdict, 'private');
  // An action neither document allows is not allowed by the merged policy.
  assert.equal(c.trace('s3:PutObject').verdict, 'blocked');
  assert.match(c.policyHop('s3:PutObject')?.reason ?? '', /no Allow statement matches/);
});
