// The network of a parent stack with its nested stacks inlined (nested-inline.ts): one model, so the
// trace, matrix and map of the parent answer across the templates (a subnet of the parent to an
// endpoint of the nested stack, through a security group the nested stack hands up as an output).
// The check of the parent (nested-check.ts) judges the same template, so its rules read this model too.

import { buildTemplate, type PassedParameters, type Template } from '../cfn/template.js';
import { cfnNetwork } from '../cfn/network-set.js';
import type { Network } from '../model/network.js';
import type { OutsideRules } from './outside-rules.js';
import type { InlinedStacks } from './nested-inline.js';

/** The one template of the inlined stacks, told the regions and parameters as a template read alone is (analysis.ts). */
export function inlinedTemplate(stacks: InlinedStacks, regions: readonly string[] = [], passed?: PassedParameters): Template {
  const template = buildTemplate(stacks.text, stacks.root);
  if (passed && Object.keys(passed).length) template.passed = passed;
  if (regions.length) template.regions = regions;
  return template;
}

// One network per inlined stacks and parent's settings: the check (nested-check.ts inlinedFindings) builds it
// with the analysis its rules judge, and the trace, matrix, map and hover of the same stacks (an editor's version:
// lsp/nested-stacks.ts documentStacks, through cli/nested-trace.ts acrossStacks) read that one, not a second
// build of the template and its models. Kept as long as the stacks are (an editor reads them once a version).
const made = new WeakMap<InlinedStacks, { key: string; outside: OutsideRules | undefined; network: Network }[]>();

/** How often an inlined network was built and how often one already built was read again (test/unit/lsp/nested-network-once.test.ts). */
export const inlinedNetworkStats = { built: 0, reused: 0 };

// What the network depends on besides the stacks: outside rules that name nothing, or no passed parameter, are
// none (settings.ts withDefaults drops them the same way).
function keyOf(regions: readonly string[], passed: PassedParameters | undefined): string {
  return JSON.stringify([regions, passed && Object.keys(passed).length ? passed : null]);
}
const someOutside = (outside: OutsideRules | undefined) => (outside && (outside.groups || outside.foreign) ? outside : undefined);

function kept(stacks: InlinedStacks, regions: readonly string[], outside: OutsideRules | undefined, passed: PassedParameters | undefined): Network | undefined {
  const key = keyOf(regions, passed);
  return made.get(stacks)?.find((m) => m.key === key && m.outside === someOutside(outside))?.network;
}

/** The check's network of these stacks (its analysis's): the trace of the same stacks and settings reads it. */
export function keepInlinedNetwork(stacks: InlinedStacks, regions: readonly string[], outside: OutsideRules | undefined, passed: PassedParameters | undefined, network: Network): void {
  inlinedNetworkStats.built++;
  made.set(stacks, [...(made.get(stacks) ?? []), { key: keyOf(regions, passed), outside: someOutside(outside), network }]);
}

/** `regions`, `outside`, `passed`: the parent's settings (outside: inlinedOutsideRules). */
export function inlinedNetwork(stacks: InlinedStacks, regions: readonly string[] = [], outside?: OutsideRules, passed?: PassedParameters): Network {
  const network = kept(stacks, regions, outside, passed);
  if (network) {
    inlinedNetworkStats.reused++;
    return network;
  }
  const built = cfnNetwork(inlinedTemplate(stacks, regions, passed), undefined, undefined, undefined, regions, outside);
  keepInlinedNetwork(stacks, regions, outside, passed, built);
  return built;
}
