// Quick fixes for Terraform, as HCL edits in the file's own layout: an argument added on its own line
// after the block's `service_name` (or first) argument, indented like it and with its `=` in the same
// column (as `terraform fmt` aligns a group); a value replaced in place. Found by rule id and finding
// data, like the CloudFormation fixes (fixes/registry.ts); verified by a lint of the fixed text
// (tf/analysis.ts).

import type { Finding } from '../findings.js';
import type { Fix, TextEdit } from '../fixes/types.js';
import { attr, type Attribute, type Block } from './hcl-ast.js';

/** What the fixes need of a module: its joined text and the block each address was lowered from. */
export interface FixTarget {
  text: string;
  blockOf(address: string): Block | undefined;
}

const ARGS: Record<string, string> = { PrivateDnsEnabled: 'private_dns_enabled', AcceptanceRequired: 'acceptance_required' };

export function terraformFixes(m: FixTarget, f: Finding): Fix[] {
  const block = f.resource ? m.blockOf(f.resource.replace(/\[[^\]]*\]$/, '')) : undefined;
  if (!block) return [];
  const data = (f.data ?? {}) as Record<string, unknown>;
  switch (f.ruleId) {
    case 'VPCE2001': {
      if (typeof data.type !== 'string' || !/^[A-Za-z]+$/.test(data.type)) return [];
      const edit = setArgument(m.text, block, 'vpc_endpoint_type', JSON.stringify(data.type));
      return edit ? [{ title: `Set vpc_endpoint_type = "${data.type}"`, isPreferred: true, edits: [edit] }] : [];
    }
    case 'VPCE5003':
    case 'VPCE8002': {
      const name = typeof data.member === 'string' ? ARGS[data.member] : undefined;
      if (!name || typeof data.value !== 'boolean') return [];
      const edit = setArgument(m.text, block, name, String(data.value));
      return edit ? [{ title: `Set ${name} = ${data.value}`, isPreferred: true, edits: [edit] }] : [];
    }
  }
  return [];
}

function setArgument(text: string, block: Block, name: string, value: string): TextEdit | undefined {
  const existing = attr(block.body, name);
  if (existing) return { start: existing.value.start, end: existing.value.end, newText: value };
  const anchor: Attribute | undefined = attr(block.body, 'service_name') ?? block.body.attributes[0];
  if (!anchor) return undefined;
  const lineStart = text.lastIndexOf('\n', anchor.start - 1) + 1;
  const indent = text.slice(lineStart, anchor.start);
  if (!/^[ \t]*$/.test(indent)) return undefined; // the anchor shares its line with something else
  const lineEnd = text.indexOf('\n', anchor.end);
  if (lineEnd < 0) return undefined;
  // `terraform fmt` aligns the `=` of neighbouring arguments: keep the anchor's column when it is wider.
  const eq = text.indexOf('=', anchor.nameAt.end) - lineStart;
  const width = Math.max(eq - indent.length - 1, name.length);
  return { start: lineEnd, end: lineEnd, newText: `\n${indent}${name.padEnd(width)} = ${value}` };
}
