import type { Db } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { describeEvent } from '../notifications/describe-event';
import { emitEvent } from '../notifications/emit-event';
import type { ImportKind } from './types';

/** What the events of an import name: its owner, kind and file. */
export type ImportOwner = {
  kind: ImportKind;
  marketplace: string;
  owner_id: string | null;
  filename: string | null;
};

/** How an import ended: its counts, or the reason it was refused. */
export type ImportOutcome =
  | { type: 'import.completed'; counts: { imported: number; skipped: number } }
  | { type: 'import.failed'; reason: string };

/** Tells the import's owner (in-app, email, webhooks) that it completed or failed. */
export async function emitImportEvent(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  owner: ImportOwner,
  importId: number,
  outcome: ImportOutcome,
) {
  if (!owner.owner_id) return;
  const file = { importId, filename: owner.filename };
  const counts = outcome.type === 'import.completed' ? outcome.counts : null;
  const text =
    outcome.type === 'import.completed'
      ? describeEvent(outcome.type, { ...file, ...outcome.counts }, 'en')
      : describeEvent(outcome.type, file, 'en', outcome.reason);
  await emitEvent(deps, {
    userId: owner.owner_id,
    type: outcome.type,
    ...text,
    data: { ...file, ...counts, kind: owner.kind, marketplace: owner.marketplace },
    dedupeKey: `${outcome.type}:${importId}`,
  });
}
