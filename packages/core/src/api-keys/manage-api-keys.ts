import { apiKeys, type Db } from '@digitallz/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { RequestMeta } from '../accounts/account-deps';
import { recordAuditEvent } from '../audit/record-audit-event';
import { randomToken, sha256 } from '../crypto/random-token';
import { AppError } from '../errors';
import { API_KEY_PREFIX_LENGTH, type ApiKeyScope } from './api-key-scopes';

type Deps = {
  db: Db;
  clock: () => Date;
  /** A key was revoked: no process may authenticate it again (`forgetApiKey`). */
  onRevoke?: (keyHash: string) => Promise<void>;
  /** A key's record changed (its expiry, on rotation): cached copies are dropped. */
  onChange?: (keyHash: string) => Promise<void>;
};

const MAX_KEYS = 25;

function present(row: typeof apiKeys.$inferSelect, now: Date) {
  const status = row.revokedAt
    ? 'revoked'
    : row.expiresAt && row.expiresAt <= now
      ? 'expired'
      : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    status: status as 'active' | 'revoked' | 'expired',
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export type ApiKeyView = ReturnType<typeof present>;

/** The user's keys, newest first (never the keys themselves). */
export async function findApiKeys(deps: Deps, userId: string): Promise<ApiKeyView[]> {
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => present(r, deps.clock()));
}

/** Creates a key; the key itself is in the answer once and stored only as its hash. */
export async function createApiKey(
  deps: Deps,
  userId: string,
  input: { name: string; scopes: ApiKeyScope[] },
  meta: RequestMeta,
): Promise<ApiKeyView & { key: string }> {
  const active = await deps.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  if (active.length >= MAX_KEYS)
    throw new AppError('CONFLICT', `at most ${MAX_KEYS} active keys: revoke one first`);
  const key = `dz_${randomToken()}`;
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      userId,
      name: input.name,
      prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
      keyHash: sha256(key),
      scopes: [...new Set(input.scopes)].sort(),
      createdAt: deps.clock(),
    })
    .returning();
  const view = present(row as typeof apiKeys.$inferSelect, deps.clock());
  await recordAuditEvent(deps.db, {
    userId,
    action: 'api_key.created',
    target: { type: 'api_key', id: view.id },
    meta,
    details: { name: view.name, scopes: view.scopes },
  });
  return { ...view, key };
}

async function ownedKey(deps: Deps, userId: string, id: string) {
  const [row] = await deps.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'no such API key');
  return row;
}

/** Revokes a key at once. */
export async function revokeApiKey(
  deps: Deps,
  userId: string,
  id: string,
  meta: RequestMeta,
): Promise<ApiKeyView> {
  const row = await ownedKey(deps, userId, id);
  const [revoked] = await deps.db
    .update(apiKeys)
    .set({ revokedAt: row.revokedAt ?? deps.clock() })
    .where(eq(apiKeys.id, id))
    .returning();
  await deps.onRevoke?.(row.keyHash);
  if (!row.revokedAt)
    await recordAuditEvent(deps.db, {
      userId,
      action: 'api_key.revoked',
      target: { type: 'api_key', id },
      meta,
      details: { name: row.name },
    });
  return present(revoked as typeof apiKeys.$inferSelect, deps.clock());
}

/**
 * Replaces a key with a new one (same name and scopes). The old key keeps working for
 * `overlapHours` so that deployed clients can switch without downtime, then expires.
 */
export async function rotateApiKey(
  deps: Deps,
  userId: string,
  id: string,
  overlapHours: number,
  meta: RequestMeta,
): Promise<{ previous: ApiKeyView; next: ApiKeyView & { key: string } }> {
  const row = await ownedKey(deps, userId, id);
  const now = deps.clock();
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now))
    throw new AppError('CONFLICT', 'a revoked or expired key cannot be rotated');
  const expiresAt = new Date(now.getTime() + overlapHours * 3_600_000);
  const [previous] = await deps.db
    .update(apiKeys)
    .set({ expiresAt: row.expiresAt && row.expiresAt < expiresAt ? row.expiresAt : expiresAt })
    .where(eq(apiKeys.id, id))
    .returning();
  await deps.onChange?.(row.keyHash);
  const next = await createApiKey(
    deps,
    userId,
    { name: row.name, scopes: row.scopes as ApiKeyScope[] },
    meta,
  );
  await recordAuditEvent(deps.db, {
    userId,
    action: 'api_key.rotated',
    target: { type: 'api_key', id },
    meta,
    details: { next: next.id, overlapHours },
  });
  return { previous: present(previous as typeof apiKeys.$inferSelect, now), next };
}
