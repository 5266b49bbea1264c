// IAM condition operators and the key types each fits.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

import type { KeyType } from './iam.js';

type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

// No prototype: an operator named `constructor` or `toString` is unknown, not an inherited function.
const BASE: Record<string, Family> = Object.create(null);
for (const op of ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike']) BASE[op] = 'String';
for (const op of ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals']) BASE[op] = 'Numeric';
for (const op of ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals']) BASE[op] = 'Date';
for (const op of ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']) BASE[op] = 'Arn';
BASE.Bool = 'Bool';
BASE.BinaryEquals = 'Binary';
BASE.IpAddress = 'IpAddress';
BASE.NotIpAddress = 'IpAddress';

export interface Operator {
  name: string;
  family: Family;
  base: string;
  set: 'ForAllValues' | 'ForAnyValue' | undefined;
  ifExists: boolean;
}

/** Parses `ForAnyValue:StringLikeIfExists`; undefined for a name IAM does not know. */
export function parseOperator(name: string): Operator | undefined {
  if (name === 'Null') return { name, family: 'Null', base: 'Null', set: undefined, ifExists: false };
  const m = /^(?:(ForAllValues|ForAnyValue):)?([A-Za-z]+?)(IfExists)?$/.exec(name);
  const base = m?.[2];
  if (!m || !base || !BASE[base]) return undefined;
  return { name, family: BASE[base]!, base, set: m[1] as Operator['set'], ifExists: Boolean(m[3]) };
}

export function operatorNames(): string[] {
  return [...Object.keys(BASE), 'Null'];
}

/** Which key types an operator family can compare (String operators also work on ARNs). */
const FITS: Record<Family, KeyType[] | 'any'> = {
  String: ['String', 'ArrayOfString', 'ARN', 'ArrayOfARN'],
  Numeric: ['Numeric'],
  Date: ['Date', 'Numeric'],
  Bool: ['Bool', 'ArrayOfBool'],
  Binary: 'any',
  IpAddress: ['IPAddress'],
  Arn: ['ARN', 'ArrayOfARN'],
  Null: 'any',
};

// aws:EpochTime takes date operators and numeric ones alike (seconds since 1970).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-epochtime
const ALSO_NUMERIC = new Set(['aws:epochtime']);

export function fits(op: Operator, type: KeyType, key = ''): boolean {
  if (op.family === 'Numeric' && ALSO_NUMERIC.has(key.toLowerCase())) return true;
  // Some keys that hold ARNs are typed String in the service reference (aws:SourceVpcArn, whose IAM page
  // says ARN): an ARN operator on a key named for an ARN is not judged wrong.
  if (op.family === 'Arn' && type === 'String' && /arn$/i.test(key)) return true;
  const allowed = FITS[op.family];
  return allowed === 'any' || allowed.includes(type);
}

export function isLike(op: Operator): boolean {
  return op.base === 'StringLike' || op.base === 'StringNotLike';
}
