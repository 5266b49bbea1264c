// The template as one resource's rules see it when only that resource is linted again.

import type { Resource, Template } from '../cfn/template.js';

/**
 * `rules`: the template with only this resource to judge (every rule iterates `resources`), while
 * look-ups of other resources by id or type still find them (a reference, the endpoint service a
 * name points to). `model`: the template the network model of this resource alone is built from — a
 * resource-scoped rule reads only its own resource's facts there (its endpoint type, service, DNS).
 */
export function restrictedTemplate(template: Template, resource: Resource): { rules: Template; model: Template } {
  const byType = new Map<string, Resource[]>();
  if (resource.type) byType.set(resource.type, [resource]);
  return { rules: { ...template, resources: [resource] }, model: { ...template, resources: [resource], byType } };
}
