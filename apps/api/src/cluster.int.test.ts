import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  childPids,
  freePort,
  testCacheKinds,
  testKeyPrefix,
  testRedisUrl,
} from '@digitallz/core/testing';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const server = fileURLToPath(new URL('./server.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** One request on a connection of its own: node:cluster hands out connections, not requests. */
const request = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

const alive = (pid: string) => existsSync(`/proc/${pid}`);

async function until(check: () => boolean | Promise<boolean>, what: string, output: () => string) {
  // Up to 60 s: three processes start under tsx, on a machine the other suites keep busy.
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}:\n${output().slice(-3000)}`);
}

describe.runIf(testDbKinds().includes('postgres') && testCacheKinds().includes('redis'))(
  'API_WORKERS: several API processes on one port',
  () => {
    let database: Awaited<ReturnType<typeof createTestDb>>;
    const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-cluster-'));
    const start = async (databaseUrl: string) => {
      const port = await freePort();
      const api = spawn(process.execPath, ['--import', 'tsx', server], {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: databaseUrl,
          REDIS_URL: testRedisUrl(),
          REDIS_KEY_PREFIX: testKeyPrefix(),
          QUEUE_PREFIX: `cluster-${port}`,
          DATA_DIR: dataDir,
          API_PORT: String(port),
          API_WORKERS: '2',
          LOG_LEVEL: 'info',
        },
        stdio: 'pipe',
      });
      let output = '';
      api.stdout?.on('data', (d) => (output += d));
      api.stderr?.on('data', (d) => (output += d));
      return { api, base: `http://127.0.0.1:${port}`, output: () => output };
    };
    const stopped = (api: ChildProcess) =>
      api.exitCode !== null ? Promise.resolve([api.exitCode]) : once(api, 'exit');

    beforeAll(async () => {
      database = await createTestDb('postgres');
    });
    afterAll(async () => {
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('shares the port, answers /metrics for every worker, replaces a dead worker, stops gracefully', {
      timeout: 120_000,
    }, async () => {
      const { api, base, output } = await start(database.url ?? '');
      await until(
        async () => (await request(`${base}/ready`).catch(() => null))?.status === 200,
        'the API',
        output,
      );
      await until(() => childPids(api.pid).length === 2, 'two workers', output);
      const workers = childPids(api.pid);

      // Each worker counts the requests it answered; /metrics, from whichever worker, sums them.
      for (let i = 0; i < 40; i++) expect((await request(`${base}/health`)).status).toBe(200);
      const metrics = (await request(`${base}/metrics`)).body;
      const count = Number(
        /^http_request_duration_seconds_count\{[^}]*route="\/health"[^}]*\} (\d+)$/m.exec(
          metrics,
        )?.[1],
      );
      expect(count, metrics.slice(0, 2000)).toBe(40);

      // A worker that dies is replaced; the port answers throughout.
      process.kill(Number(workers[0]), 'SIGKILL');
      await until(
        () => {
          const now = childPids(api.pid);
          return now.length === 2 && !now.includes(workers[0] as string);
        },
        'a replacement worker',
        output,
      );
      await until(
        () => (output().match(/API ready on/g) ?? []).length === 3,
        'the replacement to listen',
        output,
      );
      for (let i = 0; i < 10; i++) expect((await request(`${base}/health`)).status).toBe(200);
      expect(output()).toContain('an API worker died: replaced');

      // SIGTERM: every worker closes, then the primary exits 0.
      const last = childPids(api.pid);
      api.kill('SIGTERM');
      const [code] = await stopped(api);
      expect(code, output().slice(-3000)).toBe(0);
      expect(output()).toContain('shutting down');
      for (const pid of last) expect(alive(pid)).toBe(false);
    });

    it('stops with exit code 1, without forking again, when the workers cannot start', {
      timeout: 60_000,
    }, async () => {
      const url = new URL(database.url ?? '');
      url.pathname = '/no_such_database_for_cluster_test';
      const { api, output } = await start(url.toString());
      const [code] = await stopped(api);
      expect(code, output().slice(-3000)).toBe(1);
      expect(output()).toContain('an API worker failed to start');
    });
  },
);
