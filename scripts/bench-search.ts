/**
 * npm run bench:search -- [--database digitallz_bench] [--n 2000] [--keywords 100000]
 *   [--sort relevance|volume|opportunity|difficulty|trending] [--words N]
 *
 * Where an uncached search spends its database time: `--n` searches drawn, as bench:api draws
 * them, from a Zipf mix (s = 1) over the most searched etsy keywords, run one at a time through
 * `findKeywords` with the cache disabled. Prints the time per search and, grouped by how many
 * statements a search ran (a first page without filters starts with one call of the search's head,
 * the exact and prefix tiers), each statement's mean time, then the slowest searches. `--sort`
 * sorts every search another way; `--words N` searches the first N words of each keyword drawn
 * (a shorter, broader query) instead of the whole keyword.
 */
import { parseArgs } from 'node:util';
import { SEARCH_SORTS } from '@digitallz/contracts';
import { createCache, findKeywords } from '@digitallz/core';
import { createDb, queryRows, sql } from '@digitallz/db';
import { interceptStatements } from './lib/intercept-statements';
import { seededRandom, zipfRanks } from './lib/zipf';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'digitallz_bench' },
    n: { type: 'string', default: '2000' },
    keywords: { type: 'string', default: '100000' },
    sort: { type: 'string', default: 'relevance' },
    words: { type: 'string' },
  },
});
const sort = SEARCH_SORTS.find((s) => s === values.sort);
if (!sort) throw new Error(`--sort: one of ${SEARCH_SORTS.join(', ')}`);
const words = values.words === undefined ? undefined : Number(values.words);
const out = (line: string) => process.stdout.write(`${line}\n`);
// Connections set as the API sets its own (no parallel workers, no JIT).
const handle = await createDb({
  url: `postgres://postgres@127.0.0.1:5432/${values.database}`,
  interactive: true,
});
const cache = createCache({ disabled: true });
/** The duration of each statement of the search being run. */
let current: number[] = [];
const timing = interceptStatements(handle.db, async (_statement, run) => {
  const t = performance.now();
  const r = await run();
  current.push(performance.now() - t);
  return r;
});
const keywords = (
  await queryRows<{ keyword: string }>(
    handle.db,
    sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US'
        order by coalesce(search_volume, -1)::float8 desc, id limit ${Number(values.keywords)}`,
  )
).map((r) => r.keyword);
// The same Zipf draw as bench:api's load driver (rank r weighted 1 / r).
const pick = zipfRanks(keywords.length, 1, seededRandom(42));
const results: { rank: number; q: string; ms: number; tiers: number[] }[] = [];
for (let i = 0; i < Number(values.n); i++) {
  const rank = pick();
  const q = (keywords[rank] as string).split(' ').slice(0, words).join(' ');
  current = [];
  const t = performance.now();
  await findKeywords(
    { db: timing, cache },
    { q, platform: 'etsy', marketplace: 'US', limit: 20, sort },
  );
  results.push({ rank, q, ms: performance.now() - t, tiers: current });
}
const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
const p = (x: number) => sorted[Math.floor(x * (sorted.length - 1))]?.toFixed(2);
const sum = sorted.reduce((a, b) => a + b, 0);
out(
  `searches ${sorted.length} mean ${(sum / sorted.length).toFixed(2)} ms p50 ${p(0.5)} p95 ${p(0.95)} p99 ${p(0.99)}`,
);
const byCount = new Map<number, { n: number; ms: number; tierMs: number[] }>();
for (const r of results) {
  const e = byCount.get(r.tiers.length) ?? { n: 0, ms: 0, tierMs: [] };
  e.n++;
  e.ms += r.ms;
  r.tiers.forEach((t, i) => {
    e.tierMs[i] = (e.tierMs[i] ?? 0) + t;
  });
  byCount.set(r.tiers.length, e);
}
for (const [k, e] of [...byCount].sort((a, b) => a[0] - b[0]))
  out(
    `${k} statements: ${e.n} queries, ${(e.ms).toFixed(0)} ms total (${((100 * e.ms) / sum).toFixed(1)}%), per statement mean ${e.tierMs.map((t) => (t / e.n).toFixed(2)).join(' / ')}`,
  );
const slow = [...results].sort((a, b) => b.ms - a.ms).slice(0, 15);
for (const r of slow)
  out(
    `${r.ms.toFixed(1)} ms rank ${r.rank} "${r.q}" ${r.tiers.map((t) => t.toFixed(1)).join(' / ')}`,
  );
await handle.close();
