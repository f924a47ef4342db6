import { auditLog, type Db } from '@digitallz/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { decodePageCursor, encodePageCursor } from '../keywords/page-cursor';

export type FindAuditEventsOptions = {
  /** Only this user's events; null: every user's (admins). */
  userId: string | null;
  action?: string;
  limit: number;
  cursor?: string;
};

/** Audit events, newest first, a page at a time. */
export async function findAuditEvents(db: Db, options: FindAuditEventsOptions) {
  const where: SQL[] = [];
  if (options.userId) where.push(eq(auditLog.userId, options.userId));
  if (options.action) where.push(eq(auditLog.action, options.action));
  const queryKey = `audit:${options.userId ?? '*'}:${options.action ?? '*'}`;
  if (options.cursor) where.push(lt(auditLog.id, decodePageCursor(options.cursor, queryKey).id));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      userId: r.userId,
      action: r.action,
      target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId } : null,
      ip: r.ip,
      userAgent: r.userAgent,
      details: (r.metadata as Record<string, unknown> | null) ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor:
      rows.length > options.limit && last
        ? encodePageCursor({ value: 0, id: last.id }, queryKey)
        : null,
  };
}
