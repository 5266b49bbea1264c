import type { Finding } from '../findings.js';
import { asSeq, scalarString, valueOf, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import { attributeVerdict } from '../cfn/getatt-attributes.js';
import { declaredNames } from '../cfn/names.js';
import { subReferences, verbatimStart, walkReferences } from '../cfn/reference-walk.js';
import type { Resource } from '../cfn/template.js';
import { closest } from '../util/suggest.js';
import { finding, type Rule, type RuleContext } from './types.js';

// Which names a type's Fn::GetAtt reads is cfn/getatt-attributes.ts's answer; that the resource exists
// is VPCE0007's. Terraform has no Fn::GetAtt: an attribute reference there (`aws_vpc_endpoint.x.dns_entry`)
// is the provider's schema to judge, which we do not carry, so this rule is CloudFormation's only
// (tf/analysis.ts TF_SILENT_RULES turns it off for Terraform's lowered templates).
const meta = {
  id: 'VPCE0008',
  severity: 'error',
  title: 'Fn::GetAtt names an attribute the resource type does not have',
  why:
    'CloudFormation rejects a template whose Fn::GetAtt (or `${Resource.Attribute}` in Fn::Sub) reads an attribute the resource\'s type does not return ("Template error: resource X does not support attribute type Y in Fn::GetAtt"): nothing is deployed. ' +
    'Judged only for the network types whose attributes are known (the CloudFormation resource specification, cross-checked with cfn-lint), with the attribute written literally, and not under a transform (SAM, a macro, AWS::Include, AWS::LanguageExtensions), which may change what a name stands for.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html',
  noTerraform: 'Terraform has no Fn::GetAtt; an attribute reference is the AWS provider schema\'s to judge (terraform validate), and that schema is not carried.',
} as const;

/** The attribute as written and the type's attribute it most likely means (the quick fix writes it instead). */
export type GetAttAttributeData = { name: string; suggestion: string };

export const getAttAttribute: Rule<GetAttAttributeData> = {
  meta,
  check(ctx) {
    const { template } = ctx;
    // A transform may make the resource (or the name) something else before CloudFormation reads it.
    if (valueOf(template.root, 'Transform') || declaredNames(template).uncertain) return [];
    return new Judge(ctx).run();
  },
};

class Judge {
  private readonly out: Finding<GetAttAttributeData>[] = [];
  private readonly byId = new Map<string, Resource>();

  constructor(private readonly ctx: RuleContext) {
    for (const r of ctx.template.resources) this.byId.set(r.id, r);
  }

  run(): Finding<GetAttAttributeData>[] {
    walkReferences(this.ctx.template, { name: () => {}, getAtt: (arg) => this.getAtt(arg), sub: (body, bound) => this.sub(body, bound) });
    return this.out;
  }

  /** `X.Attr` (the short form's text) or `[X, Attr]`: judged only when the attribute is written literally. */
  private getAtt(arg: Node | null): void {
    const seq = asSeq(arg);
    if (seq) {
      const [head, attr] = seq.items;
      const id = scalarString(head);
      const name = scalarString(attr);
      if (seq.items.length !== 2 || id === undefined || attr?.kind !== 'scalar' || !name) return;
      return this.judge(id, name, attr, () => verbatimStart(this.ctx.template.text, attr, name), `Fn::GetAtt ${id}.${name}`);
    }
    const written = scalarString(arg);
    const dot = written?.indexOf('.') ?? -1;
    if (arg?.kind !== 'scalar' || written === undefined || dot <= 0 || dot === written.length - 1) return;
    const start = () => {
      const at = verbatimStart(this.ctx.template.text, arg, written);
      return at === undefined ? undefined : at + dot + 1;
    };
    this.judge(written.slice(0, dot), written.slice(dot + 1), arg, start, `Fn::GetAtt ${written}`);
  }

  private sub(body: Node | null | undefined, bound: MapNode | undefined): void {
    for (const ref of subReferences(this.ctx.template.text, body, bound)) {
      const dot = ref.name.indexOf('.');
      if (dot <= 0 || dot === ref.name.length - 1) continue;
      const start = () => {
        const at = ref.start();
        return at === undefined ? undefined : at + dot + 1;
      };
      this.judge(ref.name.slice(0, dot), ref.name.slice(dot + 1), ref.node, start, `\${${ref.name}} in Fn::Sub`);
    }
  }

  /** `start`: where the attribute's text is in the source, worked out only for a name that is wrong. */
  private judge(id: string, attribute: string, node: ScalarNode, start: () => number | undefined, what: string): void {
    const resource = this.byId.get(id);
    // An undeclared resource is VPCE0007's; a type written as something other than text is not known.
    if (!resource?.type) return;
    const verdict = attributeVerdict(resource.type, attribute);
    if (verdict.kind !== 'invalid') return;
    const suggestion = closest(attribute, verdict.valid);
    const has = verdict.valid.length ? `its attributes are ${verdict.valid.join(', ')}` : 'it has no attributes';
    const message = `${what}: ${resource.type} does not return ${attribute} (${has}), so CloudFormation rejects the template${suggestion ? `; the closest is ${suggestion}` : ''}`;
    const at = start();
    const span = at === undefined ? undefined : { start: at, end: at + attribute.length };
    // No edit where the source does not hold the attribute as written.
    const data = suggestion && span ? { name: attribute, suggestion } : undefined;
    this.out.push(finding(meta, node, message, { span, data }));
  }
}
