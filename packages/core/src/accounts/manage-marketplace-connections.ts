import { type Connection, ConnectionCredentialsSchemas, type Platform } from '@digitallz/contracts';
import { type Db, marketplaceConnections } from '@digitallz/db';
import { and, asc, eq } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Credentials } from '../collectors/types';
import type { SecretBox } from '../crypto/secret-box';
import { AppError } from '../errors';
import type { RequestMeta } from './account-deps';

export type ConnectionDeps = { db: Db; secrets: SecretBox; clock: () => Date };

function present(row: typeof marketplaceConnections.$inferSelect): Connection {
  return {
    platform: row.platform as Platform,
    fields: row.fields,
    hint: row.hint,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function findConnections(db: Db, userId: string): Promise<Connection[]> {
  const rows = await db
    .select()
    .from(marketplaceConnections)
    .where(eq(marketplaceConnections.userId, userId))
    .orderBy(asc(marketplaceConnections.platform));
  return rows.map(present);
}

/**
 * Connects (or reconnects) one marketplace with the seller's own credentials, checked against
 * what the platform needs, sealed before they are stored; the answer never holds them.
 */
export async function saveConnection(
  deps: ConnectionDeps,
  userId: string,
  platform: Platform,
  body: unknown,
  meta?: RequestMeta,
): Promise<Connection> {
  const parsed = ConnectionCredentialsSchemas[platform].safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || 'body',
      message: i.message,
    }));
    throw new AppError(
      'VALIDATION_FAILED',
      details.map((d) => `${d.path}: ${d.message}`).join('; '),
      { details },
    );
  }
  const credentials = parsed.data as Record<string, string | undefined>;
  const fields = Object.keys(credentials)
    .filter((k) => credentials[k])
    .sort();
  const first = credentials[fields[0] as string] ?? '';
  const values = {
    credentials: deps.secrets.seal(JSON.stringify(credentials)),
    fields,
    hint: `…${first.slice(-4)}`,
    updatedAt: deps.clock(),
  };
  const [row] = await deps.db
    .insert(marketplaceConnections)
    .values({ userId, platform, ...values, createdAt: deps.clock() })
    .onConflictDoUpdate({
      target: [marketplaceConnections.userId, marketplaceConnections.platform],
      set: values,
    })
    .returning();
  await recordAuditEvent(deps.db, {
    userId,
    action: 'marketplace.connected',
    target: { type: 'marketplace', id: platform },
    meta,
    details: { fields },
  });
  return present(row as typeof marketplaceConnections.$inferSelect);
}

export async function deleteConnection(
  db: Db,
  userId: string,
  platform: Platform,
  meta?: RequestMeta,
): Promise<void> {
  const deleted = await db
    .delete(marketplaceConnections)
    .where(
      and(eq(marketplaceConnections.userId, userId), eq(marketplaceConnections.platform, platform)),
    )
    .returning({ id: marketplaceConnections.id });
  if (deleted.length === 0) throw new AppError('NOT_FOUND', `${platform} is not connected`);
  await recordAuditEvent(db, {
    userId,
    action: 'marketplace.disconnected',
    target: { type: 'marketplace', id: platform },
    meta,
  });
}

/**
 * The seller's credentials for one platform, opened for a collection they started; null when
 * they have not connected it. Marks the connection used.
 */
export async function loadConnectionCredentials(
  deps: ConnectionDeps,
  userId: string,
  platform: Platform,
): Promise<Credentials | null> {
  const [row] = await deps.db
    .update(marketplaceConnections)
    .set({ lastUsedAt: deps.clock() })
    .where(
      and(eq(marketplaceConnections.userId, userId), eq(marketplaceConnections.platform, platform)),
    )
    .returning({ credentials: marketplaceConnections.credentials });
  return row ? (JSON.parse(deps.secrets.open(row.credentials)) as Credentials) : null;
}
