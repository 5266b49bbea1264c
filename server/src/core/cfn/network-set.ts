// The CloudFormation template's network across its deployments (model/network.ts).

import type { OutsideRules } from '../cdk/outside-rules.js';
import { Resolver } from './resolve.js';
import type { Template } from './template.js';
import type { Endpoint as CfnEndpoint } from './endpoints.js';
import { anyDeployment, defaultScenario, planScenarios, type ScenarioPlan } from './scenarios.js';
import { buildModel, type BuildParts } from './network.js';
import { dirtyParts, type KeptPart, type ModelParts, type PartsReuse } from './model-reuse.js';
import type { Deployment, Network } from '../model/network.js';
import { CFN_WORDS, type Words } from '../rules/words.js';
import type { NetworkModel } from '../model/types.js';
import type { Edit } from '../incremental/lint.js';

/** What the models of one version may take from the last version's (the editor's lint memo keeps them). */
export interface NetworkReuse {
  /** The parts a model (`defaults`, `judged`) of this template may take, undefined: none. */
  from(role: string, template: Template): PartsReuse | undefined;
  /** This version's parts of a model, once built. */
  keep(role: string, parts: ModelParts): void;
}

/** A NetworkReuse from the last version's parts, the edits since and the resources they were in. */
export function partsReuse(plan: { parts: ReadonlyMap<string, ModelParts>; edits: readonly Edit[]; seeds: ReadonlySet<string>; current(): boolean } | undefined, keep: (role: string, parts: ModelParts) => void): NetworkReuse {
  let dirty: Set<string> | undefined;
  return {
    from(role, template) {
      const parts = plan?.parts.get(role);
      // A version built after the memo moved on: its parts may already be in a later text's offsets.
      if (!plan || !parts || !plan.current()) return undefined;
      dirty ??= dirtyParts(template, plan.seeds);
      return { parts, edits: plan.edits, dirty };
    },
    keep,
  };
}

/**
 * `shared`: the rules' resolver and endpoints; a template without conditions has one deployment, whose
 * values are the rules' own, so the model reuses them rather than resolving the template again.
 */
/**
 * `regions`: where the stack deploys (the settings'), which decides whether a hard-coded region in a service name can be created.
 * `outside`: security groups other templates of the deployment add rules to (the settings' outsideRules).
 */
export function cfnNetwork(template: Template, shared?: { values: Resolver; endpoints: CfnEndpoint[] }, words: Words = CFN_WORDS, reuse?: NetworkReuse, regions: readonly string[] = [], outside?: OutsideRules): Network {
  let plan: ScenarioPlan | undefined;
  let deployments: Deployment[] | undefined;
  let judged: NetworkModel | undefined;
  // The other deployments are planned only when a trace asks for them (most lint runs never do).
  const first = template.conditions.size ? defaultScenario(template) : anyDeployment();
  const planned = () => (plan ??= planScenarios(template, { ...first, isDefault: true }));
  const unconditional = template.conditions.size === 0 && !template.resources.some((r) => r.condition);
  // The models the rules read are put together from the last version's parts where an edit left them (model-reuse.ts).
  const partsOf = (role: string) => (reuse ? { reuse: reuse.from(role, template), out: new Map<string, KeptPart>() } : undefined);
  const built = (role: string, make: (parts: BuildParts | undefined) => NetworkModel) => {
    const parts = partsOf(role);
    const model = make(parts);
    if (parts) reuse!.keep(role, parts.out);
    return model;
  };
  const defaults = built('defaults', (parts) => (unconditional && shared ? buildModel(template, shared.values, false, shared.endpoints, words, parts, regions, outside) : buildModel(template, new Resolver(template, first), false, undefined, words, parts, regions, outside)));
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
        return { when, isDefault: s.isDefault, model: i === 0 ? defaults : buildModel(template, new Resolver(template, s), false, undefined, words, undefined, regions, outside) };
      });
      return deployments;
    },
    bounded: () => planned().bounded,
    // Without conditions every deployment is the defaults' one.
    judged: () => (judged ??= unconditional ? defaults : built('judged', (parts) => buildModel(template, new Resolver(template, anyDeployment(template)), true, undefined, words, parts, regions, outside))),
    spanOf: (id) => {
      const r = template.byId.get(id);
      return r ? { start: r.key.start, end: r.key.end } : undefined;
    },
  };
}
