import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { createInProcessRunner, type JobEvent } from '../jobs/in-process-runner';
import { createCollectionDeps } from './create-collection-deps';

const fast = { perSecond: 10_000, burst: 10_000 };
let sandbox: SandboxServer;
let handle: DbHandle;

beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf: new Date('2026-11-24T00:00:00Z'), keywords: 2_000 });
  handle = await createTestDb('pglite');
});
afterAll(async () => {
  await sandbox.close();
  await handle.close();
});

function runner(events: JobEvent[], backoffScale = 0.25) {
  const collection = createCollectionDeps({
    db: handle.db,
    archiveDir: join(tmpdir(), 'digitallz-faults-archive'),
    limits: { amazon: fast, etsy: fast, ebay: fast },
    marketplaces: { amazon: { baseUrl: sandbox.url, credentials: { spApiAccessToken: 't' } } },
    source: 'sandbox',
    breaker: { threshold: 2, cooldownMs: 400 },
  });
  return createInProcessRunner({
    deps: {
      db: handle.db,
      cache: createCache(),
      clock: () => new Date('2026-11-24T10:00:00Z'),
      collection,
    },
    backoffScale,
    onEvent: (e) => events.push(e),
  });
}

describe('collection under marketplace faults', () => {
  it('rides out an outage: the breaker stops the calls, the job completes once the marketplace is back', async () => {
    const events: JobEvent[] = [];
    const jobs = runner(events);
    sandbox.setFaults({ outage: true });
    const before = sandbox.stats().requests;
    await jobs.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: 'planner',
      observedAt: '2026-11-24T10:00:00.000Z',
      expand: false,
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const duringOutage = sandbox.stats().requests - before;
    sandbox.setFaults({ outage: false });
    await jobs.idle();
    await jobs.close();
    // The calls that opened the circuit (2), then one probe per cool-down (400 ms) at most.
    expect(duringOutage).toBeLessThanOrEqual(2 + Math.ceil(1_500 / 400));
    expect(events.filter((e) => e.type === 'retrying').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
  });

  it('outlasts its retries: while the breaker is open the job waits without spending attempts', async () => {
    const events: JobEvent[] = [];
    // Eight attempts in about 1.9 s, an outage of 2.5 s: retries alone would give up.
    const jobs = runner(events, 0.005);
    sandbox.setFaults({ outage: true });
    await jobs.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: 'wedding',
      observedAt: '2026-11-24T10:00:00.000Z',
      expand: false,
    });
    await new Promise((r) => setTimeout(r, 2_500));
    sandbox.setFaults({ outage: false });
    await jobs.idle();
    await jobs.close();
    expect(events.filter((e) => e.type === 'paused').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'retrying').length).toBeLessThan(8);
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
  });

  it('retries a malformed answer (quarantined) and completes when the answers are good again', async () => {
    const events: JobEvent[] = [];
    const jobs = runner(events);
    sandbox.setFaults({ malformedRate: 1 });
    await jobs.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: 'printable',
      observedAt: '2026-11-24T10:00:00.000Z',
      expand: false,
    });
    await new Promise((r) => setTimeout(r, 300));
    sandbox.setFaults({ malformedRate: 0 });
    await jobs.idle();
    await jobs.close();
    const retried = events.find((e) => e.type === 'retrying');
    expect(retried && 'error' in retried && (retried.error as { code?: string }).code).toBe(
      'MARKETPLACE_BAD_PAYLOAD',
    );
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
  });

  it('honours 429s: the platform pauses and the job completes when they stop', async () => {
    const events: JobEvent[] = [];
    const jobs = runner(events);
    sandbox.setFaults({ rate429: 1, retryAfterSeconds: 1 });
    await jobs.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: 'svg',
      observedAt: '2026-11-24T10:00:00.000Z',
      expand: false,
    });
    await new Promise((r) => setTimeout(r, 1_200));
    const limited = sandbox.stats()['rate-limited'];
    sandbox.setFaults({ rate429: 0 });
    await jobs.idle();
    await jobs.close();
    expect(limited).toBeLessThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from keyword_data where keyword = 'svg' and platform = 'amazon'`,
    );
    expect(row?.n).toBe(1);
  });

  it('fails for good on refused credentials, and completes once replayed after they are restored', async () => {
    const events: JobEvent[] = [];
    const jobs = runner(events);
    sandbox.setFaults({ credentialsRefused: true });
    const { jobId } = await jobs.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: 'bookmark',
      observedAt: '2026-11-24T10:00:00.000Z',
      expand: false,
    });
    await jobs.idle();
    // Not retried: a refused credential does not mend itself.
    expect(events.map((e) => e.type)).toEqual(['failed']);
    expect(events[0]).toMatchObject({ attempts: 1 });
    sandbox.setFaults({ credentialsRefused: false });
    expect(await jobs.retryFailed('all')).toEqual({ retried: [jobId], notFound: [] });
    await jobs.idle();
    await jobs.close();
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from keyword_data where keyword = 'bookmark' and platform = 'amazon'`,
    );
    expect(row?.n).toBe(1);
  });
});
