/**
 * npm run bench:load-data -- [--keywords 10000000] [--history 1000000] [--database bench]
 *
 * Fills a PostgreSQL database (created on the machine's server, `postgres` user, or
 * BENCH_DATABASE_URL) with a sandbox world: `--keywords` keyword x platform rows over amazon, etsy
 * and eBay, and a year of weekly observations for the `--history` most searched of them. Loads
 * with COPY (secondary indexes dropped during the load and rebuilt after), then prints row counts,
 * table sizes and the time of each step. `npm run bench:explain` then plans every endpoint on it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createDb, queryRows, sql } from '@digitallz/db';
import { createMarket, lastWeekStarts, type MarketKeyword } from '@digitallz/sandbox';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const { values } = parseArgs({
  options: {
    keywords: { type: 'string', default: '10000000' },
    history: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'digitallz_bench' },
    /** Keep the database and its keywords; reload the weekly observations only. */
    'observations-only': { type: 'boolean', default: false },
  },
});
const observationsOnly = values['observations-only'];
const wanted = Number(values.keywords);
const historyRows = Math.min(wanted, Number(values.history));
const out = (line: string) => process.stdout.write(`${line}\n`);
const admin = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url =
  process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${values.database}`;
const asOf = new Date('2026-11-23T00:00:00Z');
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// A fresh database: the load owns it.
if (!observationsOnly) {
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  const name = new URL(url).pathname.slice(1);
  await adminClient.query(`drop database if exists "${name}" with (force)`);
  await adminClient.query(`create database "${name}"`);
  await adminClient.end();
}

const handle = await createDb({ url });
await handle.migrate();
const client = new pg.Client({ connectionString: url });
await client.connect();

// Secondary indexes slow COPY down: drop them and build them once the rows are in.
const indexes = await queryRows<{ name: string; def: string }>(
  handle.db,
  sql`select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.tablename in (${observationsOnly ? sql`'keyword_observations'` : sql`'keyword_data', 'keyword_observations'`})
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)`,
);
for (const index of indexes) await client.query(`drop index "${index.name}"`);

let started = Date.now();
// World keywords are spread over platforms (about 2.2 records each): size the world to the rows wanted.
const market = createMarket({ keywords: Math.min(10_000_000, Math.ceil(wanted / 2)), asOf });
out(`sandbox world: ${market.size.toLocaleString('en-US')} records in ${seconds(started)}`);

const tsv = (cells: (string | number | null)[]) =>
  `${cells.map((c) => (c === null ? '\\N' : String(c).replace(/[\t\n\\]/g, ' '))).join('\t')}\n`;

async function copy(table: string, columns: string, rows: Iterable<string>) {
  const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
  await pipeline(Readable.from(batched(rows)), stream);
}
function* batched(rows: Iterable<string>) {
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
function* records(limit: number) {
  let n = 0;
  for (const k of market.records()) {
    if (n++ === limit) return;
    yield k;
  }
}

started = Date.now();
if (observationsOnly) await client.query('truncate keyword_observations');
else {
  await client.query('truncate keyword_data restart identity cascade');
  // keyword_vocabulary is filled in one statement after the COPY.
  await client.query('alter table keyword_data disable trigger user');
}
const lastUpdated = `${market.asOf}T00:00:00Z`;
if (!observationsOnly)
  await copy(
    'keyword_data',
    'keyword, platform, marketplace, search_volume, volume_low, volume_high, competition, cpc, difficulty, opportunity, listing_count, price_min, price_median, price_max, trend_data, source, last_updated',
    (function* () {
      for (const k of records(wanted))
        yield tsv([
          k.keyword,
          k.platform,
          k.marketplace,
          k.searchVolume,
          k.volumeLow,
          k.volumeHigh,
          k.competition,
          k.cpc,
          k.difficulty,
          k.opportunity,
          k.listingCount,
          k.priceMin,
          k.priceMedian,
          k.priceMax,
          JSON.stringify(k.trend),
          'sandbox',
          lastUpdated,
        ]);
    })(),
  );
out(`keyword_data: COPY in ${seconds(started)}`);
if (!observationsOnly) {
  // As migration 0013 fills it, in one statement rather than through its trigger for each COPY batch.
  started = Date.now();
  await client.query(`insert into keyword_vocabulary (platform, word)
    select distinct k.platform, w.word from keyword_data k, unnest(string_to_array(k.keyword, ' ')) as w(word)`);
  await client.query('alter table keyword_data enable trigger user');
  out(`keyword_vocabulary: filled in ${seconds(started)}`);
}

// Identity values follow the COPY order from 1 (fresh table): the i-th record has id i + 1.
// Large sandbox worlds keep no weekly series: each gets a year drawn from its record (level,
// yearly change, seasonal peak), with deterministic noise.
const weeks = lastWeekStarts(asOf, 52);
started = Date.now();
await copy(
  'keyword_observations',
  'keyword_id, period_start, search_volume, listing_count, source, observed_at',
  (function* () {
    let id = 0;
    for (const k of records(historyRows)) {
      id++;
      const series = k.weekly.length ? k.weekly : weeklyOf(k, id);
      for (const w of series)
        yield tsv([id, w.periodStart, w.searchVolume, w.listingCount, 'sandbox', lastUpdated]);
    }
  })(),
);
out(`keyword_observations: COPY in ${seconds(started)}`);

function weeklyOf(k: MarketKeyword, seed: number) {
  let state = seed * 2_654_435_761;
  const noise = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.exp(((state / 2 ** 31) * 2 - 1) * 0.15);
  };
  const growth = Math.log(1 + k.trend.yearlyChangePct / 100);
  return weeks.map((periodStart, i) => {
    const month = new Date(`${periodStart}T00:00:00Z`).getUTCMonth() + 1;
    const distance =
      k.trend.peakMonth === null
        ? 6
        : Math.min(Math.abs(month - k.trend.peakMonth), 12 - Math.abs(month - k.trend.peakMonth));
    const season =
      k.trend.peakMonth === null ? 1 : 0.7 + 1.2 * Math.exp((-distance * distance) / 2);
    const level = (k.searchVolume / 4.345) * season * Math.exp(growth * ((i - 51) / 52)) * noise();
    return { periodStart, searchVolume: Math.round(level), listingCount: k.listingCount };
  });
}

started = Date.now();
await client.query("set maintenance_work_mem = '1GB'");
for (const index of indexes) {
  const t = Date.now();
  await client.query(index.def);
  out(`  index ${index.name}: ${seconds(t)}`);
}
await client.query('analyze keyword_data');
await client.query('analyze keyword_observations');
if (!observationsOnly) await client.query('analyze keyword_vocabulary');
out(`indexes and statistics in ${seconds(started)}`);

const sizes = await queryRows<{ table: string; rows: string; total: string; indexes: string }>(
  handle.db,
  sql`select c.relname as table, c.reltuples::bigint::text as rows,
             pg_size_pretty(pg_total_relation_size(c.oid)) as total,
             pg_size_pretty(pg_indexes_size(c.oid)) as indexes
      from pg_class c where c.relname in ('keyword_data', 'keyword_observations', 'keyword_vocabulary') order by 1`,
);
const [platforms] = await queryRows<{ counts: string }>(
  handle.db,
  sql`select string_agg(platform || ' ' || n, ', ' order by platform) as counts
      from (select platform, count(*) as n from keyword_data group by platform) t`,
);
out(`rows per platform: ${platforms?.counts}`);
for (const s of sizes)
  out(
    `${s.table.padEnd(22)} rows ~${Number(s.rows).toLocaleString('en-US').padStart(12)}  total ${s.total.padStart(8)}  (indexes ${s.indexes})`,
  );
out(`database: ${url}`);
await client.end();
await handle.close();
