import { type Db, users } from '@digitallz/db';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Cache } from '../cache';
import { AppError } from '../errors';
import type { RequestMeta } from './account-deps';
import { principalCacheKey } from './load-principal';

export type AdminUser = {
  id: string;
  email: string;
  role: 'user' | 'admin';
  plan: 'free' | 'pro' | 'business';
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  createdAt: string;
};

/** One user, for an administrator; NOT_FOUND when there is none. */
export async function getUserAsAdmin(db: Db, id: string): Promise<AdminUser> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw new AppError('NOT_FOUND', `no user ${id}`);
  return present(user);
}

function present(u: typeof users.$inferSelect): AdminUser {
  return {
    id: u.id,
    email: u.email,
    role: u.role as AdminUser['role'],
    plan: u.subscription as AdminUser['plan'],
    emailVerified: u.emailVerifiedAt !== null,
    twoFactorEnabled: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Users by email, a page at a time (admins). */
export async function findUsers(
  db: Db,
  options: { email?: string; limit: number; after?: string },
): Promise<{ data: AdminUser[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        options.email
          ? sql`lower(${users.email}) like ${`%${options.email.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`}`
          : undefined,
        options.after ? gt(users.id, options.after) : undefined,
      ),
    )
    .orderBy(asc(users.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return {
    data: page.map(present),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Changes a user's role or plan (admins); audited, and effective on the user's next request. */
export async function updateUserAsAdmin(
  deps: { db: Db; cache: Cache; clock: () => Date },
  admin: { id: string; meta: RequestMeta },
  userId: string,
  changes: { role?: 'user' | 'admin'; plan?: 'free' | 'pro' | 'business' },
): Promise<AdminUser> {
  const [before] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!before) throw new AppError('NOT_FOUND', 'no such user');
  if (admin.id === userId && changes.role === 'user')
    throw new AppError('CONFLICT', 'an administrator cannot remove their own role');
  const [after] = await deps.db
    .update(users)
    .set({
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.plan ? { subscription: changes.plan } : {}),
      updatedAt: deps.clock(),
    })
    .where(eq(users.id, userId))
    .returning();
  await deps.cache.delete(principalCacheKey(userId));
  await recordAuditEvent(deps.db, {
    userId: admin.id,
    action: 'admin.user_updated',
    target: { type: 'user', id: userId },
    meta: admin.meta,
    details: { before: { role: before.role, plan: before.subscription }, changes },
  });
  if (changes.plan && changes.plan !== before.subscription)
    await recordAuditEvent(deps.db, {
      userId,
      action: 'plan.changed',
      meta: admin.meta,
      details: { from: before.subscription, to: changes.plan, by: 'admin' },
    });
  return present(after as typeof users.$inferSelect);
}
