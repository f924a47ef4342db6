import type { CollectionStatus, Platform } from '@digitallz/contracts';
import { collectionRequests, type Db } from '@digitallz/db';
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { AppError } from '../errors';
import { PRIORITY } from '../jobs/catalog';
import type { JobQueue } from '../jobs/job-queue';

export type RequestCollectionDeps = { db: Db; jobs: JobQueue; clock: () => Date };

/** How long an open request for the same keyword is reused instead of starting another. */
const REUSE_MS = 60 * 60 * 1000;
export const INTERACTIVE_BUDGET = 100;

/**
 * Starts collecting a keyword a user is waiting for, at interactive priority, unless the same
 * collection is already queued or running. Returns its status for the user to follow.
 */
export async function requestCollection(
  deps: RequestCollectionDeps,
  input: { platform: Platform; marketplace: string; keyword: string },
  /** The signed-in seller who asked: the collection uses their connected marketplace account. */
  ownerId?: string | null,
): Promise<CollectionStatus> {
  const now = deps.clock();
  const [open] = await deps.db
    .select()
    .from(collectionRequests)
    .where(
      and(
        eq(collectionRequests.platform, input.platform),
        eq(collectionRequests.marketplace, input.marketplace),
        eq(collectionRequests.keyword, input.keyword),
        inArray(collectionRequests.status, ['queued', 'running']),
        gt(collectionRequests.createdAt, new Date(now.getTime() - REUSE_MS)),
      ),
    )
    .orderBy(desc(collectionRequests.createdAt))
    .limit(1);
  if (open) return toStatus(open);
  const [created] = await deps.db
    .insert(collectionRequests)
    .values({ ...input, status: 'queued', requestsPlanned: INTERACTIVE_BUDGET + 1 })
    .returning();
  const row = created as typeof collectionRequests.$inferSelect;
  try {
    await deps.jobs.enqueue(
      'collect.keyword',
      {
        ...input,
        observedAt: now.toISOString(),
        expand: true,
        budget: INTERACTIVE_BUDGET,
        requestId: row.id,
        ...(ownerId ? { ownerId } : {}),
      },
      { priority: PRIORITY.interactive },
    );
  } catch (error) {
    await deps.db
      .update(collectionRequests)
      .set({ status: 'failed', error: 'could not be queued', updatedAt: new Date() })
      .where(eq(collectionRequests.id, row.id));
    throw error;
  }
  return toStatus(row);
}

export async function getCollection(deps: { db: Db }, id: string): Promise<CollectionStatus> {
  const [row] = await deps.db
    .select()
    .from(collectionRequests)
    .where(eq(collectionRequests.id, id));
  if (!row) throw new AppError('NOT_FOUND', `No collection ${id}`);
  return toStatus(row);
}

function toStatus(row: typeof collectionRequests.$inferSelect): CollectionStatus {
  return {
    id: row.id,
    platform: row.platform as Platform,
    marketplace: row.marketplace,
    keyword: row.keyword,
    status: row.status as CollectionStatus['status'],
    requestsDone: row.requestsDone,
    requestsPlanned: row.requestsPlanned,
    keywordsFound: row.keywordsFound,
    error: row.error,
    updatedAt: row.updatedAt.toISOString(),
  };
}
