// What a Terraform fix family reads: the module's joined text, the blocks its addresses were written
// as, and the finding with its rule's data (never its message).

import type { Finding } from '../../findings.js';
import type { FamilyFix } from '../../fixes/types.js';
import type { Block, Body, Expr } from '../hcl-ast.js';
import type { Node } from '../../document/tree.js';
import type { FileSpan } from '../module.js';
import type { AwsProviderMajor } from '../provider-version.js';

export interface FixTarget {
  text: string;
  files: FileSpan[];
  blockOf(address: string): Block | undefined;
  dataOf(address: string): Block | undefined;
  /** Every resource block by address, the ones merged into others (associations, rules) too. */
  resourceBlocks: ReadonlyMap<string, Block>;
  /** Every resource address lowered (an instance's with its key). */
  tfTypes: ReadonlyMap<string, string>;
  /** The root module's calls by name (a vpc-endpoints module's entries are fixed in its call). */
  calls?: ReadonlyMap<string, Block>;
  /** The lowered tree the rules read (`{Resources: {<address>: …}}`): the shared model is built from it. */
  root?: Node;
  /** The AWS provider's major version as the configuration pins it: which region attribute a fix writes. */
  awsProvider?: AwsProviderMajor;
}

export interface TfFixContext {
  m: FixTarget;
  finding: Finding;
  data: Record<string, unknown>;
}

export type TfFamily = (ctx: TfFixContext) => FamilyFix[];

/** The block of an address written in this module (an instance's key dropped); none for a module's. */
export function blockAt(m: FixTarget, address: unknown): Block | undefined {
  if (typeof address !== 'string' || address.startsWith('module.')) return undefined;
  return m.blockOf(address.replace(/\[[^\]]*\]$/, ''));
}

/** A reference to a resource's attribute, for an address of this module (`aws_vpc.main` → `aws_vpc.main.id`). */
export function refTo(m: FixTarget, address: unknown, attribute: string): string | undefined {
  if (typeof address !== 'string' || !/^[A-Za-z][\w-]*\.[A-Za-z_][\w-]*(\[(\d+|"[\w.-]+")\])?$/.test(address)) return undefined;
  return blockAt(m, address) ? `${address}.${attribute}` : undefined;
}

/** The file the offset lies in. */
export function fileAt(m: FixTarget, offset: number): FileSpan | undefined {
  return m.files.find((f) => offset >= f.start && offset <= f.end);
}

export function str(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' ? v : undefined;
}

export function within(b: { start: number; end: number }, f: { start: number; end: number }): boolean {
  return b.start <= f.start && f.end <= b.end;
}

/** The first hit of `inExpr` on an argument's value in `body`, then in its nested blocks, in order. */
export function firstInBody<T>(body: Body, inExpr: (e: Expr) => T | undefined): T | undefined {
  for (const a of body.attributes) {
    const hit = inExpr(a.value);
    if (hit) return hit;
  }
  for (const b of body.blocks) {
    const hit = firstInBody(b.body, inExpr);
    if (hit) return hit;
  }
  return undefined;
}
