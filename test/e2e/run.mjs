// Entry point of the real-editor tests (scripts/e2e/run.sh starts code-server and sets E2E_*).
import { runAll } from './harness.mjs';
import { openWorkbench } from './workbench.mjs';
import './editor.e2e.mjs';

const ok = await runAll({ before: openWorkbench });
process.exit(ok ? 0 : 1);
