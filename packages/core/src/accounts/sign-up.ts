import { users } from '@digitallz/db';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { AccountDeps, RequestMeta } from './account-deps';
import { createSession, type IssuedSession } from './create-session';
import { sendEmailToken } from './email-tokens';
import { hashPassword } from './passwords';

export type SignUpInput = {
  email: string;
  password: string;
  displayName?: string;
  locale?: 'en' | 'fr';
};

/** Creates an account on the free plan, signs it in and emails a verification link. */
export async function signUp(
  deps: AccountDeps,
  input: SignUpInput,
  meta: RequestMeta,
): Promise<{ userId: string; session: IssuedSession }> {
  const passwordHash = await hashPassword(input.password);
  const [user] = await deps.db
    .insert(users)
    .values({
      email: input.email,
      passwordHash,
      displayName: input.displayName ?? null,
      locale: input.locale ?? 'en',
    })
    .onConflictDoNothing()
    .returning();
  if (!user) throw new AppError('CONFLICT', 'an account with this email already exists');
  await recordAuditEvent(deps.db, { userId: user.id, action: 'auth.signed_up', meta });
  await sendEmailToken(deps, user, 'verify_email');
  return { userId: user.id, session: await createSession(deps, user, meta) };
}
