#!/usr/bin/env node
// Records checked facts in server/src/core/data/services.json, each with the page it was read on.
// Input (stdin), one fact a line:  <pattern-or-short-name> <fact> <value> <source-key> [<url>]
//   fact: policy | privateDns | ipv6   value: true | false | null
//   A short name (`ssm`) means `com.amazonaws.{region}.ssm`. A url registers the source key.
//   `ipv6` sets the Interface value (use `ipv6.Gateway` for a gateway endpoint).
// Lines starting with # are comments. Refuses unknown patterns, unknown sources and changes of a known value
// unless the line ends with `!override` (say why in SERVICES.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../server/src/core/data/services.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8'));
const byPattern = new Map(data.services.map((s) => [s.pattern, s]));
const full = (name) => (name.includes('.') && (name.startsWith('com.') || name.startsWith('aws.') || name.startsWith('api.')) ? name : `com.amazonaws.{region}.${name}`);

const lines = readFileSync(0, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
let changed = 0;
for (const line of lines) {
  const words = line.split(/\s+/);
  const override = words.at(-1) === '!override';
  if (override) words.pop();
  const [name, fact, valueText, key, url] = words;
  const s = byPattern.get(full(name));
  if (!s) throw new Error(`unknown service ${name}`);
  if (url) {
    if (data.sources[key] && data.sources[key] !== url) throw new Error(`source ${key} already is ${data.sources[key]}`);
    data.sources[key] = url;
  }
  if (!data.sources[key]) throw new Error(`unknown source ${key}`);
  const value = valueText === 'true' ? true : valueText === 'false' ? false : valueText === 'null' ? null : undefined;
  if (value === undefined) throw new Error(`bad value ${valueText}`);
  const [base, kind = 'Interface'] = fact.split('.');
  const old = base === 'ipv6' ? s.ipv6[kind] : s[base];
  if (base === 'ipv6' && !(kind in s.ipv6)) throw new Error(`${s.pattern} has no ${kind} endpoint`);
  if (!['policy', 'privateDns', 'ipv6'].includes(base)) throw new Error(`bad fact ${fact}`);
  if (old !== null && old !== undefined && old !== value && !override) throw new Error(`${s.pattern} ${fact} is ${old}, line says ${value}: add !override`);
  if (base === 'ipv6') s.ipv6[kind] = value;
  else s[base] = value;
  const citeKey = base;
  if (value === null) delete s.cite[citeKey];
  else s.cite[citeKey] = key;
  changed++;
}
writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
console.log(`${changed} facts recorded`);
