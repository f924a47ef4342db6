import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { startSandboxServer } from '@digitallz/sandbox';
import { Queue, QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { createCollectionDeps } from '../collection/create-collection-deps';
import { dataVersion, keywordVersion } from '../keywords/data-version';
import { testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
import { createBullQueue, startBullWorkers } from './bullmq';
import { createInProcessRunner, type JobEvent } from './in-process-runner';
import { retryFailedJobs } from './retry-failed-jobs';

const now = new Date('2026-11-24T12:00:00Z');
const fast = { perSecond: 1_000, burst: 1_000 };

async function seedCacheRows(handle: DbHandle) {
  await handle.db.execute(sql`
    insert into cache_data (key, value, expires_at) values
      ('old-1', '{}', '2026-11-24T11:00:00Z'), ('old-2', '{}', '2026-11-23T00:00:00Z'),
      ('fresh', '{}', '2026-11-24T13:00:00Z')`);
}

const remainingKeys = async (handle: DbHandle) =>
  (await queryRows<{ key: string }>(handle.db, sql`select key from cache_data order by key`)).map(
    (r) => r.key,
  );

describe.each(testDbKinds())('in-process jobs on %s', (kind) => {
  let handle: DbHandle;
  afterEach(() => handle.close());

  it('runs a job from the catalog', async () => {
    handle = await createTestDb(kind);
    await seedCacheRows(handle);
    const events: JobEvent[] = [];
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      onEvent: (e) => events.push(e),
    });
    await runner.enqueue('maintenance.purge-expired-cache', { batchSize: 1 });
    await runner.idle();
    expect(await remainingKeys(handle)).toEqual(['fresh']);
    expect(events).toEqual([
      expect.objectContaining({ type: 'completed', result: { deleted: 2 } }),
    ]);
    await runner.close();
  });

  it('moves the versions of the keywords a collection and its estimates wrote, and of no other', async () => {
    handle = await createTestDb(kind);
    const sandbox = await startSandboxServer({ asOf: now, keywords: 500 });
    const cache = createCache();
    const collection = createCollectionDeps({
      db: handle.db,
      archiveDir: join(tmpdir(), 'digitallz-jobs-archive'),
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } } },
      source: 'sandbox',
    });
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache, clock: () => now, collection },
    });
    await runner.enqueue('collect.keyword', {
      platform: 'etsy',
      marketplace: 'US',
      keyword: 'wedding',
      observedAt: now.toISOString(),
      budget: 3,
    });
    await runner.idle();
    const written = await queryRows<{ keyword: string }>(
      handle.db,
      sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US'`,
    );
    expect(written.length).toBeGreaterThan(1);
    for (const { keyword } of written) {
      const version = await keywordVersion(cache, { platform: 'etsy', marketplace: 'US', keyword });
      // Moved by the collection, then by the estimates computed after it.
      expect(version.previous).toHaveLength(2);
      expect(version.previous[1]).toBe('0.0');
      expect(new Set([version.key, ...version.previous]).size).toBe(3);
    }
    const untouched = { platform: 'etsy', marketplace: 'US', keyword: 'never collected' };
    expect(await keywordVersion(cache, untouched)).toEqual({ key: '0.0', previous: [] });
    // Searches span the platform: its version moved too.
    expect(await dataVersion(cache, 'etsy')).toBeGreaterThan(0);
    await runner.close();
    await cache.close();
    await sandbox.close();
  });

  it('refuses a bad payload at enqueue and de-duplicates waiting jobs', async () => {
    handle = await createTestDb(kind);
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      concurrency: 1,
    });
    await expect(
      runner.enqueue('maintenance.purge-expired-cache', { batchSize: -1 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await runner.close();
    const paused = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      concurrency: 0,
    });
    const first = await paused.enqueue('maintenance.purge-expired-cache', {});
    const second = await paused.enqueue('maintenance.purge-expired-cache', {});
    expect(first.deduplicated).toBe(false);
    expect(second).toEqual({ jobId: first.jobId, deduplicated: true });
    await paused.close();
  });

  it('retries a failing job with backoff, then reports it failed', async () => {
    handle = await createTestDb(kind);
    await handle.close();
    const events: JobEvent[] = [];
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      onEvent: (e) => events.push(e),
      backoffScale: 0.002,
    });
    await runner.enqueue('maintenance.purge-expired-cache', {});
    await runner.idle();
    expect(events.map((e) => e.type)).toEqual(['retrying', 'retrying', 'failed']);
    expect(events.at(-1)).toMatchObject({ attempts: 3, permanent: false });
    // Kept for the admins' failed-jobs list.
    expect(await runner.failedJobs(10)).toEqual([
      expect.objectContaining({
        name: 'maintenance.purge-expired-cache',
        queue: 'maintenance',
        attempts: 3,
        error: expect.any(String),
      }),
    ]);
    handle = await createTestDb(kind);
  });

  it('replays failed jobs with all their attempts once the cause is gone', async () => {
    const broken = await createTestDb(kind);
    await broken.close();
    handle = await createTestDb(kind);
    await seedCacheRows(handle);
    let db = broken.db;
    const events: JobEvent[] = [];
    const runner = createInProcessRunner({
      // Read at each run: the database is broken for the first runs, then mended.
      deps: {
        get db() {
          return db;
        },
        cache: createCache(),
        clock: () => now,
      },
      onEvent: (e) => events.push(e),
      backoffScale: 0.002,
    });
    const { jobId } = await runner.enqueue('maintenance.purge-expired-cache', {});
    await runner.idle();
    expect((await runner.failedJobs(10)).map((j) => j.id)).toEqual([jobId]);
    db = handle.db;
    const [admin] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into users (email, role) values ('ops@example.com', 'admin') returning id`,
    );
    const replay = await retryFailedJobs(
      { db: handle.db, jobs: runner },
      { id: admin?.id ?? '', meta: { ip: '10.0.0.1' } },
      { ids: [jobId, 'no-such-job'] },
    );
    expect(replay).toEqual({ retried: [jobId], notFound: ['no-such-job'] });
    await runner.idle();
    // Audited: who replayed what.
    expect(
      await queryRows(handle.db, sql`select user_id, action, metadata from audit_log`),
    ).toEqual([
      { user_id: admin?.id, action: 'admin.jobs_retried', metadata: { count: 1, ids: [jobId] } },
    ]);
    expect(await remainingKeys(handle)).toEqual(['fresh']);
    expect(await runner.failedJobs(10)).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['retrying', 'retrying', 'failed', 'completed']);
    // Nothing left to replay, and a replayed job is not replayed twice.
    expect(await runner.retryFailed('all')).toEqual({ retried: [], notFound: [] });
    await runner.close();
  });

  it('reports each queue: waiting, active, delayed for a retry, failed, oldest waiting', async () => {
    handle = await createTestDb(kind);
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache: createCache(), clock: () => now },
      concurrency: 1,
    });
    // One job runs; the next waits behind it.
    await runner.enqueue('maintenance.purge-expired-cache', { batchSize: 1 });
    await runner.enqueue('alerts.evaluate', { limit: 1 });
    const depths = await runner.depths();
    expect(depths.map((d) => d.queue)).toEqual(['collect', 'compute', 'notify', 'maintenance']);
    const busy = depths.filter((d) => d.active + d.waiting > 0);
    expect(busy.reduce((n, d) => n + d.active, 0)).toBe(1);
    expect(busy.reduce((n, d) => n + d.waiting, 0)).toBe(1);
    expect(busy.find((d) => d.waiting === 1)?.oldestWaitingSeconds).toBeGreaterThanOrEqual(0);
    await runner.idle();
    expect((await runner.depths()).every((d) => d.waiting + d.active === 0)).toBe(true);
  });
});

describe.runIf(testCacheKinds().includes('redis'))('BullMQ queue depths', () => {
  it('counts waiting jobs and ages the oldest', async () => {
    const prefix = testKeyPrefix().slice(0, -1);
    const producer = createBullQueue({ redisUrl: testRedisUrl(), prefix });
    await producer.enqueue('maintenance.purge-expired-cache', {});
    await new Promise((r) => setTimeout(r, 1_100));
    const maintenance = (await producer.depths()).find((d) => d.queue === 'maintenance');
    expect(maintenance).toMatchObject({ waiting: 1, active: 0, delayed: 0, failed: 0 });
    expect(maintenance?.oldestWaitingSeconds).toBeGreaterThanOrEqual(1);
    expect((await producer.depths()).find((d) => d.queue === 'collect')).toMatchObject({
      waiting: 0,
      oldestWaitingSeconds: 0,
    });
    await producer.close();
  });
});

describe.runIf(testDbKinds().includes('postgres'))('BullMQ jobs on Redis and PostgreSQL', () => {
  it('runs, de-duplicates and fails permanent errors without retrying', async () => {
    const handle = await createTestDb('postgres');
    await seedCacheRows(handle);
    const prefix = testKeyPrefix().slice(0, -1);
    const options = { redisUrl: testRedisUrl(), prefix };
    const queue = createBullQueue(options);
    const first = await queue.enqueue('maintenance.purge-expired-cache', {});
    const second = await queue.enqueue('maintenance.purge-expired-cache', {});
    expect(second).toEqual({ jobId: first.jobId, deduplicated: true });

    const events = new QueueEvents('maintenance', { connection: { url: testRedisUrl() }, prefix });
    await events.waitUntilReady();
    const workers = startBullWorkers({
      ...options,
      deps: { db: handle.db, cache: createCache(), clock: () => now },
    });
    const raw = new Queue('maintenance', { connection: { url: testRedisUrl() }, prefix });
    const job = await raw.getJob(first.jobId);
    await job?.waitUntilFinished(events, 15_000);
    expect(await remainingKeys(handle)).toEqual(['fresh']);

    const bad = await raw.add('maintenance.unknown-job', {}, { attempts: 5 });
    await expect(bad.waitUntilFinished(events, 15_000)).rejects.toThrow(/Unknown job/);
    expect((await raw.getJob(bad.id ?? ''))?.attemptsMade).toBe(1);
    const failed = await queue.failedJobs(10);
    expect(failed).toEqual([
      expect.objectContaining({
        id: bad.id,
        name: 'maintenance.unknown-job',
        queue: 'maintenance',
      }),
    ]);
    expect(failed[0]?.error).toMatch(/Unknown job/);

    await workers.close();
    await Promise.all([queue.close(), raw.close(), events.close()]);
    await handle.close();
  });

  it('replays a failed job with all its attempts, once, and leaves other failures alone', async () => {
    const handle = await createTestDb('postgres');
    await seedCacheRows(handle);
    const broken = await createTestDb('postgres');
    await broken.close();
    const prefix = testKeyPrefix().slice(0, -1);
    const options = { redisUrl: testRedisUrl(), prefix };
    let db = broken.db;
    // The workers read the database through this: broken for the first runs, then mended.
    const switching = new Proxy({} as DbHandle['db'], {
      get: (_, property) => Reflect.get(db, property, db),
    });
    const queue = createBullQueue(options);
    const events = new QueueEvents('maintenance', { connection: { url: testRedisUrl() }, prefix });
    await events.waitUntilReady();
    const raw = new Queue('maintenance', { connection: { url: testRedisUrl() }, prefix });
    const workers = startBullWorkers({
      ...options,
      deps: { db: switching, cache: createCache(), clock: () => now },
    });
    const purge = await raw.add('maintenance.purge-expired-cache', {}, { attempts: 2 });
    const unknown = await raw.add('maintenance.unknown-job', {}, { attempts: 1 });
    await expect(purge.waitUntilFinished(events, 15_000)).rejects.toThrow();
    await expect(unknown.waitUntilFinished(events, 15_000)).rejects.toThrow(/Unknown job/);
    expect((await raw.getJob(purge.id ?? ''))?.attemptsMade).toBe(2);

    db = handle.db;
    // Named with its queue (BullMQ numbers jobs per queue), and ids of another queue or none.
    const replay = await queue.retryFailed([
      `maintenance:${purge.id}`,
      `collect:${unknown.id}`,
      'no-such-job',
    ]);
    expect(replay).toEqual({
      retried: [purge.id],
      notFound: [`collect:${unknown.id}`, 'no-such-job'],
    });
    const replayed = (await raw.getJob(purge.id ?? '')) as NonNullable<
      Awaited<ReturnType<typeof raw.getJob>>
    >;
    expect(await replayed.waitUntilFinished(events, 15_000)).toEqual({ deleted: 2 });
    expect(await remainingKeys(handle)).toEqual(['fresh']);
    // Replayed once: the first run after the replay succeeded, with its attempts counted afresh.
    expect((await raw.getJob(purge.id ?? ''))?.attemptsMade).toBe(1);
    // The other failure is still there for a later replay, and a second replay finds nothing new.
    expect((await queue.failedJobs(10)).map((j) => j.id)).toEqual([unknown.id]);
    expect(await queue.retryFailed([purge.id ?? ''])).toEqual({
      retried: [],
      notFound: [purge.id],
    });

    await workers.close();
    await Promise.all([queue.close(), raw.close(), events.close()]);
    await handle.close();
  });

  it('keeps a collection waiting, attempts unspent, while the marketplace circuit is open', async () => {
    const handle = await createTestDb('postgres');
    const sandbox = await startSandboxServer({ asOf: now, keywords: 500 });
    const prefix = testKeyPrefix().slice(0, -1);
    const options = { redisUrl: testRedisUrl(), prefix };
    const queue = createBullQueue(options);
    const events = new QueueEvents('collect', { connection: { url: testRedisUrl() }, prefix });
    await events.waitUntilReady();
    const collection = createCollectionDeps({
      db: handle.db,
      archiveDir: join(tmpdir(), 'digitallz-jobs-archive'),
      marketplaces: { amazon: { baseUrl: sandbox.url, credentials: { spApiAccessToken: 't' } } },
      source: 'sandbox',
      breaker: { threshold: 1, cooldownMs: 300 },
    });
    const workers = startBullWorkers({
      ...options,
      deps: { db: handle.db, cache: createCache(), clock: () => now, collection },
    });
    sandbox.setFaults({ outage: true });
    const { jobId } = await queue.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: 'planner',
      observedAt: now.toISOString(),
      expand: false,
    });
    // Longer than the first retry's backoff (2 s): retried, the job would spend a second attempt.
    await new Promise((r) => setTimeout(r, 2_500));
    sandbox.setFaults({ outage: false });
    const raw = new Queue('collect', { connection: { url: testRedisUrl() }, prefix });
    const job = await raw.getJob(jobId);
    await job?.waitUntilFinished(events, 20_000);
    const finished = await raw.getJob(jobId);
    expect(finished?.finishedOn).toBeDefined();
    expect(finished?.failedReason).toBeFalsy();
    expect(finished?.attemptsMade).toBe(1);
    await workers.close();
    await Promise.all([queue.close(), raw.close(), events.close(), sandbox.close()]);
    await handle.close();
  }, 30_000);
});
