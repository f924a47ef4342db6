import { type Db, queryRows, sql } from '@digitallz/db';

export type PurgeExpiredCacheOptions = { now: Date; batchSize: number };

/** Deletes expired rows of the durable cache table, in batches; returns how many went. */
export async function purgeExpiredCache(
  deps: { db: Db },
  options: PurgeExpiredCacheOptions,
): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const rows = await queryRows<{ key: string }>(
      deps.db,
      sql`delete from cache_data where key in (
            select key from cache_data where expires_at <= ${options.now.toISOString()}::timestamptz
            limit ${options.batchSize})
          returning key`,
    );
    deleted += rows.length;
    if (rows.length < options.batchSize) return { deleted };
  }
}
