// From CloudFormation values to model facts: what is known (and where), what is not (and which value
// decides it). The one place that turns `Value`s into `Fact`s, so every adapter file says "unknown" alike.

import type { Node } from '../document/tree.js';
import type { Resource } from './template.js';
import type { Resolver } from './resolve.js';
import { branches, literal, parametersOf, type Value } from './values.js';
import { known, unknownFact, type Fact, type FactBranch, type FromDefault, type IdList, type IdListBranch, type Span } from '../model/types.js';
import { INPUT_DEFAULT } from '../model/defaults-note.js';

export function spanOf(node: Node | null | undefined, fallback?: Span): Span {
  return node ? { start: node.start, end: node.end } : (fallback ?? { start: 0, end: 0 });
}

export function keySpan(r: Resource): Span {
  return { start: r.key.start, end: r.key.end };
}

/** The parameter default a value rests on, when the deployment does not set that parameter. */
export function fromDefaultOf(values: Resolver, v: Value): FromDefault | undefined {
  // A text made with a parameter (`!Sub`, `!Join`, `!FindInMap` keyed by it) names that parameter's value.
  const p = parametersOf(v).find((p) => !values.scenario?.params.has(p.parameter));
  if (p) return p;
  // A Terraform variable's default, lowered in place of the variable.
  const variable = v.node ? INPUT_DEFAULT.get(v.node) : undefined;
  const text = variable === undefined ? undefined : v.kind === 'bool' || v.kind === 'num' ? String(v.value) : literal(v);
  return variable !== undefined && text !== undefined ? { parameter: variable, value: text } : undefined;
}

/** Why a value is not known, for a fact about `what` (`S3Endpoint's RouteTableIds`). */
export function unknownOf<T>(v: Value, what: string): Fact<T> {
  if (v.kind === 'if') return unknownFact(`${what} depends on condition ${v.condition}, which this deployment does not decide`, `condition ${v.condition}`, spanOf(v.node));
  if (v.kind === 'unknown') {
    const param = /^parameter (\S+)/.exec(v.why)?.[1];
    const imported = /\bthe imported value (\S+) is known/.exec(v.why)?.[1];
    return unknownFact(`${what} is known only at deploy time: ${v.why}`, v.decides ?? (param ? `parameter ${param}` : imported ? `import ${imported}` : what), spanOf(v.node));
  }
  if (v.kind === 'str') {
    const why = v.parts.find((p): p is { unknown: string } => 'unknown' in p)?.unknown;
    return unknownFact(`${what} is known only at deploy time${why ? `: ${why}` : ''}`, what, spanOf(v.node));
  }
  return unknownFact(`${what} is not a value the template fixes`, what, spanOf(v.node));
}

/** A string fact; `fallback` for an absent value (a CloudFormation default), undefined: absent is unknown. */
export function textFact(values: Resolver, v: Value, what: string, fallback?: { value: string; at: Span }): Fact<string> {
  if (v.kind === 'if') return conditional(v, unknownOf(v, what), (b) => textFact(values, b, what, fallback));
  if (v.kind === 'absent') return fallback ? known(fallback.value, fallback.at) : unknownFact(`${what} is not set`, what);
  const text = literal(v);
  return text === undefined ? unknownOf(v, what) : known(text, spanOf(v.node), fromDefaultOf(values, v));
}

export function boolFact(values: Resolver, v: Value, what: string, fallback: { value: boolean; at: Span }): Fact<boolean> {
  if (v.kind === 'if') return conditional(v, unknownOf(v, what), (b) => boolFact(values, b, what, fallback));
  if (v.kind === 'absent') return known(fallback.value, fallback.at);
  const text = literal(v)?.toLowerCase();
  if (text === 'true' || text === 'false') return known(text === 'true', spanOf(v.node), fromDefaultOf(values, v));
  return unknownOf(v, what);
}

/**
 * DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: CloudFormation's OnlyInboundResolver /
 * AllResolvers / NotSpecified, Terraform's bool. NotSpecified or absent leaves AWS's default: on for a
 * service with both gateway and interface endpoints (S3), whose private DNS then needs the gateway
 * endpoint; AWS rejects it without one ("To set PrivateDnsOnlyForInboundResolverEndpoint to true, the
 * VPC must have a Gateway endpoint for the service").
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-vpcendpoint-dnsoptionsspecification.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
 */
export function inboundOnlyFact(values: Resolver, v: Value, what: string, awsDefault: { value: boolean; at: Span }): Fact<boolean> {
  if (v.kind === 'if') return conditional(v, unknownOf(v, what), (b) => inboundOnlyFact(values, b, what, awsDefault));
  const text = v.kind === 'absent' ? 'notspecified' : literal(v)?.toLowerCase();
  if (text === 'notspecified') return known(awsDefault.value, awsDefault.at);
  if (text === 'onlyinboundresolver') return known(true, spanOf(v.node), fromDefaultOf(values, v));
  if (text === 'allresolvers') return known(false, spanOf(v.node), fromDefaultOf(values, v));
  return boolFact(values, v, what, awsDefault);
}

/**
 * What a single reference points at: a template resource's logical id, or a literal id of something
 * outside the template (`vpc-0abc…`). Absent: `absent` (undefined: absent is unknown).
 */
export function refFact(v: Value, what: string, absent?: { value: string | null; at: Span }, opaque = false): Fact<string> {
  if (v.kind === 'absent') return absent?.value ? known(absent.value, absent.at) : unknownFact(`${what} is not set`, what);
  if (v.kind === 'ref') return known(v.target, spanOf(v.node));
  // `opaque`: a VPC passed in as a parameter or import is some VPC outside the template; which one we
  // do not know, but every reference to the same parameter names the same one (in Terraform: the
  // same input variable, data source or module output).
  if (opaque && v.kind === 'unknown' && v.identity && /^(parameter |import |var\.|data\.|module\.)/.test(v.identity)) return known(v.identity, spanOf(v.node));
  const text = literal(v);
  return text !== undefined ? known(text, spanOf(v.node)) : unknownOf(v, what);
}

/**
 * A list of references. A member known only at deploy time leaves the list incomplete, never shorter.
 * `possible`: whether some deployment takes a set of conditions together; given it, a list that conditions
 * the deployment does not decide choose (Fn::If) gets its members on each branch that is possible.
 */
export function idList(v: Value, what: string, possible?: (when: string[]) => boolean): IdList {
  if (v.kind === 'absent') return { items: [], complete: true };
  const chosen = possible ? listBranches(v, what, possible) : undefined;
  if (v.kind !== 'list') {
    const f = unknownOf<string>(v, what);
    return { items: [], complete: false, why: f.known ? undefined : f.why, decides: f.known ? undefined : f.decides, ...(chosen ? { branches: chosen } : {}) };
  }
  const out: IdList = { items: [], complete: true };
  for (const item of v.items) {
    if (item.kind === 'absent') continue;
    const f = refFact(item, what);
    if (f.known) out.items.push({ id: f.value, at: f.at ?? spanOf(item.node) });
    else if (out.complete) Object.assign(out, { complete: false, why: f.why, decides: f.decides });
  }
  return chosen ? { ...out, branches: chosen } : out;
}

const MAX_LIST_BRANCHES = 16;

type Member = { value: Value; when: string[] };

/** The members of a value that is a list on each branch of its Fn::Ifs, each member with the Fn::Ifs it sits in. */
function listChoices(v: Value, when: string[]): { when: string[]; members: Member[] | Value; node?: Node }[] {
  if (v.kind === 'if') return [...listChoices(v.then, [...when, v.condition]), ...listChoices(v.else, [...when, `!${v.condition}`])].slice(0, MAX_LIST_BRANCHES);
  if (v.kind !== 'list') return [{ when, members: v }];
  let combos: { when: string[]; members: Member[]; node?: Node }[] = [{ when, members: [], ...(v.items.some((i) => i.kind === 'if') ? {} : { node: v.node }) }];
  for (const item of v.items) {
    const next: typeof combos = [];
    for (const c of combos) for (const m of memberChoices(item, c.when, [])) next.push({ ...c, when: m.when, members: m.value.kind === 'absent' ? c.members : [...c.members, { value: m.value, when: m.own }] });
    combos = next.slice(0, MAX_LIST_BRANCHES);
  }
  return combos;
}

function memberChoices(v: Value, when: string[], own: string[]): { value: Value; when: string[]; own: string[] }[] {
  if (v.kind !== 'if') return [{ value: v, when, own }];
  return [...memberChoices(v.then, [...when, v.condition], [...own, v.condition]), ...memberChoices(v.else, [...when, `!${v.condition}`], [...own, `!${v.condition}`])];
}

// Undefined when no condition chooses the members (no Fn::If in the list, or only ones the deployment decided).
function listBranches(v: Value, what: string, possible: (when: string[]) => boolean): IdListBranch[] | undefined {
  if (v.kind !== 'if' && !(v.kind === 'list' && v.items.some((i) => i.kind === 'if'))) return undefined;
  const out: IdListBranch[] = [];
  for (const c of listChoices(v, [])) {
    // A branch that names a condition both ways, or that no deployment takes (a parameter's AllowedValues rule it out), is none.
    const when = [...new Set(c.when)];
    if (when.some((x) => when.includes(x.startsWith('!') ? x.slice(1) : `!${x}`)) || !possible(when)) continue;
    if (!Array.isArray(c.members)) {
      const list = idList(c.members, what);
      out.push({ when, ...(c.members.node ? { valueAt: spanOf(c.members.node) } : {}), items: list.items.map((i) => ({ ...i, when: [] })), complete: list.complete, ...(list.why ? { why: list.why } : {}), ...(list.decides ? { decides: list.decides } : {}) });
      continue;
    }
    const branch: IdListBranch = { when, ...(c.node ? { valueAt: spanOf(c.node) } : {}), items: [], complete: true };
    for (const m of c.members) {
      const f = refFact(m.value, what);
      if (f.known) branch.items.push({ id: f.value, at: f.at ?? spanOf(m.value.node), when: [...new Set(m.when)] });
      else if (branch.complete) Object.assign(branch, { complete: false, why: f.why, decides: f.decides });
    }
    out.push(branch);
  }
  return out;
}

/** A reference that rests on a parameter's default says so (a default VPC id a deployment may replace). */
export function vpcRef(values: Resolver, v: Value, what: string): Fact<string> {
  const f = refFact(v, what, undefined, true);
  const fromDefault = f.known ? fromDefaultOf(values, v) : undefined;
  return f.known && fromDefault ? { ...f, fromDefault } : f;
}

/**
 * A value that depends on conditions this deployment does not decide: unknown, with its value on each
 * branch when every branch is known (a conditional fact). A branch that is absent gets the fallback,
 * marked as defaulted.
 */
function conditional<T>(v: Value, unknown: Fact<T>, read: (b: Value) => Fact<T>): Fact<T> {
  if (unknown.known) return unknown;
  const out: FactBranch<T>[] = [];
  for (const b of branches(v)) {
    const f = read(b.value);
    if (!f.known) return unknown;
    out.push(b.value.kind === 'absent' ? { when: b.when, value: f.value, at: f.at, defaulted: true } : { when: b.when, value: f.value, at: f.at });
  }
  return { ...unknown, branches: out };
}
