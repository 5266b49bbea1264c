// Which subnet, route table or security group the cursor names, for the hover: its logical id where
// the resource is declared (the resource index's key offsets), or the id of a `Ref` / `GetAtt` on the
// cursor's line (`!Ref X`, `{"Ref": "X"}`, `Ref: X`, `!GetAtt X.GroupId`, `"Fn::GetAtt": ["X", ...]`).
// Only the line is read, and only ids the network facts know count: no parse on the main thread.

import type { ResourceIndex } from '../lint-protocol.js';
import { resourceAt } from '../template-position.js';
import type { ElementKind, NetworkFacts } from './assist-types.js';

export interface ElementAt {
  kind: ElementKind;
  id: string;
  start: number;
  end: number;
}

const REF = /(!Ref[ \t]+|["']?Ref["']?[ \t]*:[ \t]*["']?|!GetAtt[ \t]+|["']?Fn::GetAtt["']?[ \t]*:[ \t]*\[[ \t]*["']?)$/;

export function elementAt(text: string, offset: number, resources: ResourceIndex, facts: NetworkFacts): ElementAt | undefined {
  const before = /[A-Za-z0-9]*$/.exec(text.slice(Math.max(0, offset - 256), offset))![0];
  const after = /^[A-Za-z0-9]*/.exec(text.slice(offset, offset + 256))![0];
  const id = before + after;
  if (!id) return undefined;
  const start = offset - before.length;
  const kind = kindOf(facts, id);
  if (!kind) return undefined;
  const declared = resourceAt(resources, start);
  if (declared >= 0 && resources.starts[declared] === start - (/["']$/.test(text.slice(start - 1, start)) ? 1 : 0)) return { kind, id, start, end: start + id.length };
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const ref = REF.exec(text.slice(lineStart, start));
  return ref ? { kind, id, start: start - ref[0].length, end: start + id.length } : undefined;
}

function kindOf(facts: NetworkFacts, id: string): ElementKind | undefined {
  if (facts.subnets.some((s) => s.id === id)) return 'subnet';
  if (facts.routeTables.some((t) => t.id === id)) return 'routeTable';
  if (facts.groups.some((g) => g.id === id)) return 'group';
  return undefined;
}
