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
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
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
      'keyword_imports',
      'keyword_list_items',
      'keyword_lists',
      'keyword_observations',
      'keyword_pair_postings',
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

  it('indexes the words of keywords once per platform, and their pairs in posting lists', async () => {
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
    const [postings] = await queryRows<{ indexdef: string }>(
      handle.db,
      sql`select indexdef from pg_indexes where indexname = 'keyword_pair_postings_idx'`,
    );
    expect(postings?.indexdef).toContain(
      "(platform, marketplace, pair, ((COALESCE(search_volume, '-1'::integer))::double precision) DESC, id) INCLUDE (keyword, search_volume)",
    );
  });

  it('keeps the pair posting lists as keywords are added, changed, deleted and truncated', async () => {
    /** Postings that are not what keyword_data derives, and derived ones missing, both ways. */
    const drift = async () =>
      queryRows<{ side: string; pair: string; id: string }>(
        handle.db,
        sql`with derived as (select k.platform, k.marketplace, p.pair, k.search_volume, k.id, k.keyword
              from keyword_data k, unnest(keyword_pairs(k.keyword)) p(pair)),
            kept as (select platform, marketplace, pair, search_volume, id, keyword from keyword_pair_postings)
          (select 'missing' as side, pair, id::text from (select * from derived except all select * from kept) m)
          union all
          (select 'stale' as side, pair, id::text from (select * from kept except all select * from derived) s)`,
      );
    const count = async () =>
      Number(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from keyword_pair_postings where keyword like 'pair sync%' or keyword = 'solo'`,
          )
        )[0]?.n,
      );
    await handle.db.execute(
      sql`insert into keyword_data (keyword, platform, search_volume, source) values
        ('pair sync weekly planner', 'etsy', 10, 'sandbox'), ('pair sync mug', 'etsy', null, 'sandbox'),
        ('solo', 'etsy', 5, 'sandbox'), ('pair sync pair sync', 'amazon', 7, 'sandbox')`,
    );
    expect(await drift()).toEqual([]);
    // 4 words: 6 pairs; 3: 3; one word: none; a repeated word counts once (2 distinct): 1.
    expect(await count()).toBe(10);
    // A new volume moves the keyword in its lists; a null volume gets one; a new text new pairs.
    await handle.db.execute(
      sql`update keyword_data set search_volume = case when search_volume is null then 3 else search_volume * 2 end
        where keyword like 'pair sync%'`,
    );
    await handle.db.execute(
      sql`update keyword_data set keyword = 'pair sync daily planner' where keyword = 'pair sync weekly planner'`,
    );
    // Columns the lists do not hold: nothing to move.
    await handle.db.execute(
      sql`update keyword_data set difficulty = 40 where keyword like 'pair sync%'`,
    );
    await handle.db.execute(
      sql`insert into keyword_data (keyword, platform, search_volume, source)
        values ('pair sync mug', 'etsy', 99, 'sandbox')
        on conflict (platform, marketplace, keyword) do update set search_volume = excluded.search_volume`,
    );
    expect(await drift()).toEqual([]);
    const [mug] = await queryRows<{ search_volume: number }>(
      handle.db,
      sql`select search_volume from keyword_pair_postings where keyword = 'pair sync mug' limit 1`,
    );
    expect(mug?.search_volume).toBe(99);
    await handle.db.execute(
      sql`delete from keyword_data where keyword = 'pair sync daily planner'`,
    );
    expect(await drift()).toEqual([]);
    expect(await count()).toBe(4);
    await handle.db.execute(sql`truncate keyword_data cascade`);
    expect(await queryRows(handle.db, sql`select 1 from keyword_pair_postings limit 1`)).toEqual(
      [],
    );
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
