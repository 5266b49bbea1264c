// Terraform in a real editor: a .tf file opened from the explorer gets its squiggle and Problems row,
// the quick fix from the light bulb is an HCL edit saved to disk, and Trace Path traces it; a finding
// a terraform.tfvars value decides is listed under that file, as the CLI reports it.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, env, until } from './harness.mjs';
import { sel, openFromExplorer, problems, showProblems, goTo, applyQuickFix, save, frameWith, tracePath } from './workbench.mjs';

const FILE = 'examples/terraform/main.tf';
const read = () => readFileSync(join(env.workspace, FILE), 'utf8');

test('a .tf file: squiggle and Problems row in Terraform words, the HCL quick fix, the trace', async ({ page, shot }) => {
  await openFromExplorer(page, FILE);
  const line = read().split('\n').findIndex((l) => /^\s*service_name\s*=.*\.ssm"/.test(l)) + 1;
  assert.ok(line > 0, 'the example has the SSM endpoint');
  await goTo(page, line, 5);
  await page.waitForSelector(sel.squigglyError, { timeout: 30_000 });
  await showProblems(page);
  const [row] = await until('a VPCE2001 row', () => problems(page).then((rows) => rows.filter((r) => r.code === 'VPCE2001')).then((r) => r.length && r), { timeout: 30_000 });
  assert.equal(row.line, line);
  assert.match(row.message, /vpc_endpoint_type is not set/);
  await shot('squiggle');
  const before = read();
  await goTo(page, line, 5);
  await applyQuickFix(page, /vpc_endpoint_type = "Interface"/);
  await until('the VPCE2001 row to go', async () => (await problems(page)).every((r) => r.code !== 'VPCE2001'));
  await save(page);
  // The save truncates the file before it writes it: wait for a whole new text, not just a changed one.
  const saved = await until('the fix on disk', () => {
    const text = read();
    return text !== before && text.trimEnd().endsWith('}') && text;
  });
  // The argument goes last in the block, aligned as terraform fmt aligns it.
  assert.equal(saved, before.replace(/(resource "aws_vpc_endpoint" "ssm" \{[\s\S]*?)(\n\})/, '$1\n  vpc_endpoint_type   = "Interface"$2'), 'one aligned line added, nothing else changed');
  // The trace, from the palette: the instance to SSM, private through the endpoint now.
  await tracePath(page, 'aws_instance.app', 'ssm');
  const view = await frameWith(page, 'the trace panel', '#verdict');
  await until('the verdict in the webview', async () => /aws_instance\.app → ssm: Private/.test((await view.locator('#verdict').textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  await shot('trace');
  // Written on disk beside main.tf (the server watches *.tf and *.tfvars): an endpoint whose type the
  // tfvars value makes Gateway. Its finding sits on that value, under terraform.tfvars, line 1.
  const dir = join(env.workspace, 'examples', 'terraform');
  writeFileSync(join(dir, 'logs.tf'), LOGS);
  writeFileSync(join(dir, 'terraform.tfvars'), 'logs_type = "Gateway"\n');
  try {
    await showProblems(page);
    await until('the terraform.tfvars row', async () => (await problems(page)).some((r) => r.code === 'VPCE2001' && r.line === 1 && /logs has no Gateway endpoint/.test(r.message)), { timeout: 30_000 });
    assert.ok((await page.locator('.markers-panel .monaco-list-row', { hasText: 'terraform.tfvars' }).count()) > 0, 'the row is under terraform.tfvars');
    await shot('tfvars');
  } finally {
    rmSync(join(dir, 'logs.tf'));
    rmSync(join(dir, 'terraform.tfvars'));
  }
});

// Terraform's JSON syntax (as cdktf writes it): VS Code gives *.tf.json the `json` language; the server
// checks it as Terraform all the same, with the .tf file beside it (test/fixtures/tf/json-mixed, copied
// into the workspace by scripts/e2e/run.sh).
test('a .tf.json file: its Problems row in Terraform words, at the JSON string', async ({ page }) => {
  const file = 'tfjson/mixed/endpoints.tf.json';
  await openFromExplorer(page, file);
  await showProblems(page);
  const [row] = await until('a VPCE9005 row', () => problems(page).then((rows) => rows.filter((r) => r.code === 'VPCE9005')).then((r) => r.length && r), { timeout: 30_000 });
  const lines = readFileSync(join(env.workspace, file), 'utf8').split('\n');
  assert.equal(row.line, lines.findIndex((l) => l.includes('s3:GetObjekt')) + 1);
  // At the action inside the JSON string, its escaped quotes counted.
  assert.equal(row.column, lines[row.line - 1].indexOf('s3:GetObjekt') + 1);
  assert.match(row.message, /s3:GetObjekt/);
});

const LOGS = `variable "logs_type" {
  default = "Interface"
}

resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.logs"
  vpc_endpoint_type   = var.logs_type
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.app.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}
`;
