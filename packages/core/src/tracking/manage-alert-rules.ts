import { alertRules, type Db, trackedKeywords } from '@digitallz/db';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../errors';
import type { AlertKind } from './check-alert-rule';
import defaults from './default-alert-rules.json';

const MAX_RULES = 100;

function present(row: typeof alertRules.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind as AlertKind,
    threshold: row.threshold,
    trackedKeywordId: row.trackedKeywordId,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  };
}

export type AlertRuleView = ReturnType<typeof present>;

/** The user's rules; the defaults are created the first time they are asked for. */
export async function findAlertRules(db: Db, userId: string): Promise<AlertRuleView[]> {
  await ensureDefaultAlertRules(db, userId);
  const rows = await db
    .select()
    .from(alertRules)
    .where(eq(alertRules.userId, userId))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.kind));
  return rows.map(present);
}

/** Sensible defaults for a user without rules (any tracked keyword, every kind). */
export async function ensureDefaultAlertRules(db: Db, userId: string): Promise<void> {
  const [any] = await db
    .select({ id: alertRules.id })
    .from(alertRules)
    .where(eq(alertRules.userId, userId))
    .limit(1);
  if (any) return;
  await db.insert(alertRules).values(defaults.map((d) => ({ ...d, userId })));
}

export async function createAlertRule(
  db: Db,
  userId: string,
  input: { kind: AlertKind; threshold: number; trackedKeywordId?: string | null },
): Promise<AlertRuleView> {
  const existing = await findAlertRules(db, userId);
  if (existing.length >= MAX_RULES)
    throw new AppError('CONFLICT', `at most ${MAX_RULES} alert rules: delete one first`);
  if (input.trackedKeywordId) await ownedTracked(db, userId, input.trackedKeywordId);
  const [row] = await db
    .insert(alertRules)
    .values({ userId, ...input, trackedKeywordId: input.trackedKeywordId ?? null })
    .returning();
  return present(row as typeof alertRules.$inferSelect);
}

export async function updateAlertRule(
  db: Db,
  userId: string,
  id: string,
  input: { threshold?: number; enabled?: boolean },
): Promise<AlertRuleView> {
  const [row] = await db
    .update(alertRules)
    .set(input)
    .where(and(eq(alertRules.id, id), eq(alertRules.userId, userId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'no such alert rule');
  return present(row);
}

export async function deleteAlertRule(db: Db, userId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(alertRules)
    .where(and(eq(alertRules.id, id), eq(alertRules.userId, userId)))
    .returning({ id: alertRules.id });
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'no such alert rule');
}

async function ownedTracked(db: Db, userId: string, id: string) {
  const [row] = await db
    .select({ id: trackedKeywords.id })
    .from(trackedKeywords)
    .where(and(eq(trackedKeywords.id, id), eq(trackedKeywords.userId, userId)));
  if (!row) throw new AppError('NOT_FOUND', 'no such tracked keyword');
}
