// The editor's index of which workspace templates deploy which by a local TemplateURL: parents up the chain,
// none from the folders `check` skips, a symbolic link or an untrusted workspace, and a change on disk read again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParentIndex } from '../../../server/src/lsp/parent-index.js';

const parent = (url: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n`;
const LEAF = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n";

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-parent-index-'));
  mkdirSync(join(dir, 'stacks'));
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'stacks', 'leaf.yaml'), LEAF);
  writeFileSync(join(dir, 'stacks', 'middle.yaml'), parent('leaf.yaml'));
  writeFileSync(join(dir, 'top.yaml'), parent('stacks/middle.yaml'));
  // Neither is read: a dependency folder `check` skips, and a link out of the walk.
  writeFileSync(join(dir, 'node_modules', 'pkg', 'other.yaml'), parent('../../stacks/leaf.yaml'));
  writeFileSync(join(dir, 'elsewhere', 'linked.yaml'), parent('../stacks/leaf.yaml'));
  symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'));
  return dir;
}

test('parents up the chain; skipped folders, links and an untrusted workspace give none', async () => {
  const dir = workspace();
  try {
    // elsewhere/ is walked itself; its link is not walked a second time.
    const index = new ParentIndex(() => [dir], () => true, () => {});
    assert.deepEqual((await index.parentsOf(join(dir, 'stacks', 'leaf.yaml'))).sort(), [join(dir, 'elsewhere', 'linked.yaml'), join(dir, 'stacks', 'middle.yaml'), join(dir, 'top.yaml')].sort());
    assert.deepEqual(await index.parentsOf(join(dir, 'top.yaml')), []);
    const untrusted = new ParentIndex(() => [dir], () => false, () => {});
    assert.deepEqual(await untrusted.parentsOf(join(dir, 'stacks', 'leaf.yaml')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a change on disk is read again: whether which template deploys which changed', async () => {
  const dir = workspace();
  try {
    rmSync(join(dir, 'elsewhere'), { recursive: true });
    const index = new ParentIndex(() => [dir], () => true, () => {});
    const leaf = join(dir, 'stacks', 'leaf.yaml');
    assert.equal((await index.parentsOf(leaf)).length, 2);
    // A template that deploys nothing, changed: nothing changes.
    writeFileSync(leaf, LEAF.replace('10.0.0.0/16', '10.1.0.0/16'));
    assert.equal(await index.update([leaf]), false);
    // The middle template no longer deploys the leaf: neither it nor the top is the leaf's parent.
    writeFileSync(join(dir, 'stacks', 'middle.yaml'), LEAF);
    assert.equal(await index.update([join(dir, 'stacks', 'middle.yaml')]), true);
    assert.deepEqual(await index.parentsOf(leaf), []);
    // A new parent.
    writeFileSync(join(dir, 'new.yaml'), parent('stacks/leaf.yaml'));
    assert.equal(await index.update([join(dir, 'new.yaml')]), true);
    assert.deepEqual(await index.parentsOf(leaf), [join(dir, 'new.yaml')]);
    // Deleted again; and a file under a skipped folder is no change.
    rmSync(join(dir, 'new.yaml'));
    assert.equal(await index.update([join(dir, 'new.yaml')]), true);
    assert.deepEqual(await index.parentsOf(leaf), []);
    assert.equal(await index.update([join(dir, 'node_modules', 'pkg', 'other.yaml')]), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
