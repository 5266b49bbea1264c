// Writing small values into a document in its own syntax: YAML block, YAML flow or JSON, and
// rewriting a scalar's content without changing how it is quoted.

import type { ScalarNode } from '../document/tree.js';

export type Syntax = 'block' | 'flow' | 'json';

export type Plain = string | number | boolean | null;

/** A key as the document writes keys: quoted in JSON, plain in YAML. */
export function renderKey(key: string, syntax: Syntax): string {
  return syntax === 'json' ? JSON.stringify(key) : yamlString(key, syntax === 'flow');
}

/** A scalar value. YAML strings stay plain only when no YAML reader could take them for anything else. */
export function renderValue(value: Plain, syntax: Syntax): string {
  if (syntax === 'json') return JSON.stringify(value);
  if (typeof value !== 'string') return String(value);
  return yamlString(value, syntax === 'flow');
}

// Words YAML 1.1 readers (and so some tools around CloudFormation) take for booleans or null.
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** Whether a string can be written as a plain YAML scalar and read back as the same string. */
export function plainSafe(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || RESERVED.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s,[\]{}]/.test(s)) return false;
  if (/: |:$| #|[\n\t]/.test(s)) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  // Numbers and dates would be read as such.
  if (/^[-+.]?\d/.test(s) || /^\.(inf|nan)$/i.test(s)) return false;
  return true;
}

export function yamlString(s: string, inFlow: boolean): string {
  return plainSafe(s, inFlow) ? s : singleQuoted(s);
}

function singleQuoted(s: string): string {
  return /\n/.test(s) ? JSON.stringify(s) : `'${s.replace(/'/g, "''")}'`;
}

/**
 * The source text of a part of a scalar's content, escaped for the scalar's quoting, or undefined
 * when that quoting cannot hold it as it is (the caller then rewrites the whole scalar).
 */
export function escapeFor(scalar: ScalarNode, s: string, inFlow: boolean): string | undefined {
  switch (scalar.style) {
    case 'double':
      return JSON.stringify(s).slice(1, -1);
    case 'single':
      return s.includes('\n') ? undefined : s.replace(/'/g, "''");
    case 'plain':
      return /[\n#]|: /.test(s) || (inFlow && /[,[\]{}]/.test(s)) ? undefined : s;
    default:
      // A block scalar takes any one-line text as it is (a policy written as a `|` string).
      return s.includes('\n') ? undefined : s;
  }
}

/**
 * The edit that gives a scalar new content, keeping its quotes (the inside of a quoted scalar is
 * rewritten; a plain one that can no longer be plain gets single quotes). Block scalars are left alone.
 */
export function replaceScalarContent(scalar: ScalarNode, content: string, inFlow: boolean): { start: number; end: number; newText: string } | undefined {
  switch (scalar.style) {
    case 'double':
      return { start: scalar.start + 1, end: scalar.end - 1, newText: JSON.stringify(content).slice(1, -1) };
    case 'single':
      if (content.includes('\n')) return { start: scalar.start, end: scalar.end, newText: JSON.stringify(content) };
      return { start: scalar.start + 1, end: scalar.end - 1, newText: content.replace(/'/g, "''") };
    case 'plain':
      return { start: scalar.start, end: scalar.end, newText: yamlString(content, inFlow) };
    default:
      return undefined;
  }
}
