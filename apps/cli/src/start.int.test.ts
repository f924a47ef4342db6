import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeywordSearchResponse } from '@digitallz/contracts';
import { freePort } from '@digitallz/core/testing';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/digitallz.js', import.meta.url));

type Run = {
  child: ChildProcess;
  output: () => string;
  waitFor(text: string, ms: number): Promise<void>;
};

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return {
    child,
    output: () => output,
    waitFor: async (text, ms) => {
      const deadline = Date.now() + ms;
      while (!output.includes(text)) {
        if (child.exitCode !== null)
          throw new Error(`exited ${child.exitCode} before "${text}":\n${output}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" after ${ms}ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

async function stop(started: Run): Promise<number | null> {
  started.child.kill('SIGINT');
  const [code] = await once(started.child, 'exit');
  return code as number | null;
}

describe('digitallz start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a port already taken, naming the variable, before starting anything', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const started = run(['start'], {
      WEB_PORT: String(taken),
      API_PORT: String(await freePort()),
      DATA_DIR: dataDir,
    });
    const [code] = await once(started.child, 'exit');
    blocker.close();
    expect(code).toBe(1);
    expect(started.output()).toContain(`Port ${taken} is already in use (WEB_PORT)`);
    expect(started.output()).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad port value with a message naming it', async () => {
    const started = run(['start'], { API_PORT: 'four thousand', DATA_DIR: dataDir });
    const [code] = await once(started.child, 'exit');
    expect(code).toBe(1);
    expect(started.output()).toContain('API_PORT');
  });

  it('starts web, API and in-process worker on the embedded defaults with demo data, and stops on Ctrl-C', async () => {
    const [web, api] = [await freePort(), await freePort()];
    const env = {
      WEB_PORT: String(web),
      API_PORT: String(api),
      SANDBOX_PORT: String(await freePort()),
      DATA_DIR: dataDir,
    };
    const first = run(['start'], env);
    await first.waitFor('Digitallz is running', 240_000);
    expect(first.output()).toContain('demo data loaded');
    expect(first.output()).toContain(`http://localhost:${web}`);
    expect(first.output()).toContain('Marketplace: sandbox at');

    const search = await fetch(
      `http://127.0.0.1:${api}/api/v1/keywords/search?q=wedding&platform=etsy`,
    );
    const body = (await search.json()) as KeywordSearchResponse;
    expect(search.status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data[0]).toMatchObject({ platform: 'etsy', isDemo: true });

    const page = await (await fetch(`http://127.0.0.1:${web}/?q=wedding&platform=etsy`)).text();
    expect(page).toContain('Demo data');
    expect(page).toContain(body.data[0]?.keyword);

    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('stopping web, API and worker');

    const second = run(['start'], env);
    await second.waitFor('Digitallz is running', 120_000);
    expect(second.output()).toContain('demo data left as it is');
    expect(second.output()).toContain('production build is up to date');
    expect(await stop(second)).toBe(0);
  }, 420_000);

  it.runIf(testDbKinds().includes('postgres') && inject('services').redisUrl)(
    'runs the same code on PostgreSQL and Redis, with a separate worker process',
    async () => {
      const database = await createTestDb('postgres');
      const [web, api] = [await freePort(), await freePort()];
      const started = run(['start'], {
        WEB_PORT: String(web),
        API_PORT: String(api),
        SANDBOX_PORT: String(await freePort()),
        DATABASE_URL: database.url ?? '',
        REDIS_URL: inject('services').redisUrl ?? '',
        DATA_DIR: dataDir,
      });
      try {
        await started.waitFor('Digitallz is running', 240_000);
        expect(started.output()).toContain('separate process on BullMQ');
        await started.waitFor('worker ready', 30_000);
        const ready = await (await fetch(`http://127.0.0.1:${api}/ready`)).json();
        expect(ready).toEqual({ status: 'ready', checks: { database: 'up', cache: 'up' } });
        const search = await fetch(
          `http://127.0.0.1:${api}/api/v1/keywords/search?q=planner&platform=amazon`,
        );
        expect(((await search.json()) as KeywordSearchResponse).data[0]).toMatchObject({
          platform: 'amazon',
          isDemo: true,
        });
        // An unknown keyword: the API queues its collection on BullMQ, the worker process runs it.
        const unknown = await fetch(
          `http://127.0.0.1:${api}/api/v1/keywords/search?q=zzz%20planner&platform=amazon`,
        );
        const { collection } = (await unknown.json()) as KeywordSearchResponse;
        expect(collection?.status).toBe('queued');
        let status: string | undefined = collection?.status;
        for (let i = 0; i < 100 && status !== 'done' && status !== 'failed'; i++) {
          await new Promise((r) => setTimeout(r, 200));
          const res = await fetch(`http://127.0.0.1:${api}/api/v1/collections/${collection?.id}`);
          status = ((await res.json()) as { status: string }).status;
        }
        expect(status).toBe('done');
      } finally {
        expect(await stop(started)).toBe(0);
        await database.close();
      }
    },
    420_000,
  );
});

describe('digitallz sandbox', () => {
  it('serves a world of the asked size until Ctrl-C, with faults set at start', async () => {
    const port = await freePort();
    const started = run(
      ['sandbox', '--keywords', '3000', '--port', String(port), '--faults', '{"rate429":1}'],
      { HOST: '127.0.0.1' },
    );
    await started.waitFor('sandbox marketplace at', 60_000);
    expect(started.output()).toMatch(/records \(keyword x platform\) ready in/);
    const url = `http://127.0.0.1:${port}`;
    const limited = await fetch(`${url}/api/2017/suggestions?prefix=wed&mid=ATVPDKIKX0DER`);
    expect(limited.status).toBe(429);
    const truth = await (await fetch(`${url}/__truth.ndjson`)).text();
    expect(
      new Set(
        truth
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).keyword),
      ).size,
    ).toBe(3_000);
    expect(await stop(started)).toBe(0);
  });

  it('refuses a world beyond ten million keywords', async () => {
    const started = run(['sandbox', '--keywords', '10000001'], {});
    const [code] = await once(started.child, 'exit');
    expect(code).not.toBe(0);
    expect(started.output()).toContain('at most 10,000,000');
  });
});
