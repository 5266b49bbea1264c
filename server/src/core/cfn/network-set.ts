// The CloudFormation template's network across its deployments (model/network.ts).

import { Resolver } from './resolve.js';
import type { Template } from './template.js';
import type { Endpoint as CfnEndpoint } from './endpoints.js';
import { anyDeployment, defaultScenario, planScenarios, type ScenarioPlan } from './scenarios.js';
import { buildModel } from './network.js';
import type { Deployment, Network } from '../model/network.js';
import { CFN_WORDS, type Words } from '../rules/words.js';
import type { NetworkModel } from '../model/types.js';

/**
 * `shared`: the rules' resolver and endpoints; a template without conditions has one deployment, whose
 * values are the rules' own, so the model reuses them rather than resolving the template again.
 */
export function cfnNetwork(template: Template, shared?: { values: Resolver; endpoints: CfnEndpoint[] }, words: Words = CFN_WORDS): Network {
  let plan: ScenarioPlan | undefined;
  let deployments: Deployment[] | undefined;
  let judged: NetworkModel | undefined;
  // The other deployments are planned only when a trace asks for them (most lint runs never do).
  const first = template.conditions.size ? defaultScenario(template) : anyDeployment();
  const planned = () => (plan ??= planScenarios(template, { ...first, isDefault: true }));
  const unconditional = template.conditions.size === 0 && !template.resources.some((r) => r.condition);
  const defaults = unconditional && shared ? buildModel(template, shared.values, false, shared.endpoints, words) : buildModel(template, new Resolver(template, first), false, undefined, words);
  return {
    defaults,
    words,
    deployments() {
      if (deployments) return deployments;
      deployments = planned().scenarios.map((s, i) => {
        const when: Record<string, boolean> = {};
        for (const c of planned().used) {
          const t = s.truth.get(c);
          if (t !== undefined) when[c] = t;
        }
        return { when, isDefault: s.isDefault, model: i === 0 ? defaults : buildModel(template, new Resolver(template, s), false, undefined, words) };
      });
      return deployments;
    },
    bounded: () => planned().bounded,
    // Without conditions every deployment is the defaults' one.
    judged: () => (judged ??= unconditional ? defaults : buildModel(template, new Resolver(template, anyDeployment(template)), true, undefined, words)),
    spanOf: (id) => {
      const r = template.byId.get(id);
      return r ? { start: r.key.start, end: r.key.end } : undefined;
    },
  };
}
