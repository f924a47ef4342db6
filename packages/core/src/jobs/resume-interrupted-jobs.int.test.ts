import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatch } from '../batches/create-batch';
import type { Cache } from '../cache';
import { createImport } from '../imports/create-import';
import { createTestCache } from '../testing';
import { createInProcessRunner } from './in-process-runner';
import type { JobQueue } from './job-queue';
import { resumeInterruptedJobs } from './resume-interrupted-jobs';

/** A process that accepted work and stopped before running it: its queue forgot the jobs. */
const forgetful = {
  kind: 'in-process',
  enqueue: async () => ({ jobId: '1', deduplicated: false }),
};

describe.each(testDbKinds())('resumeInterruptedJobs on %s', (kind) => {
  let handle: DbHandle;
  let cache: Cache;
  afterEach(async () => {
    await handle.close();
    await cache.close();
  });

  it('queues again the imports and batches left unfinished, and only those', async () => {
    handle = await createTestDb(kind);
    cache = createTestCache('memory');
    const stopped = { db: handle.db, cache, jobs: forgetful as unknown as JobQueue };
    const report = (keyword: string) =>
      new TextEncoder().encode(`keyword,platform,volume\n${keyword},etsy,10\n`);
    const waiting = await createImport(stopped, {
      ownerId: null,
      kind: 'csv',
      bytes: report('boho wall art'),
    });
    const done = await createImport(stopped, { ownerId: null, kind: 'csv', bytes: report('x') });
    await handle.db.execute(
      sql`update keyword_imports set status = 'completed' where id = ${done.id}`,
    );
    const batch = await createBatch(stopped, null, {
      platform: 'etsy',
      marketplace: 'US',
      keywords: ['boho wall art'],
      collectMissing: false,
    });

    const runner = createInProcessRunner({
      deps: { db: handle.db, cache, clock: () => new Date() },
    });
    expect(await resumeInterruptedJobs({ db: handle.db, jobs: runner })).toEqual({
      imports: 1,
      batches: 1,
    });
    await runner.idle();
    await runner.close();
    const [state] = await queryRows<{ import: string; batch: string; metrics: number }>(
      handle.db,
      sql`select (select status from keyword_imports where id = ${waiting.id}) as import,
                 (select status from batch_analyses where id = ${batch.id}::uuid) as batch,
                 (select count(*)::int from imported_metrics) as metrics`,
    );
    expect(state).toEqual({ import: 'completed', batch: 'completed', metrics: 1 });
  });
});
