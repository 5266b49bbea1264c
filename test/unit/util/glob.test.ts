import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, GlobError, matchesAny, MAX_GLOB_LENGTH } from '../../../server/src/core/util/glob.js';

const cases: [string, string, boolean][] = [
  ['**/*endpoint*policy*.json', 'policies/s3-endpoint-policy.json', true],
  ['**/*endpoint*policy*.json', 's3-endpoint-policy.json', true],
  ['**/*endpoint*policy*.json', 'a/b/c/S3-Endpoint-Policy.JSON', true],
  ['**/*endpoint*policy*.json', 'a/endpoint/policy.json', false],
  ['policies/*.json', 'policies/a.json', true],
  ['policies/*.json', 'policies/x/a.json', false],
  ['policies/**', 'policies/x/a.json', true],
  ['p?.json', 'p1.json', true],
  ['p?.json', 'p/.json', false],
  ['p[0-9].json', 'p7.json', true],
  ['p[!0-9].json', 'p7.json', false],
  ['p[!0-9].json', 'px.json', true],
  ['*.{yaml,yml}', 'a.yml', true],
  ['*.{yaml,yml}', 'a.json', false],
  ['{a,b{c,d}}.json', 'bd.json', true],
  ['{a,b{c,d}}.json', 'b.json', false],
  ['\\*.json', '*.json', true],
  ['\\*.json', 'a.json', false],
  ['[unclosed.json', '[unclosed.json', true],
  ['{unclosed.json', '{unclosed.json', true],
  ['a,b}.json', 'a,b}.json', true],
];

test('glob semantics: ** crosses folders, * ? [] do not, braces, escapes, case-insensitive', () => {
  for (const [glob, path, expected] of cases) assert.equal(compileGlob(glob)(path), expected, `${glob} vs ${path}`);
});

test('a glob without a slash matches the base name; one with a slash the whole relative path', () => {
  assert.ok(matchesAny('deep/dir/my-endpoint-policy.json', ['*endpoint*policy*.json']));
  assert.ok(!matchesAny('deep/dir/my-endpoint-policy.json', ['dir/*endpoint*policy*.json']));
  assert.ok(matchesAny('deep/dir/my-endpoint-policy.json', ['deep/dir/*endpoint*policy*.json']));
});

test('pathological globs are matched in time linear in the path (a backtracking RegExp never returns here)', { timeout: 20_000 }, () => {
  const stars = '*a'.repeat(40) + '*b';
  assert.equal(compileGlob(stars)('a'.repeat(5000)), false);
  assert.equal(compileGlob(stars)('a'.repeat(5000) + 'b'), true);
  const globstars = '**/'.repeat(40) + 'x';
  assert.equal(compileGlob(globstars)('a/'.repeat(2000) + 'y'), false);
  const braces = '{a,a}'.repeat(40) + 'b';
  assert.equal(compileGlob(braces)('a'.repeat(40)), false);
  assert.equal(matchesAny('a'.repeat(5000), [stars]), false);
});

test('a glob past the length limit is refused, and matches nothing where it was configured', () => {
  const long = 'a'.repeat(MAX_GLOB_LENGTH + 1);
  assert.throws(() => compileGlob(long), GlobError);
  assert.equal(matchesAny(long, [long]), false);
});
