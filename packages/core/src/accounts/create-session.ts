import { authSessions, refreshTokens, users } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import { randomToken, sha256 } from '../crypto/random-token';
import type { Role } from './access-tokens';
import { type AccountDeps, type RequestMeta, SESSION_DAYS } from './account-deps';

/** What a sign-in hands the client: a short-lived access token and a refresh token. */
export type IssuedSession = {
  userId: string;
  sessionId: string;
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
};

/** Opens a session (a new refresh-token family) for a user who proved who they are. */
export async function createSession(
  deps: AccountDeps,
  user: { id: string; role: string },
  meta: RequestMeta,
): Promise<IssuedSession> {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const refreshToken = randomToken();
  const sessionId = await deps.db.transaction(async (tx) => {
    const [session] = await tx
      .insert(authSessions)
      .values({
        userId: user.id,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastUsedAt: now,
        expiresAt,
      })
      .returning({ id: authSessions.id });
    const id = (session as { id: string }).id;
    await tx.insert(refreshTokens).values({ sessionId: id, tokenHash: sha256(refreshToken) });
    return id;
  });
  return {
    userId: user.id,
    sessionId,
    accessToken: await deps.tokens.sign(
      { userId: user.id, role: user.role as Role, sessionId },
      now,
    ),
    expiresIn: deps.tokens.ttlSeconds,
    refreshToken,
    refreshExpiresAt: expiresAt,
  };
}

/** The user behind an id, or undefined when the account is gone. */
export async function findUserById(deps: Pick<AccountDeps, 'db'>, id: string) {
  const [user] = await deps.db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}
