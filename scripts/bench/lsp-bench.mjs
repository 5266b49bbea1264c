// Language-server benchmark: a stdio LSP client that opens a generated ~5,000-line template in the
// built server (dist/server.js) and types into it: 200 didChange edits of one character each, each
// waiting for the publishDiagnostics of its own version. Reports p50/p95 latency from sending the
// change to receiving its diagnostics (nothing subtracted, so with the default debounce every figure
// includes those 150 ms), and the server's resident memory from /proc/<pid>/status (VmRSS sampled
// every 5 ms, and the kernel's own peak, VmHWM). For reference it also times the engine alone on the
// same edits in this process (bundled with esbuild to a temporary file): the difference is what the
// server adds.
//
//   npm run build && node scripts/bench/lsp-bench.mjs [--lines 5000] [--edits 200] [--debounce 0,150]
//
// `--at PATTERN`: type at the end of the first line past the middle matching it (default GroupDescription:);
// repeat it to measure several places in one run, one table row each; `--at network` stands for the
// description and the network values people type into (a route's, a subnet's and a security-group
// rule's CIDR, a port, a ServiceName, a policy Action).
// `--features FILE` instead times the requests that read a version's analysis once it is made: hover on
// the first ServiceName, completion of that ServiceName value, where the template has them completion in
// a RouteTableIds item and a policy's Action and hover on a route table's Ref, and the code actions of every diagnostic
// (quick fixes and fix-all), each asked `--requests` times (default 200) against an idle server, in
// `--runs` fresh servers (median run reported). `--server PATH` benchmarks another build (e.g. main's).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateTemplate } from './gen-template.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const targetLines = Number(arg('lines', '5000'));
const editCount = Number(arg('edits', '200'));
const debounces = arg('debounce', '0,150').split(',').map(Number);
const SERVER = arg('server', `${ROOT}dist/server.js`);
const NETWORK_PLACES = ['GroupDescription:', 'DestinationCidrBlock:', 'CidrBlock: 10\\.\\d+\\.\\d+\\.0/(19|20)', 'CidrIp: 10\\.', 'FromPort:', 'ServiceName:', "Action: 'logs"];
const places = (() => {
  const given = process.argv.flatMap((a, i) => (a === '--at' ? [process.argv[i + 1]] : []));
  return given.length ? given.flatMap((p) => (p === 'network' ? NETWORK_PLACES : [p])) : ['GroupDescription:'];
})();
// `--prof DIR`: the server (and its lint worker) write V8 CPU profiles there (node --cpu-prof).
const PROF = arg('prof', '');

/** The generator counts resources; find the count whose template is closest to the wanted lines. */
function templateOfLines(lines) {
  let lo = 1;
  let hi = 4000;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (generateTemplate(mid).split('\n').length < lines) lo = mid + 1;
    else hi = mid;
  }
  return generateTemplate(lo);
}

function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/**
 * Where the edits type: by default into a description in the middle of the template, before its closing
 * quote (so the template stays valid), as a person editing it would. `--at PATTERN` types at the end of
 * the first line past the middle that matches it instead (e.g. `--at CidrIp:`: a value other resources'
 * findings depend on, which the incremental lint does not keep).
 */
function typingPoint(text, place) {
  const lines = text.split('\n');
  const at = new RegExp(place);
  let line = lines.findIndex((l, i) => i > lines.length / 2 && at.test(l));
  if (line < 0) line = Math.floor(lines.length / 2);
  return { line, character: lines[line].length - (/['"]$/.test(lines[line]) ? 1 : 0) };
}

/** CPU time the process (all its threads: main, lint worker, GC) has used, in ms (/proc/<pid>/stat utime + stime). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return NaN;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(text, debounceMs, place) {
  const profile = PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF] : [];
  const proc = spawn(process.execPath, [...profile, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rpc = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = new Map(); // version → resolve
  let diagnosticsSeen = 0;
  rpc.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnosticsSeen = p.diagnostics.length;
    waiting.get(p.version)?.(performance.now());
  });
  rpc.onRequest('workspace/configuration', (p) => p.items.map(() => ({ regions: ['eu-west-1'] })));
  rpc.listen();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memory(proc.pid).rss || 0)), 5);

  await rpc.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).href, initializationOptions: { debounceMs }, capabilities: { workspace: { configuration: true } } });
  await rpc.sendNotification('initialized', {});
  const uri = pathToFileURL(`${ROOT}bench-template.yaml`).href;
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

  let t0 = performance.now();
  let done = published(1);
  await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const openMs = (await done) - t0;

  const { line } = typingPoint(text, place);
  let { character } = typingPoint(text, place);
  const latencies = [];
  // On a shared machine latency includes waiting for a core; the server's CPU time per edit does not.
  const cpu0 = cpuMs(proc.pid);
  for (let i = 0; i < editCount; i++) {
    const version = i + 2;
    done = published(version);
    const position = { line, character };
    t0 = performance.now();
    await rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: 'abcdefghij'[i % 10] }] });
    latencies.push((await done) - t0);
    waiting.delete(version);
    character++;
  }
  clearInterval(sampler);
  const cpuPerEdit = (cpuMs(proc.pid) - cpu0) / editCount;
  const { hwm } = memory(proc.pid);
  await rpc.sendRequest('shutdown');
  await rpc.sendNotification('exit');
  rpc.dispose();
  const sorted = [...latencies].sort((a, b) => a - b);
  return { debounceMs, openMs, cpuPerEdit, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], peakRss, hwm, diagnosticsSeen };
}

/** The engine alone, in this process, on the same sequence of texts the server gets. */
async function engineAlone(text, line, character) {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-bench-'));
  try {
    const outfile = join(dir, 'engine.cjs');
    // jsonc-parser's UMD main requires its own files at run time: bundle its ESM build (as scripts/build.mjs does).
    await build({ entryPoints: [`${ROOT}server/src/core/engine.ts`], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error', alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } });
    const { lintDocument, analyze, newParseCache, newLintMemo } = require(outfile);
    const options = { fileName: 'bench-template.yaml', settings: { regions: ['eu-west-1'] } };
    // The same edits twice: from scratch, then as the lint worker analyses them (parse cache and lint
    // memo of the document kept across its versions; core/incremental).
    const timed = (lint) => {
      const lines = text.split('\n');
      const times = [];
      for (let i = 0; i < editCount; i++) {
        lines[line] = lines[line].slice(0, character + i) + 'abcdefghij'[i % 10] + lines[line].slice(character + i);
        const current = lines.join('\n');
        const t0 = performance.now();
        lint(current);
        times.push(performance.now() - t0);
      }
      const sorted = times.sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    };
    const scratch = timed((t) => lintDocument(t, options));
    const parseCache = newParseCache?.();
    const lintMemo = newLintMemo?.();
    if (lintMemo) analyze(text, { ...options, parseCache, lintMemo });
    const incremental = lintMemo ? timed((t) => analyze(t, { ...options, parseCache, lintMemo })) : { p50: NaN, p95: NaN };
    return { ...scratch, incremental };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The position just after `needle` in `text`. */
function after(text, needle) {
  const at = text.indexOf(needle) + needle.length;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

async function features(file, requests) {
  const text = readFileSync(file, 'utf8');
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rpc = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let published;
  const ready = new Promise((resolve) => rpc.onNotification('textDocument/publishDiagnostics', (p) => resolve((published = p))));
  rpc.onRequest('workspace/configuration', (p) => p.items.map(() => ({ regions: ['eu-west-1'] })));
  rpc.listen();
  const capabilities = { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } }, completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } } }; // what VS Code 1.91 declares
  await rpc.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).href, initializationOptions: { debounceMs: 0 }, capabilities });
  await rpc.sendNotification('initialized', {});
  const uri = pathToFileURL(file).href;
  await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await ready;
  const textDocument = { uri };
  const service = after(text, 'ServiceName: ');
  const whole = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
  const asks = {
    hover: () => rpc.sendRequest('textDocument/hover', { textDocument, position: { ...service, character: service.character + 3 } }),
    completion: () => rpc.sendRequest('textDocument/completion', { textDocument, position: service }),
    // Completion and hover across the endpoint (complete/): where the template has such places.
    ...(text.includes('RouteTableIds:\n        - !Ref ') ? { 'completion (RouteTableIds item)': () => rpc.sendRequest('textDocument/completion', { textDocument, position: after(text, 'RouteTableIds:\n        - !Ref ') }) } : {}),
    ...(text.includes('RouteTableIds:\n        - !Ref ') ? { 'hover (route table at a Ref)': () => rpc.sendRequest('textDocument/hover', { textDocument, position: after(text, 'RouteTableIds:\n        - !Ref P') }) } : {}),
    ...(text.includes('Statement:\n          - Action: ') ? { 'completion (policy Action)': () => rpc.sendRequest('textDocument/completion', { textDocument, position: after(text, 'Statement:\n          - Action: ') }) } : {}),
    'code action': () => rpc.sendRequest('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: published.diagnostics } }),
    'fix all': () => rpc.sendRequest('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: published.diagnostics, only: ['source.fixAll'] } }),
  };
  const out = {};
  for (const [name, ask] of Object.entries(asks)) {
    const times = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      await ask();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  await rpc.sendRequest('shutdown');
  await rpc.sendNotification('exit');
  rpc.dispose();
  return { out, diagnostics: published.diagnostics.length, lines: text.split('\n').length };
}

if (!existsSync(SERVER)) {
  console.error(`${SERVER} is missing: run npm run build first`);
  process.exit(2);
}
const featureFile = arg('features', '');
if (featureFile) {
  const runs = Number(arg('runs', '5'));
  const requests = Number(arg('requests', '200'));
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await features(featureFile, requests);
    results.push(r);
    console.log(`run ${i + 1}/${runs} (${r.lines} lines, ${r.diagnostics} diagnostics): ` + Object.entries(r.out).map(([k, v]) => `${k} p50 ${v.p50.toFixed(2)} ms, p95 ${v.p95.toFixed(2)} ms`).join(' | '));
  }
  const med = (name, k) => results.map((r) => r.out[name][k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  console.log('\n| Request | p50 (median run) | p95: median (range) |\n| --- | ---: | ---: |');
  for (const name of Object.keys(results[0].out)) {
    const p95s = results.map((r) => r.out[name].p95).sort((a, b) => a - b);
    console.log(`| ${name} | ${med(name, 'p50').toFixed(2)} ms | ${med(name, 'p95').toFixed(2)} ms (${p95s[0].toFixed(2)}–${p95s.at(-1).toFixed(2)}) |`);
  }
  process.exit(0);
}
const text = templateOfLines(targetLines);
console.log(`template: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB; ${editCount} one-character edits, each waiting for its own diagnostics; node ${process.version}`);
// `--engine no`: skip the in-process reference (when benchmarking another build's server alternately).
const engineToo = arg('engine', 'yes') !== 'no';
// Each configuration runs several times (a fresh server each): the table reports the median run's
// figures and the range of p95, since one run on a shared 2-core machine is noisy.
const runs = Number(arg('runs', '5'));
const rows = [];
const alones = [];
for (const place of places) {
  const point = typingPoint(text, place);
  console.log(`typing at line ${point.line + 1} (${place}): ${text.split('\n')[point.line].trim()}`);
  const alone = engineToo ? await engineAlone(text, point.line, point.character) : { p50: NaN, p95: NaN, incremental: { p50: NaN, p95: NaN } };
  alones.push(alone);
  if (engineToo) console.log(`engine alone, in-process, same edits: p50 ${alone.p50.toFixed(1)} ms, p95 ${alone.p95.toFixed(1)} ms (from scratch); with the editor's parse cache and lint memo: p50 ${alone.incremental.p50.toFixed(1)} ms, p95 ${alone.incremental.p95.toFixed(1)} ms`);
  for (const d of debounces) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await run(text, d, place);
      results.push(r);
      const f = (x) => x.toFixed(1).padStart(6);
      console.log(
        `debounce ${String(d).padStart(3)} ms, run ${i + 1}/${runs}: open ${f(r.openMs)} ms | change→diagnostics p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, max ${f(r.max)} ms | server CPU ${r.cpuPerEdit.toFixed(1)} ms/edit | ` +
          `server RSS peak ${r.peakRss.toFixed(0)} MB sampled, VmHWM ${r.hwm.toFixed(0)} MB | ${r.diagnosticsSeen} diagnostics`,
      );
    }
    const med = (k) => [...results.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(results.length / 2)];
    const p95s = results.map((r) => r.p95).sort((a, b) => a - b);
    const p95 = med('p95');
    const hwm = Math.max(...results.map((r) => r.hwm));
    rows.push(`| ${place.replace(/\|/g, '\\|')} | ${d} ms | ${runs} | ${med('p50').toFixed(0)} ms | ${p95.toFixed(0)} ms (${p95s[0].toFixed(0)}–${p95s.at(-1).toFixed(0)}) | ${med('max').toFixed(0)} ms | ${med('cpuPerEdit').toFixed(1)} ms | ${hwm.toFixed(0)} MB | ${p95 - d <= 50 ? 'PASS' : 'FAIL'} / ${hwm <= 150 ? 'PASS' : 'FAIL'} |`);
  }
}
console.log(['', '| Typing at | Debounce | Runs | p50 (median run) | p95: median (range) | max (median) | Server CPU per edit (median) | Server RSS, highest VmHWM | p95 / RSS |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |', ...rows].join('\n'));
const alone = alones[0];
// `--append FILE`: add this run as a section of BENCHMARKS.md (npm run bench does).
const appendTo = arg('append', '');
if (appendTo) {
  const { appendFileSync } = await import('node:fs');
  appendFileSync(appendTo, [
    '',
    '## Language server: typing into a large template',
    '',
    `\`scripts/bench/lsp-bench.mjs\`: a stdio LSP client opens a ${text.split('\n').length}-line template and makes ${editCount} one-character edits, each waiting for the publishDiagnostics of its own version; each configuration runs ${runs} times against a fresh server. The engine alone (whole parse, no cache) on the same edits: p50 ${alone.p50.toFixed(0)} ms, p95 ${alone.p95.toFixed(0)} ms. Targets: p95 ≤ 50 ms, RSS ≤ 150 MB; with a debounce, p95 is judged after taking off the debounce itself (the server waits that long on purpose, for the typing to pause).`,
    '',
    '| Typing at | Debounce | Runs | p50 (median run) | p95: median (range) | max (median) | Server CPU per edit (median) | Server RSS, highest VmHWM | p95 / RSS |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n'));
}
