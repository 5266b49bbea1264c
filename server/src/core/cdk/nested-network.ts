// The network of a parent stack with its nested stacks inlined (nested-inline.ts): one model, so the
// trace, matrix and map of the parent answer across the templates (a subnet of the parent to an
// endpoint of the nested stack, through a security group the nested stack hands up as an output).

import { buildTemplate, type PassedParameters } from '../cfn/template.js';
import { cfnNetwork } from '../cfn/network-set.js';
import type { Network } from '../model/network.js';
import type { OutsideRules } from './outside-rules.js';
import type { InlinedStacks } from './nested-inline.js';

/** `regions`, `outside`, `passed`: the parent's settings (outside: inlinedOutsideRules). */
export function inlinedNetwork(stacks: InlinedStacks, regions: readonly string[] = [], outside?: OutsideRules, passed?: PassedParameters): Network {
  const template = buildTemplate(stacks.text, stacks.root);
  if (passed) template.passed = passed;
  return cfnNetwork(template, undefined, undefined, undefined, regions, outside);
}
