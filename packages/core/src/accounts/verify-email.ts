import { users } from '@digitallz/db';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { AccountDeps, RequestMeta } from './account-deps';
import { findUserById } from './create-session';
import { sendEmailToken, spendEmailToken } from './email-tokens';

/** Confirms the email address the token was sent to. */
export async function verifyEmail(
  deps: AccountDeps,
  token: string,
  meta: RequestMeta,
): Promise<void> {
  const userId = await spendEmailToken(deps, token, 'verify_email');
  if (!userId) throw new AppError('VALIDATION_FAILED', 'the link is invalid or has expired');
  await deps.db
    .update(users)
    .set({ emailVerifiedAt: deps.clock(), updatedAt: deps.clock() })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
  await recordAuditEvent(deps.db, { userId, action: 'auth.email_verified', meta });
}

/** Sends a new verification link (the account's email is not verified yet). */
export async function resendVerification(deps: AccountDeps, userId: string): Promise<void> {
  const user = await findUserById(deps, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
  if (user.emailVerifiedAt) throw new AppError('CONFLICT', 'the email is already verified');
  await sendEmailToken(deps, user, 'verify_email');
}
