// The whole catalogue (services.json), not only the 100 of the coverage table: every fact it holds points at the
// page it was read on, the counts SERVICES.md reports are the file's, and what has been verified is not lost.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Entry {
  pattern: string;
  title: string;
  types: string[];
  policy: boolean | null;
  privateDns: boolean | null;
  ipv6: Record<string, boolean | null>;
  crossRegion?: boolean;
  ports?: number[];
  cite: Record<string, string>;
}
const data = JSON.parse(readFileSync(new URL('../../../server/src/core/data/services.json', import.meta.url), 'utf8')) as {
  compiled: string;
  sources: Record<string, string>;
  services: Entry[];
};
const md = readFileSync(new URL('../../../server/src/core/data/SERVICES.md', import.meta.url), 'utf8');
const services = data.services;
const interfaces = services.filter((s) => s.types.includes('Interface'));

// Sources SERVICES.md lists as background reading for every entry, cited by none.
// The Landing Zone Accelerator list is cited by no entry since the ninth pass (AWS's CodeGuru Profiler page now gives the
// last "no" it alone gave); it stays in the map because SERVICES.md tells what it said and where it was stale.
const BACKGROUND = new Set(['privatelink-access-aws-services', 'create-interface-endpoint', 'lza-policy-exceptions']);

test('patterns are unique and sorted, and each entry has the shape SERVICES.md describes', () => {
  const patterns = services.map((s) => s.pattern);
  assert.equal(new Set(patterns).size, patterns.length, 'a pattern is listed twice');
  assert.deepEqual(patterns, [...patterns].sort(), 'services are not sorted by pattern');
  for (const s of services) {
    assert.ok(s.types.length > 0 && s.types.every((t) => t === 'Interface' || t === 'Gateway'), `${s.pattern} types`);
    assert.deepEqual(Object.keys(s.ipv6).sort(), [...s.types].sort(), `${s.pattern}: one ipv6 value per endpoint type`);
    if (!s.types.includes('Interface')) assert.equal(s.privateDns, null, `${s.pattern}: private DNS is an interface-endpoint fact`);
  }
});

test('every known fact cites a source page and every unknown one cites none', () => {
  for (const s of services) {
    assert.ok(data.sources[s.cite.types ?? ''], `${s.pattern}: cite.types must name a source`);
    for (const fact of ['policy', 'privateDns'] as const) {
      if (s[fact] === null) assert.equal(s.cite[fact], undefined, `${s.pattern} ${fact} is unknown but cites ${s.cite[fact]}`);
      else assert.ok(data.sources[s.cite[fact] ?? ''], `${s.pattern} ${fact} is ${s[fact]} without a cited page`);
    }
    const ipv6Known = Object.values(s.ipv6).some((v) => v !== null);
    if (ipv6Known) assert.ok(data.sources[s.cite.ipv6 ?? ''], `${s.pattern} ipv6 is known without a cited page`);
    else assert.equal(s.cite.ipv6, undefined, `${s.pattern} ipv6 is unknown but cites ${s.cite.ipv6}`);
    // crossRegion: only the services AWS's cross-Region list names carry it (true), each citing that list.
    if (s.crossRegion !== undefined) assert.ok(s.crossRegion === true && data.sources[s.cite.crossRegion ?? ''], `${s.pattern}: crossRegion is written only as true, with its page`);
    else assert.equal(s.cite.crossRegion, undefined, `${s.pattern} cites crossRegion without the fact`);
    // ports: written only where a page names ports other than HTTPS's, as TCP port numbers, with that page.
    if (s.ports !== undefined) assert.ok(s.ports.length > 0 && s.ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536) && data.sources[s.cite.ports ?? ''], `${s.pattern}: ports are TCP ports, with their page`);
    else assert.equal(s.cite.ports, undefined, `${s.pattern} cites ports without the fact`);
    for (const key of Object.keys(s.cite)) assert.ok(['types', 'policy', 'privateDns', 'ipv6', 'crossRegion', 'ports'].includes(key), `${s.pattern} cites an unknown fact ${key}`);
  }
});

test('every source is a page address, and every source is cited (background reading aside)', () => {
  const cited = new Set(services.flatMap((s) => Object.values(s.cite)));
  for (const [key, url] of Object.entries(data.sources)) {
    assert.match(url, /^https:\/\/\S+$/, `source ${key}`);
    assert.ok(cited.has(key) || BACKGROUND.has(key), `source ${key} is cited by no entry`);
  }
});

/** Counts as the Results table of SERVICES.md states them: true, false, null. */
function tally<T>(list: T[], value: (s: T) => boolean | null | undefined): [number, number, number] {
  return [list.filter((s) => value(s) === true).length, list.filter((s) => value(s) === false).length, list.filter((s) => value(s) === null).length];
}
function resultsRow(label: string): number[] {
  const line = md.split('\n').find((l) => l.startsWith(`| \`${label}\``));
  assert.ok(line, `SERVICES.md has no Results row for ${label}`);
  // The row's total in parentheses after the label, then the first number of each cell: true, false, null.
  const [label_, ...cells] = line.split('|').slice(1, -1);
  return [Number(/\((\d+)/.exec(label_ ?? '')?.[1]), ...cells.map((cell) => Number(/\d+/.exec(cell)?.[0]))];
}

test('the Results table and the entry count of SERVICES.md are the counts of services.json', () => {
  assert.match(md, new RegExp(`- Entries: \\*\\*${services.length}\\*\\* patterns`), 'the Entries line is stale');
  assert.deepEqual(resultsRow('policy'), [services.length, ...tally(services, (s) => s.policy)]);
  assert.deepEqual(resultsRow('privateDns'), [interfaces.length, ...tally(interfaces, (s) => s.privateDns)]);
  assert.deepEqual(resultsRow('ipv6.Interface'), [interfaces.length, ...tally(interfaces, (s) => s.ipv6.Interface)]);
  const gateways = services.filter((s) => s.types.includes('Gateway'));
  assert.deepEqual(resultsRow('ipv6.Gateway'), [gateways.length, ...tally(gateways, (s) => s.ipv6.Gateway)]);
});

// What has been verified on AWS's pages across the whole catalogue (SERVICES.md, "Fifth pass", "Sixth pass"). A floor goes up
// when facts are added and comes down only when a value is withdrawn on evidence, said so here and in
// SERVICES.md's "Corrections of earlier values"; never to make this test pass.
// 2026-12-02, seventh pass: policy 222 → 206 (19 values that FIPS names had copied from their base API withdrawn,
// 3 added), private DNS 194 → 198 (one such value withdrawn, 5 added); SERVICES.md, "Seventh pass".
// 2026-12-02, eighth pass: policy 206 → 247, private DNS 198 → 236 (SERVICES.md, "Eighth pass").
// 2026-12-02, ninth pass (names a–i and j–z, two helpers): SERVICES.md, "Ninth pass".
// 2026-12-03, recheck of the most used services: policy 264 → 266 (Amazon MQ); SERVICES.md, "Recheck (2026-12-03)".
// 2026-12-03, tenth pass: policy 266 → 272 (console, signin, swf, workspaces-web, mediaconnect, the new context),
// private DNS 253 → 254 and IPv6 338 → 339 (context); SERVICES.md, "Tenth pass".
const FLOOR = { policy: 272, privateDns: 254, ipv6: 339 };

test('the catalogue knows no fewer facts than the verified floors', () => {
  const known = {
    policy: services.filter((s) => s.policy !== null).length,
    privateDns: interfaces.filter((s) => s.privateDns !== null).length,
    ipv6: interfaces.filter((s) => s.ipv6.Interface !== null).length,
  };
  for (const fact of Object.keys(FLOOR) as (keyof typeof FLOOR)[]) {
    assert.ok(known[fact] >= FLOOR[fact], `${fact} known for ${known[fact]} services, below the verified floor ${FLOOR[fact]}`);
  }
});
