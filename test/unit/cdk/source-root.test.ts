// The folder a CDK app was synthesised in, found from its recorded files present in the checkout (core/cdk/source-root.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthRoot, underRoot } from '../../../server/src/core/cdk/source-root.js';

// The checkout's project folder: each file with its number of lines.
const checkout = (files: Record<string, number>) => (relative: string, line: number) => (files[relative] ?? 0) >= line;

test('the synth-time folder under which the recorded files are found in the checkout', () => {
  const sources = [
    { file: '/home/runner/work/app/app/lib/stack.ts', line: 12 },
    { file: '/home/runner/work/app/app/lib/endpoints.ts', line: 40 },
    { file: '/home/runner/work/app/app/bin/app.ts', line: 7 },
  ];
  const root = synthRoot(sources, checkout({ 'lib/stack.ts': 30, 'lib/endpoints.ts': 50, 'bin/app.ts': 10 }));
  assert.equal(root, '/home/runner/work/app/app');
  assert.equal(underRoot(sources[0]!.file, root!), 'lib/stack.ts');
});

test('a file of the same name outside the app does not move the root; it stays outside it', () => {
  const sources = [
    { file: '/ci/app/lib/stack.ts', line: 3 },
    { file: '/ci/app/lib/vpc.ts', line: 3 },
    { file: '/ci/constructs/lib/index.ts', line: 3 },
  ];
  const root = synthRoot(sources, checkout({ 'lib/stack.ts': 9, 'lib/vpc.ts': 9, 'lib/index.ts': 9 }));
  assert.equal(root, '/ci/app');
  assert.equal(underRoot('/ci/constructs/lib/index.ts', root!), undefined);
});

test('a file whose recorded line is past the checkout\'s file is not found there', () => {
  assert.equal(synthRoot([{ file: '/ci/app/lib/stack.ts', line: 80 }], checkout({ 'lib/stack.ts': 20 })), undefined);
});

test('none found, or paths that are not absolute: no root', () => {
  assert.equal(synthRoot([{ file: '/ci/app/lib/stack.ts', line: 1 }], checkout({})), undefined);
  assert.equal(synthRoot([{ file: 'lib/stack.ts', line: 1 }], checkout({ 'lib/stack.ts': 9, 'stack.ts': 9 })), undefined);
});

test('a Windows path (forward slashes, as stack-frames.ts gives it)', () => {
  const root = synthRoot([{ file: 'D:/dev/app/bin/app.js', line: 20 }], checkout({ 'bin/app.js': 30 }));
  assert.equal(root, 'D:/dev/app');
  assert.equal(underRoot('D:/dev/app/bin/app.js', root!), 'bin/app.js');
  assert.equal(underRoot('D:/dev/application/x.js', root!), undefined);
});
