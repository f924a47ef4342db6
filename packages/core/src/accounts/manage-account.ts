import { users } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { AccountDeps, RequestMeta } from './account-deps';
import { findUserById } from './create-session';
import { hashPassword, verifyPassword } from './passwords';
import { revokeSessions } from './sign-out';

/** The account as its owner sees it. */
export async function getAccount(deps: Pick<AccountDeps, 'db'>, userId: string) {
  const user = await findUserById(deps, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    displayName: user.displayName,
    locale: user.locale as 'en' | 'fr',
    role: user.role as 'user' | 'admin',
    plan: user.subscription as 'free' | 'pro' | 'business',
    twoFactorEnabled: user.totpEnabledAt !== null,
    recoveryCodesLeft: user.totpEnabledAt ? user.recoveryCodes.length : 0,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function updateAccount(
  deps: Pick<AccountDeps, 'db' | 'clock'>,
  userId: string,
  changes: { displayName?: string | null; locale?: 'en' | 'fr' },
) {
  await deps.db
    .update(users)
    .set({ ...changes, updatedAt: deps.clock() })
    .where(eq(users.id, userId));
  return getAccount(deps, userId);
}

/** Changes the password (the current one required) and ends the account's other sessions. */
export async function changePassword(
  deps: AccountDeps,
  session: { userId: string; sessionId?: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const user = await findUserById(deps, session.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError('FORBIDDEN', 'the current password is wrong');
  await deps.db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), updatedAt: deps.clock() })
    .where(eq(users.id, user.id));
  await revokeSessions(deps, user.id, 'password_changed', session.sessionId);
  await recordAuditEvent(deps.db, { userId: user.id, action: 'auth.password_changed', meta });
}
