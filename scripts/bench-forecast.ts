/**
 * npm run bench:forecast
 *
 * The forecast CLI on the real M4 weekly series (benchmarks/datasets/m4-weekly: 180 series, train
 * then the 13 test weeks): sMAPE, MASE and interval coverage beside the classic baselines computed
 * here on the same series (naive, seasonal naive, SES, Theta and their mean) and the M4 paper's
 * published weekly figures (all 359 series). Then short histories (a keyword's first year):
 * the training series cut to 52-64 weeks before rolling origins, 13 weeks ahead, our forecast
 * against the same mean with the naive method in place of the seasonal shape. Then two years and
 * more: the training series cut to 104 and 156 weeks before rolling origins, our forecast against
 * the combination alone (without the yearly season), and the same on a sandbox world's keywords
 * (synthetic, with holiday seasons; never used to choose the method).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  combinedForecast,
  dampedHolt,
  forecastSeries,
  naive,
  seasonalNaive,
  ses,
  theta,
  yearlySeason,
} from '@digitallz/core';
import { generateMarketWorld } from '@digitallz/sandbox';

const HORIZON = 13;
const DIR = new URL('../benchmarks/datasets/m4-weekly/', import.meta.url);
const out = (line: string) => process.stdout.write(`${line}\n`);

const read = (file: string) =>
  readFileSync(new URL(file, DIR), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim().split(','))
    .map(([id, ...cells]) => ({
      id: (id as string).replaceAll('"', ''),
      values: cells.filter((c) => c.trim() !== '').map(Number),
    }));
const train = read('train.csv');
const test = new Map(read('test.csv').map((s) => [s.id, s.values]));

// The series carry no dates: number the weeks back from a Monday so each ends the same week.
const DAY = 86_400_000;
const end = Date.UTC(2026, 10, 23);
const lines = ['id,date,value'];
for (const s of train)
  s.values.forEach((v, t) => {
    const date = new Date(end - (s.values.length - 1 - t) * 7 * DAY).toISOString().slice(0, 10);
    lines.push(`${s.id},${date},${v}`);
  });
const dir = mkdtempSync(join(tmpdir(), 'dz-m4-'));
writeFileSync(join(dir, 'series.csv'), lines.join('\n'));
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [
    'apps/cli/bin/digitallz.js',
    'forecast',
    '--input',
    join(dir, 'series.csv'),
    '--horizon',
    String(HORIZON),
    '--output',
    join(dir, 'forecast.csv'),
  ],
  { encoding: 'utf8' },
);
if (run.status !== 0) throw new Error(`forecast CLI failed: ${run.stdout}${run.stderr}`);
const cliSeconds = (Date.now() - started) / 1000;
const ours = new Map<
  string,
  { points: number[]; lo80: number[]; hi80: number[]; lo95: number[]; hi95: number[] }
>();
for (const line of readFileSync(join(dir, 'forecast.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [id, , f, lo80, hi80, lo95, hi95] = line.split(',');
  const entry = ours.get(id as string) ?? { points: [], lo80: [], hi80: [], lo95: [], hi95: [] };
  entry.points.push(Number(f));
  entry.lo80.push(Number(lo80));
  entry.hi80.push(Number(hi80));
  entry.lo95.push(Number(lo95));
  entry.hi95.push(Number(hi95));
  ours.set(id as string, entry);
}
rmSync(dir, { recursive: true, force: true });

const smape = (actual: number[], f: number[]) =>
  (200 / actual.length) *
  actual.reduce(
    (s, y, i) => s + Math.abs(y - (f[i] as number)) / (Math.abs(y) + Math.abs(f[i] as number)),
    0,
  );
/** MASE as in M4 for weekly data: scaled by the in-sample mean absolute one-step change (m = 1). */
const mase = (insample: number[], actual: number[], f: number[]) => {
  let scale = 0;
  for (let t = 1; t < insample.length; t++)
    scale += Math.abs((insample[t] as number) - (insample[t - 1] as number));
  scale /= insample.length - 1;
  return actual.reduce((s, y, i) => s + Math.abs(y - (f[i] as number)), 0) / actual.length / scale;
};
const mean = (forecasts: number[][]) =>
  (forecasts[0] as number[]).map(
    (_, h) => forecasts.reduce((s, f) => s + (f[h] as number), 0) / forecasts.length,
  );

const methods: Record<string, (y: number[]) => number[]> = {
  Naive: (y) => naive(y, HORIZON).points,
  'Seasonal naive (52)': (y) => seasonalNaive(y, HORIZON, 52).points,
  SES: (y) => ses(y, HORIZON).points,
  Theta: (y) => theta(y, HORIZON).points,
  'Mean of the four': (y) =>
    mean([
      naive(y, HORIZON).points,
      seasonalNaive(y, HORIZON, 52).points,
      ses(y, HORIZON).points,
      theta(y, HORIZON).points,
    ]),
  'Digitallz (forecast CLI)': (y) =>
    ours.get(train.find((s) => s.values === y)?.id ?? '')?.points ?? [],
};
const published: Record<string, string> = {
  Naive: '9.161 / 2.777',
  'Seasonal naive (52)': '9.161 / 2.777 (sNaive, m = 1)',
  SES: '9.012 / 2.685',
  Theta: '9.093 / 2.637',
  'Mean of the four': '8.944 / 2.432 (Comb: SES, Holt, damped)',
};
out(
  `M4 weekly, ${train.length} series (odd-numbered half), horizon ${HORIZON}; forecast CLI ${cliSeconds.toFixed(1)} s`,
);
out('| method | sMAPE | MASE | M4 paper, 359 series (sMAPE / MASE) |');
out('|---|---|---|---|');
for (const [name, method] of Object.entries(methods)) {
  let s = 0;
  let m = 0;
  for (const series of train) {
    const actual = test.get(series.id) as number[];
    const f = method(series.values);
    s += smape(actual, f);
    m += mase(series.values, actual, f);
  }
  out(
    `| ${name} | ${(s / train.length).toFixed(3)} | ${(m / train.length).toFixed(3)} | ${published[name] ?? '-'} |`,
  );
}
let in80 = 0;
let in95 = 0;
let n = 0;
for (const series of train) {
  const f = ours.get(series.id);
  (test.get(series.id) as number[]).forEach((y, h) => {
    n++;
    if (f && y >= (f.lo80[h] as number) && y <= (f.hi80[h] as number)) in80++;
    if (f && y >= (f.lo95[h] as number) && y <= (f.hi95[h] as number)) in95++;
  });
}
out(
  `Digitallz interval coverage: 80% interval ${((100 * in80) / n).toFixed(1)}%, 95% interval ${((100 * in95) / n).toFixed(1)}% (${n} test weeks)`,
);

// Short histories: origins every 26 weeks over the last three years of each training series.
out(
  'short histories (training series cut, 13 weeks ahead): sMAPE, ours / with naive for the season',
);
for (const weeks of [52, 53, 54, 56, 60, 64]) {
  let [oursTotal, naiveTotal, origins] = [0, 0, 0];
  for (const { values } of train) {
    for (
      let end = values.length - HORIZON;
      end >= weeks && end > values.length - HORIZON - 156;
      end -= 26
    ) {
      const history = values.slice(end - weeks, end);
      const actual = values.slice(end, end + HORIZON);
      const parts = [
        theta(history, HORIZON),
        dampedHolt(history, HORIZON),
        naive(history, HORIZON),
      ];
      const withNaive = actual.map(
        (_, h) => parts.reduce((a, p) => a + (p.points[h] as number), 0) / 3,
      );
      oursTotal += smape(actual, forecastSeries(history, HORIZON).points);
      naiveTotal += smape(actual, withNaive);
      origins += 1;
    }
  }
  out(
    `  ${weeks} weeks: ${(oursTotal / origins).toFixed(3)} / ${(naiveTotal / origins).toFixed(3)} over ${origins} origins`,
  );
}
// Two years and more: where the last two years agree on a season, the series is forecast without it.
type Origin = { history: number[]; actual: number[] };
const compareSeason = (label: string, origins: Origin[]) => {
  let [oursTotal, combinedTotal, seasonal, seasonalGain] = [0, 0, 0, 0];
  for (const { history, actual } of origins) {
    const o = smape(actual, forecastSeries(history, HORIZON).points);
    const c = smape(actual, combinedForecast(history, HORIZON).points);
    oursTotal += o;
    combinedTotal += c;
    if (yearlySeason(history)) [seasonal, seasonalGain] = [seasonal + 1, seasonalGain + c - o];
  }
  const n = origins.length;
  out(
    `  ${label}: ${(oursTotal / n).toFixed(3)} / ${(combinedTotal / n).toFixed(3)} over ${n} origins; a yearly season in ${seasonal} (sMAPE ${(seasonalGain / Math.max(1, seasonal)).toFixed(2)} lower on those)`,
  );
};
out('two years and more (13 weeks ahead): sMAPE, ours / the combination without the yearly season');
for (const weeks of [104, 156]) {
  const origins: Origin[] = [];
  for (const { values } of train)
    for (
      let end = values.length - HORIZON;
      end >= weeks && end > values.length - HORIZON - 156;
      end -= 13
    )
      origins.push({
        history: values.slice(end - weeks, end),
        actual: values.slice(end, end + HORIZON),
      });
  compareSeason(`M4 training series, ${weeks} weeks`, origins);
}
// A sandbox world of three years (synthetic): origins every 4 weeks over its last year.
const world = generateMarketWorld({ keywords: 3_000, asOf: new Date(end), weeks: 156 });
for (const holiday of [true, false]) {
  const origins: Origin[] = [];
  for (const keyword of world.keywords
    .filter((k) => (k.trend.peakMonth !== null) === holiday)
    .slice(0, 600)) {
    const values = keyword.weekly.map((w) => w.searchVolume);
    for (let to = values.length - HORIZON; to >= 104; to -= 4)
      origins.push({ history: values.slice(0, to), actual: values.slice(to, to + HORIZON) });
  }
  compareSeason(`sandbox keywords ${holiday ? 'with a peak month' : 'without a season'}`, origins);
}
out(`machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`);
