import { userTokens } from '@digitallz/db';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { randomToken, sha256 } from '../crypto/random-token';
import { renderLinkEmail } from '../mail/render-link-email';
import type { AccountDeps } from './account-deps';

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

const LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3_600_000,
  reset_password: 3_600_000,
};
const PAGE: Record<EmailTokenPurpose, string> = {
  verify_email: '/verify-email',
  reset_password: '/reset-password',
};

/** Emails a one-time link; the token is stored only as its hash. */
export async function sendEmailToken(
  deps: AccountDeps,
  user: { id: string; email: string; locale: string },
  purpose: EmailTokenPurpose,
): Promise<void> {
  const token = randomToken();
  const now = deps.clock();
  await deps.db.insert(userTokens).values({
    userId: user.id,
    purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
    createdAt: now,
  });
  const link = new URL(PAGE[purpose], deps.appUrl);
  link.searchParams.set('token', token);
  await deps.mailer.send(
    renderLinkEmail({ kind: purpose, to: user.email, link: link.toString(), locale: user.locale }),
  );
}

/** Spends a token once, before it expires: the user it belongs to, or null. */
export async function spendEmailToken(
  deps: Pick<AccountDeps, 'db' | 'clock'>,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<string | null> {
  const now = deps.clock();
  const [row] = await deps.db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, sha256(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row?.userId ?? null;
}
