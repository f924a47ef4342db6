import { authSessions, refreshTokens, users } from '@digitallz/db';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import { randomToken, sha256 } from '../crypto/random-token';
import { AppError } from '../errors';
import type { Role } from './access-tokens';
import type { AccountDeps, RequestMeta } from './account-deps';
import type { IssuedSession } from './create-session';

const INVALID = 'the session has ended; sign in again';
/** A refresh token presented again this soon after its first use is a concurrent request. */
const REUSE_GRACE_MS = 10_000;

/**
 * Spends a refresh token for a new pair. Each refresh token works once: presenting a spent one
 * means it leaked (or was stolen), so the whole family (the session) is revoked, unless it comes
 * back within 10 seconds of its use (the same browser refreshing from concurrent requests).
 */
export async function refreshSession(
  deps: AccountDeps,
  refreshToken: string,
  meta: RequestMeta,
): Promise<IssuedSession> {
  const now = deps.clock();
  const hash = sha256(refreshToken);
  const outcome = await deps.db.transaction(async (tx) => {
    const [spent] = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.usedAt)))
      .returning({ sessionId: refreshTokens.sessionId });
    let sessionId = spent?.sessionId;
    if (!sessionId) {
      const [reused] = await tx
        .select({
          sessionId: refreshTokens.sessionId,
          userId: authSessions.userId,
          usedAt: refreshTokens.usedAt,
        })
        .from(refreshTokens)
        .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, hash))
        .limit(1);
      if (!reused) return { kind: 'unknown' as const };
      // The same browser refreshing from two requests at once (a page and its prefetches):
      // within seconds of its first use a token is not a theft; it gets a new token of its family.
      const concurrent =
        reused.usedAt !== null && now.getTime() - reused.usedAt.getTime() <= REUSE_GRACE_MS;
      if (!concurrent) {
        await tx
          .update(authSessions)
          .set({ revokedAt: now, revokedReason: 'refresh_token_reused' })
          .where(and(eq(authSessions.id, reused.sessionId), isNull(authSessions.revokedAt)));
        return { kind: 'reused' as const, sessionId: reused.sessionId, userId: reused.userId };
      }
      sessionId = reused.sessionId;
    }
    const [row] = await tx
      .select({ session: authSessions, role: users.role })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(eq(authSessions.id, sessionId))
      .limit(1);
    if (!row || row.session.revokedAt || row.session.expiresAt <= now)
      return { kind: 'ended' as const };
    const next = randomToken();
    await tx.insert(refreshTokens).values({ sessionId: row.session.id, tokenHash: sha256(next) });
    await tx
      .update(authSessions)
      .set({ lastUsedAt: now, ip: meta.ip ?? row.session.ip })
      .where(eq(authSessions.id, row.session.id));
    return { kind: 'ok' as const, session: row.session, role: row.role as Role, next };
  });

  if (outcome.kind === 'reused') {
    await recordAuditEvent(deps.db, {
      userId: outcome.userId,
      action: 'auth.refresh_reused',
      target: { type: 'session', id: outcome.sessionId },
      meta,
    });
    throw new AppError('UNAUTHENTICATED', INVALID);
  }
  if (outcome.kind !== 'ok') throw new AppError('UNAUTHENTICATED', INVALID);
  const { session } = outcome;
  return {
    userId: session.userId,
    sessionId: session.id,
    accessToken: await deps.tokens.sign(
      { userId: session.userId, role: outcome.role, sessionId: session.id },
      now,
    ),
    expiresIn: deps.tokens.ttlSeconds,
    refreshToken: outcome.next,
    refreshExpiresAt: session.expiresAt,
  };
}
