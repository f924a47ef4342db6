import { type Db, users } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import type { Cache } from '../cache';
import type { PlanName } from '../quotas/plans';

export type UserPrincipal = { userId: string; role: 'user' | 'admin'; plan: PlanName };

const CACHE_SECONDS = 30;
export const principalCacheKey = (userId: string) => `principal:${userId}`;

/**
 * The role and plan of a signed-in user, cached briefly (plan changes and deletions drop the
 * entry). Null when the account no longer exists.
 */
export function createPrincipalLoader(deps: { db: Db; cache: Cache }) {
  return (userId: string) =>
    deps.cache.fetch<UserPrincipal | null>(
      principalCacheKey(userId),
      async () => {
        const [row] = await deps.db
          .select({ role: users.role, plan: users.subscription })
          .from(users)
          .where(eq(users.id, userId))
          .limit(1);
        return row
          ? { userId, role: row.role as UserPrincipal['role'], plan: row.plan as PlanName }
          : null;
      },
      CACHE_SECONDS,
    );
}
