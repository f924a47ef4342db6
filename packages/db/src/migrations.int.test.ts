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

  it('indexes the words of keywords, and their pairs, once per platform', async () => {
    const rows = await queryRows<{ indexname: string; indexdef: string }>(
      handle.db,
      sql`select indexname, indexdef from pg_indexes where tablename = 'keyword_data'
          and (indexdef like '%string_to_array%' or indexdef like '%keyword_pairs%') order by indexname`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'keyword_data_pairs_amazon_idx',
      'keyword_data_pairs_ebay_idx',
      'keyword_data_pairs_etsy_idx',
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
