import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, queryRows, sql } from './create-db';
import { migrationsFolder } from './migrate';
import { createTestDb, testDbKinds } from './testing';

describe.each(testDbKinds())('migrations on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(() => handle.close());

  it('creates every table', async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name::text collate "C"`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'alert_rules',
      'analytics',
      'api_keys',
      'audit_log',
      'auth_sessions',
      'batch_analyses',
      'batch_analysis_items',
      'cache_data',
      'collection_requests',
      'imported_metrics',
      'keyword_data',
      'keyword_import_uploads',
      'keyword_imports',
      'keyword_list_items',
      'keyword_lists',
      'keyword_observations',
      'keyword_searches',
      'keyword_snapshots',
      'keyword_vocabulary',
      'marketplace_connections',
      'notification_settings',
      'notifications',
      'oauth_accounts',
      'quarantined_payloads',
      'refresh_tokens',
      'stripe_events',
      'subscriptions',
      'suggestion_observations',
      'tracked_keywords',
      'user_tokens',
      'users',
      'webhook_deliveries',
      'webhook_endpoints',
    ]);
  });

  it('installs pg_trgm and the trigram index on keywords', async () => {
    const rows = await queryRows<{ indexdef: string }>(
      handle.db,
      sql`select indexdef from pg_indexes where indexname = 'keyword_data_keyword_trgm_idx'`,
    );
    expect(rows[0]?.indexdef).toContain('gin_trgm_ops');
    const [similar] = await queryRows<{ s: number }>(
      handle.db,
      sql`select word_similarity('wedding', 'wedding invitation template') as s`,
    );
    expect(Number(similar?.s)).toBe(1);
  });

  it("keeps the keyword GIN indexes' pending lists, which every search scans, small", async () => {
    const rows = await queryRows<{ name: string; options: string[] | null }>(
      handle.db,
      sql`select c.relname as name, c.reloptions as options
          from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
          where i.indrelid = 'keyword_data'::regclass and a.amname = 'gin' order by 1`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'keyword_data_keyword_trgm_idx',
      'keyword_data_pair_keys_idx',
      'keyword_data_words_amazon_idx',
      'keyword_data_words_ebay_idx',
      'keyword_data_words_etsy_idx',
    ]);
    for (const row of rows) expect(row.options, row.name).toEqual(['gin_pending_list_limit=256']);
  });

  it('indexes the words of keywords once per platform, and their pairs keyed by volume band', async () => {
    const rows = await queryRows<{ indexname: string; indexdef: string }>(
      handle.db,
      sql`select indexname, indexdef from pg_indexes where tablename = 'keyword_data'
          and (indexdef like '%string_to_array%' or indexdef like '%keyword_pairs%') order by indexname`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'keyword_data_words_amazon_idx',
      'keyword_data_words_ebay_idx',
      'keyword_data_words_etsy_idx',
    ]);
    for (const r of rows)
      expect(r.indexdef).toMatch(/USING gin .* WHERE \(platform = '(amazon|etsy|ebay)'::text\)/);
    const [pairs] = await queryRows<{ pairs: string[] }>(
      handle.db,
      sql`select keyword_pairs('weekly planner a5 weekly') as pairs`,
    );
    expect([...(pairs?.pairs ?? [])].sort()).toEqual(['a5 planner', 'a5 weekly', 'planner weekly']);
    const [keys] = await queryRows<{ indexdef: string }>(
      handle.db,
      sql`select indexdef from pg_indexes where indexname = 'keyword_data_pair_keys_idx'`,
    );
    expect(keys?.indexdef).toContain(
      'USING gin (keyword_pair_keys(platform, marketplace, keyword, search_volume))',
    );
  });

  it('keys each pair of words of a keyword alone and within its volume band', async () => {
    const [row] = await queryRows<{ keys: string[]; unknown: string[] }>(
      handle.db,
      sql`select keyword_pair_keys('etsy', 'US', 'weekly planner a5 weekly', 100) as keys,
        keyword_pair_keys('ebay', 'UK', 'mug tea', null) as unknown`,
    );
    // 100 is in band 13: 2 * log2(101) = 13.3.
    expect([...(row?.keys ?? [])].sort()).toEqual([
      'etsy US a5 planner',
      'etsy US a5 planner 13',
      'etsy US a5 weekly',
      'etsy US a5 weekly 13',
      'etsy US planner weekly',
      'etsy US planner weekly 13',
    ]);
    expect([...(row?.unknown ?? [])].sort()).toEqual(['ebay UK mug tea', 'ebay UK mug tea 0']);
    // It spells out keyword_pairs and keyword_volume_band: the three agree.
    const [agree] = await queryRows<{ wrong: number }>(
      handle.db,
      sql`select count(*)::int as wrong
        from (values (${'mug \uFFFD tea 😀 cup'}, 7), ('weekly planner a5', null), ('a b c d e a', 1048575),
          ('solo', 3)) t(kw, v)
        where (select array_agg(x order by x) from unnest(keyword_pair_keys('etsy', 'US', t.kw, t.v)) x)
          is distinct from (select array_agg(y order by y) from (
            select 'etsy US ' || p from unnest(keyword_pairs(t.kw)) p
            union all select 'etsy US ' || p || ' ' || keyword_volume_band(t.v) from unnest(keyword_pairs(t.kw)) p) z(y))`,
    );
    expect(agree?.wrong).toBe(0);
  });

  it('bands volumes by half octaves, never lower for a higher volume', async () => {
    const bands = await queryRows<{ v: number | null; band: number }>(
      handle.db,
      sql`select v, keyword_volume_band(v) as band
        from unnest(array[null, -1, 0, 1, 2, 3, 5, 7, 8, 1022, 1023, 1447, 1448, 2147483647]::int[]) v`,
    );
    expect(bands.map((b) => b.band)).toEqual([0, 0, 0, 2, 3, 4, 5, 6, 6, 19, 20, 20, 21, 62]);
    const [order] = await queryRows<{ wrong: number }>(
      handle.db,
      sql`select count(*)::int as wrong from (
          select keyword_volume_band(v) < lag(keyword_volume_band(v)) over (order by v) as down
          from generate_series(0, 200000) v) t where down`,
    );
    expect(order?.wrong).toBe(0);
  });

  it('answers a prefix probe from the prefix index alone: volume and id are in it', async () => {
    const [row] = await queryRows<{ indexdef: string }>(
      handle.db,
      sql`select indexdef from pg_indexes where indexname = 'keyword_data_prefix_idx'`,
    );
    expect(row?.indexdef).toContain(
      '(platform, marketplace, keyword text_pattern_ops) INCLUDE (search_volume, id)',
    );
  });

  it('is idempotent: migrating again changes nothing', async () => {
    await handle.migrate();
    const rows = await queryRows<{ n: string }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(Number(rows[0]?.n)).toBe(
      readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length,
    );
  });

  it("converts the estimates job's monthly points of the weekly series to weeks, on a database already at 0020", async () => {
    // The database as it was before 0021: a keyword's weekly history, and the estimates job's
    // point for this week written as a monthly volume.
    // 0021's journal time: it and the migrations after it are forgotten, and those after it
    // undone, so that the migrator applies them again.
    await handle.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at >= 1796992957259`,
    );
    await handle.db.execute(sql`drop index imported_metrics_import_idx`);
    await handle.db.execute(sql`alter table keyword_imports drop column run`);
    // 0023 redefines the search functions it drops; its own function is new.
    await handle.db.execute(sql`drop function keyword_yearly_change(jsonb)`);
    const [row] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into keyword_data (keyword, platform, marketplace, source) values ('weekly unit', 'etsy', 'US', 'sandbox') returning id::text as id`,
    );
    const id = row?.id as string;
    await handle.db.execute(sql`
      insert into keyword_observations (keyword_id, period_start, search_volume, source) values
        (${id}::bigint, '2026-11-16', 1000, 'demo'), (${id}::bigint, '2026-11-23', 4349, 'estimate'),
        (${id}::bigint, '2026-11-30', null, 'estimate')`);
    await handle.migrate();
    const weeks = await queryRows<{ search_volume: number | null }>(
      handle.db,
      sql`select search_volume from keyword_observations where keyword_id = ${id}::bigint order by period_start`,
    );
    expect(weeks.map((w) => w.search_volume)).toEqual([1000, 1000, null]);
    await handle.db.execute(sql`delete from keyword_data where id = ${id}::bigint`);
  });

  it('rejects rows that break the constraints', async () => {
    await expect(
      handle.db.execute(
        sql`insert into keyword_data (keyword, platform, source) values ('Upper Case', 'etsy', 'demo')`,
      ),
    ).rejects.toThrow();
    await expect(
      handle.db.execute(
        sql`insert into keyword_data (keyword, platform, source) values ('ok', 'walmart', 'demo')`,
      ),
    ).rejects.toThrow();
  });
});
