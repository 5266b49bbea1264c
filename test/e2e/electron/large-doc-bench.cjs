// Inside the real extension host (run by the e2e helper, as the suite is): how long completion takes in a small
// template while a 20 MB one is opened in the editor, and when the large one's finding arrives.
// test/e2e/large-doc-bench.mjs writes the templates, reloads the window once per run and reads the results.
const vscode = require('vscode');

const EXTENSION_ID = 'vpce-lens.vpc-endpoint-lens';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

exports.run = async ({ log }) => {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const big = vscode.Uri.joinPath(folder, 'bench', 'big.yaml');
  const small = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'bench', 'small.yaml'));
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  await vscode.window.showTextDocument(small);
  // A new SubnetIds item (in memory), where the server offers the subnets: its answer has SubnetC1.
  let line = 0;
  while (line < small.lineCount && !/^\s*- !Ref SubnetB1$/.test(small.lineAt(line).text)) line++;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(small.uri, small.lineAt(line).range.end, '\n        - ');
  await vscode.workspace.applyEdit(edit);
  const at = new vscode.Position(line + 1, 10);
  const complete = async () => {
    const t = performance.now();
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', small.uri, at);
    return { ms: performance.now() - t, ours: list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'SubnetC1') };
  };
  // The server is up and has checked the small template once it offers SubnetC1.
  const ready = performance.now();
  while (!(await complete()).ours) {
    if (performance.now() - ready > 60_000) throw new Error('no completion from the server within 60 s');
    await sleep(200);
  }
  const baseline = [];
  for (let i = 0; i < 30; i++) {
    baseline.push(await complete());
    await sleep(50);
  }

  // The editor's own share first: the same 20 MB as plain text, which no extension of ours is sent; then the template.
  const plainUri = vscode.Uri.joinPath(folder, 'bench', 'big.txt');
  const plain = await measureOpen(plainUri, complete, false);
  await closeTabsOf(plainUri);
  await sleep(3_000);
  const template = await measureOpen(big, complete, true);
  log(`finding after ${template.findingAt} ms; document in the extension host after ${template.openedAt} ms; ${template.during.length} requests`);
  // Leave nothing for the next reload to restore: the small template unchanged, no editor open.
  await vscode.window.showTextDocument(small);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return { baseline, plain, ...template, bigBytes: (await vscode.workspace.fs.stat(big)).size };
};

/**
 * Opens `uri` in an editor, as a user does, and asks for completions in the small template meanwhile (one request
 * every 50 ms): from the open until 12 s later, 8 s after the extension host has the document, and 3 s after the large
 * document's VPCE0004 finding arrived, whichever is last.
 */
async function measureOpen(uri, complete, waitForFinding) {
  let findingAt;
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (findingAt === undefined && e.uris.some((u) => u.toString() === uri.toString())) {
      const d = vscode.languages.getDiagnostics(uri);
      if (d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'VPCE0004')) findingAt = performance.now() - t0;
    }
  });
  const t0 = performance.now();
  let openedAt;
  const opening = vscode.workspace.openTextDocument(uri).then(async (d) => {
    openedAt = performance.now() - t0;
    await vscode.window.showTextDocument(d, { preview: false, preserveFocus: true });
  });
  const during = [];
  // At least 8 s once the extension host has the document (taking 20 MB in keeps it busy for seconds before that).
  const end = () => Math.max(12_000, openedAt === undefined ? 120_000 : openedAt + 8_000, waitForFinding ? (findingAt === undefined ? 120_000 : findingAt + 3_000) : 0);
  while (performance.now() - t0 < end()) {
    const at = performance.now() - t0;
    during.push({ at, ...(await complete()) });
    await sleep(50);
  }
  await opening;
  sub.dispose();
  return { findingAt, openedAt, during };
}

async function closeTabsOf(uri) {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input && t.input.uri && t.input.uri.toString() === uri.toString());
  await vscode.window.tabGroups.close(tabs);
}
