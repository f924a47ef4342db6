/**
 * npm run bench:explain -- [--database digitallz_bench] [--plans]
 *
 * Plans every keyword endpoint on the database `bench:load-data` filled: runs each use case with
 * the cache disabled, captures the SQL it sends (prepared statements too: a plpgsql function such
 * as the search's head then shows as one Function Scan, timed whole), and prints EXPLAIN (ANALYZE, BUFFERS) timings
 * (with `--plans`, the whole plans) for a head keyword and a tail keyword.
 */
import { parseArgs } from 'node:util';
import {
  comparePlatforms,
  createCache,
  findKeywords,
  findPopularKeywords,
  findRelatedKeywords,
  findSuggestions,
  getGlobalTrends,
  getKeyword,
  getKeywordCompetition,
  getKeywordTrends,
} from '@digitallz/core';
import { createDb, queryRows, sql, sqlText } from '@digitallz/db';
import type pg from 'pg';
import { interceptStatements, type Statement } from './lib/intercept-statements';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'digitallz_bench' },
    plans: { type: 'boolean', default: false },
  },
});
const url =
  process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${values.database}`;
const out = (line: string) => process.stdout.write(`${line}\n`);
// Connections set as the API sets its own (no parallel workers, no JIT).
const handle = await createDb({ url, interactive: true });
// The indexes of migrations newer than the load.
await handle.migrate();
// Statistics for the expressions of indexes newer than the load (the planner needs them).
await handle.db.execute(sql`analyze keyword_data`);
const cache = createCache({ disabled: true });
const clock = () => new Date('2026-11-24T12:00:00Z');

const captured: Statement[] = [];
const capturing = interceptStatements(handle.db, (statement, run) => {
  captured.push(statement);
  return run();
});
const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
const explain = async (query: Statement) => {
  const options = 'explain (analyze, buffers, format text)';
  if ('text' in query)
    return (await pool.query(`${options} ${query.text}`, query.params)).rows as {
      'QUERY PLAN': string;
    }[];
  return queryRows<{ 'QUERY PLAN': string }>(handle.db, sql`${sql.raw(options)} ${query}`);
};
const deps = { db: capturing, cache, clock };
/** A statement that only asks for a plan (a sorted search asks before it reads): not run again. */
const asksPlan = (query: Statement) =>
  ('text' in query ? query.text : sqlText(query)).trimStart().startsWith('explain');

const [head] = await queryRows<{ keyword: string }>(
  handle.db,
  sql`select keyword from keyword_data where platform = 'etsy' order by search_volume desc limit 1`,
);
const [tail] = await queryRows<{ keyword: string }>(
  handle.db,
  sql`select keyword from keyword_data where platform = 'etsy' and id % 1000 = 7 order by id desc limit 1`,
);
const seed = head?.keyword.split(' ')[0] ?? 'wedding';

const endpoints: [string, () => Promise<unknown>][] = [
  [
    'search (head prefix)',
    () => findKeywords(deps, { q: seed, platform: 'etsy', marketplace: 'US', limit: 20 }),
  ],
  [
    'search (a whole tail keyword)',
    () =>
      findKeywords(deps, {
        q: tail?.keyword ?? '',
        platform: 'etsy',
        marketplace: 'US',
        limit: 20,
      }),
  ],
  [
    'search (tail, typo)',
    () =>
      findKeywords(deps, {
        q: `${tail?.keyword.slice(0, -1)}x`,
        platform: 'etsy',
        marketplace: 'US',
        limit: 20,
      }),
  ],
  [
    'search by volume (head word)',
    () =>
      findKeywords(deps, {
        q: seed,
        platform: 'etsy',
        marketplace: 'US',
        limit: 20,
        sort: 'volume',
      }),
  ],
  [
    'search by opportunity (tail words)',
    () =>
      findKeywords(deps, {
        q: tail?.keyword.split(' ').slice(-2).join(' ') ?? '',
        platform: 'etsy',
        marketplace: 'US',
        limit: 20,
        sort: 'opportunity',
      }),
  ],
  [
    'search by difficulty (no keyword)',
    () =>
      findKeywords(deps, {
        q: 'zyzzyva',
        platform: 'etsy',
        marketplace: 'US',
        limit: 20,
        sort: 'difficulty',
      }),
  ],
  [
    'detail (head)',
    () => getKeyword(deps, { platform: 'etsy', marketplace: 'US', keyword: head?.keyword ?? '' }),
  ],
  [
    'detail (tail)',
    () => getKeyword(deps, { platform: 'etsy', marketplace: 'US', keyword: tail?.keyword ?? '' }),
  ],
  [
    'trends + forecast',
    () =>
      getKeywordTrends(deps, {
        platform: 'etsy',
        marketplace: 'US',
        keyword: head?.keyword ?? '',
        horizon: 13,
      }),
  ],
  [
    'competition',
    () =>
      getKeywordCompetition(deps, {
        platform: 'etsy',
        marketplace: 'US',
        keyword: head?.keyword ?? '',
      }),
  ],
  [
    'related (head)',
    () =>
      findRelatedKeywords(deps, {
        platform: 'etsy',
        marketplace: 'US',
        keyword: head?.keyword ?? '',
        limit: 50,
      }),
  ],
  [
    'suggest (2 letters)',
    () =>
      findSuggestions(deps, {
        q: seed.slice(0, 2),
        platform: 'etsy',
        marketplace: 'US',
        limit: 10,
      }),
  ],
  [
    'compare platforms',
    () => comparePlatforms(deps, { keyword: head?.keyword ?? '', marketplace: 'US' }),
  ],
  [
    'popular by volume',
    () =>
      findPopularKeywords(deps, { platform: 'etsy', marketplace: 'US', sort: 'volume', limit: 20 }),
  ],
  [
    'popular by opportunity, filtered',
    () =>
      findPopularKeywords(deps, {
        platform: 'etsy',
        marketplace: 'US',
        sort: 'opportunity',
        limit: 20,
        minVolume: 1000,
        maxDifficulty: 50,
      }),
  ],
  [
    'popular by volume, a rare term',
    () =>
      findPopularKeywords(deps, {
        platform: 'etsy',
        marketplace: 'US',
        sort: 'volume',
        limit: 20,
        includes: ['zyzzyva'],
      }),
  ],
  ['global trends', () => getGlobalTrends(deps, { platform: 'etsy', marketplace: 'US' })],
];

for (const [name, run] of endpoints) {
  captured.length = 0;
  const started = performance.now();
  await run();
  const total = performance.now() - started;
  const queries = [...captured];
  const timings: string[] = [];
  for (const query of queries) {
    if (asksPlan(query)) {
      timings.push('(plan asked)');
      continue;
    }
    const plan = await explain(query);
    const lines = plan.map((p) => p['QUERY PLAN']);
    timings.push(
      lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?',
    );
    if (values.plans) out(lines.map((l) => `    ${l}`).join('\n'));
  }
  out(
    `${name.padEnd(34)} ${total.toFixed(1).padStart(7)} ms end to end; SQL: ${timings.join(', ')}`,
  );
}
await cache.close();
await handle.close();
