import { users } from '@digitallz/db';
import { eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { AccountDeps, RequestMeta } from './account-deps';
import { sendEmailToken, spendEmailToken } from './email-tokens';
import { hashPassword } from './passwords';
import { revokeSessions } from './sign-out';

/**
 * Emails a reset link when the address has an account. The caller answers the same either way,
 * so the endpoint does not tell which addresses have accounts.
 */
export async function requestPasswordReset(
  deps: AccountDeps,
  email: string,
  meta: RequestMeta,
): Promise<void> {
  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  if (!user) return;
  await sendEmailToken(deps, user, 'reset_password');
  await recordAuditEvent(deps.db, {
    userId: user.id,
    action: 'auth.password_reset_requested',
    meta,
  });
}

/** Sets a new password with a reset link's token and ends every session of the account. */
export async function resetPassword(
  deps: AccountDeps,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<void> {
  const userId = await spendEmailToken(deps, input.token, 'reset_password');
  if (!userId) throw new AppError('VALIDATION_FAILED', 'the link is invalid or has expired');
  const now = deps.clock();
  await deps.db
    .update(users)
    // Following the emailed link proves the address too.
    .set({
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(eq(users.id, userId));
  await revokeSessions(deps, userId, 'password_reset');
  await recordAuditEvent(deps.db, { userId, action: 'auth.password_reset', meta });
}
