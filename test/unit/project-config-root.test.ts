// The editor's project configuration: looked for from the document up to its workspace folder, not
// above it, and never through a symbolic link that leads out of the folder; warnings reported once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProjectConfigs } from '../../server/src/lsp/project.js';
import { forgetProjectConfigs } from '../../server/src/project-config.js';

function setup() {
  const top = mkdtempSync(join(tmpdir(), 'vpce-ws-'));
  writeFileSync(join(top, '.vpce-lens.yaml'), 'regions: [eu-west-1]\n');
  const folder = join(top, 'workspace');
  mkdirSync(join(folder, 'stacks'), { recursive: true });
  return { top, folder, uri: pathToFileURL(join(folder, 'stacks', 't.yaml')).href, folderUri: pathToFileURL(folder).href };
}

test('a configuration above the workspace folder is not read; one inside it is', () => {
  const { folder, uri, folderUri } = setup();
  const messages: string[] = [];
  const configs = new ProjectConfigs((m) => messages.push(m));
  forgetProjectConfigs();
  assert.deepEqual(configs.for(uri, [folderUri])?.settings.regions, undefined);
  writeFileSync(join(folder, '.vpce-lens.yaml'), 'regions: [us-east-1]\nrules:\n  vpce1002: off\n  VPCE9999: off\n');
  forgetProjectConfigs();
  const inside = configs.for(uri, [folderUri]);
  assert.deepEqual(inside?.settings.regions, ['us-east-1']);
  assert.deepEqual({ ...inside?.settings.rules }, { VPCE1002: 'off' });
  configs.for(uri, [folderUri]);
  assert.equal(messages.length, 1, 'the unknown rule id is reported once');
  assert.match(messages[0]!, /\.vpce-lens\.yaml: rules\.VPCE9999: unknown rule id/);
});

test('a configuration that links out of the workspace folder, or to a device, is reported and not read', { skip: process.platform === 'win32' }, () => {
  for (const target of ['outside', '/dev/zero']) {
    const { top, folder, uri, folderUri } = setup();
    symlinkSync(target === 'outside' ? join(top, '.vpce-lens.yaml') : target, join(folder, '.vpce-lens.yaml'));
    const messages: string[] = [];
    forgetProjectConfigs();
    assert.equal(new ProjectConfigs((m) => messages.push(m)).for(uri, [folderUri]), undefined);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /symbolic link to .*, outside .*; not read/);
  }
});

test('a folder inside the workspace that links out of it does not lend its configuration', { skip: process.platform === 'win32' }, () => {
  const { top, folder, folderUri } = setup();
  const elsewhere = join(top, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, '.vpce-lens.yaml'), 'regions: [ap-south-1]\n');
  symlinkSync(elsewhere, join(folder, 'linked'));
  const messages: string[] = [];
  forgetProjectConfigs();
  const uri = pathToFileURL(join(folder, 'linked', 't.yaml')).href;
  assert.equal(new ProjectConfigs((m) => messages.push(m)).for(uri, [folderUri]), undefined);
  assert.match(messages[0]!, /linked\/\.vpce-lens\.yaml: symbolic link to .*elsewhere\/\.vpce-lens\.yaml, outside .*; not read/);
});
