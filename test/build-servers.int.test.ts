import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, testKeyPrefix, testRedisUrl } from '@digitallz/core/testing';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Every server a test started, killed after the tests if still running. */
const started: ChildProcess[] = [];

function start(file: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--enable-source-maps', file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  started.push(child);
  return { child, output: () => output };
}

async function waitOk(url: string, child: ChildProcess, output: () => string) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered: ${output()}`);
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code;
}

// What production runs (deploy/docker): the servers bundled by `npm run build:servers`.
describe('the bundled servers', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-bundle-'));
  beforeAll(() => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-servers.ts'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  }, 60_000);
  afterAll(() => {
    // A failed test leaves no server behind.
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the API from its bundle: migrations found, routes and OpenAPI document served, clean exit', async () => {
    const port = await freePort();
    const api = start('apps/api/dist/server.mjs', {
      API_PORT: String(port),
      DATA_DIR: dataDir,
    });
    await waitOk(`http://127.0.0.1:${port}/ready`, api.child, api.output);
    const res = await fetch(
      `http://127.0.0.1:${port}/api/v1/keywords/search?q=wedding&platform=etsy`,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: [] });
    const openapi = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
    expect(((await openapi.json()) as { paths: object }).paths).toHaveProperty(
      '/api/v1/keywords/search',
    );
    expect(await stop(api.child)).toBe(0);
  }, 60_000);

  it.runIf(testDbKinds().includes('postgres') && inject('services').redisUrl)(
    'runs API_WORKERS processes from the bundle, whose entry loads the API only in the workers',
    async () => {
      // The primary of API_WORKERS runs the entry alone: the API is a chunk it never imports.
      const entry = readFileSync(join(ROOT, 'apps/api/dist/server.mjs'), 'utf8');
      expect(entry.length).toBeLessThan(2_000);
      expect(entry).toMatch(/import\("\.\/chunks\/main-\w+\.mjs"\)/);
      expect(entry).not.toMatch(/from "fastify"/);
      const handle = await createTestDb('postgres');
      const port = await freePort();
      const api = start('apps/api/dist/server.mjs', {
        API_PORT: String(port),
        API_WORKERS: '2',
        DATABASE_URL: handle.url ?? '',
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: testKeyPrefix(),
        QUEUE_PREFIX: `bundle-${port}`,
        DATA_DIR: dataDir,
      });
      await waitOk(`http://127.0.0.1:${port}/ready`, api.child, api.output);
      const res = await fetch(
        `http://127.0.0.1:${port}/api/v1/keywords/search?q=wedding&platform=etsy`,
      );
      expect(res.status).toBe(200);
      expect(await stop(api.child)).toBe(0);
      await handle.close();
    },
    60_000,
  );

  it.runIf(testDbKinds().includes('postgres') && inject('services').redisUrl)(
    'runs the worker from its bundle on PostgreSQL and Redis',
    async () => {
      const handle = await createTestDb('postgres');
      const prefix = testKeyPrefix().slice(0, -1);
      const port = await freePort();
      const worker = start('apps/worker/dist/server.mjs', {
        REDIS_URL: testRedisUrl(),
        DATABASE_URL: handle.url ?? '',
        QUEUE_PREFIX: prefix,
        REDIS_KEY_PREFIX: `${prefix}:`,
        WORKER_METRICS_PORT: String(port),
      });
      await waitOk(`http://127.0.0.1:${port}/health`, worker.child, worker.output);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain(
        'queue_jobs',
      );
      expect(await stop(worker.child)).toBe(0);
      await handle.close();
    },
    60_000,
  );
});
