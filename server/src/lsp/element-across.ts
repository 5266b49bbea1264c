// The hover's facts of a subnet, route table or security group of a template read across stacks
// (nested-stacks.ts documentStacks): a nested template's element as each parent that deploys it makes it
// (its VPC, its zone, its group's admission from that VPC), so the hover says what the diagnostics and the
// trace say of the same file. The facts are made from each deployment's model once a version, on the first hover.

import { notJudgedWords, type DocumentStacks } from './nested-stacks.js';
import type { ElementKind, NetworkFacts } from './complete/assist-types.js';
import { modelFacts } from './complete/assist-view.js';
import { elementText } from './complete/element-text.js';

/**
 * The element's text per deployment: one when they all say the same, else each headed by the deployment it is
 * (the diagnostics' "as nested stack X of P"). Null when no network across stacks has it (read alone then).
 * `facts`: the deployments' facts made so far, kept by the caller for the version.
 */
export function elementAcross(stacks: readonly DocumentStacks[], facts: NetworkFacts[], element: { kind: ElementKind; id: string }): string[] | null {
  const texts = stacks.flatMap((s, i) => {
    // The document's own name, as the parent's stacks name it (renamed where the parent uses the name).
    const id = s.base > 0 ? s.names.get(element.id) : element.id;
    if (id === undefined) return [];
    const text = elementText((facts[i] ??= modelFacts(s.across.network.judged())), element.kind, id);
    return text ? [{ as: s.as, text }] : [];
  });
  if (texts.length === 0) return null;
  // A deployment its parent makes again is not read (the diagnostics say so too): the hover says it.
  const again = notJudgedWords(stacks);
  const said = again ? [`*${again[0]!.toUpperCase()}${again.slice(1)}.*`] : [];
  if (texts.every((t) => t.text === texts[0]!.text)) return [texts[0]!.text, ...said];
  return [...texts.map((t) => (t.as ? `*As nested stack ${t.as}:*\n\n${t.text}` : t.text)), ...said];
}
