import type { Finding } from '../findings.js';
import { scalarString, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import { attributeStatus, declaredNames, PSEUDO_PARAMETERS, refStatus, type DeclaredNames, type RefStatus } from '../cfn/names.js';
import { subReferences, verbatimStart, walkReferences, type ReferenceKind } from '../cfn/reference-walk.js';
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
  noTerraform: 'CloudFormation names (Ref, Fn::GetAtt, Fn::Sub variables, DependsOn, conditions); a Terraform reference to what the configuration does not declare is VPCE0005.',
} as const;

/** The name as written and the declared name it most likely means (the quick fix writes it instead). */
export type UnresolvedReferenceData = { name: string; suggestion: string };

type Kind = ReferenceKind;

export const unresolvedReference: Rule<UnresolvedReferenceData> = {
  meta,
  check(ctx) {
    // Terraform's lowered templates name what the Terraform adapter declares (VPCE0005 is its check).
    if (ctx.words.format === 'terraform') return [];
    const names = declaredNames(ctx.template);
    if (names.uncertain) return [];
    return new Judge(ctx, names).run();
  },
};

class Judge {
  private readonly out: Finding<UnresolvedReferenceData>[] = [];
  private readonly seen = new Set<string>();
  private readonly text: string;
  private readonly loops: boolean;

  constructor(private readonly ctx: RuleContext, private readonly names: DeclaredNames) {
    this.text = ctx.template.text;
    this.loops = templateTransforms(ctx.template.root).includes(LANGUAGE_EXTENSIONS);
  }

  run(): Finding<UnresolvedReferenceData>[] {
    walkReferences(this.ctx.template, { name: (node, kind, inConditions) => this.name(node, kind, inConditions), sub: (body, bound) => this.sub(body, bound) }, this.loops ? scopeOf(this.ctx) : undefined);
    return this.out;
  }

  /** A name written as a scalar: `Ref`'s, `Fn::GetAtt`'s first item or `X.Attr`, a condition, a DependsOn entry. */
  private name(node: Node | null | undefined, kind: Kind, inConditions: boolean): void {
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
    for (const ref of subReferences(this.text, body, bound)) {
      const dot = ref.name.indexOf('.');
      const name = dot > 0 ? ref.name.slice(0, dot) : ref.name;
      const kind = dot > 0 ? 'getatt' : 'sub';
      if (this.status(name, kind) !== 'undeclared') continue;
      const at = ref.start();
      this.judge(name, kind, at === undefined ? undefined : { start: at, end: at + name.length }, ref.node, bound);
    }
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
