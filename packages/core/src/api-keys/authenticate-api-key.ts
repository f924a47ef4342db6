import { apiKeys, type Db, queryPrepared, sql } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import type { Cache } from '../cache';
import { sha256 } from '../crypto/random-token';
import { AppError, isServiceUnavailable } from '../errors';
import type { PlanName } from '../quotas/plans';
import { API_KEY_PATTERN, type ApiKeyScope } from './api-key-scopes';

export type ApiKeyPrincipal = {
  keyId: string;
  userId: string;
  role: 'user' | 'admin';
  plan: PlanName;
  scopes: ApiKeyScope[];
};

type Entry = ApiKeyPrincipal & { expiresAt: string | null; revoked: boolean };

/** Seconds a key's record may be served from the cache (revoking drops it at once). */
const CACHE_SECONDS = 30;
/** last_used_at is written at most this often per key. */
const TOUCH_MS = 60_000;

/**
 * How long a key this process last saw valid still authenticates while its record cannot be read
 * (the database down, its cache entry expired): requests keep flowing through a database restart.
 */
const STALE_IF_DOWN_MS = 5 * 60_000;

export const apiKeyCacheKey = (keyHash: string) => `apikey:${keyHash}`;

/**
 * After a revocation (or the account's deletion): the key's cache entry says "no such key" for
 * longer than any process may use its last valid record, so that no process serves it stale.
 */
export const forgetApiKey = (cache: Cache, keyHash: string) =>
  cache.set(apiKeyCacheKey(keyHash), null, STALE_IF_DOWN_MS / 1000 + 60);

/**
 * Who an API key belongs to and what it may do. The record is cached by the key's hash; its
 * last use is written at most once a minute so that busy keys do not write on every call. While
 * the record cannot be read (the database unreachable), a key this process read as valid within
 * the last 5 minutes still authenticates; a revoked key cannot, since revoking marks it in the
 * shared cache (`forgetApiKey`) for longer than that.
 */
export function createApiKeyAuthenticator(deps: { db: Db; cache: Cache; clock: () => Date }) {
  const touched = new Map<string, number>();
  /** The last record read for each key, and when. */
  const lastRead = new Map<string, { entry: Entry | null; at: number }>();
  async function readEntry(hash: string): Promise<Entry | null> {
    try {
      const entry = await deps.cache.fetch<Entry | null>(
        apiKeyCacheKey(hash),
        async () => {
          // Plain SQL, prepared: this runs on every request whose key is not cached; the query
          // builder's checks were the largest item of our own code in a profile of uncached
          // keyword details (about 6%, bench:api), and parsing and planning it cost more than
          // running it (`queryPrepared`).
          const [row] = await queryPrepared<Entry>(
            deps.db,
            'api-key-by-hash',
            sql`select k.id::text as "keyId", k.user_id::text as "userId", u.role,
                       u.subscription as plan, k.scopes,
                       to_json(k.expires_at)#>>'{}' as "expiresAt",
                       k.revoked_at is not null as revoked
                from api_keys k join users u on u.id = k.user_id
                where k.key_hash = ${hash} limit 1`,
          );
          return row ?? null;
        },
        CACHE_SECONDS,
      );
      // Refreshed once a second at most: a hot key's read needs no new record each time.
      const at = deps.clock().getTime();
      const last = lastRead.get(hash);
      if (!last || last.entry !== entry || at - last.at >= 1_000) {
        if (lastRead.size > 10_000) lastRead.clear();
        lastRead.set(hash, { entry, at });
      }
      return entry;
    } catch (error) {
      const last = lastRead.get(hash);
      if (
        isServiceUnavailable(error) &&
        last?.entry &&
        deps.clock().getTime() - last.at <= STALE_IF_DOWN_MS
      )
        return last.entry;
      throw error;
    }
  }

  return async function authenticateApiKey(key: string): Promise<ApiKeyPrincipal> {
    if (!API_KEY_PATTERN.test(key))
      throw new AppError('UNAUTHENTICATED', 'the API key is not valid');
    const hash = sha256(key);
    const entry = await readEntry(hash);
    const now = deps.clock();
    if (!entry || entry.revoked)
      throw new AppError('UNAUTHENTICATED', 'the API key is not valid or was revoked');
    if (entry.expiresAt && new Date(entry.expiresAt) <= now)
      throw new AppError('UNAUTHENTICATED', 'the API key has expired');
    const last = touched.get(entry.keyId) ?? 0;
    if (now.getTime() - last >= TOUCH_MS) {
      touched.set(entry.keyId, now.getTime());
      if (touched.size > 10_000) touched.clear();
      // Bookkeeping: a failed write (the database down) never fails the request.
      await deps.db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(eq(apiKeys.id, entry.keyId))
        .catch(() => touched.delete(entry.keyId));
    }
    const { expiresAt: _e, revoked: _r, ...principal } = entry;
    return principal;
  };
}
