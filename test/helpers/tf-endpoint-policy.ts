// A subnet routed to an S3 gateway endpoint whose `policy` the test writes (null: none), with the test's other blocks:
// the endpoint policy as the engine lowers it, its findings, and the trace to S3 for an action.

import assert from 'node:assert/strict';
import { traceNetwork } from '../../server/src/core/trace/api.js';
import type { TraceResult } from '../../server/src/core/trace/types.js';
import { checkTf } from './tf-check.js';

export const s3Network = (policy: string | null, more = '') => `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "r" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.r.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.r.id]${policy === null ? '' : `\n  policy            = ${policy}`}
}
${more}`;

export function endpointPolicy(more: string, extra: { path: string; text: string }[] = [], policy: string | null = 'data.aws_iam_policy_document.merged.json') {
  const c = checkTf(s3Network(policy, more), extra);
  const trace = (action?: string): TraceResult => {
    const a = traceNetwork(c.r.analysis.network()!, 'aws_subnet.a', 's3', { action });
    assert.ok(a.ok);
    return a.result;
  };
  const policyHop = (action?: string) => trace(action).hops.find((h) => h.kind === 'endpoint policy');
  return { ...c, policy: c.prop('aws_vpc_endpoint.s3', 'PolicyDocument'), trace, policyHop };
}

/** A statement block for an aws_iam_policy_document: `sid` (or none), effect, S3 actions, for anyone. */
export function statementBlock(sid: string | undefined, effect: 'Allow' | 'Deny', actions: string[]): string {
  return `
  statement {${sid === undefined ? '' : `\n    sid       = ${JSON.stringify(sid)}`}
    effect    = "${effect}"
    actions   = ${JSON.stringify(actions)}
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }`;
}
