// The trace and map of a parent template read with the nested stacks it deploys (core/cdk/nested-inline.ts,
// read from disk by nested-stacks.ts): one network, and where each offset of its text is.

import type { NestedStacks } from '../nested-stacks.js';
import { segmentAt } from '../core/cdk/nested-inline.js';
import { inlinedNetwork } from '../core/cdk/nested-network.js';
import { LineIndex } from '../core/document/line-index.js';
import type { Network } from '../core/model/network.js';
import type { EngineSettings } from '../core/settings.js';

export interface AcrossStacks {
  network: Network;
  text: string;
  locate: (offset: number) => { file: string; line: number; character: number };
}

/** The network of the inlined stacks and where each offset of their text is; `shownOf`: a file's path as the answer names it. */
export function acrossStacks(nested: NestedStacks, shownOf: (path: string) => string, settings: Partial<EngineSettings>): AcrossStacks {
  const { stacks, textOf, pathOf, outside } = nested;
  const network = inlinedNetwork(stacks, settings.regions ?? [], outside, settings.passedParameters);
  const lines = new Map<string, LineIndex>();
  return {
    network,
    text: stacks.text,
    locate: (offset) => {
      const at = segmentAt(stacks, offset);
      let index = lines.get(at.file);
      if (!index) lines.set(at.file, (index = new LineIndex(textOf(at.file) ?? '')));
      const p = index.positionAt(at.offset);
      return { file: shownOf(pathOf(at.file)), line: p.line, character: p.character };
    },
  };
}
