// Which names a template declares for `Ref`, `Fn::GetAtt`, `Fn::Sub` and conditions to use, and which
// of them are certain. One answer for the resolver (what a `Ref` to a missing name is worth) and for
// VPCE0007 (the finding CloudFormation's "Unresolved resource dependencies" becomes).
//
// CloudFormation validates references after its transforms have run: a macro (any transform not AWS's
// own), AWS::Include, or a deploy-time `Fn::ForEach` collection may add parameters, resources or
// conditions we cannot see, so under them nothing is certain. AWS::LanguageExtensions loops are unrolled
// (template.ts). SAM adds resources whose logical ids start with the SAM resource's own (`MyFnRole`,
// `MyApiProdStage`, `MyLayer<sha>`) or are fixed (`ServerlessRestApi`, `ServerlessHttpApi`,
// `ServerlessDeploymentApplication`, `CodeDeployServiceRole`, `ApiGatewayDomainName<sha>`), and
// resolves `Ref: MyFn.Alias`-style referenceable properties itself.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html

import { asMap, asSeq, scalarString, valueOf, type MapNode } from '../document/tree.js';
import { FOR_EACH } from './language-extensions.js';
import { LANGUAGE_EXTENSIONS } from './transforms.js';
import type { Template } from './template.js';

export const PSEUDO_PARAMETERS: readonly string[] = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

const SAM = 'AWS::Serverless-2016-10-31';
// Logical ids SAM gives resources it makes for the template as a whole (the implicit APIs, CodeDeploy,
// custom domains), each followed by nothing, a stage or a hash.
const SAM_FIXED_PREFIXES = ['Serverless', 'CodeDeployServiceRole', 'ApiGatewayDomainName', 'RecordSetGroup'];

export interface DeclaredNames {
  parameters: ReadonlySet<string>;
  resources: ReadonlySet<string>;
  conditions: ReadonlySet<string>;
  /** Why the template may hold names it does not write (a macro, AWS::Include, a deploy-time loop); undefined: it cannot. */
  uncertain?: string;
  /** Logical ids of SAM resources: names starting with one may be resources SAM generates. */
  samIds?: readonly string[];
}

/** What a name used by `Ref` (or `${Name}` in a Sub) stands for. */
export type RefStatus = 'parameter' | 'resource' | 'pseudo' | 'generated' | 'uncertain' | 'undeclared';

const cache = new WeakMap<Template, DeclaredNames>();

export function declaredNames(template: Template): DeclaredNames {
  let names = cache.get(template);
  if (!names) cache.set(template, (names = build(template)));
  return names;
}

function build(template: Template): DeclaredNames {
  const resources = new Set(template.resources.map((r) => r.id));
  // Duplicated logical ids are left out of the model (VPCE0002 reports them) but are still declared.
  for (const p of asMap(valueOf(template.root, 'Resources'))?.pairs ?? []) resources.add(String(p.key.value));
  const out: DeclaredNames = { parameters: new Set(template.parameters.keys()), resources, conditions: new Set(template.conditions.keys()) };
  const uncertain = uncertainty(template);
  if (uncertain) out.uncertain = uncertain;
  if (template.isSam) out.samIds = template.resources.filter((r) => r.type?.startsWith('AWS::Serverless::')).map((r) => r.id);
  return out;
}

function uncertainty(template: Template): string | undefined {
  const transform = valueOf(template.root, 'Transform');
  const items = asSeq(transform)?.items ?? (transform ? [transform] : []);
  for (const item of items) {
    const name = scalarString(item);
    // A map (`{Name: AWS::Include, Parameters: ...}`) or any transform whose output we do not model.
    if (name !== SAM && name !== LANGUAGE_EXTENSIONS) return `the template's transform ${name ?? 'Fn::Transform'} may add names it does not write`;
  }
  if (template.deployTimeLoops?.length) return `Fn::ForEach loop ${template.deployTimeLoops[0]!.slice(FOR_EACH.length)} makes names known only at deploy time`;
  if ([...template.conditions.keys()].some((k) => k.startsWith(FOR_EACH))) return 'an Fn::ForEach loop in Conditions makes names known only at deploy time';
  for (const section of ['Parameters', 'Resources', 'Conditions', 'Outputs']) {
    const map = asMap(valueOf(template.root, section));
    if (!map) continue;
    // AWS::Include (or a macro) in place of a section's entries, or of one entry, inserts what it fetches.
    if (hasTransformKey(map) || map.pairs.some((p) => hasTransformKey(asMap(p.value)))) return `Fn::Transform in ${section} may add names the template does not write`;
  }
  if (hasTransformKey(template.root)) return 'Fn::Transform at the top of the template may add names it does not write';
  return undefined;
}

function hasTransformKey(map: MapNode | undefined): boolean {
  return Boolean(map?.pairs.some((p) => p.key.value === 'Fn::Transform'));
}

/** What `Ref: name` stands for. */
export function refStatus(names: DeclaredNames, name: string): RefStatus {
  if (PSEUDO_PARAMETERS.includes(name)) return 'pseudo';
  if (names.parameters.has(name)) return 'parameter';
  if (names.resources.has(name)) return 'resource';
  return missing(names, name);
}

/** What `Fn::GetAtt [name, ...]` (or `${name.Attr}`) reads: only resources have attributes. */
export function attributeStatus(names: DeclaredNames, name: string): RefStatus {
  return names.resources.has(name) ? 'resource' : missing(names, name);
}

function missing(names: DeclaredNames, name: string): RefStatus {
  if (names.samIds && samGenerated(names.samIds, name)) return 'generated';
  return names.uncertain ? 'uncertain' : 'undeclared';
}

function samGenerated(samIds: readonly string[], name: string): boolean {
  // `MyFn.Alias`, `MyApi.Stage`: SAM's referenceable properties.
  const head = name.split('.')[0]!;
  return SAM_FIXED_PREFIXES.some((p) => head.startsWith(p)) || samIds.some((id) => head.startsWith(id));
}

/** Why a value is not known when it names something the template does not declare. */
export function missingWhy(names: DeclaredNames, name: string, status: RefStatus, undeclared: string): string {
  if (status === 'generated') return `${name} is made by the SAM transform, known only at deploy time`;
  if (status === 'uncertain') return `${name} is not declared in this template (${names.uncertain})`;
  return undeclared;
}
