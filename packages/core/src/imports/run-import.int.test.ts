import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { exportAccountData } from '../accounts/export-account-data';
import type { Cache } from '../cache';
import { AppError } from '../errors';
import { loadVolumeModel } from '../estimates/load-volume-model';
import type { VolumeModel } from '../intelligence/volume/volume-model';
import defaultModel from '../intelligence/volume/volume-model.json' with { type: 'json' };
import type { JobQueue } from '../jobs/job-queue';
import { dataVersion } from '../keywords/data-version';
import { createTestCache } from '../testing';
import { trackKeywords } from '../tracking/track-keywords';
import { createImport } from './create-import';
import { ownedImport } from './import-access';
import { runImport } from './run-import';

/** Bytes per stored piece here: a few pieces for a small report. */
const PIECE = 64 * 1024;
/** Rows of a report the job writes in three batches (of 1,000), and pieces of it: about ten. */
const MANY = 3_000;
const SMALL_PIECE = 20 * 1024;

/** A volume CSV of `rows` keywords (about 65 bytes a row), then `tail`. */
function report(rows: number, tail = ''): Uint8Array {
  const lines = Array.from(
    { length: rows },
    (_, i) => `printable wall art ${i} ${'x'.repeat(40)},etsy,${i}`,
  );
  return new TextEncoder().encode(`keyword,platform,volume\n${lines.join('\n')}\n${tail}`);
}

/** The queue's side: the jobs asked for, run when the test says (or a queue that is down). */
function recordingQueue(down = false) {
  const queued: { id: string; payload: unknown }[] = [];
  const jobs = {
    kind: 'in-process',
    enqueue: async (id: string, payload: unknown) => {
      if (down) throw new AppError('SERVICE_UNAVAILABLE', 'The job queue is unavailable');
      queued.push({ id, payload });
      return { jobId: String(queued.length), deduplicated: false };
    },
  } as unknown as JobQueue;
  return { jobs, queued };
}

describe.each(testDbKinds())('imports as jobs on %s', (kind) => {
  let handle: DbHandle;
  let cache: Cache;
  afterEach(async () => {
    await handle.close();
    await cache.close();
  });

  async function setUp() {
    handle = await createTestDb(kind);
    cache = createTestCache('memory');
    const [user] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into users (email) values ('seller@example.com') returning id::text as id`,
    );
    return user?.id as string;
  }

  /** A seller and their CSV import, accepted and queued (its job is recorded, not run). */
  async function queuedCsv(bytes: Uint8Array, pieceBytes?: number) {
    const owner = await setUp();
    const { jobs } = recordingQueue();
    const accepted = await createImport(
      { db: handle.db, cache, jobs },
      { ownerId: owner, kind: 'csv', bytes, pieceBytes },
    );
    return { owner, accepted };
  }

  const counts = () =>
    queryRows<{ uploads: number; metrics: number; known: number; notes: string | null }>(
      handle.db,
      sql`select (select count(*) from keyword_import_uploads)::int as uploads,
                 (select count(*) from imported_metrics)::int as metrics,
                 (select count(*) from keyword_data)::int as known,
                 (select string_agg(type, ',' order by type) from notifications) as notes`,
    ).then((rows) => rows[0]);

  it('keeps the upload in pieces, then the job imports it, drops the upload and tells the owner', async () => {
    const owner = await setUp();
    const { jobs, queued } = recordingQueue();
    const bytes = report(2_500);
    expect(bytes.length).toBeGreaterThan(2 * PIECE);
    expect(bytes.length).toBeLessThan(3 * PIECE);
    const accepted = await createImport(
      { db: handle.db, cache, jobs },
      {
        ownerId: owner,
        kind: 'csv',
        bytes,
        filename: 'etsy.csv',
        marketplace: 'de',
        pieceBytes: PIECE,
      },
    );
    expect(accepted).toMatchObject({
      status: 'queued',
      bytes: bytes.length,
      progress: 0,
      imported: 0,
      marketplace: 'DE',
      filename: 'etsy.csv',
      path: `/api/v1/imports/${accepted.id}`,
    });
    expect(queued).toEqual([{ id: 'compute.keyword-import', payload: { importId: accepted.id } }]);
    expect(await counts()).toEqual({ uploads: 3, metrics: 0, known: 0, notes: null });

    const before = await dataVersion(cache, 'etsy');
    // The progress the job reports as it reads the pieces (once to check the file, once to write
    // it), and what a reader of the import sees meanwhile: on PGlite too, whose one connection
    // the import holds only for a batch at a time.
    const reported: number[] = [];
    let lastRead = 0;
    const seen: number[] = [];
    const watched: Cache = {
      ...cache,
      setText: async (key, text, ttl) => {
        await cache.setText(key, text, ttl);
        reported.push(Number(text));
        lastRead = Date.now();
        seen.push((await ownedImport({ db: handle.db, cache }, accepted.id, owner)).progress);
      },
    };
    expect(await runImport({ db: handle.db, cache: watched }, { importId: accepted.id })).toEqual({
      status: 'completed',
      imported: 2_500,
    });
    expect(await counts()).toEqual({
      uploads: 0,
      metrics: 2_500,
      known: 2_500,
      notes: 'import.completed',
    });
    expect(await dataVersion(cache, 'etsy')).toBe(before + 1);
    // Once at the start, then after each of the three pieces, read twice.
    expect(reported).toHaveLength(7);
    expect(reported[0]).toBe(0);
    expect(reported.at(-1)).toBe(bytes.length);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(new Set(reported).size).toBe(7);
    expect(seen).toEqual(
      reported.map((read) => Math.min(99.9, Math.round((read / bytes.length) * 1000) / 10)),
    );
    const done = await ownedImport({ db: handle.db, cache }, accepted.id, owner);
    expect(done).toMatchObject({ status: 'completed', progress: 100, imported: 2_500 });
    // When it ended, not when its transaction began.
    expect(Date.parse(done.finishedAt as string)).toBeGreaterThanOrEqual(lastRead);
    // Another user's import is not found.
    await expect(ownedImport({ db: handle.db, cache }, accepted.id, null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // A replayed job finds it done and writes nothing twice.
    expect(await runImport({ db: handle.db, cache }, { importId: accepted.id })).toEqual({
      status: 'done already',
    });
    expect((await counts())?.metrics).toBe(2_500);
  });

  it('has keywords to track once completed, not before, nor when it failed', async () => {
    const owner = await setUp();
    const { jobs } = recordingQueue();
    const deps = { db: handle.db, cache, clock: () => new Date() };
    const user = { id: owner, plan: 'pro' as const };
    const accepted = await createImport(
      { ...deps, jobs },
      {
        ownerId: owner,
        kind: 'csv',
        bytes: report(3),
      },
    );
    await expect(
      trackKeywords(deps, user, { importId: accepted.id, source: 'import' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: /still queued/ });
    await runImport(deps, { importId: accepted.id });
    expect(
      await trackKeywords(deps, user, { importId: accepted.id, source: 'import' }),
    ).toMatchObject({ tracked: 3 });
    const bad = await createImport(
      { ...deps, jobs },
      {
        ownerId: owner,
        kind: 'csv',
        bytes: new TextEncoder().encode('keyword,platform,volume\nx,mars,1\n'),
      },
    );
    await expect(runImport(deps, { importId: bad.id })).rejects.toThrow();
    await expect(
      trackKeywords(deps, user, { importId: bad.id, source: 'import' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: /failed/ });
  });

  it('refuses a file of another kind before keeping anything', async () => {
    const owner = await setUp();
    const { jobs, queued } = recordingQueue();
    await expect(
      createImport(
        { db: handle.db, cache, jobs },
        { ownerId: owner, kind: 'brand-analytics', bytes: report(10) },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: /not an Amazon Brand/ });
    expect(queued).toEqual([]);
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from keyword_imports`,
    );
    expect(row?.n).toBe(0);
  });

  it('fails the import for good, writing nothing, on a binary part found late', async () => {
    // Past two batches of rows and the first piece.
    const { owner, accepted } = await queuedCsv(report(2_500, 'bad\u0000row,etsy,1\n'), PIECE);
    await expect(
      runImport({ db: handle.db, cache }, { importId: accepted.id }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await counts()).toEqual({ uploads: 0, metrics: 0, known: 0, notes: 'import.failed' });
    const failed = await ownedImport({ db: handle.db, cache }, accepted.id, owner);
    expect(failed).toMatchObject({
      status: 'failed',
      imported: 0,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('binary') },
    });
  });

  it('says which lines could not be read when none could', async () => {
    const owner = await setUp();
    const { jobs } = recordingQueue();
    const bytes = new TextEncoder().encode('keyword,platform,volume\nx,mars,1\ny,venus,2\n');
    const accepted = await createImport(
      { db: handle.db, cache, jobs },
      { ownerId: owner, kind: 'csv', bytes },
    );
    await expect(runImport({ db: handle.db, cache }, { importId: accepted.id })).rejects.toThrow();
    expect(await ownedImport({ db: handle.db, cache }, accepted.id, owner)).toMatchObject({
      status: 'failed',
      error: {
        code: 'VALIDATION_FAILED',
        details: [{ line: 2 }, { line: 3 }],
      },
    });
  });

  it('keeps the import queued, upload and all, when the database fails, for the next attempt', async () => {
    const { owner, accepted } = await queuedCsv(report(2_500), PIECE);
    await handle.db.execute(
      sql`alter table keyword_data add constraint no_wall_art check (keyword not like 'printable wall art 2499 %')`,
    );
    await expect(runImport({ db: handle.db, cache }, { importId: accepted.id })).rejects.toThrow();
    // The batches written before the failure are dropped.
    expect(await counts()).toMatchObject({ uploads: 3, metrics: 0, notes: null });
    expect(await ownedImport({ db: handle.db, cache }, accepted.id, owner)).toMatchObject({
      status: 'queued',
      error: null,
    });
    await handle.db.execute(sql`alter table keyword_data drop constraint no_wall_art`);
    expect(await runImport({ db: handle.db, cache }, { importId: accepted.id })).toMatchObject({
      status: 'completed',
      imported: 2_500,
    });
  });

  it('marks the import failed and drops its upload when its job cannot be queued', async () => {
    const owner = await setUp();
    const { jobs } = recordingQueue(true);
    await expect(
      createImport(
        { db: handle.db, cache, jobs },
        { ownerId: owner, kind: 'csv', bytes: report(5) },
      ),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const [row] = await queryRows<{ status: string; uploads: number }>(
      handle.db,
      sql`select status, (select count(*) from keyword_import_uploads)::int as uploads from keyword_imports`,
    );
    expect(row).toEqual({ status: 'failed', uploads: 0 });
  });

  it('imports once when two runs of the job start together', async () => {
    const { accepted } = await queuedCsv(report(2_500));
    const runs = await Promise.all([
      runImport({ db: handle.db, cache }, { importId: accepted.id }),
      runImport({ db: handle.db, cache }, { importId: accepted.id }),
    ]);
    expect(runs.map((r) => r.status).sort()).toEqual(['completed', 'done already']);
    expect((await counts())?.metrics).toBe(2_500);
  });
  it('writes a batch at a time, and nothing reads its rows before it completes', async () => {
    // Three batches in ten pieces: the parser reads a few pieces ahead of the rows written.
    const { owner, accepted } = await queuedCsv(report(MANY), SMALL_PIECE);
    const deps = { db: handle.db, cache, clock: () => new Date() };
    const base = { ...(defaultModel as VolumeModel) };
    // What other queries saw at each piece read: rows committed while the import ran.
    const midway: {
      metrics: number;
      calibrated: boolean;
      tracked: string;
      exported: number;
    }[] = [];
    const watched: Cache = {
      ...cache,
      setText: async (key, text, ttl) => {
        await cache.setText(key, text, ttl);
        const [row] = await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from imported_metrics`,
        );
        const model = await loadVolumeModel(
          handle.db,
          { platform: 'etsy', marketplace: 'US' },
          base,
        );
        const tracked = await trackKeywords(
          deps,
          { id: owner, plan: 'pro' },
          { importId: accepted.id, source: 'import' },
        ).then(
          () => 'tracked',
          (error: AppError) => error.code,
        );
        const { imports } = await exportAccountData(handle.db, owner, {});
        const exported = (imports[0]?.rows as unknown[] | undefined)?.length ?? -1;
        midway.push({ metrics: row?.n ?? 0, calibrated: model !== base, tracked, exported });
      },
    };
    await runImport({ db: handle.db, cache: watched }, { importId: accepted.id });
    const written = midway.map((m) => m.metrics);
    expect(written.some((n) => n > 0 && n < MANY)).toBe(true);
    expect(midway.every((m) => !m.calibrated && m.tracked === 'CONFLICT' && m.exported === 0)).toBe(
      true,
    );
    // Once completed, the rows are the model's and the owner's.
    const { imports } = await exportAccountData(handle.db, owner, {});
    expect(imports[0]?.rows).toHaveLength(MANY);
    expect(
      await loadVolumeModel(handle.db, { platform: 'etsy', marketplace: 'US' }, base),
    ).not.toBe(base);
  });

  it('gives the event loop turns while it runs (the embedded API answers meanwhile)', async () => {
    const { accepted } = await queuedCsv(report(MANY), SMALL_PIECE);
    // PGlite's queries and the parser only resolve promises: without turns given back, no
    // timer (nor HTTP request) would run until the import ends.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await runImport({ db: handle.db, cache }, { importId: accepted.id });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('stops a run that another run of the job took over, which imports the file once', async () => {
    const { accepted } = await queuedCsv(report(MANY), SMALL_PIECE);
    let second: Promise<Awaited<ReturnType<typeof runImport>>> | undefined;
    const watched: Cache = {
      ...cache,
      setText: async (key, text, ttl) => {
        await cache.setText(key, text, ttl);
        // Once the first run has written a batch, another run starts (a worker that lost the
        // job's lock, say) and imports the file whole.
        if (second || ((await counts())?.metrics ?? 0) === 0) return;
        second = runImport({ db: handle.db, cache }, { importId: accepted.id });
        await second;
      },
    };
    const first = await runImport({ db: handle.db, cache: watched }, { importId: accepted.id });
    expect(second).toBeDefined();
    expect(await second).toEqual({ status: 'completed', imported: MANY });
    expect(first).toEqual({ status: 'done already' });
    expect(await counts()).toEqual({
      uploads: 0,
      metrics: MANY,
      known: MANY,
      notes: 'import.completed',
    });
  });
});
