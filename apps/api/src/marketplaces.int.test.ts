import {
  createCollectionDeps,
  createInProcessRunner,
  createSecretBox,
  parseKeyring,
  seedDemo,
} from '@digitallz/core';
import { createTestCache } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { randomIp, signUpUser, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
const fast = { perSecond: 10_000, burst: 10_000 };
const encryptionKeys = `k1:${Buffer.alloc(32, 9).toString('base64')}`;
const ads = {
  adsClientId: 'amzn1.application-oa2-client.seller-own',
  adsAccessToken: 'Atza|seller-own-access-token-0001',
  adsProfileId: '3141592653',
  adsAsin: 'B0SELLER01',
};
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf, keywords: 3_000 });
});
afterAll(() => sandbox.close());

describe.each(testDbKinds())('connected marketplaces on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let owner: TestUser;
  let other: TestUser;
  const calls: string[] = [];

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 200 });
    const cache = createTestCache('memory');
    // The platform has no Amazon Ads account of its own: bids come only from a seller's.
    const collection = createCollectionDeps({
      db: database.db,
      // Every marketplace answer passes through the archive: it tells which calls were made.
      archive: {
        put: async (payload) => {
          calls.push(payload.url);
          return payload.url;
        },
        putMany: async (payloads) => {
          calls.push(...payloads.map((p) => p.url));
          return 'batch';
        },
      },
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: {
        amazon: { baseUrl: sandbox.url, credentials: { spApiAccessToken: 'platform-sp-token' } },
      },
      source: 'sandbox',
      secrets: createSecretBox(parseKeyring(encryptionKeys)),
    });
    const jobs = createInProcessRunner({
      deps: { db: database.db, cache, clock: () => asOf, collection },
    });
    app = await buildApp({ database, cache, jobs, accounts: { encryptionKeys } });
    owner = await signUpUser(app);
    other = await signUpUser(app);
  });
  afterAll(async () => {
    await app.close();
    await app.deps.jobs.close();
    await app.deps.cache.close();
    await database.close();
  });

  const call = (user: TestUser, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

  it('checks the credentials each platform needs and stores nothing invalid', async () => {
    const missing = await call(owner, 'PUT', '/api/v1/account/marketplaces/ebay', {
      ebayClientId: 'only-the-id',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(missing.json().error.message).toContain('ebayClientSecret');
    const stray = await call(owner, 'PUT', '/api/v1/account/marketplaces/etsy', {
      etsyApiKey: 'a-long-enough-key',
      password: 'x',
    });
    expect(stray.statusCode).toBe(400);
    const partialAds = await call(owner, 'PUT', '/api/v1/account/marketplaces/amazon', {
      adsClientId: ads.adsClientId,
    });
    expect(partialAds.statusCode).toBe(400);
    expect(
      (await call(owner, 'PUT', '/api/v1/account/marketplaces/shopify', { key: 'k' })).statusCode,
    ).toBe(400);
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from marketplace_connections`,
    );
    expect(n).toBe(0);
  });

  it('stores credentials sealed, shows them never again, and only to their owner', async () => {
    const saved = await call(owner, 'PUT', '/api/v1/account/marketplaces/amazon', ads);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      platform: 'amazon',
      fields: ['adsAccessToken', 'adsAsin', 'adsClientId', 'adsProfileId'],
      hint: '…0001',
      lastUsedAt: null,
    });
    expect(saved.body).not.toContain(ads.adsClientId);
    const [row] = await queryRows<{ credentials: string }>(
      database.db,
      sql`select credentials from marketplace_connections where user_id = ${owner.userId}::uuid`,
    );
    expect(row?.credentials).toMatch(/^v1\.k1\./);
    for (const value of Object.values(ads)) expect(row?.credentials).not.toContain(value);

    const listed = await call(owner, 'GET', '/api/v1/account/marketplaces');
    expect(listed.json().data.map((c: { platform: string }) => c.platform)).toEqual(['amazon']);
    expect(listed.body).not.toContain(ads.adsAccessToken);
    expect((await call(other, 'GET', '/api/v1/account/marketplaces')).json().data).toEqual([]);
    expect((await call(other, 'DELETE', '/api/v1/account/marketplaces/amazon')).statusCode).toBe(
      404,
    );

    const exported = await call(owner, 'GET', '/api/v1/account/export');
    expect(exported.json().marketplaces).toMatchObject([{ platform: 'amazon', hint: '…0001' }]);
    expect(exported.body).not.toContain(ads.adsAccessToken);
    const audit = (await call(owner, 'GET', '/api/v1/account/audit')).json().data;
    expect(audit.map((e: { action: string }) => e.action)).toContain('marketplace.connected');
  });

  it("refuses API keys: credentials are managed from the seller's own session", async () => {
    const key = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: 'script', scopes: ['keywords:read'] },
    });
    const answer = await app.inject({
      url: '/api/v1/account/marketplaces',
      headers: { 'x-api-key': key.json().key },
    });
    expect(answer.statusCode).toBeGreaterThanOrEqual(401);
    expect(answer.statusCode).toBeLessThanOrEqual(403);
  });

  it("uses the seller's own Amazon Ads account for the collections they start", async () => {
    const amazon = [...sandbox.market.records()].filter((k) => k.platform === 'amazon');
    const collect = async (user: TestUser | null, keyword: string) => {
      const search = await app.inject({
        url: `/api/v1/keywords/search?q=${encodeURIComponent(keyword)}&platform=amazon`,
        headers: user?.headers ?? {},
      });
      const id = search.json().collection?.id;
      expect(id, search.body).toBeTruthy();
      let status = search.json().collection;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !['done', 'failed'].includes(status.status)) {
        await new Promise((r) => setTimeout(r, 200));
        // Each poll from its own address: visitors' per-address API limit is not under test here.
        status = (
          await app.inject({ url: `/api/v1/collections/${id}`, remoteAddress: randomIp() })
        ).json();
      }
      expect(status.status, JSON.stringify(status)).toBe('done');
      return calls.splice(0).filter((url) => url.includes('/sp/targets/bid/recommendations'));
    };
    // Visitors and sellers without a connection: the platform has no Ads account, so no bids.
    expect(await collect(null, amazon.at(-1)?.keyword ?? '')).toEqual([]);
    expect(await collect(other, amazon.at(-2)?.keyword ?? '')).toEqual([]);
    // The connected seller: their Amazon Ads account is asked for suggested bids (the CPC).
    expect(await collect(owner, amazon.at(-3)?.keyword ?? '')).toHaveLength(1);
    const [used] = await queryRows<{ last_used_at: Date | null }>(
      database.db,
      sql`select last_used_at from marketplace_connections where user_id = ${owner.userId}::uuid`,
    );
    expect(used?.last_used_at).not.toBeNull();

    expect((await call(owner, 'DELETE', '/api/v1/account/marketplaces/amazon')).statusCode).toBe(
      204,
    );
    expect((await call(owner, 'GET', '/api/v1/account/marketplaces')).json().data).toEqual([]);
  }, 120_000);
});
