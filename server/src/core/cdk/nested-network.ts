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

/** `regions`, `outside`, `passed`: the parent's settings (outside: inlinedOutsideRules). */
export function inlinedNetwork(stacks: InlinedStacks, regions: readonly string[] = [], outside?: OutsideRules, passed?: PassedParameters): Network {
  return cfnNetwork(inlinedTemplate(stacks, regions, passed), undefined, undefined, undefined, regions, outside);
}
