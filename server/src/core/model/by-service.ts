// The endpoints a question about one service can involve: those for that service and those whose
// service the template cannot tell. The trace asks it for every subnet and service (VPCE7003 asks it
// per subnet and gateway endpoint), and a walk over every endpoint of a large template each time made
// the trace quadratic. Kept per model (a model is not changed once built) and in the model's order, so
// a reader that stops at the first match sees the same endpoint as a walk over all of them.

import type { Endpoint, NetworkModel } from './types.js';

const made = new WeakMap<NetworkModel, { size: number; byPattern: Map<string, Endpoint[]> }>();

/** The model's endpoints, in order, whose service is `pattern` or unknown: every other one is for another service. */
export function endpointsMaybeFor(model: NetworkModel, pattern: string): readonly Endpoint[] {
  let kept = made.get(model);
  // A model being built still gains endpoints: what was kept for fewer is made again.
  if (!kept || kept.size !== model.endpoints.size) made.set(model, (kept = { size: model.endpoints.size, byPattern: new Map() }));
  let list = kept.byPattern.get(pattern);
  if (!list) {
    list = [];
    for (const e of model.endpoints.values()) if (!e.service.known || e.service.value === pattern) list.push(e);
    kept.byPattern.set(pattern, list);
  }
  return list;
}
