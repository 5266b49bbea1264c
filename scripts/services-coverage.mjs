#!/usr/bin/env node
// Keeps the coverage table in server/src/core/data/SERVICES.md in step with services.json.
// The table's rank, service and "why" columns are written by hand (they are the ranking); its fact
// columns are derived from services.json, each with a link to the page the fact cites.
//   node scripts/services-coverage.mjs          check: exit 1 when the table and services.json disagree
//   node scripts/services-coverage.mjs --write  rewrite the fact columns and the totals line
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dataDir = new URL('../server/src/core/data/', import.meta.url);
const mdFile = fileURLToPath(new URL('SERVICES.md', dataDir));
const data = JSON.parse(readFileSync(new URL('services.json', dataDir), 'utf8'));
const byPattern = new Map(data.services.map((s) => [s.pattern, s]));
const START = '<!-- coverage:start -->';
const END = '<!-- coverage:end -->';

const word = (v) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
const cited = (s, fact, text) => {
  const key = s.cite[fact];
  return key ? `${text} ([${key}](${data.sources[key]}))` : text;
};
const ipv6Text = (s) => (s.types.length === 1 ? word(s.ipv6[s.types[0]]) : s.types.map((t) => `${t}: ${word(s.ipv6[t])}`).join(', '));
const known = {
  privateDns: (s) => s.privateDns !== null,
  policy: (s) => s.policy !== null,
  ipv6: (s) => s.types.every((t) => s.ipv6[t] !== null && s.ipv6[t] !== undefined),
};

const md = readFileSync(mdFile, 'utf8');
const [head, rest] = md.split(START);
if (rest === undefined || !rest.includes(END)) throw new Error(`SERVICES.md lacks the ${START} … ${END} block`);
const [block, tail] = rest.split(END);
const rows = block.split('\n').filter((l) => /^\|\s*\d+\s*\|/.test(l));
const out = [];
const totals = { privateDns: 0, policy: 0, ipv6: 0 };
for (const row of rows) {
  const cells = row.split('|').slice(1, -1).map((c) => c.trim());
  const rank = cells[0];
  const pattern = cells[1].replace(/`/g, '');
  const why = cells.at(-1);
  const s = byPattern.get(pattern);
  if (!s) throw new Error(`row ${rank}: ${pattern} is not in services.json`);
  for (const f of Object.keys(totals)) if (known[f](s)) totals[f]++;
  out.push(`| ${rank} | \`${pattern}\` | ${cited(s, 'privateDns', word(s.privateDns))} | ${cited(s, 'policy', word(s.policy))} | ${cited(s, 'ipv6', ipv6Text(s))} | ${why} |`);
}
const table = [
  '',
  `Known for the ${rows.length} services: private DNS ${totals.privateDns}, endpoint policy ${totals.policy}, IPv6 ${totals.ipv6}.`,
  '',
  '| # | service name | private DNS | endpoint policy | IPv6 | why it ranks here |',
  '| --- | --- | --- | --- | --- | --- |',
  ...out,
  '',
].join('\n');
const next = `${head}${START}${table}${END}${tail}`;
if (process.argv.includes('--write')) {
  writeFileSync(mdFile, next);
  console.log(`SERVICES.md coverage: ${rows.length} services; private DNS ${totals.privateDns}, policy ${totals.policy}, IPv6 ${totals.ipv6}`);
} else if (next !== md) {
  console.error('SERVICES.md coverage table disagrees with services.json: run node scripts/services-coverage.mjs --write');
  process.exit(1);
} else console.log('SERVICES.md coverage table agrees with services.json');
