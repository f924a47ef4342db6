import type { Platform } from '@digitallz/contracts';
import { type Db, quarantinedPayloads, queryRows, sql } from '@digitallz/db';
import { desc, eq } from 'drizzle-orm';

export type QuarantineReport = {
  counts: { platform: string; operation: string; count: number }[];
  recent: (typeof quarantinedPayloads.$inferSelect)[];
};

/** What validation kept out of the data: counts by platform and operation, and the latest payloads. */
export async function findQuarantined(
  deps: { db: Db },
  options: { platform?: Platform; limit: number },
): Promise<QuarantineReport> {
  const counts = await queryRows<{ platform: string; operation: string; count: number }>(
    deps.db,
    sql`select platform, operation, count(*)::int as count from quarantined_payloads
        ${options.platform ? sql`where platform = ${options.platform}` : sql``}
        group by platform, operation order by platform, operation`,
  );
  const recent = await deps.db
    .select()
    .from(quarantinedPayloads)
    .where(options.platform ? eq(quarantinedPayloads.platform, options.platform) : undefined)
    .orderBy(desc(quarantinedPayloads.createdAt), desc(quarantinedPayloads.id))
    .limit(options.limit);
  return { counts, recent };
}
