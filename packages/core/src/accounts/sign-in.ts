import { users } from '@digitallz/db';
import { eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { AccountDeps, RequestMeta } from './account-deps';
import { createSession, findUserById, type IssuedSession } from './create-session';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { checkSecondFactor } from './two-factor';

export type SignInResult =
  | { kind: 'signed-in'; userId: string; session: IssuedSession }
  | { kind: 'two-factor-required'; challenge: string };

const WRONG = 'wrong email or password';

/**
 * Email and password. With 2FA on, the password step returns a 5-minute challenge that
 * `completeSignIn` exchanges, with a code, for the session.
 */
export async function signIn(
  deps: AccountDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<SignInResult> {
  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email})`)
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) {
    await recordAuditEvent(deps.db, {
      userId: user?.id ?? null,
      action: 'auth.sign_in_failed',
      meta,
      details: { reason: user ? 'password' : 'unknown_email' },
    });
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await deps.db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(users.id, user.id));
  }
  if (user.totpEnabledAt)
    return {
      kind: 'two-factor-required',
      challenge: await deps.tokens.signChallenge(user.id, deps.clock()),
    };
  await recordAuditEvent(deps.db, { userId: user.id, action: 'auth.signed_in', meta });
  return { kind: 'signed-in', userId: user.id, session: await createSession(deps, user, meta) };
}

/** The second step of a sign-in with 2FA: the challenge and a code (or a recovery code). */
export async function completeSignIn(
  deps: AccountDeps,
  input: { challenge: string; code: string },
  meta: RequestMeta,
): Promise<{ userId: string; session: IssuedSession }> {
  const userId = await deps.tokens.verifyChallenge(input.challenge, deps.clock());
  const user = await findUserById(deps, userId);
  if (!user?.totpEnabledAt) throw new AppError('UNAUTHENTICATED', 'sign in again');
  try {
    await checkSecondFactor(deps, user, input.code, meta);
  } catch (error) {
    await recordAuditEvent(deps.db, {
      userId,
      action: 'auth.sign_in_failed',
      meta,
      details: { reason: 'second_factor' },
    });
    throw error;
  }
  await recordAuditEvent(deps.db, {
    userId,
    action: 'auth.signed_in',
    meta,
    details: { twoFactor: true },
  });
  return { userId, session: await createSession(deps, user, meta) };
}
