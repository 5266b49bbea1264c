// Findings that rest on an input's default (a CloudFormation parameter's Default, a Terraform variable's
// default) say so, in one wording: the deployment may pass another value, and the message names which.

import type { FromDefault } from './types.js';

/** " (with the default P v)", " (with the defaults P v and Q w)", or '' when nothing rests on a default. */
export function withDefaultsNote(defaults: readonly (FromDefault | undefined)[]): string {
  const texts = [...new Set(defaults.filter((d): d is FromDefault => d !== undefined).map((d) => `${d.parameter} ${d.value}`))];
  return texts.length ? ` (with the default${texts.length > 1 ? 's' : ''} ${texts.join(' and ')})` : '';
}

/**
 * Values a format adapter lowered from an input's default that the engine's own resolver cannot see as one:
 * a Terraform variable's `default`, lowered in place of `var.name` (tf/eval.ts), is a plain value in the
 * lowered tree. Keyed by that node; the name as the format writes it (`var.accept`).
 */
export const INPUT_DEFAULT = new WeakMap<object, string>();
