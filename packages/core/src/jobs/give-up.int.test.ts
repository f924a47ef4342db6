import { type Db, type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatch } from '../batches/create-batch';
import { createCache } from '../cache';
import { createImport } from '../imports/create-import';
import { testKeyPrefix, testRedisUrl } from '../testing';
import { createBullQueue, startBullWorkers } from './bullmq';
import { createInProcessRunner, type JobEvent } from './in-process-runner';

const now = new Date('2026-12-07T12:00:00Z');

async function owner(db: Db) {
  const [user] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (email) values ('seller@example.com') returning id::text as id`,
  );
  return user?.id as string;
}

const report = (rows: number) =>
  new TextEncoder().encode(
    `keyword,platform,volume\n${Array.from({ length: rows }, (_, i) => `svg bundle ${i},etsy,${i}`).join('\n')}\n`,
  );

const importState = (db: Db) =>
  queryRows<{ status: string; error: { code: string } | null; uploads: number; notes: string }>(
    db,
    sql`select status, error, (select count(*) from keyword_import_uploads)::int as uploads,
               coalesce((select string_agg(type, ',' order by created_at, type) from notifications), '') as notes
        from keyword_imports`,
  ).then((rows) => rows[0]);

const batchState = (db: Db) =>
  queryRows<{ status: string; error: string | null }>(
    db,
    sql`select status, error from batch_analyses`,
  ).then((rows) => rows[0]);

// Each attempt fails on the database (a constraint the test adds, then drops): a failure worth
// retrying, until the job has no attempt left.
const breakImports = (db: Db) =>
  db.execute(
    sql`alter table keyword_data add constraint no_svg check (keyword not like 'svg bundle 9%')`,
  );
const mendImports = (db: Db) => db.execute(sql`alter table keyword_data drop constraint no_svg`);
const breakBatches = (db: Db) =>
  db.execute(
    sql`alter table batch_analyses add constraint never_done check (status <> 'completed')`,
  );

describe.each(testDbKinds())('a job that fails its last attempt, on %s', (kind) => {
  let handle: DbHandle;
  afterEach(() => handle.close());

  it('marks the import failed with its upload kept and tells the owner; a replay imports it', async () => {
    handle = await createTestDb(kind);
    const seller = await owner(handle.db);
    const seen: string[] = [];
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      backoffScale: 0.0005,
      // While attempts remain, the import stays queued and its owner hears nothing.
      onEvent: (event: JobEvent) => {
        if (event.type === 'retrying')
          void importState(handle.db).then((s) => seen.push(`${s?.status}:${s?.notes}`));
      },
    });
    await breakImports(handle.db);
    await createImport(
      { db: handle.db, cache: createCache(), jobs: runner },
      { ownerId: seller, kind: 'csv', bytes: report(100), filename: 'svg.csv' },
    );
    await runner.idle();
    expect(seen).toEqual(['queued:', 'queued:', 'queued:', 'queued:']);
    expect(await importState(handle.db)).toEqual({
      status: 'failed',
      error: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
      uploads: 1,
      notes: 'import.failed',
    });
    expect(await runner.failedJobs(10)).toHaveLength(1);

    await mendImports(handle.db);
    expect((await runner.retryFailed('all')).retried).toHaveLength(1);
    await runner.idle();
    expect(await importState(handle.db)).toEqual({
      status: 'completed',
      error: null,
      uploads: 0,
      notes: 'import.failed,import.completed',
    });
    await runner.close();
  });

  it('marks the batch failed instead of leaving it running, and tells its owner', async () => {
    handle = await createTestDb(kind);
    const seller = await owner(handle.db);
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      backoffScale: 0.0005,
    });
    await breakBatches(handle.db);
    await createBatch({ db: handle.db, jobs: runner }, seller, {
      platform: 'etsy',
      marketplace: 'US',
      keywords: ['svg bundle'],
      collectMissing: false,
    });
    await runner.idle();
    expect(await batchState(handle.db)).toEqual({
      status: 'failed',
      error: expect.stringMatching(/could not run/),
    });
    // Its owner is told, once.
    expect(
      await queryRows(handle.db, sql`select type, user_id::text as user_id from notifications`),
    ).toEqual([{ type: 'batch.failed', user_id: seller }]);
    await runner.close();
  });
});

/** An import whose job the test queues itself (its own attempts, its own workers). */
function importQueuedByHand(db: Db, seller: string) {
  const recorder = {
    kind: 'bullmq',
    enqueue: async () => ({ jobId: 'none', deduplicated: false }),
  } as unknown as Parameters<typeof createImport>[0]['jobs'];
  return createImport(
    { db, cache: createCache(), jobs: recorder },
    { ownerId: seller, kind: 'csv', bytes: report(100) },
  );
}

describe.runIf(testDbKinds().includes('postgres'))('BullMQ: a job out of attempts', () => {
  let handle: DbHandle;
  afterEach(() => handle.close());

  it('marks the import failed once its last attempt fails, and not before', async () => {
    handle = await createTestDb('postgres');
    const seller = await owner(handle.db);
    const prefix = testKeyPrefix().slice(0, -1);
    const options = { redisUrl: testRedisUrl(), prefix };
    const queue = createBullQueue(options);
    const raw = new Queue('compute', { connection: { url: testRedisUrl() }, prefix });
    const events = new QueueEvents('compute', { connection: { url: testRedisUrl() }, prefix });
    await events.waitUntilReady();
    // Queued by hand, with two attempts half a second apart (the catalog's are 5, from 5 s).
    const accepted = await importQueuedByHand(handle.db, seller);
    await breakImports(handle.db);
    const statuses: string[] = [];
    const workers = startBullWorkers({
      ...options,
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      onFailed: () => void importState(handle.db).then((s) => statuses.push(s?.status ?? '')),
    });
    const job = await raw.add(
      'compute.keyword-import',
      { importId: accepted.id },
      { attempts: 2, backoff: { type: 'fixed', delay: 500 } },
    );
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow();
    expect((await raw.getJob(job.id ?? ''))?.attemptsMade).toBe(2);
    await expect.poll(() => statuses.length).toBe(2);
    expect(statuses).toEqual(['queued', 'failed']);
    expect(await importState(handle.db)).toMatchObject({ status: 'failed', uploads: 1 });
    await workers.close();
    await Promise.all([queue.close(), raw.close(), events.close()]);
  });

  it('marks the import failed when its job stalled too often (its workers killed mid-run)', async () => {
    handle = await createTestDb('postgres');
    const seller = await owner(handle.db);
    const prefix = testKeyPrefix().slice(0, -1);
    const options = { redisUrl: testRedisUrl(), prefix };
    const raw = new Queue('compute', { connection: { url: testRedisUrl() }, prefix });
    const accepted = await importQueuedByHand(handle.db, seller);
    const job = await raw.add('compute.keyword-import', { importId: accepted.id }, { attempts: 5 });
    const id = job.id ?? '';
    // A worker that takes the job and dies with it: its lock runs out, nobody finishes it.
    const dying = () =>
      new Worker('compute', () => new Promise(() => {}), {
        connection: { url: testRedisUrl() },
        prefix,
        lockDuration: 300,
        stalledInterval: 300,
      });
    const first = dying();
    await expect
      .poll(() => raw.getJob(id).then((j) => j?.processedOn ?? 0), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await first.close(true);
    // The second finds it stalled once, takes it again, and dies too.
    const second = dying();
    await expect
      .poll(() => raw.getJob(id).then((j) => j?.stalledCounter ?? 0), { timeout: 10_000 })
      .toBe(1);
    await expect
      .poll(() => raw.getJob(id).then((j) => j?.getState()), { timeout: 10_000 })
      .toBe('active');
    await second.close(true);
    // Stalled twice, more than BullMQ allows: our worker fails it without running it.
    const workers = startBullWorkers({
      ...options,
      lockDurationMs: 300,
      deps: { db: handle.db, cache: createCache(), clock: () => now },
    });
    // Failed, then its owner told (the notice follows the status: CI once read between the two).
    await expect
      .poll(() => importState(handle.db).then((s) => `${s?.status}:${s?.notes}`), {
        timeout: 10_000,
      })
      .toBe('failed:import.failed');
    expect(await raw.getJob(id).then((j) => j?.failedReason)).toMatch(/stalled/);
    expect(await importState(handle.db)).toMatchObject({ uploads: 1 });
    await workers.close();
    await raw.close();
  });
});
