/**
 * npm run bench:sandbox -- [--keywords 10000000] [--seconds 20] [--connections 32]
 *
 * The sandbox marketplace at size: starts `digitallz sandbox` in its own process, reports the
 * world's build time and memory, then drives Amazon autocomplete and Etsy search requests over
 * HTTP from this process and prints throughput and latency.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { freePort } from '@digitallz/core/testing';

const { values } = parseArgs({
  options: {
    keywords: { type: 'string', default: '10000000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
  },
});
const out = (line: string) => process.stdout.write(`${line}\n`);
const port = await freePort();
const started = Date.now();
const child = spawn(
  process.execPath,
  [
    'apps/cli/bin/digitallz.js',
    'sandbox',
    '--keywords',
    String(values.keywords),
    '--port',
    String(port),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let log = '';
child.stdout.on('data', (d) => {
  log += d;
});
while (!log.includes('sandbox marketplace at')) {
  if (child.exitCode !== null) throw new Error(`sandbox exited ${child.exitCode}:\n${log}`);
  await new Promise((r) => setTimeout(r, 100));
}
const readySeconds = (Date.now() - started) / 1000;
const rssMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
};
const peakMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024);
};
out(log.trim());
out(
  `world ready after ${readySeconds.toFixed(1)} s (process start included); RSS ${rssMb()} MB, peak ${peakMb()} MB`,
);

const base = `http://127.0.0.1:${port}`;
const letters = 'abcdefghijklmnopqrstuvwxyz';
const seeds = ['christmas', 'wedding', 'teacher', 'budget', 'printable', 'boho', 'svg', 'planner'];
let n = 0;
const nextUrl = () => {
  n++;
  const seed = seeds[n % seeds.length] as string;
  if (n % 4 === 0)
    return `${base}/v3/application/listings/active?keywords=${encodeURIComponent(seed)}&limit=100`;
  const prefix = n % 3 === 0 ? `${seed} ${letters[n % 26]}` : seed.slice(0, 1 + (n % seed.length));
  return `${base}/api/2017/suggestions?mid=ATVPDKIKX0DER&alias=aps&prefix=${encodeURIComponent(prefix)}`;
};
const latencies: number[] = [];
let errors = 0;
const deadline = Date.now() + Number(values.seconds) * 1000;
await Promise.all(
  Array.from({ length: Number(values.connections) }, async () => {
    while (Date.now() < deadline) {
      const t = performance.now();
      const res = await fetch(nextUrl(), { headers: { 'x-api-key': 'bench' } });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
      latencies.push(performance.now() - t);
    }
  }),
);
latencies.sort((a, b) => a - b);
const at = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(1);
out(
  `requests: ${latencies.length} in ${values.seconds} s = ${Math.round(latencies.length / Number(values.seconds))}/s, errors ${errors}; latency ms p50 ${at(0.5)} p95 ${at(0.95)} p99 ${at(0.99)}`,
);
out(
  `sandbox RSS after load ${rssMb()} MB; machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`,
);
child.kill('SIGINT');
