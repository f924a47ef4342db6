import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInProcessRunner, seedDemo } from '@digitallz/core';
import { createTestCache, freePort } from '@digitallz/core/testing';
import { createDb, type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser } from './test-helpers';

/**
 * A second PostgreSQL instance (a cluster of its own, Debian's pg_createcluster) stands for the
 * replica. It is not a streaming replica: this machine's primary allows no replication
 * connections. It holds data the primary does not, so every answer tells which one was read.
 */
const canMakeCluster =
  process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v pg_createcluster']).status === 0;
const version = canMakeCluster
  ? execFileSync('sh', ['-c', "pg_lsclusters -h | awk 'NR==1 {print $1}'"], {
      encoding: 'utf8',
    }).trim()
  : '';

describe.runIf(testDbKinds().includes('postgres') && canMakeCluster && version)(
  'reads on a replica (DATABASE_READ_URL), writes on the primary',
  { timeout: 120_000 },
  () => {
    const cluster = `dz_replica_${randomBytes(3).toString('hex')}`;
    let primary: DbHandle;
    let routed: DbHandle;
    let app: App;

    beforeAll(async () => {
      const port = await freePort();
      execFileSync(
        'pg_createcluster',
        [version, cluster, '--port', String(port), '--start', '--', '--auth=trust'],
        {
          stdio: 'ignore',
        },
      );
      const replicaUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const replica = await createDb({ url: replicaUrl });
      await replica.migrate();
      // Only the replica knows this keyword; only the primary knows "planner" (the demo seed).
      await replica.db.execute(sql`insert into keyword_data (keyword, platform, marketplace, search_volume, source)
        values ('replica only keyword', 'etsy', 'US', 1234, 'demo')`);
      await replica.close();
      primary = await createTestDb('postgres');
      await seedDemo({ db: primary.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 60 });
      routed = await createDb({ url: primary.url, readUrl: replicaUrl });
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
      await primary?.close();
      execFileSync('pg_dropcluster', ['--stop', version, cluster], { stdio: 'ignore' });
    });

    it('answers keyword reads from the replica', async () => {
      const detail = await app.inject({ url: '/api/v1/keywords/etsy/replica%20only%20keyword' });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ keyword: 'replica only keyword', platform: 'etsy' });
      const search = await app.inject({ url: '/api/v1/keywords/search?q=replica&platform=etsy' });
      expect(search.json().data.map((k: { keyword: string }) => k.keyword)).toEqual([
        'replica only keyword',
      ]);
      // The primary's keywords are not where the reads go.
      expect((await app.inject({ url: '/api/v1/keywords/etsy/planner' })).statusCode).toBe(404);
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
