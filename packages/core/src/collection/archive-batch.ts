import type { CollectionDeps } from './collection-deps';
import type { ArchivedPayload, PayloadArchive } from './payload-archive';

/** A batch bigger than this is written at once (a bulk collection's thousands of calls). */
const MAX_BATCH = 200;

/**
 * Runs one collection with its raw payloads buffered and archived together at the end (one
 * document per platform and job instead of a file or object per call). The batch is written
 * whether the run succeeds or fails; a job that crashed before is retried and archives its own
 * calls then. An archive error is reported, never thrown: the data is in the database already.
 */
export async function withArchiveBatch<T>(
  deps: CollectionDeps,
  run: (deps: CollectionDeps) => Promise<T>,
): Promise<T> {
  const pending: ArchivedPayload[] = [];
  const writes: Promise<void>[] = [];
  const flush = () => {
    const byPlatform = new Map<string, ArchivedPayload[]>();
    for (const p of pending.splice(0)) {
      const group = byPlatform.get(p.platform) ?? [];
      group.push(p);
      byPlatform.set(p.platform, group);
    }
    for (const payloads of byPlatform.values())
      writes.push(
        deps.archive.putMany(payloads).then(
          () => undefined,
          (error) => deps.onArchiveError?.(error),
        ),
      );
  };
  const archive: PayloadArchive = {
    put: async (payload) => {
      pending.push(payload);
      if (pending.length >= MAX_BATCH) flush();
      return 'pending';
    },
    putMany: async (payloads) => {
      pending.push(...payloads);
      if (pending.length >= MAX_BATCH) flush();
      return 'pending';
    },
  };
  try {
    return await run({ ...deps, archive });
  } finally {
    flush();
    await Promise.all(writes);
  }
}
