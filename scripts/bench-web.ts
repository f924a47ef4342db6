/**
 * npm run bench:web -- [--loads 15]
 *
 * Page speed of the web app on a warm production server: starts `digitallz start` on a fresh
 * embedded install (demo data, production build), warms each page, then loads the search results
 * page and a keyword page `--loads` times each in Debian's Chromium (playwright-core, a fresh
 * context per load: no browser cache) and prints the median and p95 of:
 *   - first contentful paint (the first render a visitor sees),
 *   - interactive: React has hydrated the page (the `dz-hydrated` performance mark),
 *   - load: the load event,
 *   - layout shift: the cumulative layout shift score (CLS) from the page's start until 1 s after
 *     it hydrated (charts and client components included).
 * Targets: under 1 second each; no layout shift (CLS 0; web.dev calls under 0.1 good).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '@digitallz/core/testing';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { loads: { type: 'string', default: '15' } } });
const loads = Number(values.loads);
// A visitor without an account has 20 searches a day; the search page spends one per load.
if (!Number.isInteger(loads) || loads < 1 || loads > 16)
  throw new Error(
    "--loads must be 1 to 16 (3 warm-up loads + these stay within a visitor's 20 searches a day)",
  );
const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-bench-web-'));
const [web, api, sandbox] = [await freePort(), await freePort(), await freePort()];
const child = spawn(process.execPath, ['apps/cli/bin/digitallz.js', 'start'], {
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    WEB_PORT: String(web),
    API_PORT: String(api),
    SANDBOX_PORT: String(sandbox),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout?.on('data', (d) => (output += d));
const deadline = Date.now() + 300_000;
while (!output.includes('Digitallz is running')) {
  if (child.exitCode !== null || Date.now() > deadline) throw new Error(`start failed:\n${output}`);
  await new Promise((r) => setTimeout(r, 250));
}

const site = `http://localhost:${web}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const pages = {
  'search results': '/?q=planner&platform=etsy',
  'keyword page': '/keywords/etsy/planner?marketplace=US',
};
type Timing = { fcp: number; interactive: number; load: number; cls: number };

async function measure(path: string): Promise<Timing> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every layout shift not caused by the user, summed (the CLS of a page this short).
  await page.addInitScript(() => {
    const state = globalThis as unknown as { dzLayoutShift: number };
    state.dzLayoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
      }[])
        if (!entry.hadRecentInput) state.dzLayoutShift += entry.value;
      // 'layout-shift' is a browser entry type that Node's typings (used here) do not list.
    }).observe({ type: 'layout-shift' as 'mark', buffered: true });
  });
  await page.goto(`${site}${path}`, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('dz-hydrated').length > 0);
  await page.waitForTimeout(1_000);
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const hydrated = performance.getEntriesByName('dz-hydrated')[0]?.startTime ?? Number.NaN;
    // The navigation entry (a DOM type: this script compiles without the DOM library).
    const nav = (
      performance as unknown as { getEntriesByType(t: string): { loadEventEnd: number }[] }
    ).getEntriesByType('navigation')[0];
    const cls = (globalThis as unknown as { dzLayoutShift: number }).dzLayoutShift;
    return { fcp, interactive: hydrated, load: nav?.loadEventEnd ?? Number.NaN, cls };
  });
  await context.close();
  return timing;
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(0).padStart(5)} ms`;

process.stdout.write(
  `machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}; production build, embedded demo data; ${loads} cold-browser loads per page after a warm-up\n`,
);
try {
  for (const [name, path] of Object.entries(pages)) {
    for (let i = 0; i < 3; i++) await measure(path); // warm the server and its caches
    const runs: Timing[] = [];
    for (let i = 0; i < loads; i++) runs.push(await measure(path));
    const line = (['fcp', 'interactive', 'load'] as const)
      .map(
        (k) =>
          `${k} median ${ms(
            pct(
              runs.map((r) => r[k]),
              0.5,
            ),
          )} p95 ${ms(
            pct(
              runs.map((r) => r[k]),
              0.95,
            ),
          )}`,
      )
      .join('  ');
    const shifts = runs.map((r) => r.cls);
    process.stdout.write(
      `${name.padEnd(15)} ${line}  layout shift median ${pct(shifts, 0.5).toFixed(3)} max ${Math.max(...shifts).toFixed(3)}\n`,
    );
  }
} finally {
  await browser.close();
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
