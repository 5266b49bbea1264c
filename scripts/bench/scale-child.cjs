// One measured run of the bundled CLI for scale-bench.mjs: main() on the arguments, output counted
// (not printed), then wall time, CPU time and peak RSS as one JSON line on stderr.
'use strict';
const { main } = require('../../dist/cli.js');
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let bytes = 0;
const code = main(process.argv.slice(2), (s) => (bytes += s.length), (s) => process.stderr.write(s));
const cpu = process.cpuUsage(cpu0);
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
process.stderr.write(`\n${JSON.stringify({ code, bytes, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
