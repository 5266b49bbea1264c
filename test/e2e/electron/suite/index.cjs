// The extension through VS Code's own API, inside a real extension host. The same module runs
//   - under @vscode/test-electron on a desktop VS Code (test/e2e/electron/run.mjs), and
//   - inside code-server's extension host (scripts/e2e/run.sh, via the e2e helper extension).
// `run()` is what both call; it throws when a test fails. Plain CommonJS: no build step.
//
// The template it opens: VPCE_E2E_HOST_TEMPLATE, else examples/endpoints-with-mistakes.yaml in the first
// workspace folder. It only opens the document (never shows or saves it) and edits it in memory.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'vpce-lens.vpc-endpoint-lens';

function templateUri() {
  if (process.env.VPCE_E2E_HOST_TEMPLATE) return vscode.Uri.file(process.env.VPCE_E2E_HOST_TEMPLATE);
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, 'examples', 'endpoints-with-mistakes.yaml');
}

/** Resolves with the diagnostics of `uri` once `accept` holds for them (event-driven, with a time limit). */
function diagnosticsWhen(uri, accept, what, timeout = 30_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'vpce-lens');
      if (accept(d)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(d);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    check();
  });
}

/**
 * The code actions at `range` once one satisfies `accept`, else the last answer after `timeout`. The
 * provider's context diagnostics come from the workbench's marker service, which takes the extension
 * host's diagnostics a moment later (seconds under load): asked in between, the server sees no diagnostic
 * and rightly offers nothing.
 */
async function quickFixWhen(uri, range, accept, timeout = 15_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find(accept);
    if (fix || Date.now() > until) return { fix, actions };
    await new Promise((r) => setTimeout(r, 200));
  }
}

const codeOf = (d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const lineOf = (doc, re) => {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  return -1;
};

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
let doc;

test('the extension activates on a YAML file and its commands are registered', async () => {
  doc = await vscode.workspace.openTextDocument(templateUri());
  assert.equal(doc.languageId, 'yaml');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  await ext.activate();
  const commands = await vscode.commands.getCommands(true);
  for (const c of ['vpceLens.restartServer', 'vpceLens.addYamlCustomTags']) assert.ok(commands.includes(c), c);
});

/** The tabs of our panels of `viewType` (vpceLens.trace, vpceLens.map) across every group, with their groups' columns. */
function panelTabs(viewType) {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType)).map(() => g.viewColumn));
}

async function until(what, ok, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// VS Code opens an editor it moves to another group as a preview, which the next preview moved there
// replaces: the panels, shown again, once moved beside the template, and the map moved there closed the
// trace panel moved there just before. Runs before the document is edited, and closes what it opened: the
// real-editor tests drive this window after it.
test('trace and map shown again from a template in another group: both panels stay open', async () => {
  const uri = doc.uri.toString();
  const shown = () => [panelTabs('vpceLens.trace').length, panelTabs('vpceLens.map').length].join(' ');
  const where = () => JSON.stringify(vscode.window.tabGroups.all.map((g) => [g.viewColumn, g.tabs.map((t) => t.label)]));
  try {
    // The template in group 1, another editor in group 2, the panels in group 3 (beside group 2).
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext' }), vscode.ViewColumn.Two);
    await vscode.commands.executeCommand('vpceLens.tracePath', { uri, from: 'PrivateSubnetA', to: 's3' });
    await vscode.commands.executeCommand('vpceLens.showMap', { uri });
    await until('a trace panel and a map in group 3', () => panelTabs('vpceLens.trace')[0] === 3 && panelTabs('vpceLens.map')[0] === 3);
    // From the template in group 1: "beside" it is group 2, where the other editor is.
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('vpceLens.tracePath', { uri, from: 'PrivateSubnetA', to: 's3' });
    await vscode.commands.executeCommand('vpceLens.showMap', { uri });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(shown(), '1 1', `one trace panel and one map, each still open: ${where()}`);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
  }
});

test('diagnostics: VPCE2001 on the SqsEndpoint ServiceName, with rule id and source', async () => {
  const line = lineOf(doc, /ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.sqs/);
  assert.ok(line >= 0);
  const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'VPCE2001'), 'VPCE2001');
  const d = diags.find((x) => codeOf(x) === 'VPCE2001');
  assert.equal(d.range.start.line, line);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.match(d.message, /SqsEndpoint/);
});

test('code action: the VpcEndpointTyp quick fix renames the key', async () => {
  const line = lineOf(doc, /^\s*VpcEndpointTyp:/);
  assert.ok(line >= 0);
  const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'VPCE1002'), 'VPCE1002');
  const d = diags.find((x) => codeOf(x) === 'VPCE1002');
  const { fix, actions } = await quickFixWhen(doc.uri, d.range, (a) => a.edit && /VpcEndpointType/.test(a.title));
  assert.ok(fix, `a fix among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(doc.lineAt(line).text, /^\s*VpcEndpointType: Gateway/);
  await diagnosticsWhen(doc.uri, (ds) => ds.length > 0 && !ds.some((x) => codeOf(x) === 'VPCE1002'), 'VPCE1002 to go');
});

test('command: Restart Server brings the diagnostics back', async () => {
  await vscode.commands.executeCommand('vpceLens.restartServer');
  await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'VPCE2001'), 'VPCE2001 after the restart');
});

/** Runs every test; logs TAP-like lines (to `log`); throws when any failed. */
async function run({ log = console.log } = {}) {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    try {
      await t.fn();
      passed++;
      log(`ok - [host] ${t.name}`);
    } catch (err) {
      failed++;
      log(`not ok - [host] ${t.name}\n  ${String(err && err.stack ? err.stack : err).split('\n').join('\n  ')}`);
    }
  }
  log(`[host] ${passed} passed, ${failed} failed (${path.basename(doc ? doc.fileName : '?')})`);
  if (failed > 0) throw new Error(`${failed} of ${tests.length} extension-host tests failed`);
  return { passed, failed };
}

module.exports = { run, tests };
