// The extension in a real editor: diagnostics on opening a template, the Problems panel, quick fixes
// applied from the UI, and the commands from the command palette. Tests run in order on one page.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, env, until, untilAfter } from './harness.mjs';
import { sel, openFromExplorer, problems, showProblems, goTo, applyQuickFix, save, runCommand, paste, frameWith, tracePath } from './workbench.mjs';

const TEMPLATE = 'examples/endpoints-with-mistakes.yaml';
const templatePath = join(env.workspace, TEMPLATE);
const read = () => readFileSync(templatePath, 'utf8');
/** 1-based line of the first line matching `re` in the template as it is now on disk. */
const lineOf = (re) => read().split('\n').findIndex((l) => re.test(l)) + 1;
const SQS_SERVICE = /ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.sqs/;

/** The Problems panel's rows of one rule. */
async function rowsOf(page, code) {
  return (await problems(page)).filter((p) => p.code === code);
}

// First, before the UI tests touch anything: the vscode-API suite that the e2e helper extension ran inside
// code-server's extension host (test/e2e/electron/suite/index.cjs, on its own copy of the template).
test('extension-host suite (vscode API: diagnostics, code actions, commands)', async () => {
  const file = process.env.VPCE_E2E_HOST_RESULT;
  assert.ok(file, 'VPCE_E2E_HOST_RESULT is set by scripts/e2e/run.sh');
  const result = await until('the extension-host suite to finish', () => existsSync(file) && JSON.parse(readFileSync(file, 'utf8')), { timeout: 90_000 });
  for (const line of result.log) console.log(`  ${line}`);
  assert.ok(result.ok, result.error);
  assert.ok(result.passed > 0 && result.failed === 0);
});

test('opening the template from the explorer shows an error squiggle and Problems entries', async ({ page, shot }) => {
  await openFromExplorer(page, TEMPLATE);
  await until('errors counted in the status bar', async () =>
    /Errors?: [1-9]/.test((await page.locator(sel.problemsStatus).getAttribute('aria-label')) ?? ''), { timeout: 30_000 });
  const sqsLine = lineOf(SQS_SERVICE);
  await goTo(page, sqsLine, 7);
  await page.waitForSelector(sel.squigglyError, { timeout: 10_000 });
  await showProblems(page);
  const [row] = await until('a VPCE2001 row in the Problems panel', () => rowsOf(page, 'VPCE2001').then((r) => r.length && r));
  assert.equal(row.source, 'vpce-lens');
  assert.equal(row.line, sqsLine, `VPCE2001 at line ${row.line}, expected the SqsEndpoint ServiceName line ${sqsLine}`);
  assert.equal(row.column, 7);
  assert.match(row.message, /SqsEndpoint/);
  const typo = (await rowsOf(page, 'VPCE1002'))[0];
  assert.ok(typo, 'a VPCE1002 row for VpcEndpointTyp');
  assert.equal(typo.line, lineOf(/^\s*VpcEndpointTyp:/));
  await shot();
});

test('quick fix from the UI: VpcEndpointTyp becomes VpcEndpointType', async ({ page, shot }) => {
  const line = lineOf(/^\s*VpcEndpointTyp:/);
  assert.ok(line > 0, 'the template has the VpcEndpointTyp typo');
  const before = read().split('\n');
  await goTo(page, line, 9);
  const offered = await applyQuickFix(page, /VpcEndpointType/, { onMenu: () => shot('menu') });
  console.log(`  offered: ${offered.join(' | ')}`);
  await until('the VPCE1002 finding to go', async () => (await rowsOf(page, 'VPCE1002')).length === 0);
  await shot('fixed');
  await save(page);
  const after = await until('the fix on disk', () => read().split('\n')[line - 1]?.includes('VpcEndpointType:') && read().split('\n'));
  assert.equal(after[line - 1], before[line - 1].replace('VpcEndpointTyp:', 'VpcEndpointType:'), 'only the key changed');
  assert.equal(after.length, before.length);
  assert.deepEqual(after.filter((_, i) => i !== line - 1), before.filter((_, i) => i !== line - 1), 'no other line changed');
});

test('quick fix from the UI: the SQS endpoint becomes an Interface endpoint', async ({ page, shot }) => {
  const line = lineOf(SQS_SERVICE);
  const block = (text) => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => /^  SqsEndpoint:/.test(l));
    const end = lines.findIndex((l, i) => i > start && /^  \S/.test(l));
    return lines.slice(start, end < 0 ? undefined : end);
  };
  assert.ok(!block(read()).some((l) => /VpcEndpointType/.test(l)), 'SqsEndpoint starts without VpcEndpointType');
  await goTo(page, line, 9);
  const offered = await applyQuickFix(page, /Interface/, { onMenu: () => shot('menu') });
  console.log(`  offered: ${offered.join(' | ')}`);
  await until('the VPCE2001 finding to go', async () => (await rowsOf(page, 'VPCE2001')).length === 0);
  await shot('fixed');
  await save(page);
  const sqs = await until('the fix on disk', () => block(read()).some((l) => /VpcEndpointType/.test(l)) && block(read()));
  assert.ok(sqs.some((l) => /^ {6}VpcEndpointType: Interface\s*$/.test(l)), `SqsEndpoint now:\n${sqs.join('\n')}`);
  assert.ok(sqs.some((l) => SQS_SERVICE.test(l)), 'ServiceName kept');
});

// Issue 12: the whole conversion from the light bulb, and nothing left to fix on that endpoint.
const SSM = 'ssm-gateway.yaml';
const ssmTemplate = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Vpc:',
  '    Type: AWS::EC2::VPC',
  '    Properties:',
  '      CidrBlock: 10.0.0.0/16',
  '  SubnetA:',
  '    Type: AWS::EC2::Subnet',
  '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs ""]}',
  '  SubnetB:',
  '    Type: AWS::EC2::Subnet',
  '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: !Select [1, !GetAZs ""]}',
  '  RouteTable:',
  '    Type: AWS::EC2::RouteTable',
  '    Properties: {VpcId: !Ref Vpc}',
  '  AssocA:',
  '    Type: AWS::EC2::SubnetRouteTableAssociation',
  '    Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref RouteTable}',
  '  AssocB:',
  '    Type: AWS::EC2::SubnetRouteTableAssociation',
  '    Properties: {SubnetId: !Ref SubnetB, RouteTableId: !Ref RouteTable}',
  '  ParamStoreEndpoint:',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
  '      VpcEndpointType: Gateway',
  '      RouteTableIds: [!Ref RouteTable]',
  '',
].join('\n');

test('the light bulb converts an SSM Gateway endpoint into a whole Interface endpoint, with no error left on it', async ({ page, shot }) => {
  writeFileSync(join(env.workspace, SSM), ssmTemplate);
  await openFromExplorer(page, SSM);
  await showProblems(page);
  await until('the VPCE2001 row for ParamStoreEndpoint', async () => (await rowsOf(page, 'VPCE2001')).some((r) => /ParamStoreEndpoint/.test(r.message)), { timeout: 30_000 });
  await goTo(page, ssmTemplate.split('\n').findIndex((l) => /VpcEndpointType: Gateway/.test(l)) + 1, 24);
  const offered = await applyQuickFix(page, /^Make ParamStoreEndpoint an Interface endpoint(,|$)/, { onMenu: () => shot('menu') });
  console.log(`  offered: ${offered.join(' | ')}`);
  await save(page);
  const text = await until('the conversion on disk', () => readFileSync(join(env.workspace, SSM), 'utf8').includes('SecurityGroupIds') && readFileSync(join(env.workspace, SSM), 'utf8'));
  assert.match(text, /VpcEndpointType: Interface/);
  assert.doesNotMatch(text, /RouteTableIds/);
  assert.match(text, /SubnetIds: \[!Ref SubnetA, !Ref SubnetB\]/);
  assert.match(text, /ParamStoreEndpointSecurityGroup:\n {4}Type: AWS::EC2::SecurityGroup/);
  // Nothing is left on the endpoint (the Problems panel, as the user sees it; the name is this file's only).
  await until('no VPCE problem on ParamStoreEndpoint', async () => !(await problems(page)).some((p) => p.source === 'vpce-lens' && /ParamStoreEndpoint/.test(p.message)), { timeout: 20_000 });
  await shot('converted');
});

const settingsPath = join(env.userData, 'User', 'settings.json');
const readSettings = () => JSON.parse(readFileSync(settingsPath, 'utf8'));

test('command "Add CloudFormation tags to yaml.customTags" merges into the user settings', async ({ page, shot }) => {
  assert.deepEqual(readSettings()['yaml.customTags'], ['!MyOwnTag mapping', '!Ref']);
  await runCommand(page, 'VPC Endpoint Lens: Add CloudFormation tags to yaml.customTags');
  const tags = await until('yaml.customTags to be written', () => {
    const t = readSettings()['yaml.customTags'];
    return t.length > 2 && t;
  });
  await page.waitForSelector('.notifications-toasts .notification-toast', { timeout: 10_000 });
  await shot();
  assert.deepEqual(tags.slice(0, 2), ['!MyOwnTag mapping', '!Ref'], 'existing entries kept, first');
  for (const t of ['!If sequence', '!Sub scalar', '!Sub sequence', '!GetAtt scalar', '!Select sequence']) assert.ok(tags.includes(t), t);
  assert.ok(!tags.includes('!Ref scalar'), '"!Ref" already meant "!Ref scalar"');
  assert.equal(new Set(tags).size, tags.length, 'no duplicates');
});

test('a change of vpceLens.rules in settings.json applies without a restart', async ({ page, shot }) => {
  await until('a VPCE2003 row', async () => (await rowsOf(page, 'VPCE2003')).length > 0);
  // As a user does it: open the user settings.json in the editor, replace its text, save.
  const settings = { ...readSettings(), 'vpceLens.rules': { VPCE2003: 'off', VPCE6003: 'error' } };
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  // VS Code 1.139 opens it in a modal editor, older ones in a tab: wait for a focused editor on settings.json.
  const settingsCrumb = page.locator('.monaco-breadcrumb-item', { hasText: /^settings\.json$/ }).first();
  await settingsCrumb.waitFor({ state: 'visible' });
  await page.waitForSelector('.monaco-editor.focused');
  await page.keyboard.press('Control+A');
  await paste(page, JSON.stringify(settings, null, 2)); // typed text would be auto-closed and auto-indented
  await page.keyboard.press('Control+S');
  await until('vpceLens.rules on disk', () => readSettings()['vpceLens.rules']?.VPCE2003 === 'off');
  await until('VPCE2003 to be switched off while the other findings stay', async () => {
    const rows = await problems(page);
    return rows.some((r) => r.code === 'VPCE3001') && !rows.some((r) => r.code === 'VPCE2003');
  });
  await until('VPCE6003 shown as an error', async () =>
    /\berror\b/.test((await page.locator('.markers-panel .monaco-list-row', { hasText: 'VPCE6003' }).first().locator('.marker-icon').getAttribute('class')) ?? ''));
  await until('settings.json to close', async () => {
    if (!(await settingsCrumb.isVisible())) return true;
    await page.keyboard.press('Control+W');
    return settingsCrumb.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true);
  }, { interval: 0 });
  await shot();
});

test('the project\'s .vpce-lens.yaml applies in the editor, and an edit to it at once', async ({ shot, page }) => {
  // (VPCE5001 went with the SQS conversion above, which turned the VPC's DNS hostnames on.)
  await until('a VPCE6001 row', async () => (await rowsOf(page, 'VPCE6001')).length > 0);
  // Written on disk, as a git pull or another editor would: the server's file watcher picks it up.
  const config = join(env.workspace, '.vpce-lens.yaml');
  writeFileSync(config, 'ignore: [VPCE6001]   # which subnet stays is decided elsewhere\n');
  try {
    await until('VPCE6001 to go while the other findings stay', async () => {
      const rows = await problems(page);
      return rows.some((r) => r.code === 'VPCE3001') && !rows.some((r) => r.code === 'VPCE6001');
    }, { timeout: 30_000 });
    await shot();
  } finally {
    rmSync(config, { force: true });
  }
  await until('VPCE6001 back once the file is gone', async () => (await rowsOf(page, 'VPCE6001')).length > 0, { timeout: 30_000 });
});

/** Lines of the extension's output channel, as VS Code logs them under the user-data folder. */
function outputLog() {
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'VPC Endpoint Lens.log') found.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(env.userData, 'logs'));
  return found.join('\n');
}

test('command "Restart Server" starts a new server and the findings come back', async ({ page }) => {
  const starts = () => outputLog().split('\n').filter((l) => l.includes('language server started')).length;
  const before = starts();
  assert.ok(before >= 1, 'the output channel logged the first start');
  await runCommand(page, 'VPC Endpoint Lens: Restart Server');
  await until('a second "language server started" in the output channel', () => starts() > before, { timeout: 30_000 });
  await until('findings from the new server', async () => (await rowsOf(page, 'VPCE3001')).length > 0, { timeout: 30_000 });
});

// The path trace: the command palette, two quick picks, the webview with its verdict and hops, a hop that
// reveals its resource, the matrix tab; and a template whose names are HTML, which must show as text.

test('Trace Path…: pick a source and a destination, read the verdict in the webview', async ({ page, shot }) => {
  // A hostile name: CloudFormation would refuse it, but an editor must still show it as text.
  const xss = '<img src=x onerror=alert(1)>';
  const classic = readFileSync(join(env.workspace, 'trace/classic.yaml'), 'utf8');
  const extra = `  "${xss}":\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.9.0/24}\n`;
  writeFileSync(join(env.workspace, 'trace/classic.yaml'), classic.replace('\n  Worker:\n', `\n${extra}  Worker:\n`));
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openFromExplorer(page, 'trace/classic.yaml');
  await tracePath(page, 'PrivateSubnetB', 's3');
  const view = await frameWith(page, 'the trace panel', '#verdict');
  const verdict = view.locator('#verdict');
  await until('the verdict in the webview', async () => /PrivateSubnetB → s3: Public/.test((await verdict.textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  assert.match(await verdict.textContent(), /NAT gateway Nat/);
  const hops = await view.locator('.hop .kind').allTextContents();
  assert.deepEqual(hops.slice(0, 4), ['subnet', 'DNS', 'route table', 'route']);
  assert.match(await view.locator('.suggestions').textContent(), /add route table PrivateRtB to S3Endpoint's RouteTableIds/);
  await shot('verdict');
  // A hop reveals its resource in the editor.
  const natLine = readFileSync(join(env.workspace, 'trace/classic.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('  Nat:')) + 1;
  await untilAfter(`the editor at line ${natLine}`, () => view.locator('.hop-button', { hasText: 'NAT gateway' }).click(),
    async () => new RegExp(`Ln ${natLine},`).test((await page.locator('#status\\.editor\\.selection').textContent().catch(() => '')) ?? ''));
  // The matrix, keyboard first: the tabs answer the arrow keys.
  await view.locator('#tab-path').focus();
  await view.locator('#tab-path').press('ArrowRight');
  await until('the matrix', async () => (await view.locator('table.matrix tbody tr').count()) > 5, { timeout: 30_000 });
  const rowNames = await view.locator('table.matrix tbody th').allTextContents();
  assert.ok(rowNames.includes(xss), 'the hostile name is shown as text');
  assert.equal(await view.locator('img').count(), 0, 'no element was made from it');
  assert.deepEqual(dialogs, [], 'no script ran');
  await shot('matrix');
});

test('a trace suggestion\'s Apply button makes the change and the panel traces again', async ({ page, shot }) => {
  const view = await frameWith(page, 'the trace panel', '#tab-path');
  await view.locator('#tab-path').click();
  await until('the public verdict again', async () => /PrivateSubnetB → s3: Public/.test((await view.locator('#verdict').textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 20_000 });
  const apply = view.locator('.apply-button').first();
  assert.equal(await apply.getAttribute('title'), 'Add PrivateRtB to RouteTableIds');
  await apply.click();
  await until('the private verdict after Apply', async () => /PrivateSubnetB → s3: Private/.test((await view.locator('#verdict').textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  await shot('applied');
});
