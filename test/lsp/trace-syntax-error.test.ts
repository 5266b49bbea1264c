// The editor's trace, trace options and map of a template with a syntax error: refused, saying what is
// wrong and where (as the CLI does, test/cli/trace-syntax-error.test.ts), not just "not a template".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis.js';
import { LineIndex } from '../../server/src/core/document/line-index.js';
import { traceAnswer, traceOptions } from '../../server/src/lsp/trace.js';
import { mapAnswer } from '../../server/src/lsp/map.js';

test('trace and map of a template that does not parse name the error and its line', () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'real-cfn7', 'syntax-error.yaml'), 'utf8');
  const a = analyze(text);
  const lines = new LineIndex(text);
  const at = (o: number) => lines.positionAt(o);
  const want = 'The template does not parse: Missing closing "quote: the string opened here never ends (line 6, column 18). Fix it to trace or map the network.';
  assert.deepEqual(traceOptions(a), { error: want });
  assert.deepEqual(traceAnswer(a, { uri: 'file:///t.yaml', version: 1, from: 'Subnet', to: 'ssm' } as never, at), { error: want });
  assert.deepEqual(mapAnswer(a, { uri: 'file:///t.yaml', version: 1 } as never, at), { error: want });
});
