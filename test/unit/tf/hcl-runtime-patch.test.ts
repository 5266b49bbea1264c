// scripts/hcl-wasm/patch-runtime.mjs (the runtime's two fast paths in hcl-parse.wasm; vendor/tree-sitter-hcl/README.md)
// patches the pinned web-tree-sitter's lib/ as built, changing only lexer.c and stack.c, and refuses a runtime whose code
// the fast paths mirror has changed: a new version must not get a fast path that builds another tree. That the built
// module gives the runtime's trees is hcl-module.test.ts's and hcl-wasm-parity.test.ts's to check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const LIB = join(ROOT, 'node_modules', 'web-tree-sitter', 'lib');
const SCRIPT = join(ROOT, 'scripts', 'hcl-wasm', 'patch-runtime.mjs');

function patch(lib: string): { status: number | null; stderr: string; out: string } {
  const out = mkdtempSync(join(tmpdir(), 'vpce-runtime-'));
  const run = spawnSync(process.execPath, [SCRIPT, lib, out], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, out };
}

test('the pinned runtime is patched in lexer.c and stack.c only, every other source copied as it is', () => {
  const { status, stderr, out } = patch(LIB);
  try {
    assert.equal(status, 0, stderr);
    const sources = readdirSync(LIB).filter((name) => /\.[ch]$/.test(name)).sort();
    assert.deepEqual(readdirSync(out).sort(), sources);
    const changed = sources.filter((name) => readFileSync(join(out, name), 'utf8') !== readFileSync(join(LIB, name), 'utf8'));
    assert.deepEqual(changed, ['lexer.c', 'stack.c']);
    assert.match(readFileSync(join(out, 'lexer.c'), 'utf8'), /if \(!self->logger\.log && ts_lexer__advance_in_utf16_chunk\(self, skip\)\) return;/);
    assert.match(readFileSync(join(out, 'stack.c'), 'utf8'), /if \(node->link_count != 1\) return stack__iter\(self, version, pop_count_callback, &count, \(int\)count\);/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a runtime whose mirrored code differs is refused, each fast path on its own', () => {
  // One change in the code each fast path copies the behaviour of (stack__iter's walk; the advance's column step).
  const edits: [string, string, string][] = [
    ['stack.c', 'if (!ts_subtree_extra(link.subtree)) {', 'if (!ts_subtree_extra(link.subtree) && link.subtree.ptr) {'],
    ['lexer.c', 'self->current_position.extent.column += self->lookahead_size;', 'self->current_position.extent.column += 1;'],
  ];
  for (const [file, from, to] of edits) {
    const lib = mkdtempSync(join(tmpdir(), 'vpce-lib-'));
    try {
      cpSync(LIB, lib, { recursive: true });
      const text = readFileSync(join(lib, file), 'utf8');
      assert.equal(text.split(from).length, 2, `${file} holds the edited code once`);
      writeFileSync(join(lib, file), text.replace(from, to));
      const { status, stderr, out } = patch(lib);
      rmSync(out, { recursive: true, force: true });
      assert.notEqual(status, 0, `${file} changed, yet patched`);
      assert.match(stderr, /not patched/);
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  }
});
