// Inputs that once made the parser loop forever (found by `npm run fuzz`). Each is parsed in a child
// process with a time limit, so a regression fails this test instead of hanging the suite.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PARSE = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'document', 'parse.ts');

function parseInChild(text: string): { status: number | null; out: string } {
  const script = `const { parseText } = require(${JSON.stringify(PARSE)}); const p = parseText(process.env.TEXT); console.log(JSON.stringify(p.problems.map((x) => x.message)));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TEXT: text }, timeout: 20_000, encoding: 'utf8' });
  return { status: r.status, out: r.stdout };
}

test('a line at column 0 inside a block scalar full of quotes and brackets: one error, no endless search for its opening', () => {
  // The search for the bracket or quote an error started at went back to offset 0 and, there,
  // lastIndexOf(x, -1) found offset 0 again, forever.
  const text = [
    'Resources:',
    '  F:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    '      Code:',
    '        ZipFile: |',
    '          x = {',
    "            'a': [{'b': 'c'}],",
    `{a: b}      'd': [{'e': '"{}"'.format(v['f'])}],`,
    '          }',
    '      Handler: index.handler',
    '',
  ].join('\n');
  const r = parseInChild(text);
  assert.equal(r.status, 0, 'the parse ended');
  assert.ok((JSON.parse(r.out) as string[]).length >= 1);
});
