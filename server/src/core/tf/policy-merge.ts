// An aws_iam_policy_document that merges other documents, as the AWS provider builds its `json`:
// source documents first, in list order (a Sid written twice among them fails the read); the block's own
// statements (version, policy_id) next; then the override documents, in list order. Each merge puts a
// statement with a Sid in the place of the statement already there with that Sid, or appends it; a
// statement without a Sid (or with "") is always appended. Id: the last non-empty one; Version: the
// greatest. Provider 4 and earlier also read `source_json` (the base the source documents merge into, read
// as written) and `override_json` (merged last); provider 5 removed them, and later releases accept them
// only empty.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
// hashicorp/terraform-provider-aws internal/service/iam/policy_document_data_source.go (dataSourcePolicyDocumentRead),
// policy_model.go (Merge); source_json/override_json: issues 22906, 31637.
//
// Every document must be known to know the result; one that is not makes the policy unknown, named by
// the value that decides it (`var.base_policy`). The statements keep their nodes, so a finding lands in
// the statement where it is written: another data source's block, a jsonencode object, a JSON string.

import type { MapNode, Node, Pair } from '../document/tree.js';
import type { Block } from './hcl-ast.js';
import { attr } from './hcl-ast.js';
import { lower, textOf, type Scope } from './eval.js';
import { isUnknownNode, map, pair, seq, unknownNode } from './nodes.js';
import { jsonInString } from '../policy/extract.js';
import { awsConstraintOf, awsMajorBound } from './provider-version.js';

export const MERGE_ARGUMENTS = ['source_json', 'source_policy_documents', 'override_policy_documents', 'override_json'] as const;

/** One document to merge: its Version and Id (values as written, null when absent) and statements. */
interface Doc {
  version: Node | null;
  id: Node | null;
  statements: Node[];
}

/** Why the result is not known, and the value that decides it. */
class NotKnown {
  constructor(readonly why: string, readonly decides: string) {}
}

/**
 * The document `own` (the block's own version, policy_id and statements, as data-sources.ts lowers them)
 * merged with the documents the block names; `own` itself when it names none.
 */
export function mergedPolicy(block: Block, scope: Scope, depth: number, address: string, own: MapNode): Node {
  try {
    return merge(block, scope, depth, address, own);
  } catch (e) {
    if (e instanceof NotKnown) return unknownNode(`${address}: ${e.why}`, e.decides, block);
    throw e;
  }
}

function merge(block: Block, scope: Scope, depth: number, address: string, own: MapNode): Node {
  const given = (name: string): Node | undefined => {
    const a = attr(block.body, name);
    const v = a && lower(a.value, scope, depth + 1);
    // Null is not set; the provider reads "" and [] as not set either (GetOk skips a zero value).
    if (!v || (v.kind === 'scalar' && (v.value === null || v.value === '')) || (v.kind === 'seq' && v.items.length === 0)) return undefined;
    return v;
  };
  const ownStatements = pairValue(own, 'Statement');
  const ownSids = (skipUnknown: boolean) => {
    // The provider refuses a Sid written twice in the block's statements ("duplicate Sid").
    if (!ownStatements || isUnknownNode(ownStatements) || ownStatements.kind !== 'seq') return;
    sidsOnce(ownStatements.items, 'its statements', address, skipUnknown);
  };
  if (!MERGE_ARGUMENTS.some((name) => attr(block.body, name))) {
    ownSids(true);
    return own;
  }
  const legacy = (name: 'source_json' | 'override_json'): Doc | undefined => {
    const v = given(name);
    if (!v) return undefined;
    const bound = awsMajorBound(scope.decls.syntax ? awsConstraintOf(scope.decls.syntax) : undefined, 5);
    // Provider 5 and later accept it only empty: a value known to be a document fails the plan; one not
    // known is empty wherever the configuration plans.
    if (bound === 'at-least') {
      if (isUnknownNode(v)) return undefined;
      throw new NotKnown(`${name} is not accepted by AWS provider 5 and later unless empty, so the configuration does not plan`, `${address}.${name}`);
    }
    if (bound !== 'below') throw new NotKnown(`${name} is merged only by AWS provider 4 and earlier (5 removed it), and the configuration's required_providers does not say which it runs with`, 'the AWS provider version');
    return documentOf(v, `${name}`, scope, address);
  };
  const list = (name: string): Doc[] => {
    const v = given(name);
    if (!v) return [];
    if (isUnknownNode(v)) throw fromUnknown(v, name);
    if (v.kind !== 'seq') throw new NotKnown(`${name} is not a list of documents`, `${address}.${name}`);
    // A null entry is skipped (the provider's read passes over nil).
    return v.items.flatMap((item, i) => (item.kind === 'scalar' && item.value === null ? [] : [documentOf(item, `${name}[${i}]`, scope, address)]));
  };

  // source_json (provider 4) is the merged document as written, its Sids the first the sources must not repeat.
  const base = legacy('source_json');
  const out: Doc = { version: base?.version ?? null, id: base?.id ?? null, statements: [...(base?.statements ?? [])] };
  const sources = list('source_policy_documents');
  if (sources.length) sidsOnce(sources.flatMap((d) => d.statements), 'source_policy_documents', address, false, out.statements.map(knownSid));
  for (const d of sources) mergeInto(out, d);
  ownSids(false);
  if (ownStatements && isUnknownNode(ownStatements)) throw fromUnknown(ownStatements, 'its statements');
  mergeInto(out, { version: pairValue(own, 'Version'), id: pairValue(own, 'Id'), statements: ownStatements?.kind === 'seq' ? ownStatements.items : [] });
  for (const d of list('override_policy_documents')) mergeInto(out, d);
  const last = legacy('override_json');
  if (last) mergeInto(out, last);

  const pairs: Pair[] = [];
  if (out.version) pairs.push(pairOf(own, 'Version', out.version));
  if (out.id) pairs.push(pairOf(own, 'Id', out.id));
  pairs.push(pair('Statement', block.typeAt, seq(out.statements, block)));
  return map(pairs, block);
}

/** The pair for a merged member: its value's own key where the value is written in a document, else at the block. */
function pairOf(own: MapNode, key: string, value: Node): Pair {
  const written = own.pairs.find((p) => p.value === value);
  return written ? { key: written.key, value } : pair(key, value, value);
}

/** A statement's Sid: '' for none (or ""); a Sid not known makes what the merge does with it not known. */
function knownSid(statement: Node): string {
  if (statement.kind !== 'map') return '';
  const v = pairValue(statement, 'Sid');
  if (!v || (v.kind === 'scalar' && (v.value === null || v.value === ''))) return '';
  if (v.kind === 'scalar') return String(v.value);
  throw isUnknownNode(v) ? fromUnknown(v, "a statement's Sid") : new NotKnown("a statement's Sid is not a string", 'Sid');
}

/** The provider fails where a Sid is written twice among these statements (its duplicate-Sid check). */
function sidsOnce(statements: Node[], where: string, address: string, skipUnknown: boolean, before: string[] = []): void {
  const seen = new Set<string>(before.filter(Boolean));
  for (const s of statements) {
    let sid: string;
    try {
      sid = knownSid(s);
    } catch (e) {
      // A block that merges nothing keeps its statements: only a Sid it knows twice is the provider's error.
      if (skipUnknown && e instanceof NotKnown) continue;
      throw e;
    }
    if (!sid) continue;
    if (seen.has(sid)) throw new NotKnown(`Sid "${sid}" is written twice in ${where}, so the AWS provider fails reading the document ("duplicate Sid")`, `${address}'s Sid "${sid}"`);
    seen.add(sid);
  }
}

/** The provider's Merge: Id adopted when not empty, Version raised, statements put in place of their Sid or appended. */
function mergeInto(out: Doc, d: Doc): void {
  if (d.id && !(d.id.kind === 'scalar' && (d.id.value === null || d.id.value === ''))) out.id = d.id;
  if (d.version) {
    const now = out.version;
    const text = (n: Node | null) => (n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined);
    // An unknown Version may be either; the greater of two known ones is the string order Go compares by.
    if (!now || isUnknownNode(d.version) || isUnknownNode(now)) out.version = now && isUnknownNode(now) ? now : d.version;
    else if ((text(d.version) ?? '') > (text(now) ?? '')) out.version = d.version;
  }
  for (const s of d.statements) {
    const sid = knownSid(s);
    const at = sid ? out.statements.findIndex((x) => knownSid(x) === sid) : -1;
    if (at >= 0) out.statements[at] = s;
    else out.statements.push(s);
  }
}

/** A document given as a value: another document's `json` or a jsonencode object (a map), or a JSON string. */
function documentOf(v: Node, what: string, scope: Scope, address: string): Doc {
  if (isUnknownNode(v)) throw fromUnknown(v, what);
  let root: MapNode | null = null;
  if (v.kind === 'scalar' && typeof v.value === 'string') {
    const parsed = jsonInString(scope.decls.text, v);
    if (parsed.problems.some((p) => p.severity === 'error')) throw new NotKnown(`${what} is not JSON, so the AWS provider fails reading it`, `${address}.${what}`);
    root = parsed.root;
  } else if (v.kind === 'map') {
    if (intrinsic(v)) throw notKnownValue(v, what, scope);
    root = v;
  }
  if (!root) throw new NotKnown(`${what} is not a JSON object`, `${address}.${what}`);
  const statements = pairValue(root, 'Statement');
  if (statements && isUnknownNode(statements)) throw fromUnknown(statements, what);
  // The provider reads Statement as a list of objects; another form fails its read, which is not judged
  // here; a statement a condition chooses (Fn::If) or not known is not known either.
  if (statements && (statements.kind !== 'seq' || statements.items.some((s) => s.kind !== 'map' || intrinsic(s)))) {
    const inner = statements.kind === 'seq' ? statements.items.find(intrinsic) : undefined;
    if (inner) throw notKnownValue(inner, what, scope);
    throw new NotKnown(`${what}'s Statement is not a list of statements, which the AWS provider does not read`, `${address}.${what}`);
  }
  for (const s of statements?.kind === 'seq' ? statements.items : []) knownSid(s);
  return { version: pairValue(root, 'Version'), id: pairValue(root, 'Id'), statements: statements?.kind === 'seq' ? [...statements.items] : [] };
}

/** A member of a document; JSON members are matched without regard to case, as the provider's decoder does. */
function pairValue(m: Node, key: string): Node | null {
  if (m.kind !== 'map') return null;
  const p = m.pairs.find((x) => x.key.value === key) ?? m.pairs.find((x) => String(x.key.value).toLowerCase() === key.toLowerCase());
  return p?.value ?? null;
}

/** A value the lowering left to deploy time or to a condition (`Fn::Unknown`, `Fn::If`, `Ref`, ...), not a document's object. */
function intrinsic(n: Node): boolean {
  const key = n.kind === 'map' && n.pairs.length === 1 ? String(n.pairs[0]!.key.value) : '';
  return key === 'Ref' || key.startsWith('Fn::');
}

/** What leaves an intrinsic not known: the test of a choice (`Fn::If`), else the first unknown in it, else its text. */
function notKnownValue(n: Node, what: string, scope: Scope): NotKnown {
  if (isUnknownNode(n)) return fromUnknown(n, what);
  const first = n.kind === 'map' ? n.pairs[0] : undefined;
  const test = first?.key.value === 'Fn::If' && first.value?.kind === 'seq' ? first.value.items[0] : undefined;
  if (test?.kind === 'scalar') return new NotKnown(`it merges ${what}, which ${String(test.value)} chooses`, String(test.value));
  return fromUnknown(firstUnknown(n) ?? n, what, textOf(scope, n));
}

function firstUnknown(n: Node | null): Node | undefined {
  if (!n) return undefined;
  if (isUnknownNode(n)) return n;
  if (n.kind === 'seq') for (const i of n.items) { const u = firstUnknown(i); if (u) return u; }
  if (n.kind === 'map') for (const p of n.pairs) { const u = firstUnknown(p.value); if (u) return u; }
  return undefined;
}

/** The unknown an input is, named by the value that decides it. */
function fromUnknown(u: Node, what: string, text?: string): NotKnown {
  const items = u.kind === 'map' && u.pairs[0]?.value?.kind === 'seq' && isUnknownNode(u) ? u.pairs[0].value.items : [];
  const [why, decides] = items;
  if (why?.kind === 'scalar' && decides?.kind === 'scalar') return new NotKnown(`it merges ${what}, and ${String(why.value)}`, String(decides.value));
  return new NotKnown(`it merges ${what}, which is not known statically`, text?.replace(/\s+/g, ' ').trim() || what);
}
