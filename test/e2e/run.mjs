// Entry point of the real-editor tests (scripts/e2e/run.sh starts code-server and sets E2E_*).
import { runAll } from './harness.mjs';
import { openWorkbench, dismissPopups } from './workbench.mjs';
import './editor.e2e.mjs';
import './rule-docs.e2e.mjs';
import './completion.e2e.mjs';
import './terraform.e2e.mjs';
import './map.e2e.mjs';
import './matrix.e2e.mjs';
import './nested.e2e.mjs';
import './large-document.e2e.mjs';
// Last: it reloads the workbench.
import './restore.e2e.mjs';

const ok = await runAll({ before: openWorkbench, beforeEach: dismissPopups });
process.exit(ok ? 0 : 1);
