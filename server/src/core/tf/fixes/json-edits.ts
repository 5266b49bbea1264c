// The quick fixes' edits in Terraform's JSON syntax (`*.tf.json`): the same changes the HCL layout
// edits make (layout.ts, lists.ts) — an argument set, added or removed, a list item added or removed, a
// nested block or a data block added — made as JSON edits on jsonc-parser's tree (its `modify` was tried:
// in 3.3.1 it corrupts a removed array item and reformats a neighbouring property), changing only the
// property or item concerned and writing what it inserts like the file (its indentation and line ends). Keys keep their order: an added argument goes after the one the HCL edit would write it after.
// A value the fix writes as HCL is written as Terraform's JSON syntax reads it: numbers, booleans and
// quoted strings as JSON values, a reference as the string "${ref}", a list as an array of those.
// https://developer.hashicorp.com/terraform/language/syntax/json
// jsonc-parser (already the JSON reader, json-syntax.ts): https://github.com/microsoft/node-jsonc-parser

import { findNodeAtLocation, findNodeAtOffset, getNodePath, parseTree, type JSONPath, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { TextEdit } from '../../fixes/types.js';
import { applyEdits } from '../../fixes/edits.js';
import { eol } from '../../fixes/map-edits.js';
import type { Attribute, Block, Body, Expr, Located } from '../hcl-ast.js';
import type { FileSpan } from '../module.js';
import * as hcl from './layout.js';
import * as lists from './lists.js';

export const TF_JSON = /\.tf\.json$/i;

/** What an edit needs of the module: its joined text and where each file lies in it. */
export interface EditDoc {
  text: string;
  files: readonly FileSpan[];
}

interface JsonFile {
  span: FileSpan;
  text: string;
  root: JsonNode;
  /** One level of indentation and the line end, as the file writes them. */
  unit: string;
  eol: string;
}

const STRICT = { allowTrailingComma: false, disallowComments: true };

/** The .tf.json file `offset` lies in, parsed; undefined for a .tf file (or a file that is not strict JSON). */
function jsonFileAt(doc: EditDoc, offset: number): JsonFile | undefined {
  const span = doc.files.find((f) => offset >= f.start && offset < f.end);
  if (!span || !TF_JSON.test(span.path)) return undefined;
  const text = doc.text.slice(span.start, span.end);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  if (!root || errors.length) return undefined;
  // The file's own indentation: the first indented line's (a minified file: two spaces).
  return { span, text, root, unit: /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ', eol: eol(text) };
}

/** The JSON path of the object or array at `offset` (a block's body ends there; a tuple starts there). */
function pathOf(f: JsonFile, offset: number, kind: 'object' | 'array'): JSONPath | undefined {
  const node = findNodeAtOffset(f.root, offset - f.span.start);
  return node?.type === kind ? getNodePath(node) : undefined;
}

/** A block's body object (it ends where the block does). */
const bodyPath = (f: JsonFile, block: Located) => pathOf(f, block.end - 1, 'object');

type Edit = { start: number; end: number; newText: string };

/** The whitespace before `offset` on its line, when only whitespace is there. */
function lineIndent(text: string, offset: number): string | undefined {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  const lead = text.slice(from, offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

const multiLine = (f: JsonFile, n: JsonNode) => f.text.slice(n.offset, n.offset + n.length).includes('\n');

/** A value written at `indent`: an object or array over lines in the file's layout, a scalar as JSON. */
function serialize(f: JsonFile, value: unknown, indent: string): string {
  return JSON.stringify(value, null, f.unit).split('\n').join(f.eol + indent);
}

/**
 * Properties set in the object at `path`: an existing one's value replaced in place, the others added
 * together after `after` (else at the end), laid out like the object's properties.
 */
function setProperties(f: JsonFile, path: JSONPath, entries: readonly (readonly [string, unknown])[], after?: string): Edit[] | undefined {
  const obj = findNodeAtLocation(f.root, path);
  if (obj?.type !== 'object') return undefined;
  const props = obj.children ?? [];
  const keyOf = (p: JsonNode) => p.children?.[0]?.value as unknown;
  const edits: Edit[] = [];
  const fresh: (readonly [string, unknown])[] = [];
  for (const [name, value] of entries) {
    const existing = props.find((p) => keyOf(p) === name);
    const v = existing?.children?.[1];
    if (v) edits.push({ start: v.offset, end: v.offset + v.length, newText: serialize(f, value, lineIndent(f.text, existing.offset) ?? '') });
    else fresh.push([name, value]);
  }
  if (!fresh.length) return edits;
  const outerLine = /^[ \t]*/.exec(f.text.slice(f.text.lastIndexOf('\n', obj.offset - 1) + 1))![0];
  const written = (indent: string) => fresh.map(([n, v]) => `${JSON.stringify(n)}: ${serialize(f, v, indent)}`);
  if (!props.length) {
    const inner = outerLine + f.unit;
    return [...edits, { start: obj.offset, end: obj.offset + obj.length, newText: `{${f.eol}${inner}${written(inner).join(`,${f.eol}${inner}`)}${f.eol}${outerLine}}` }];
  }
  const i = after !== undefined ? props.findIndex((p) => keyOf(p) === after) + 1 : props.length;
  const at = i > 0 ? props[i - 1]! : props[0]!;
  const indent = multiLine(f, obj) ? lineIndent(f.text, at.offset) : undefined;
  const sep = indent !== undefined ? `,${f.eol}${indent}` : ', ';
  const text = written(indent ?? '').join(sep);
  const end = at.offset + at.length;
  return [...edits, i > 0 ? { start: end, end, newText: sep + text } : { start: at.offset, end: at.offset, newText: text + sep }];
}

const setProperty = (f: JsonFile, path: JSONPath, name: string, value: unknown, after?: string) => setProperties(f, path, [[name, value]], after);

/** An item appended to the array at `path`, laid out like its items. */
function appendItem(f: JsonFile, path: JSONPath, value: unknown): Edit[] | undefined {
  const arr = findNodeAtLocation(f.root, path);
  if (arr?.type !== 'array') return undefined;
  const last = arr.children?.[arr.children.length - 1];
  const outerLine = f.text.slice(f.text.lastIndexOf('\n', arr.offset - 1) + 1).match(/^[ \t]*/)![0];
  if (!last) {
    if (typeof value !== 'object' || value === null) return [{ start: arr.offset, end: arr.offset + arr.length, newText: `[${JSON.stringify(value)}]` }];
    const inner = outerLine + f.unit;
    return [{ start: arr.offset, end: arr.offset + arr.length, newText: `[${f.eol}${inner}${serialize(f, value, inner)}${f.eol}${outerLine}]` }];
  }
  const indent = multiLine(f, arr) ? lineIndent(f.text, last.offset) : undefined;
  const end = last.offset + last.length;
  return [{ start: end, end, newText: (indent !== undefined ? `,${f.eol}${indent}` : ', ') + serialize(f, value, indent ?? outerLine) }];
}

/** The property or array item at `path` removed with its separator; the only one leaves `{}` or `[]`. */
function remove(f: JsonFile, path: JSONPath): Edit[] | undefined {
  const node = findNodeAtLocation(f.root, path);
  const target = node && typeof path[path.length - 1] === 'string' ? node.parent : node;
  const container = target?.parent;
  const siblings = container?.children ?? [];
  const i = target ? siblings.indexOf(target) : -1;
  if (!target || !container || i < 0) return undefined;
  if (siblings.length === 1) return [{ start: container.offset + 1, end: container.offset + container.length - 1, newText: '' }];
  if (i < siblings.length - 1) return [{ start: target.offset, end: siblings[i + 1]!.offset, newText: '' }];
  const prev = siblings[i - 1]!;
  return [{ start: prev.offset + prev.length, end: target.offset + target.length, newText: '' }];
}

/**
 * A labelled top-level block added (`resource`/`data` → type → name → body): into the type's object, else
 * the block type's; where the block type is an array of objects (one a block), as one more of them.
 */
function addTopLevel(f: JsonFile, kind: string, type: string, name: string, body: unknown): Edit[] | undefined {
  const top = findNodeAtLocation(f.root, [kind]);
  if (!top) return setProperty(f, [], kind, { [type]: { [name]: body } });
  if (top.type === 'array') return appendItem(f, [kind], { [type]: { [name]: body } });
  if (findNodeAtLocation(f.root, [kind, type])?.type === 'object') return setProperty(f, [kind, type], name, body);
  return setProperty(f, [kind], type, { [name]: body });
}

/** The edits as edits of the module's text, when the file they leave is strict JSON. */
function inModule(f: JsonFile, edits: Edit[] | undefined): TextEdit[] | undefined {
  if (!edits) return undefined;
  const errors: ParseError[] = [];
  parseTree(applyEdits(f.text, edits), errors, STRICT);
  return errors.length ? undefined : edits.map((e) => ({ ...e, start: e.start + f.span.start, end: e.end + f.span.start }));
}

const REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[(\d+|"[\w.-]+")\])+$/;

/** A value the HCL fixes write (`true`, `"Interface"`, `aws_vpc.main.id`, `[aws_route_table.a.id]`) in JSON syntax. */
export function jsonValue(hclText: string): unknown {
  const s = hclText.trim();
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^"[^"\\$%]*"$/.test(s)) return s.slice(1, -1);
  if (REFERENCE.test(s)) return `\${${s}}`;
  const list = /^\[(.*)\]$/.exec(s);
  if (list) {
    const items = list[1]!.trim() ? list[1]!.split(',').map(jsonValue) : [];
    return items.includes(undefined) ? undefined : items;
  }
  return undefined;
}

/**
 * The layout edits, each made in the syntax of the file the block or list lies in. Fixes call these
 * with the module (`editsIn(m)`), never layout.ts or lists.ts directly, so a .tf.json file gets JSON.
 */
export function editsIn(doc: EditDoc) {
  const json = (at: Located) => jsonFileAt(doc, at.start);
  return {
    /** `name = value` set: the existing argument's value replaced, else the argument added after `anchor`. */
    setArgument(block: Block, name: string, value: string, anchor?: Attribute): TextEdit[] | undefined {
      const f = json(block);
      if (!f) return hcl.setArgument(doc.text, block, name, value, anchor);
      const path = bodyPath(f, block);
      const v = jsonValue(value);
      return path && v !== undefined ? inModule(f, setProperty(f, path, name, v, anchor?.name ?? block.body.attributes[0]?.name)) : undefined;
    },
    /** Arguments added (in JSON: set, an existing one's value replaced) after `anchor`, in order. */
    insertArguments(block: Block, args: readonly [string, string][], anchor?: Attribute): TextEdit[] | undefined {
      const f = json(block);
      if (!f) return hcl.insertArguments(doc.text, block, args, anchor);
      const path = bodyPath(f, block);
      if (!path) return undefined;
      const values = args.map(([n, v]) => [n, jsonValue(v)] as const);
      if (values.some(([, v]) => v === undefined)) return undefined;
      return inModule(f, setProperties(f, path, values, anchor?.name));
    },
    /** An argument or nested block of `body` removed (in JSON: its property; one of several blocks: its array item). */
    removeItem(body: Body, item: Attribute | Block): TextEdit[] | undefined {
      const f = json(item);
      if (!f) return hcl.removeItem(doc.text, body, item);
      if ('name' in item) {
        const key = findNodeAtOffset(f.root, item.start - f.span.start);
        const prop = key?.type === 'property' ? key : key?.parent;
        return prop?.type === 'property' && prop.children?.[1] ? inModule(f, remove(f, getNodePath(prop.children[1]))) : undefined;
      }
      const path = bodyPath(f, item);
      if (!path) return undefined;
      // The only block of its type written as an array: the property goes, not just the item.
      const parent = findNodeAtOffset(f.root, item.end - 1 - f.span.start)?.parent;
      const only = typeof path[path.length - 1] === 'number' && parent?.type === 'array' && parent.children?.length === 1;
      return inModule(f, remove(f, only ? path.slice(0, -1) : path));
    },
    removeTupleItem(list: Extract<Expr, { k: 'tuple' }>, index: number): TextEdit[] | undefined {
      const f = json(list);
      if (!f) return lists.removeTupleItem(doc.text, list, index);
      const path = pathOf(f, list.start, 'array');
      return path && list.items.length > 1 ? inModule(f, remove(f, [...path, index])) : undefined;
    },
    appendTupleItem(list: Extract<Expr, { k: 'tuple' }>, value: string): TextEdit[] | undefined {
      const f = json(list);
      if (!f) return lists.appendTupleItem(doc.text, list, value);
      const path = pathOf(f, list.start, 'array');
      const v = jsonValue(value);
      return path && v !== undefined ? inModule(f, appendItem(f, path, v)) : undefined;
    },
    /** A nested block added: `lines` in HCL, `object` its body in JSON (one more item where the type has some). */
    addNestedBlock(block: Block, type: string, lines: string[], object: Record<string, unknown>): TextEdit[] | undefined {
      const f = json(block);
      if (!f) return lists.addNestedBlock(doc.text, block, type, lines);
      const path = bodyPath(f, block);
      if (!path) return undefined;
      const existing = block.body.blocks.filter((b) => b.type === type);
      const last = block.body.attributes.concat().sort((a, b) => a.end - b.end).pop();
      if (!existing.length) return inModule(f, setProperty(f, path, type, [object], last?.name));
      // Blocks of the type written as one object (not an array) take no second one without a rewrite.
      const list = pathOf(f, existing[0]!.end - 1, 'object');
      return list && typeof list[list.length - 1] === 'number' ? inModule(f, appendItem(f, list.slice(0, -1), object)) : undefined;
    },
    /** `data "<type>" "current" {}` added to the file (`fileEnd`: the file's end in the module's text). */
    addCurrentData(fileEnd: number, type: string): TextEdit[] | undefined {
      const f = jsonFileAt(doc, fileEnd - 1);
      if (!f) return [lists.appendTopLevel(doc.text, fileEnd, `data "${type}" "current" {}`)];
      return inModule(f, addTopLevel(f, 'data', type, 'current', {}));
    },
    /** A resource added to the .tf.json file `offset` lies in (under its `resource` object); undefined for a .tf file. */
    addJsonResource(offset: number, type: string, name: string, body: Record<string, unknown>): TextEdit[] | undefined {
      const f = jsonFileAt(doc, offset);
      return f && inModule(f, addTopLevel(f, 'resource', type, name, body));
    },
    /** An object appended to a JSON array written as an argument (`"ingress": [{...}]`, blocks in Terraform's JSON). */
    appendJsonObject(list: Extract<Expr, { k: 'tuple' }>, object: Record<string, unknown>): TextEdit[] | undefined {
      const f = json(list);
      const path = f && pathOf(f, list.start, 'array');
      return f && path ? inModule(f, appendItem(f, path, object)) : undefined;
    },
    /** Whether the offset lies in a .tf.json file. */
    isJson: (offset: number) => doc.files.some((s) => offset >= s.start && offset < s.end && TF_JSON.test(s.path)),
  };
}
