// Terraform quick fixes as HCL edits. Each folder of test/fixtures/tf/fixes/<RULE>-<case> holds a
// module before the fix (before/*.tf, main.tf first: the file the editor has open) and the files the
// rule's first verified fix changes (after/*.tf). The fix must give exactly those files, leave the
// others alone, parse, remove its finding, and — where the input is as `terraform fmt` writes it —
// stay so (checked with `terraform fmt` when it is installed; without it the byte-exact after files,
// reviewed once against it, still hold the layout).
// Then the property: every fix of every finding of every Terraform fixture, applied, leaves HCL that
// parses (our parser, and `terraform fmt` as a second oracle where present).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { parseHcl } from '../../../server/src/core/tf/hcl.js';
import { applyEdits } from '../../../server/src/core/fixes/edits.js';
import type { TextEdit } from '../../../server/src/core/fixes/types.js';
import type { TfFile } from '../../../server/src/core/tf/module.js';

const ROOT = join(__dirname, '..', '..', '..');
const CASES = join(ROOT, 'test', 'fixtures', 'tf', 'fixes');
const SETTINGS = { settings: { regions: ['eu-west-1'] } };

before(() => ensureTerraformParser());

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

/** Files `terraform fmt` would change (or cannot parse), in `dir`; undefined without terraform. */
function unformatted(dir: string): { changed: string[]; error: string } | undefined {
  if (!terraform) return undefined;
  const r = spawnSync('terraform', ['fmt', '-check', '-list=true', '-recursive', dir], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  const changed = r.stdout.split('\n').filter(Boolean);
  return { changed, error: r.status !== 0 && changed.length === 0 ? r.stderr : '' };
}

function readModule(dir: string): TfFile[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.tf')).sort((a, b) => (a === 'main.tf' ? -1 : b === 'main.tf' ? 1 : a.localeCompare(b)));
  return names.map((n) => ({ path: n, text: readFileSync(join(dir, n), 'utf8') }));
}

/** Each file's text after the edits (offsets into the module's joined text). */
function applyToFiles(spans: readonly { path: string; start: number; end: number }[], joined: string, edits: readonly TextEdit[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const span of spans) {
    const own = edits.filter((e) => e.start >= span.start && e.end <= span.end).map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start }));
    out.set(span.path, applyEdits(joined.slice(span.start, span.end), own));
  }
  return out;
}

for (const name of readdirSync(CASES).sort()) {
  const rule = name.slice(0, 8);
  test(`${name}: ${rule}'s HCL fix gives after/, parses, clears the finding, keeps the layout`, () => {
    const files = readModule(join(CASES, name, 'before'));
    // regions.json: the regions the case deploys to, where not eu-west-1 alone.
    const regionsFile = join(CASES, name, 'regions.json');
    const settings = existsSync(regionsFile) ? { settings: JSON.parse(readFileSync(regionsFile, 'utf8')) as { regions: string[] } } : SETTINGS;
    const r = analyzeTerraform(files, settings);
    const finding = r.analysis.findings.find((f) => f.ruleId === rule);
    assert.ok(finding, `${rule} not raised: ${r.analysis.findings.map((f) => f.ruleId).join(', ')}`);
    const [fix] = r.analysis.verifiedFixes(finding);
    assert.ok(fix, `${rule}: no verified fix (unverified: ${r.analysis.fixes(finding).map((f) => f.title).join('; ') || 'none'})`);
    const fixed = applyToFiles(r.module.files, r.module.text, fix.edits);
    const after = readModule(join(CASES, name, 'after'));
    assert.ok(after.length > 0, 'after/ names the files the fix changes');
    for (const f of files) {
      const expected = after.find((a) => a.path === f.path)?.text ?? f.text;
      assert.equal(fixed.get(f.path), expected, `${f.path}: ${fix.title}`);
      assert.deepEqual(parseHcl(expected).problems, [], `${f.path} parses after the fix`);
    }
    const again = analyzeTerraform(files.map((f) => ({ path: f.path, text: fixed.get(f.path)! })), settings);
    assert.ok(!again.analysis.findings.some((f) => f.ruleId === rule && f.resource === finding.resource), `${rule} is still raised after "${fix.title}"`);
    // The inputs are written as `terraform fmt` writes them (the single-space case excepted): so are the outputs.
    const before = unformatted(join(CASES, name, 'before'));
    if (before && before.changed.length === 0 && !before.error) assert.deepEqual(unformatted(join(CASES, name, 'after')), { changed: [], error: '' }, `${name}: the fixed files are as terraform fmt writes them`);
  });
}

test('the single-space case is written so (no alignment), and its fix follows it', () => {
  const dir = join(CASES, 'VPCE5003-single-space-style');
  assert.match(readFileSync(join(dir, 'before', 'main.tf'), 'utf8'), /\n {2}vpc_id = aws_vpc\.main\.id\n {2}service_name = /);
  assert.match(readFileSync(join(dir, 'after', 'main.tf'), 'utf8'), /\n {2}private_dns_enabled = true\n/);
});

function tfFixtureModules(): { label: string; files: TfFile[] }[] {
  const out: { label: string; files: TfFile[] }[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir);
    const tf = entries.filter((e) => e.endsWith('.tf') && statSync(join(dir, e)).isFile());
    // A rule fixture's bad.tf and good.tf are two modules, not one; elsewhere a folder is a module.
    if (tf.includes('bad.tf') || tf.includes('good.tf') || dir === join(ROOT, 'test', 'fixtures', 'tf')) for (const f of tf) out.push({ label: join(dir, f).slice(ROOT.length + 1), files: [{ path: 'main.tf', text: readFileSync(join(dir, f), 'utf8') }] });
    else if (tf.length) out.push({ label: dir.slice(ROOT.length + 1), files: readModule(dir) });
    for (const e of entries) if (statSync(join(dir, e)).isDirectory() && e !== '.terraform') walk(join(dir, e));
  };
  walk(join(ROOT, 'test', 'fixtures', 'tf'));
  walk(join(ROOT, 'test', 'fixtures', 'tf-plan'));
  walk(join(ROOT, 'examples', 'terraform'));
  return out;
}

test('every fix of every finding on every Terraform fixture leaves HCL that parses (and terraform fmt reads)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'vpce-tf-fixes-'));
  let fixes = 0;
  const formattedIn = new Set<string>();
  try {
    for (const { label, files } of tfFixtureModules()) {
      const r = analyzeTerraform(files, SETTINGS);
      for (const [i, finding] of r.analysis.findings.entries()) {
        for (const [j, fix] of r.analysis.fixes(finding).entries()) {
          fixes++;
          const fixed = applyToFiles(r.module.files, r.module.text, fix.edits);
          const dir = join(outDir, `${label.replace(/\W+/g, '_')}-${i}-${j}`);
          mkdirSync(dir);
          for (const [path, text] of fixed) {
            if (!path.endsWith('.tf')) continue;
            assert.deepEqual(parseHcl(text).problems, [], `${label}: "${fix.title}" (${finding.ruleId}) leaves ${path} unparsable`);
            writeFileSync(join(dir, path), text);
          }
          if (files.every((f) => !f.path.endsWith('.tf') || formatted(f.text))) formattedIn.add(dir);
        }
      }
    }
    assert.ok(fixes >= 20, `only ${fixes} fixes over the Terraform fixtures`);
    const fmt = unformatted(outDir);
    if (fmt) {
      assert.equal(fmt.error, '', 'terraform fmt reads every fixed file');
      const broken = fmt.changed.filter((p) => [...formattedIn].some((d) => p.startsWith(d)));
      assert.deepEqual(broken, [], 'a fix on a file terraform fmt wrote leaves it so');
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

function formatted(text: string): boolean {
  if (!terraform) return false;
  const r = spawnSync('terraform', ['fmt', '-check', '-'], { input: text, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  return r.status === 0;
}

test('fixes are found by rule id and data: the same finding with another message gets the same fixes', () => {
  const files = readModule(join(CASES, 'VPCE5001-value-replaced', 'before'));
  const r = analyzeTerraform(files, SETTINGS);
  const finding = r.analysis.findings.find((f) => f.ruleId === 'VPCE5001')!;
  assert.deepEqual(r.analysis.fixes({ ...finding, message: 'anything' }), r.analysis.fixes(finding));
  assert.deepEqual(r.analysis.fixes({ ...finding, data: undefined }), []);
});

