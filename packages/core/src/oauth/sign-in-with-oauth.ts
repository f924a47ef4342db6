import { oauthAccounts, users } from '@digitallz/db';
import { and, eq, sql } from 'drizzle-orm';
import type { AccountDeps, RequestMeta } from '../accounts/account-deps';
import { createSession } from '../accounts/create-session';
import type { SignInResult } from '../accounts/sign-in';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { OAuthIdentity } from './oauth-provider';

/**
 * Signs in with a provider's identity: the linked account, else the account with the same
 * verified email (linked now), else a new account. Tokens are kept encrypted. Accounts with 2FA
 * still need their code.
 */
export async function signInWithOAuth(
  deps: AccountDeps,
  identity: OAuthIdentity,
  meta: RequestMeta,
): Promise<SignInResult & { created: boolean }> {
  const now = deps.clock();
  const sealed = {
    accessToken: deps.secrets.seal(identity.accessToken),
    refreshToken: identity.refreshToken ? deps.secrets.seal(identity.refreshToken) : null,
  };
  const { user, created } = await deps.db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ user: users })
      .from(oauthAccounts)
      .innerJoin(users, eq(users.id, oauthAccounts.userId))
      .where(
        and(
          eq(oauthAccounts.provider, identity.provider),
          eq(oauthAccounts.subject, identity.subject),
        ),
      )
      .limit(1);
    if (linked) {
      await tx
        .update(oauthAccounts)
        .set({ ...sealed, email: identity.email, updatedAt: now })
        .where(
          and(
            eq(oauthAccounts.provider, identity.provider),
            eq(oauthAccounts.subject, identity.subject),
          ),
        );
      return { user: linked.user, created: false };
    }
    if (!identity.email || !identity.emailVerified)
      throw new AppError(
        'FORBIDDEN',
        `your ${identity.provider} account has no verified email address to sign in with`,
      );
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${identity.email})`)
      .limit(1);
    const user =
      existing ??
      (
        await tx
          .insert(users)
          .values({ email: identity.email.toLowerCase(), emailVerifiedAt: now })
          .returning()
      )[0];
    if (!user) throw new AppError('INTERNAL', 'the account could not be created');
    await tx.insert(oauthAccounts).values({
      userId: user.id,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      ...sealed,
    });
    return { user, created: !existing };
  });
  if (created)
    await recordAuditEvent(deps.db, {
      userId: user.id,
      action: 'auth.signed_up',
      meta,
      details: { provider: identity.provider },
    });
  if (user.totpEnabledAt)
    return {
      kind: 'two-factor-required',
      challenge: await deps.tokens.signChallenge(user.id, now),
      created,
    };
  await recordAuditEvent(deps.db, {
    userId: user.id,
    action: 'auth.signed_in',
    meta,
    details: { provider: identity.provider },
  });
  return {
    kind: 'signed-in',
    userId: user.id,
    session: await createSession(deps, user, meta),
    created,
  };
}
