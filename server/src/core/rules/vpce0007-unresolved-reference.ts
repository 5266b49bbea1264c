import type { Finding } from '../findings.js';
import { asMap, asSeq, scalarString, valueOf, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import { attributeStatus, declaredNames, PSEUDO_PARAMETERS, refStatus, type DeclaredNames, type RefStatus } from '../cfn/names.js';
import { expandPairs, FOR_EACH } from '../cfn/language-extensions.js';
import { LANGUAGE_EXTENSIONS, templateTransforms } from '../cfn/transforms.js';
import { closest } from '../util/suggest.js';
import { finding, type Rule, type RuleContext } from './types.js';

// What is declared (and whether that is certain under the template's transforms) is cfn/names.ts's
// answer, the one the resolver gives the trace: a name it calls missing is the name this rule reports.
const meta = {
  id: 'VPCE0007',
  severity: 'error',
  title: 'Reference to a name the template does not declare',
  why:
    'CloudFormation rejects a template whose Ref, Fn::GetAtt, Fn::Sub variable, DependsOn or condition names no parameter, resource, pseudo parameter or condition it declares ("Template format error: Unresolved resource dependencies [X] in the Resources block of the template"): nothing is deployed. ' +
    'Names a transform makes are not reported: SAM\'s generated resources (MyFunctionRole, ServerlessRestApi, MyApiProdStage), anything under a macro or AWS::Include, and Fn::ForEach loops known only at deploy time.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html',
} as const;

/** The name as written and the declared name it most likely means (the quick fix writes it instead). */
export type UnresolvedReferenceData = { name: string; suggestion: string };

type Kind = 'ref' | 'getatt' | 'sub' | 'condition' | 'depends';

// A `${...}` CloudFormation reads as a reference; anything else (shell syntax such as `${A:-b}`) we leave.
const NAME = /^[A-Za-z0-9_:.]+$/;

export const unresolvedReference: Rule<UnresolvedReferenceData> = {
  meta,
  check(ctx) {
    // Terraform's lowered templates name what the Terraform adapter declares (VPCE0005 is its check).
    if (ctx.words.format === 'terraform') return [];
    const names = declaredNames(ctx.template);
    if (names.uncertain) return [];
    return new Walker(ctx, names).run();
  },
};

class Walker {
  private readonly out: Finding<UnresolvedReferenceData>[] = [];
  private readonly seen = new Set<string>();
  private readonly text: string;
  private readonly loops: boolean;

  constructor(private readonly ctx: RuleContext, private readonly names: DeclaredNames) {
    this.text = ctx.template.text;
    this.loops = templateTransforms(ctx.template.root).includes(LANGUAGE_EXTENSIONS);
  }

  run(): Finding<UnresolvedReferenceData>[] {
    const { template } = this.ctx;
    for (const r of template.resources) {
      const condition = valueOf(r.node, 'Condition');
      if (condition) this.name(condition, 'condition');
      const depends = valueOf(r.node, 'DependsOn');
      for (const d of asSeq(depends)?.items ?? (depends ? [depends] : [])) this.name(d, 'depends');
      // Metadata is the author's (and cfn-init's); what CloudFormation resolves there is not ours to judge.
      for (const key of ['Properties', 'UpdatePolicy', 'CreationPolicy']) this.walk(valueOf(r.node, key), false);
    }
    for (const node of template.conditions.values()) this.walk(node, true);
    const outputs = asMap(valueOf(template.root, 'Outputs'))?.pairs ?? [];
    const expanded = this.loops ? expandPairs(outputs, scopeOf(this.ctx)) : outputs;
    for (const pair of expanded) {
      // A loop left as written makes outputs only the deploy knows; its body names its own identifier.
      if (String(pair.key.value).startsWith(FOR_EACH)) continue;
      const output = asMap(pair.value);
      const condition = valueOf(output, 'Condition');
      if (condition) this.name(condition, 'condition');
      this.walk(valueOf(output, 'Value'), false);
      this.walk(valueOf(output, 'Export'), false);
    }
    return this.out;
  }

  private walk(node: Node | null | undefined, inConditions: boolean): void {
    if (!node || node.kind === 'scalar') return;
    if (node.kind === 'seq') {
      for (const item of node.items) this.walk(item, inConditions);
      return;
    }
    const only = node.pairs.length === 1 ? node.pairs[0]! : undefined;
    const fn = only ? String(only.key.value) : undefined;
    const arg = only?.value ?? null;
    if (fn === 'Ref') return this.name(arg, 'ref', inConditions);
    if (fn === 'Condition' && inConditions) return this.name(arg, 'condition');
    if (fn === 'Fn::GetAtt') {
      const seq = asSeq(arg);
      this.name(seq ? seq.items[0] : arg, 'getatt');
      if (seq) this.walk(seq.items[1], inConditions);
      return;
    }
    if (fn === 'Fn::If') {
      const [condition, ...rest] = asSeq(arg)?.items ?? [];
      if (condition) this.name(condition, 'condition');
      for (const r of rest) this.walk(r, inConditions);
      return;
    }
    if (fn === 'Fn::Sub') {
      const seq = asSeq(arg);
      const bound = asMap(seq?.items[1]);
      this.sub(seq ? seq.items[0] : arg, bound);
      for (const p of bound?.pairs ?? []) this.walk(p.value, inConditions);
      return;
    }
    for (const pair of node.pairs) {
      const key = String(pair.key.value);
      // A transform's input is the macro's to read; a loop left as written names its own identifier.
      if (key === 'Fn::Transform' || key.startsWith(FOR_EACH)) continue;
      this.walk(pair.value, inConditions);
    }
  }

  /** A name written as a scalar: `Ref`'s, `Fn::GetAtt`'s first item or `X.Attr`, a condition, a DependsOn entry. */
  private name(node: Node | null | undefined, kind: Kind, inConditions = false): void {
    const written = scalarString(node);
    if (!node || node.kind !== 'scalar' || !written) return;
    const name = kind === 'getatt' ? written.split('.')[0]! : written;
    // Under AWS::LanguageExtensions a name holding a loop's `${Identifier}` is the loop's to make.
    if (!name || (this.loops && /[$&]\{/.test(name))) return;
    if (this.status(name, kind) !== 'undeclared') return;
    const at = verbatimStart(this.text, node, written);
    this.judge(name, kind, at === undefined ? undefined : { start: at, end: at + name.length }, node, undefined, inConditions);
  }

  private sub(body: Node | null | undefined, bound: MapNode | undefined): void {
    const value = scalarString(body);
    // Most bodies are read on every keystroke and name only declared things: nothing is sliced or matched
    // in the source until a variable turns out undeclared.
    if (!body || body.kind !== 'scalar' || value === undefined || !value.includes('${')) return;
    const re = /\$\{([^}]*)\}/g;
    const inValue = [...value.matchAll(re)].map((m) => m[1]!);
    // Where each variable sits in the source: exact when the source holds the same variables in the same order.
    let raw: RegExpMatchArray[] | undefined;
    let exact = false;
    inValue.forEach((inner, i) => {
      if (inner.startsWith('!')) return;
      const trimmed = inner.trim();
      if (!NAME.test(trimmed) || valueOf(bound, trimmed)) return;
      const dot = trimmed.indexOf('.');
      const name = dot > 0 ? trimmed.slice(0, dot) : trimmed;
      const kind = dot > 0 ? 'getatt' : 'sub';
      if (this.status(name, kind) !== 'undeclared') return;
      if (!raw) {
        raw = [...this.text.slice(body.start, body.end).matchAll(re)];
        exact = raw.length === inValue.length && raw.every((m, i) => m[1] === inValue[i]);
      }
      const at = exact ? body.start + raw[i]!.index! + 2 + inner.indexOf(trimmed) : undefined;
      this.judge(name, kind, at === undefined ? undefined : { start: at, end: at + name.length }, body, bound);
    });
  }

  private status(name: string, kind: Kind): RefStatus {
    return kind === 'condition' ? (this.names.conditions.has(name) ? 'resource' : 'undeclared') : kind === 'getatt' || kind === 'depends' ? attributeStatus(this.names, name) : refStatus(this.names, name);
  }

  private judge(name: string, kind: Kind, span: { start: number; end: number } | undefined, node: ScalarNode, bound: MapNode | undefined, inConditions = false): void {
    if (this.status(name, kind) !== 'undeclared') return;
    const key = `${span?.start ?? node.start}:${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const candidates = this.candidates(kind, inConditions, bound);
    const suggestion = closest(name, candidates);
    const message = `${describe(kind, name)}: ${missingWhat(kind, name, inConditions, bound)}, so CloudFormation rejects the template (unresolved dependency ${name})${suggestion ? `; the closest declared name is ${suggestion}` : ''}`;
    // No edit where the source does not hold the name as written (a value made by an Fn::ForEach loop).
    const data = suggestion && span ? { name, suggestion } : undefined;
    this.out.push(finding(meta, node, message, { span, data }));
  }

  private candidates(kind: Kind, inConditions: boolean, bound: MapNode | undefined): string[] {
    const { parameters, resources, conditions } = this.names;
    if (kind === 'condition') return [...conditions];
    if (kind === 'getatt' || kind === 'depends') return [...resources];
    const vars = (bound?.pairs ?? []).map((p) => String(p.key.value));
    // Conditions may refer to parameters (and pseudo parameters) only.
    return [...parameters, ...(inConditions ? [] : resources), ...PSEUDO_PARAMETERS, ...vars];
  }
}

function describe(kind: Kind, name: string): string {
  switch (kind) {
    case 'ref': return `Ref ${name}`;
    case 'getatt': return `Fn::GetAtt ${name}`;
    case 'sub': return `\${${name}} in Fn::Sub`;
    case 'condition': return `Condition ${name}`;
    case 'depends': return `DependsOn ${name}`;
  }
}

function missingWhat(kind: Kind, name: string, inConditions: boolean, bound: MapNode | undefined): string {
  if (kind === 'condition') return `the template declares no condition ${name}`;
  if (kind === 'getatt' || kind === 'depends') return `the template declares no resource ${name}`;
  if (name.startsWith('AWS::')) return `${name} is not a pseudo parameter`;
  const what = inConditions ? 'parameter' : 'parameter or resource';
  return `the template declares no ${what} ${name}${bound ? ' and the Sub\'s variable map does not bind it' : ''}`;
}

/** Where a scalar's text starts in the source when the source holds it as written (plain or quoted, no escapes). */
function verbatimStart(text: string, node: ScalarNode, value: string): number | undefined {
  if (node.style === 'plain' && node.end - node.start === value.length && text.startsWith(value, node.start)) return node.start;
  if ((node.style === 'single' || node.style === 'double') && node.end - node.start - 2 === value.length && text.startsWith(value, node.start + 1)) return node.start + 1;
  return undefined;
}

function scopeOf(ctx: RuleContext) {
  const { parameters, mappings } = ctx.template;
  return {
    parameterDefault: (name: string) => {
      const p = parameters.get(name);
      return p && { type: p.type, node: p.defaultNode };
    },
    mappings,
  };
}
