// A Terraform plan in JSON (`terraform show -json plan.out`): the resource instances it plans, with
// their values, what stays unknown until apply, and what the configuration says of each resource.
// https://developer.hashicorp.com/terraform/internals/json-format
//   planned_values.root_module{resources[], child_modules[]{address, resources[], child_modules[]}}:
//     each resource {address, mode, type, name, index?, values}; values unknown until apply are left out.
//   resource_changes[]{address, change{actions, after, after_unknown}}: after_unknown mirrors `after`,
//     `true` where a value is known only after apply.
//   configuration.root_module{resources[]{address, expressions{<attr>: {constant_value} | {references}}},
//     module_calls{<name>: {source, module{...}}}}: expressions, never positions.
//   A resource being destroyed is only in prior_state and resource_changes (actions ["delete"]); a
//   deposed object (left by a failed create_before_destroy) has a change of its own, `deposed` set,
//   under the address of the planned object: neither is in the planned network.
//   `terraform show -json` of a state: `values.root_module`, same shape, every value known.
//   format_version: a new minor version only adds; another major version may change what is read.
//   `errored: true` (Terraform 1.5+): planning failed, and Terraform saved what it had planned before the
//   error (hashicorp/terraform#32395, #33368); `complete: false` (1.8+): a plan made with -target or with
//   deferred changes, which leaves out instances the configuration has (Plan.Complete in plans/plan.go).
//   Either way the planned values are part of the network only.
// Pure: the text in, located nodes of that text out.

import type { MapNode, Node, ScalarNode } from '../../document/tree.js';
import type { Span } from '../../findings.js';
import { asMap, asSeq, scalarString, toPlain, valueOf } from '../../document/tree.js';

export interface PlanResource {
  /** The instance's address: `module.endpoints.aws_vpc_endpoint.this["s3"]`. */
  address: string;
  /** The module instance it is in (`module.endpoints`, `module.a["x"].module.b`), '' at the root. */
  module: string;
  type: string;
  name: string;
  /** The planned values, located in the plan's text; undefined when the plan gives none. */
  values: MapNode | undefined;
  /** after_unknown of its change: true where a value is known only after apply. */
  unknown: unknown;
  /** Where its values hold what the plan marks sensitive (`sensitive_values`): printed in clear by `terraform show -json`. */
  sensitive: Span[];
  /** The resource's object in planned_values, and its `address` value (where findings about it point). */
  node: MapNode;
  addressNode: ScalarNode | undefined;
}

export interface PlanConfigResource {
  /** What the configuration says of each argument: `{constant_value}` or `{references: [...]}`, as plain data. */
  expressions: Record<string, unknown>;
}

export interface PlanModuleCall {
  source: string | undefined;
  module: PlanConfigModule;
}

export interface PlanConfigModule {
  /** By the address within the module (`aws_vpc.main`). */
  resources: Map<string, PlanConfigResource>;
  calls: Map<string, PlanModuleCall>;
}

export interface Plan {
  /** A plan (`planned_values`), or a state (`values`: what is deployed). */
  kind: 'plan' | 'state';
  resources: PlanResource[];
  configuration: PlanConfigModule;
  /** The region of the plan's one AWS provider configuration, when the configuration gives it as a constant. */
  providerRegion: string | undefined;
  /** The AWS provider's version constraint (`provider_config.aws.version_constraint`), when one is written. */
  awsVersion: string | undefined;
  /** Why the planned values are not the whole configuration's (an errored or incomplete plan), when they are not. */
  partial?: string;
}

/** Whether a parsed JSON document is a plan (`format_version` and `planned_values`) or a state (`values.root_module`). */
export function isPlanJson(root: Node | null): root is MapNode {
  const map = asMap(root);
  return Boolean(map && scalarString(valueOf(map, 'format_version')) && (asMap(valueOf(map, 'planned_values')) || asMap(valueOf(asMap(valueOf(map, 'values')), 'root_module'))));
}

/** Why a plan's format is not one this reads: a major version other than 0 and 1. */
export function unsupportedFormat(root: MapNode): string | undefined {
  const version = scalarString(valueOf(root, 'format_version')) ?? '';
  return /^[01]\./.test(version) ? undefined : `Terraform JSON format_version ${version}: vpce-lens reads versions 0.x and 1.x`;
}

export function readPlan(root: MapNode): Plan {
  const unknownByAddress = new Map<string, unknown>();
  for (const change of asSeq(valueOf(root, 'resource_changes'))?.items ?? []) {
    const c = asMap(change);
    const address = scalarString(valueOf(c, 'address'));
    const after = valueOf(asMap(valueOf(c, 'change')), 'after_unknown');
    // A deposed object's change (its deletion) is not the planned object's.
    if (valueOf(c, 'deposed') !== undefined && scalarString(valueOf(c, 'deposed')) !== '') continue;
    if (address !== undefined && after) unknownByAddress.set(address, toPlain(after));
  }
  const resources: PlanResource[] = [];
  const walk = (module: MapNode | undefined, depth: number) => {
    if (!module || depth > 64) return;
    const moduleAddress = scalarString(valueOf(module, 'address')) ?? '';
    for (const item of asSeq(valueOf(module, 'resources'))?.items ?? []) {
      const r = asMap(item);
      const address = scalarString(valueOf(r, 'address'));
      const type = scalarString(valueOf(r, 'type'));
      const name = scalarString(valueOf(r, 'name'));
      if (!r || !address || !type || !name || (scalarString(valueOf(r, 'mode')) ?? 'managed') !== 'managed') continue;
      const addressNode = valueOf(r, 'address');
      const values = asMap(valueOf(r, 'values'));
      const mask = valueOf(r, 'sensitive_values');
      resources.push({
        address,
        module: moduleAddress,
        type,
        name,
        values,
        unknown: unknownByAddress.get(address),
        sensitive: values && mask ? sensitiveSpans(values, toPlain(mask)) : [],
        node: r,
        addressNode: addressNode?.kind === 'scalar' ? addressNode : undefined,
      });
    }
    for (const child of asSeq(valueOf(module, 'child_modules'))?.items ?? []) walk(asMap(child), depth + 1);
  };
  const planned = asMap(valueOf(root, 'planned_values'));
  walk(asMap(valueOf(planned ?? asMap(valueOf(root, 'values')), 'root_module')), 0);
  const configuration = asMap(valueOf(root, 'configuration'));
  const partial = planned ? partialWhy(root) : undefined;
  return { kind: planned ? 'plan' : 'state', resources, configuration: configModule(asMap(valueOf(configuration, 'root_module')), 0), providerRegion: providerRegion(asMap(valueOf(configuration, 'provider_config')), asMap(valueOf(root, 'variables'))), awsVersion: awsVersion(asMap(valueOf(configuration, 'provider_config'))), ...(partial ? { partial } : {}) };
}

/** Why a plan holds only part of its configuration's resources: planning failed, or it was targeted or deferred. */
function partialWhy(root: MapNode): string | undefined {
  const flag = (name: string) => {
    const v = valueOf(root, name);
    return v?.kind === 'scalar' && typeof v.value === 'boolean' ? v.value : undefined;
  };
  if (flag('errored') === true) return 'the plan errored (errored: true): Terraform saved what it planned before the error, not every resource of the configuration';
  if (flag('complete') === false) return 'the plan is incomplete (complete: false: made with -target, or with changes deferred): it leaves out resources of the configuration';
  return undefined;
}

/** The spans of the values a `sensitive_values` mask (the values' shape, `true` where sensitive) marks. */
function sensitiveSpans(node: Node, mask: unknown, out: Span[] = []): Span[] {
  if (mask === true) out.push({ start: node.start, end: node.end });
  else if (Array.isArray(mask) && node.kind === 'seq') mask.forEach((m, i) => node.items[i] && sensitiveSpans(node.items[i]!, m, out));
  else if (mask && typeof mask === 'object' && node.kind === 'map') {
    for (const p of node.pairs) {
      const m = (mask as Record<string, unknown>)[String(p.key.value)];
      if (m !== undefined && p.value) sensitiveSpans(p.value, m, out);
    }
  }
  return out;
}

/**
 * The region of `aws`, the only AWS provider configuration (no aliases): its `region` expression's
 * `constant_value`, or the value the plan gives the root variable it is (`region = var.region`: the
 * expression's references are `["var.region"]`, the value is the plan's `variables.region.value`).
 */
function providerRegion(providers: MapNode | undefined, variables: MapNode | undefined): string | undefined {
  const aws = (providers?.pairs ?? []).filter((p) => scalarString(valueOf(asMap(p.value), 'name')) === 'aws');
  if (aws.length !== 1) return undefined;
  const region = asMap(valueOf(asMap(valueOf(asMap(aws[0]!.value), 'expressions')), 'region'));
  const constant = scalarString(valueOf(region, 'constant_value'));
  if (constant !== undefined) return constant;
  // A provider configured in a module (key `module.net:aws`) reads that module's variables, not the root's.
  const refs = asSeq(valueOf(region, 'references'))?.items.map(scalarString) ?? [];
  const name = refs.length === 1 && String(aws[0]!.key.value) === 'aws' ? /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(refs[0] ?? '')?.[1] : undefined;
  const value = name !== undefined ? valueOf(asMap(valueOf(variables, name)), 'value') : undefined;
  return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
}

/** The default `aws` provider configuration's `version_constraint` (every configuration of a provider shares one). */
function awsVersion(providers: MapNode | undefined): string | undefined {
  return scalarString(valueOf(asMap(valueOf(providers, 'aws')), 'version_constraint'));
}

function configModule(module: MapNode | undefined, depth: number): PlanConfigModule {
  const out: PlanConfigModule = { resources: new Map(), calls: new Map() };
  if (!module || depth > 64) return out;
  for (const item of asSeq(valueOf(module, 'resources'))?.items ?? []) {
    const r = asMap(item);
    const address = scalarString(valueOf(r, 'address'));
    const expressions = asMap(valueOf(r, 'expressions'));
    if (address) out.resources.set(address, { expressions: (expressions ? toPlain(expressions) : {}) as Record<string, unknown> });
  }
  for (const call of asMap(valueOf(module, 'module_calls'))?.pairs ?? []) {
    const c = asMap(call.value);
    out.calls.set(String(call.key.value), { source: scalarString(valueOf(c, 'source')), module: configModule(asMap(valueOf(c, 'module')), depth + 1) });
  }
  return out;
}

/**
 * The configuration of the module an instance is in: `module.a["x"].module.b` → calls a, then b
 * (instance keys dropped: every instance of a call shares its configuration).
 */
export function configOf(plan: Plan, moduleAddress: string): { module: PlanConfigModule; sources: string[] } | undefined {
  let module = plan.configuration;
  const sources: string[] = [];
  for (const name of moduleCallNames(moduleAddress)) {
    const call = module.calls.get(name);
    if (!call) return undefined;
    sources.push(call.source ?? '');
    module = call.module;
  }
  return { module, sources };
}

/** `module.a["x"].module.b[0]` → ['a', 'b']. */
export function moduleCallNames(moduleAddress: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\.)module\.([A-Za-z0-9_-]+)(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/g;
  for (let m = re.exec(moduleAddress); m; m = re.exec(moduleAddress)) out.push(m[1]!);
  return out;
}

/** The address within its module, without the instance key: `module.m.aws_subnet.a[0]` → `aws_subnet.a`. */
export function configAddress(r: Pick<PlanResource, 'type' | 'name'>): string {
  return `${r.type}.${r.name}`;
}
