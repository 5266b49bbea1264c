// Neovim as a real second editor: test/nvim/run.sh starts the built server with Neovim's own LSP
// client and reports the diagnostics it received. Skipped, with the reason, when nvim is not on PATH,
// unless VPCE_REQUIRE_NVIM=1 (scripts/e2e/run.sh, after its setup installed Neovim): then it fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './client.js';

const EXAMPLE = 'examples/endpoints-with-mistakes.yaml';

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

const version = nvimVersion();
const required = process.env.VPCE_REQUIRE_NVIM === '1';
const MISSING = 'nvim is not on PATH (Debian: apt-get install -y neovim)';

test('Neovim receives the diagnostics of the example template', { skip: version || required ? false : MISSING }, () => {
  assert.ok(version, MISSING);
  const r = spawnSync('sh', [`${ROOT}test/nvim/run.sh`, EXAMPLE], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  assert.equal(r.status, 0, `${version}: run.sh failed\n${r.stdout}\n${r.stderr}`);
  const received = r.stdout.trim().split('\n').map((l) => l.split(' '));
  const text = readFileSync(`${ROOT}${EXAMPLE}`, 'utf8');
  // The missing VpcEndpointType of the SQS endpoint, reported on its ServiceName line, column 7.
  const line = text.slice(0, text.indexOf('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs')).split('\n').length;
  assert.ok(received.some(([code, l, c]) => code === 'VPCE2001' && Number(l) === line && Number(c) === 7), `no VPCE2001 at ${line}:7 in\n${r.stdout}`);
  // The region of the README's init_options reached the server: a mismatch, not the portability warning.
  assert.ok(received.some(([code]) => code === 'VPCE3001'), r.stdout);
});
