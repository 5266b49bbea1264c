// Compiles server/src/core/data/partitions.json from the AWS SDK's partition data (@aws-sdk/core,
// pinned in package.json): partitions, their DNS suffixes and regions. Refresh: bump the pin,
// `npm install`, `npm run gen:partitions`, review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@aws-sdk/core/package.json'));
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const source = readFileSync(join(pkgDir, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'), 'utf8');
const body = source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1);
const info = JSON.parse(body);

const partitions = info.partitions.map((p) => ({
  id: p.id,
  dnsSuffix: p.outputs.dnsSuffix,
  regionRegex: p.regionRegex,
  regions: Object.keys(p.regions).filter((r) => !r.startsWith('aws-')).sort(),
}));
const out = { source: `@aws-sdk/core@${version}`, generatedBy: 'scripts/gen-partitions.mjs', partitions };
const target = join(dirname(fileURLToPath(import.meta.url)), '../server/src/core/data/partitions.json');
writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${target}: ${partitions.length} partitions, ${partitions.reduce((n, p) => n + p.regions.length, 0)} regions`);
