// What every output format is made from: one entry per linted file with its findings.

import type { Finding } from '../core/findings.js';
import type { LineIndex, Position } from '../core/document/line-index.js';

export interface FileReport {
  /** The path as shown to the user: relative to the working folder, forward slashes. */
  file: string;
  findings: Finding[];
  lines: LineIndex;
  /** What the user calls each finding's resource where they wrote it, when the file was generated from it. */
  origins?: ReadonlyMap<Finding, FindingOrigin>;
  /** The parents that deploy the file as a nested stack and whose values give each finding (cli/nested-check.ts). */
  deployedBy?: ReadonlyMap<Finding, readonly Deployment[]>;
  /** The regions the file was judged for (--region, the project configuration, a CDK stack's environment, a plan's provider); absent when none was said. */
  regions?: readonly string[];
}

/** `regions` of a report, when any were said: what a report carries. */
export function reportRegions(regions: readonly string[] | undefined): { regions?: readonly string[] } {
  return regions?.length ? { regions } : {};
}

/** The source a finding's resource was generated from: a CDK construct (cdk.out), a Terraform resource (plan JSON). */
export interface FindingOrigin {
  kind: 'cdk-construct' | 'terraform-resource';
  /** The construct path, the resource instance's address. */
  name: string;
  /** Where the user's code defines it, 1-based as in their editor, the file shown as FileReport.file is. */
  definedAt?: { file: string; line: number; column?: number };
}

/** ` (construct Stack/Vpc/Resource, defined at lib/stack.ts:12:5)`: what the text output adds to a message. */
export function originText(origin: FindingOrigin): string {
  const at = origin.definedAt;
  const where = at ? `, defined at ${at.file}:${at.line}${at.column ? `:${at.column}` : ''}` : '';
  return ` (${origin.kind === 'cdk-construct' ? 'construct' : 'resource'} ${origin.name}${where})`;
}

/** A checked parent that deploys a nested template: `stack`, its stack resources from the parent down (A/B); `at`: where the last is written. */
export interface Deployment {
  parent: string;
  stack: string;
  at: { file: string; start: Position; end: Position };
}

export interface Range {
  start: Position;
  end: Position;
}

export function rangeOf(report: FileReport, span: { start: number; end: number }): Range {
  return { start: report.lines.positionAt(span.start), end: report.lines.positionAt(span.end) };
}
