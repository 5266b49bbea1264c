// What a property's value is, as far as the template alone can tell. Anything decided at deploy time
// (an imported value, a parameter without a default, an account id) is `unknown`, never a guess.

import type { MapNode, Node } from '../document/tree.js';

export type Pseudo = 'AWS::Region' | 'AWS::Partition' | 'AWS::URLSuffix';

/** One piece of a string: literal text, a pseudo parameter kept symbolic, or something unknowable. */
export type Part = { lit: string } | { pseudo: Pseudo } | UnknownPart;

/** A piece known only at deploy time: why, and (when the value names it) what decides it and its identity. */
export interface UnknownPart {
  unknown: string;
  decides?: string;
  identity?: string;
  node?: Node | null;
}

export type Value =
  | {
      kind: 'str';
      parts: Part[];
      node: Node;
      /** The whole text is this parameter's value (its default, or the scenario's setting). */
      fromParameter?: string;
      /**
       * Parameters whose values went into a text made of several parts (`!Sub 'com.amazonaws.${Region}.s3'`,
       * `!Join`, a `Fn::FindInMap` keyed by `!Ref Env`), each with the value used: the text is the
       * deployment's to choose, as a parameter's own value is.
       */
      fromParameters?: { parameter: string; value: string }[];
    }
  | { kind: 'num'; value: number; node: Node }
  | { kind: 'bool'; value: boolean; node: Node }
  | { kind: 'list'; items: Value[]; node: Node }
  /** A template resource: `Ref` (attr undefined) or `Fn::GetAtt`. */
  | { kind: 'ref'; target: string; attr?: string; node: Node }
  /** A plain mapping (not an intrinsic). */
  | { kind: 'map'; node: MapNode }
  | { kind: 'if'; condition: string; then: Value; else: Value; node: Node }
  /** `AWS::NoValue`, or a key with nothing after it. */
  | { kind: 'absent'; node: Node | null }
  /**
   * `identity` lets two unknowns be compared without knowing them: `!Select [0, !GetAZs '']` is the
   * same zone wherever it appears, though nobody knows which one until deploy.
   */
  | {
      kind: 'unknown';
      why: string;
      node: Node | null;
      identity?: string;
      /** The value that decides it, when the adapter names it (`var.vpc_id`). */
      decides?: string;
      /**
       * A range carved from unknown ranges (`!Select [1, !Cidr [X, 4, 64]]`, `cidrsubnet(X, 8, 1)`): their
       * identities, each holding every address of this one (model/range-identity.ts).
       */
      within?: string[];
    };

export interface Branch<V = Value> {
  value: V;
  /** Conditions under which this branch applies; `!Name` is the negation. Empty: always. */
  when: string[];
}

const MAX_BRANCHES = 16;

/** The parameters a string value rests on, with the value each gave it. */
export function parametersOf(value: Value): { parameter: string; value: string }[] {
  if (value.kind !== 'str') return [];
  if (value.fromParameter) {
    const text = literal(value);
    return text === undefined ? [] : [{ parameter: value.fromParameter, value: text }];
  }
  return value.fromParameters ?? [];
}

/** Every concrete alternative of a value, following `Fn::If` (at the top and inside lists). */
export function branches(value: Value, when: string[] = []): Branch[] {
  if (value.kind === 'if') {
    const out = [
      ...branches(value.then, [...when, value.condition]),
      ...branches(value.else, [...when, `!${value.condition}`]),
    ];
    return out.slice(0, MAX_BRANCHES);
  }
  if (value.kind === 'list' && value.items.some((i) => i.kind === 'if')) {
    let combos: Branch<Value[]>[] = [{ value: [], when }];
    for (const item of value.items) {
      const next: Branch<Value[]>[] = [];
      for (const combo of combos) {
        for (const b of branches(item, combo.when)) {
          next.push({ value: b.value.kind === 'absent' ? combo.value : [...combo.value, b.value], when: b.when });
        }
      }
      combos = next.slice(0, MAX_BRANCHES);
    }
    return combos.map((c) => ({ value: { kind: 'list', items: c.value, node: value.node }, when: c.when }));
  }
  return [{ value, when }];
}

/** The literal text of a string value, or undefined when any part of it is not literal. */
export function literal(value: Value): string | undefined {
  if (value.kind === 'str') {
    let out = '';
    for (const p of value.parts) {
      if (!('lit' in p)) return undefined;
      out += p.lit;
    }
    return out;
  }
  if (value.kind === 'num') return String(value.value);
  if (value.kind === 'bool') return String(value.value);
  return undefined;
}

/**
 * A string value with pseudo parameters written as `${AWS::Region}` and so on, for matching against
 * patterns; undefined when any part is unknown.
 */
export function withPseudos(value: Value): string | undefined {
  if (value.kind !== 'str') return literal(value);
  let out = '';
  for (const p of value.parts) {
    if ('lit' in p) out += p.lit;
    else if ('pseudo' in p) out += `\${${p.pseudo}}`;
    else return undefined;
  }
  return out;
}

/** true/false for booleans and their string spellings; undefined when unknown or not a boolean. */
export function truthy(value: Value): boolean | undefined {
  if (value.kind === 'bool') return value.value;
  const s = literal(value)?.toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  return undefined;
}


/**
 * A text whose one unknown piece is a whole dot-separated segment and whose other pieces are literal
 * (`com.amazonaws.${Region}.sqs`): the text with that segment written `${AWS::Region}`, so that the rest
 * of it can be read as a service name is, and the piece itself. undefined for any other text.
 */
export function withOneUnknownSegment(value: Value): { text: string; part: UnknownPart } | undefined {
  if (value.kind !== 'str') return undefined;
  const at = value.parts.findIndex((p) => 'unknown' in p);
  if (at < 0 || value.parts.some((p, i) => i !== at && !('lit' in p))) return undefined;
  // Literal runs may come in pieces (a Fn::Join's items and delimiters).
  const text = (ps: Part[]) => ps.map((p) => ('lit' in p ? p.lit : '')).join('');
  const before = text(value.parts.slice(0, at));
  const after = text(value.parts.slice(at + 1));
  if ((before && !before.endsWith('.')) || (after && !after.startsWith('.'))) return undefined;
  return { text: `${before}\${AWS::Region}${after}`, part: value.parts[at] as UnknownPart };
}
