import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInProcessRunner, seedDemo } from '@digitallz/core';
import { createTestCache, freePort } from '@digitallz/core/testing';
import { createDb, type DbHandle, queryRows, sql } from '@digitallz/db';
import { testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser } from './test-helpers';

/**
 * A primary and its streaming replica, two PostgreSQL clusters of their own (Debian's
 * pg_createcluster; the replica made by pg_basebackup, hot standby). The replica's replay is
 * paused to show that keyword reads go there: a keyword written on the primary meanwhile is not
 * found until replay resumes.
 */
const canMakeCluster =
  process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v pg_createcluster']).status === 0;
const version = canMakeCluster
  ? execFileSync('sh', ['-c', "pg_lsclusters -h | awk 'NR==1 {print $1}'"], {
      encoding: 'utf8',
    }).trim()
  : '';
const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'ignore' });

describe.runIf(testDbKinds().includes('postgres') && canMakeCluster && version)(
  'reads on a streaming replica (DATABASE_READ_URL), writes on the primary',
  { timeout: 120_000 },
  () => {
    const suffix = randomBytes(3).toString('hex');
    const primaryCluster = `dz_primary_${suffix}`;
    const replicaCluster = `dz_replica_${suffix}`;
    let primary: DbHandle;
    let replica: DbHandle;
    let routed: DbHandle;
    let app: App;

    const replicaHas = async (keyword: string) =>
      (
        await queryRows<{ n: number }>(
          replica.db,
          sql`select count(*)::int as n from keyword_data where keyword = ${keyword}`,
        )
      )[0]?.n === 1;

    beforeAll(async () => {
      const primaryPort = await freePort();
      run('pg_createcluster', [
        version,
        primaryCluster,
        '--port',
        String(primaryPort),
        '--start',
        '--',
        '--auth=trust',
      ]);
      const replicaPort = await freePort();
      run('pg_createcluster', [
        version,
        replicaCluster,
        '--port',
        String(replicaPort),
        '--',
        '--auth=trust',
      ]);
      // The replica's data directory becomes a base backup of the primary, streaming from it.
      const dataDir = `/var/lib/postgresql/${version}/${replicaCluster}`;
      run('sh', ['-c', `rm -rf ${dataDir}/*`]);
      run('runuser', [
        '-u',
        'postgres',
        '--',
        'pg_basebackup',
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        dataDir,
        '-R',
        '-X',
        'stream',
      ]);
      run('pg_ctlcluster', [version, replicaCluster, 'start']);
      const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
      const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
      primary = await createDb({ url: primaryUrl });
      await primary.migrate();
      await seedDemo({ db: primary.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 60 });
      await primary.db.execute(sql`insert into keyword_data (keyword, platform, marketplace, search_volume, source)
        values ('streamed keyword', 'etsy', 'US', 1234, 'demo')`);
      replica = await createDb({ url: replicaUrl });
      await until(() => replicaHas('streamed keyword'));
      routed = await createDb({ url: primaryUrl, readUrl: replicaUrl });
      const cache = createTestCache('memory');
      app = await buildApp({
        database: routed,
        cache,
        jobs: createInProcessRunner({ deps: { db: routed.db, cache, clock: () => new Date() } }),
        responseCache: { ttlSeconds: 0 },
      });
    });
    afterAll(async () => {
      await app?.close();
      await routed?.close();
      await replica?.close();
      await primary?.close();
      for (const cluster of [replicaCluster, primaryCluster])
        spawnSync('pg_dropcluster', ['--stop', version, cluster], { stdio: 'ignore' });
    });

    it('streams: the replica is a hot standby with what the primary wrote', async () => {
      const [state] = await queryRows<{ standby: boolean }>(
        replica.db,
        sql`select pg_is_in_recovery() as standby`,
      );
      expect(state?.standby).toBe(true);
      const [sender] = await queryRows<{ n: number }>(
        primary.db,
        sql`select count(*)::int as n from pg_stat_replication where state = 'streaming'`,
      );
      expect(sender?.n).toBe(1);
      const detail = await app.inject({ url: '/api/v1/keywords/etsy/streamed%20keyword' });
      expect(detail.json()).toMatchObject({ keyword: 'streamed keyword', platform: 'etsy' });
    });

    it('answers keyword reads from the replica: what it has not replayed is not found', async () => {
      await replica.db.execute(sql`select pg_wal_replay_pause()`);
      try {
        await primary.db.execute(sql`insert into keyword_data (keyword, platform, marketplace, search_volume, source)
          values ('not replayed yet', 'etsy', 'US', 99, 'demo')`);
        await new Promise((r) => setTimeout(r, 300));
        expect(
          (await app.inject({ url: '/api/v1/keywords/etsy/not%20replayed%20yet' })).statusCode,
        ).toBe(404);
        const search = await app.inject({
          url: '/api/v1/keywords/search?q=not%20replayed&platform=etsy',
        });
        expect(search.json().data).toEqual([]);
      } finally {
        await replica.db.execute(sql`select pg_wal_replay_resume()`);
      }
      await until(() => replicaHas('not replayed yet'));
      expect(
        (await app.inject({ url: '/api/v1/keywords/etsy/not%20replayed%20yet' })).statusCode,
      ).toBe(200);
    });

    it('writes, and reads that must see them, on the primary', async () => {
      const user = await signUpUser(app);
      const [row] = await queryRows<{ n: number }>(
        primary.db,
        sql`select count(*)::int as n from users where id = ${user.userId}`,
      );
      expect(row?.n).toBe(1);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/lists',
        headers: user.headers,
        payload: { name: 'Read my write' },
      });
      expect(created.statusCode).toBe(201);
      const lists = await app.inject({ url: '/api/v1/lists', headers: user.headers });
      expect(lists.json().data.map((l: { name: string }) => l.name)).toEqual(['Read my write']);
      // A search for an unknown keyword writes its collection request on the primary.
      await app.inject({ url: '/api/v1/keywords/search?q=zz%20unknown&platform=etsy' });
      const [request] = await queryRows<{ n: number }>(
        primary.db,
        sql`select count(*)::int as n from collection_requests where keyword = 'zz unknown'`,
      );
      expect(request?.n).toBe(1);
    });
  },
);

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the replica');
    await new Promise((r) => setTimeout(r, 100));
  }
}
