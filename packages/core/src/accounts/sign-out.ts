import { authSessions } from '@digitallz/db';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { AccountDeps, RequestMeta } from './account-deps';

/** Ends one session: its refresh tokens stop working at once. */
export async function signOut(
  deps: Pick<AccountDeps, 'db' | 'clock'>,
  session: { userId: string; sessionId: string },
  meta: RequestMeta,
): Promise<void> {
  await deps.db
    .update(authSessions)
    .set({ revokedAt: deps.clock(), revokedReason: 'signed_out' })
    .where(
      and(
        eq(authSessions.id, session.sessionId),
        eq(authSessions.userId, session.userId),
        isNull(authSessions.revokedAt),
      ),
    );
  await recordAuditEvent(deps.db, {
    userId: session.userId,
    action: 'auth.signed_out',
    target: { type: 'session', id: session.sessionId },
    meta,
  });
}

/** Ends every session of a user (but `keep`, the one asking): after a password change or reset. */
export async function revokeSessions(
  deps: Pick<AccountDeps, 'db' | 'clock'>,
  userId: string,
  reason: string,
  keep?: string,
): Promise<void> {
  await deps.db
    .update(authSessions)
    .set({ revokedAt: deps.clock(), revokedReason: reason })
    .where(
      and(
        eq(authSessions.userId, userId),
        isNull(authSessions.revokedAt),
        keep ? ne(authSessions.id, keep) : undefined,
      ),
    );
}
