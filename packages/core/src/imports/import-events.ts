import type { Db } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { emitEvent } from '../notifications/emit-event';
import type { ImportKind } from './types';

/** What the events of an import name: its owner, kind and file. */
export type ImportOwner = {
  kind: ImportKind;
  marketplace: string;
  owner_id: string | null;
  filename: string | null;
};

/** Tells the import's owner (in-app, email, webhooks) that it completed or failed. */
export async function emitImportEvent(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  owner: ImportOwner,
  importId: number,
  type: 'import.completed' | 'import.failed',
  body: string,
) {
  if (!owner.owner_id) return;
  const name = owner.filename ?? `Import ${importId}`;
  await emitEvent(deps, {
    userId: owner.owner_id,
    type,
    title: type === 'import.completed' ? `${name} was imported` : `${name} could not be imported`,
    body,
    data: { importId, kind: owner.kind, marketplace: owner.marketplace },
    dedupeKey: `${type}:${importId}`,
  });
}
