import { type Db, notificationSettings, notifications } from '@digitallz/db';
import { and, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';

export type EmailMode = 'off' | 'immediate' | 'daily' | 'weekly';

/** The user's inbox, newest first (test events are not part of it). */
export async function findNotifications(
  db: Db,
  userId: string,
  query: { unreadOnly?: boolean; before?: string; limit: number },
) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        ne(notifications.type, 'webhook.test'),
        query.unreadOnly ? isNull(notifications.readAt) : undefined,
        query.before ? lt(notifications.createdAt, new Date(query.before)) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        ne(notifications.type, 'webhook.test'),
        isNull(notifications.readAt),
      ),
    );
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((n) => ({
      id: n.id,
      type: n.type,
      title: n.title,
      body: n.body,
      data: n.data as Record<string, unknown>,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unread: unread?.n ?? 0,
    nextBefore: rows.length > query.limit ? (page.at(-1)?.createdAt.toISOString() ?? null) : null,
  };
}

/** Marks some (or, without ids, all) of the user's notifications read; returns how many changed. */
export async function markNotificationsRead(
  db: Db,
  userId: string,
  ids: string[] | undefined,
  now: Date,
): Promise<number> {
  const changed = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return changed.length;
}

export async function getNotificationSettings(db: Db, userId: string) {
  const [row] = await db
    .select({ emailMode: notificationSettings.emailMode })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId));
  return { emailMode: (row?.emailMode ?? 'daily') as EmailMode };
}

export async function updateNotificationSettings(
  db: Db,
  userId: string,
  input: { emailMode: EmailMode },
) {
  await db
    .insert(notificationSettings)
    .values({ userId, emailMode: input.emailMode })
    .onConflictDoUpdate({
      target: notificationSettings.userId,
      set: { emailMode: input.emailMode },
    });
  return getNotificationSettings(db, userId);
}
