// The region a resource is created in: its `aws` provider configuration's `region`. The default
// provider without a region known statically is the deployment's region (the settings' regions, as a
// CloudFormation stack's); an aliased one (`provider = aws.west`) is its own: known when its `region`
// is, else unknown and named — never taken for the default's.
// https://developer.hashicorp.com/terraform/language/providers/configuration#alias-multiple-provider-configurations
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs#region

import type { Node } from '../document/tree.js';
import { attr, type Block, type Expr } from './hcl-ast.js';
import { lower, textOf } from './eval.js';
import type { ModuleDecls } from './module.js';
import { isUnknownNode, unknownNode } from './nodes.js';

/**
 * A resource or data block's region: a string scalar when known, an unknown naming why, or undefined
 * for the deployment's own region. `root`: the root module, whose default provider a called module inherits.
 */
export function regionOf(block: Block, decls: ModuleDecls, root?: ModuleDecls): Node | undefined {
  const at = block.typeAt;
  // AWS provider 6 and later: a resource's own `region` argument is where it is created, whatever its
  // provider's (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support).
  const set = attr(block.body, 'region');
  if (set) {
    const value = lower(set.value, { decls });
    if (value.kind === 'scalar' && typeof value.value === 'string') return value;
    return value.kind === 'map' && value.pairs[0]?.key.value === 'Fn::Unknown' ? value : unknownNode(`the region of ${block.labels.map((l) => l.value).join('.')} is not known statically`, textOf({ decls }, set.value), set.value);
  }
  if (decls.otherProvider) return unknownNode(decls.otherProvider, 'provider', at);
  const provider = attr(block.body, 'provider');
  const own = decls.syntax?.awsProviders;
  if (!provider) {
    const home = decls.prefix === '' ? decls : root;
    const configured = home?.syntax?.awsProviders.get('');
    const region = configured && attr(configured.body, 'region');
    if (!home || !region || fromDefault(region.value, home)) return undefined;
    const value = lower(region.value, { decls: home });
    return value.kind === 'scalar' && typeof value.value === 'string' ? value : undefined;
  }
  const p = provider.value;
  const first = p.k === 'traversal' && p.root === 'aws' && p.steps.length === 1 ? p.steps[0] : undefined;
  const alias = first && 'attr' in first ? first.attr : undefined;
  const text = textOf({ decls }, p).replace(/\s+/g, ' ');
  if (alias === undefined) return unknownNode(`the provider of ${block.labels.map((l) => l.value).join('.')} (${text}) is not an aws provider this module configures`, text, p);
  const configured = own?.get(alias);
  if (!configured) return unknownNode(`provider ${text} is not configured in this module (a caller passes it)`, text, p);
  const region = attr(configured.body, 'region');
  if (!region) return unknownNode(`provider ${text} sets no region: it comes from AWS_REGION or the profile when Terraform runs`, `${text}'s region`, configured.typeAt);
  const value = lower(region.value, { decls });
  if (value.kind === 'scalar' && typeof value.value === 'string') return value;
  return value.kind === 'map' && value.pairs[0]?.key.value === 'Fn::Unknown' ? value : unknownNode(`provider ${text}'s region is not known statically`, `${text}'s region`, region.value);
}

/**
 * The value that decides the default provider's region where the configuration does not know it
 * (`region = var.aws_region`, no tfvars value, no default): a block the default provider creates is in the
 * Region that value names, so a service name resting on the same value is for the Region it is created in.
 * undefined when the block has its own provider or region, or the default provider's region is known or unset.
 */
export function openDefaultRegion(block: Block, decls: ModuleDecls, root: ModuleDecls): Node | undefined {
  if (attr(block.body, 'provider') || attr(block.body, 'region') || decls.otherProvider) return undefined;
  const home = decls.prefix === '' ? decls : root;
  const configured = home.syntax?.awsProviders.get('');
  const region = configured && attr(configured.body, 'region');
  const value = region ? lower(region.value, { decls: home }) : undefined;
  return isUnknownNode(value) ? value : undefined;
}

/**
 * What `${data.aws_region.current.name}` (the default provider's region) is in a resource created by
 * an aliased provider: the default provider's region when known, else unknown and named.
 */
export function defaultRegion(decls: ModuleDecls, root: ModuleDecls, at: Block): Node {
  const home = decls.prefix === '' ? decls : root;
  const configured = home.syntax?.awsProviders.get('');
  const region = configured && attr(configured.body, 'region');
  const value = region && !fromDefault(region.value, home) ? lower(region.value, { decls: home }) : undefined;
  if (value?.kind === 'scalar' && typeof value.value === 'string') return value;
  return unknownNode(configured && region ? 'the default aws provider\'s region is not known statically (a variable\'s default may be overridden)' : 'the default aws provider sets no region: it comes from AWS_REGION or the profile when Terraform runs', 'the default aws provider\'s region', configured ?? at.typeAt);
}

/**
 * `region = var.region` with the variable's default (no tfvars value): a run may pass another one, and
 * the settings' regions say where the configuration deploys; the default provider's region is then theirs.
 */
function fromDefault(e: Expr, decls: ModuleDecls): boolean {
  const first = e.k === 'traversal' && e.root === 'var' ? e.steps[0] : undefined;
  return !!first && 'attr' in first && !decls.syntax?.tfvars.has(first.attr);
}
