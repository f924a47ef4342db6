import { type Db, sql, users } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import { forgetApiKey } from '../api-keys/authenticate-api-key';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Cache } from '../cache';
import { AppError } from '../errors';
import type { RequestMeta } from './account-deps';
import { principalCacheKey } from './load-principal';
import { verifyPassword } from './passwords';

/**
 * Deletes an account and everything it owns (GDPR art. 17): sessions, keys, lists, batches,
 * searches, imports and subscriptions go with the user row (foreign keys cascade). The audit log
 * keeps the deletion itself, without a link to the person. Needs the password when there is one.
 */
export async function deleteAccount(
  deps: { db: Db; cache: Cache },
  userId: string,
  input: { password?: string },
  meta: RequestMeta,
): Promise<void> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('NOT_FOUND', 'no such account');
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.password ?? '')))
    throw new AppError('FORBIDDEN', 'the password is wrong');
  const apiKeyHashes = await deps.db.transaction(async (tx) => {
    const keys = (await tx.execute(
      sql`select key_hash from api_keys where user_id = ${userId}`,
    )) as unknown as { rows: { key_hash: string }[] };
    // Audit rows stay (anonymised by the foreign key) except their free-text details.
    await tx.execute(
      sql`update audit_log set metadata = null, ip = null, user_agent = null where user_id = ${userId}`,
    );
    await tx.delete(users).where(eq(users.id, userId));
    return keys.rows.map((r) => r.key_hash);
  });
  await deps.cache.delete(principalCacheKey(userId));
  await Promise.all(apiKeyHashes.map((hash) => forgetApiKey(deps.cache, hash)));
  await recordAuditEvent(deps.db, {
    userId: null,
    action: 'account.deleted',
    target: { type: 'user', id: userId },
    meta: { ip: meta.ip ?? null },
  });
}
