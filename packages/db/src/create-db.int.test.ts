import { describe, expect, it } from 'vitest';
import { createDb, queryRows, sql } from './create-db';
import { createTestDb, testDbKinds } from './testing';

const settings = (db: Parameters<typeof queryRows>[0]) =>
  queryRows<{ workers: string; jit: string }>(
    db,
    sql`select current_setting('max_parallel_workers_per_gather') as workers, current_setting('jit') as jit`,
  );

describe.runIf(testDbKinds().includes('postgres'))('connections on PostgreSQL', () => {
  it('serve requests without parallel workers or JIT when interactive, with the defaults otherwise', async () => {
    const handle = await createTestDb('postgres');
    const interactive = await createDb({ url: handle.url, interactive: true });
    const batch = await createDb({ url: handle.url });
    try {
      expect(await settings(interactive.db)).toEqual([{ workers: '0', jit: 'off' }]);
      expect(await settings(batch.db)).not.toEqual([{ workers: '0', jit: 'off' }]);
    } finally {
      await Promise.all([interactive.close(), batch.close(), handle.close()]);
    }
  });
});

describe('the embedded PGlite', () => {
  it('lets the event loop turn while a job runs query after query', async () => {
    const handle = await createTestDb('pglite');
    // Each PGlite query only resolves a promise: without turns given back, no timer (nor HTTP
    // request) of the process would run until the loop of queries ends.
    // The loop runs until a 5 ms timer has fired 10 times: with turns that takes a few tens of
    // milliseconds (more on a loaded machine), without them the timer never fires and the loop
    // runs to its 10 s deadline. No threshold on timer ticks per second to miss under load.
    let ticks = 0;
    let queries = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const started = performance.now();
      while (ticks < 10 && performance.now() - started < 10_000) {
        await queryRows(handle.db, sql`select count(*) from generate_series(1, 2000)`);
        await handle.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
        });
        queries++;
      }
    } finally {
      clearInterval(timer);
      await handle.close();
    }
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(queries).toBeGreaterThan(1);
  });
});
