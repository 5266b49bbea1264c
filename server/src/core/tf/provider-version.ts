// Which major version of the AWS provider a configuration runs with, as far as its
// `required_providers` version constraint says: the words its findings and fixes write depend on it.
// AWS provider 6.0 deprecated `data.aws_region`'s `name` for `region` (which 5.x does not have), so
// the region expression to write is `.region` where the constraint allows only 6 or later, `.name`
// where it allows only earlier versions, and both are named where it does not say (no constraint: the
// lock file, which is not read, may hold any version).
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/region
// https://github.com/hashicorp/terraform-provider-aws/releases/tag/v6.0.0
// Constraint syntax: https://developer.hashicorp.com/terraform/language/expressions/version-constraints

import type { Block, Expr } from './hcl-ast.js';
import { attr } from './hcl-ast.js';
import { TF_WORDS, type Words } from '../rules/words.js';

/** 'v6': only AWS provider 6 or later; 'before-v6': only earlier; undefined: the constraint does not say. */
export type AwsProviderMajor = 'v6' | 'before-v6' | undefined;

/** The `version` of `required_providers { aws = ... }` in a `terraform` block (the object form or the legacy string). */
export function awsVersionConstraint(terraform: Block): Expr | undefined {
  for (const rp of terraform.body.blocks) {
    if (rp.type !== 'required_providers') continue;
    const aws = attr(rp.body, 'aws')?.value;
    if (aws?.k === 'literal' || aws?.k === 'template') return aws;
    if (aws?.k === 'object') return aws.items.find((i) => i.name === 'version')?.value;
  }
  return undefined;
}

type Version = [number, number, number];

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The major version a constraint string (`~> 6.0`, `>= 5.0, < 6.0`) allows, when it allows only ≥ 6 or only < 6. */
export function awsMajorOf(constraint: string | undefined): AwsProviderMajor {
  const bound = awsMajorBound(constraint, 6);
  return bound === 'at-least' ? 'v6' : bound === 'below' ? 'before-v6' : undefined;
}

/** Whether a constraint allows only versions from `major`.0.0 on ('at-least'), only earlier ones ('below'), or does not say. */
export function awsMajorBound(constraint: string | undefined, major: number): 'at-least' | 'below' | undefined {
  if (constraint === undefined) return undefined;
  let low: Version = [0, 0, 0];
  let high: { v: Version; inclusive: boolean } | undefined;
  const atLeast = (v: Version) => { if (cmp(v, low) > 0) low = v; };
  const below = (v: Version, inclusive: boolean) => { if (!high || cmp(v, high.v) < 0) high = { v, inclusive }; };
  for (const part of constraint.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]*)?\s*$/.exec(part);
    if (!m) return undefined;
    const parts = [m[2], m[3], m[4]].filter((x) => x !== undefined).length;
    const v: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    switch (m[1] ?? '=') {
      case '=': atLeast(v); below(v, true); break;
      case '>=': case '>': atLeast(v); break;
      case '<': below(v, false); break;
      case '<=': below(v, true); break;
      case '!=': break;
      case '~>':
        // The rightmost given part may grow: ~> 5.30 is >= 5.30, < 6.0; ~> 5.30.1 is >= 5.30.1, < 5.31.0.
        atLeast(v);
        below(parts === 3 ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0], false);
        break;
    }
  }
  const first: Version = [major, 0, 0];
  if (cmp(low, first) >= 0) return 'at-least';
  if (high && (cmp(high.v, first) < 0 || (cmp(high.v, first) === 0 && !high.inclusive))) return 'below';
  return undefined;
}

const REGION = '${data.aws_region.current.region}';
const NAME = '${data.aws_region.current.name}';

/**
 * The expressions for the region the configuration deploys to, for this provider major version (the
 * fix writes them). Where the version is not pinned, `.name` first: it is valid with every version
 * (deprecated from 6), where `.region` fails validation before 6 ("Unsupported attribute").
 */
export function regionExpression(major: AwsProviderMajor): string[] {
  if (major === 'v6') return [REGION];
  if (major === 'before-v6') return [NAME];
  return [NAME, REGION];
}

/** Terraform's words for a configuration whose AWS provider major version is `major`. */
export function terraformWords(major: AwsProviderMajor): Words {
  if (major === 'v6') return { ...TF_WORDS, region: REGION, regionAdvice: REGION };
  if (major === 'before-v6') return TF_WORDS;
  // A suggestion writes `.name`, valid with every version; the advice names both.
  return { ...TF_WORDS, region: NAME, regionAdvice: `${REGION} (AWS provider 6 and later; ${NAME} before 6)` };
}

/** The major version a folder's constraint allows (a constraint written as a literal string; anything else does not say). */
export function awsMajorOfFolder(folder: { awsVersion?: Expr }): AwsProviderMajor {
  return awsMajorOf(awsConstraintOf(folder));
}

/** A folder's AWS provider version constraint, when it is written as a literal string. */
export function awsConstraintOf(folder: { awsVersion?: Expr }): string | undefined {
  const e = folder.awsVersion;
  return e?.k === 'literal' && typeof e.value === 'string' ? e.value : e?.k === 'template' && e.parts.every((p) => 'lit' in p) ? e.parts.map((p) => ('lit' in p ? p.lit : '')).join('') : undefined;
}
